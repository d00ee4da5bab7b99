// SPDX-License-Identifier: MIT
import type { CustomEmoji } from './model.js';

/** Turns untrusted server HTML into a safe `DocumentFragment`. Obtain one with {@link loadSanitizer}. */
export type Sanitizer = (html: string, emojis?: readonly CustomEmoji[]) => DocumentFragment;

/** Rel forced on every link that leaves the page. */
export const LINK_REL = 'noopener noreferrer nofollow ugc';
/** Longest HTML accepted; longer content is cut before sanitizing (bounded work per post). */
export const MAX_HTML = 100_000;

let loading: Promise<Sanitizer> | undefined;

/**
 * Loads the sanitizer (a separate chunk, fetched only when a post actually carries HTML), configured
 * with Mastodon's allowlist. It uses the browser's HTML Sanitizer API where there is one, and
 * DOMPurify (a further chunk) elsewhere; the output follows the same rules either way. Links get `rel="noopener noreferrer nofollow ugc"`,
 * `target="_blank"`, only http(s) hrefs survive, classes are kept only from Mastodon's list, and
 * `:shortcode:` emoji become images built in code.
 */
export function loadSanitizer(): Promise<Sanitizer> {
  loading ??= import('./sanitize-engines.js').then((m) => m.createSanitizer());
  return loading;
}
