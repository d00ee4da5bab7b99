// SPDX-License-Identifier: MIT
import { FediIntentEvent, type FediIntentVerb } from '../events/intent.js';

/**
 * Sends the reader to `url`, unless a `fedi-intent` listener cancels: the one place where Fedikit
 * opens another site, always in a new tab with no opener and no referrer.
 */
// Kept out of the dialog's chunk: a link-out (Bluesky) must open within the reader's click, before
// any chunk loads, or popup blockers step in.
export function go(host: HTMLElement, verb: FediIntentVerb, url: string, object?: string): void {
  if (host.dispatchEvent(new FediIntentEvent(verb, url, object))) {
    window.open(url, '_blank', 'noopener,noreferrer');
  }
}

/**
 * Adds styles that arrive with lazily loaded code (the dialog, the follow button's profile) to an
 * element's shadow root, after those already there.
 */
export function addStyles(host: HTMLElement, sheet: CSSStyleSheet): void {
  const root = host.shadowRoot;
  if (root && !root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
