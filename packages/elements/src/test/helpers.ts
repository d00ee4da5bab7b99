// SPDX-License-Identifier: MIT
// Test helpers for the elements: post builders, an in-memory provider, shadow-DOM queries.
import type { Author, Post, Provider, Ref, Thread, ThreadOptions } from '@fedikit/core';
import { buildThread } from '@fedikit/core';

let seq = 0;

/** An author with sensible defaults. */
export function author(over: Partial<Author> = {}): Author {
  return {
    id: 'a1',
    name: 'Alice',
    handle: 'alice@example.social',
    url: 'https://example.social/@alice',
    avatar: 'https://example.social/a.png',
    avatarStatic: 'https://example.social/a.png',
    emojis: [],
    bot: false,
    noindex: false,
    ...over,
  };
}

/** A post with sensible defaults; ids are unique unless given. */
export function post(over: Partial<Post> = {}): Post {
  const id = over.id ?? `p${++seq}`;
  return {
    protocol: 'mastodon',
    id,
    uri: `https://example.social/users/alice/statuses/${id}`,
    url: `https://example.social/@alice/${id}`,
    author: author(),
    content: `<p>Post ${id}</p>`,
    format: 'html',
    spoiler: '',
    sensitive: false,
    media: [],
    emojis: [],
    lang: 'en',
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq % 60)),
    visibility: 'public',
    counts: { replies: 0, reposts: 0, likes: 0 },
    ...over,
  };
}

/** A provider serving a fixed root and replies, recording its calls. */
export function memoryProvider(root: Post, replies: Post[], extra: Partial<Thread> = {}) {
  const calls: { ref: Ref; options?: ThreadOptions }[] = [];
  const provider: Pick<Provider, 'getThread'> & { calls: typeof calls } = {
    calls,
    async getThread(ref, options) {
      calls.push({ ref, options });
      return { ...buildThread(root, replies, { sort: options?.sort }), ...extra };
    },
  };
  return provider as unknown as Provider & { calls: typeof calls };
}

/** Elements matching `selector` in an element's shadow root. */
export function $$(el: Element, selector: string): HTMLElement[] {
  return [...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
}

/** Waits until `predicate` holds, polling every frame, or fails after `ms`. */
export async function until(predicate: () => boolean, message: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`Timed out: ${message}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** Calls to `window.open` while `fn` runs; the real one is restored afterwards. */
export async function withOpenStub(fn: (opened: string[]) => Promise<void>): Promise<string[]> {
  const opened: string[] = [];
  const open = window.open;
  window.open = ((url: string) => {
    opened.push(url);
    return null;
  }) as typeof window.open;
  try {
    await fn(opened);
  } finally {
    window.open = open;
  }
  return opened;
}

/** Every resource the page requested since the last `performance.clearResourceTimings()`. */
export const resources = () => performance.getEntriesByType('resource').map((e) => e.name);
/** Those of {@link resources} on another origin than the test page. */
export const foreign = () => resources().filter((url) => new URL(url).origin !== location.origin);
/** Waits `ms` milliseconds. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
/** An element's dialog, if rendered. */
export const dialogOf = (el: Element) => $$(el, 'dialog')[0] as HTMLDialogElement | undefined;
/** The focused element inside an element's shadow root. */
export const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

/** A frame's window under {@link policyHead}: the policy's reports, and whether it is in force. */
export type PolicyFrame = Window & { __violations: string[]; __enforced: boolean };

/**
 * The start of a test page (an iframe's `srcdoc`) under a Content Security Policy: the policy as a
 * `<meta>` before any script runs, `window.__violations` collecting its reports, and
 * `window.__enforced`, an oracle that the policy is in force (an HTML string sink throws under
 * Trusted Types). `extra` runs at the end of that first script.
 */
export const policyHead = (csp: string, extra = '') => `<!doctype html>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<script>
  window.__violations = [];
  addEventListener('securitypolicyviolation', (e) => __violations.push(e.violatedDirective + ' ' + e.sample));
  // The oracle: the policy is in force, so an HTML string sink throws (and reports).
  try { document.createElement('div').innerHTML = '<b>oracle</b>'; window.__enforced = false; }
  catch { window.__enforced = true; }
  ${extra}
</script>`;

/** The reports of a frame under {@link policyHead}, the oracle's own left out. */
export const policyViolations = (win: PolicyFrame) =>
  win.__violations.filter((v) => !v.includes('oracle'));
