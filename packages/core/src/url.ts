// SPDX-License-Identifier: MIT

// Loopback hosts are the only ones allowed over plain http: the sandbox and tests live there.
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
// C0 controls, space and DEL: browsers strip them while parsing, which is how `java\tscript:` slips by.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0020\u007f]/g;

/** True for `localhost`, `127.x.x.x` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * The one gate for every URL that came from a server: returns a normalized `https:` URL (or `http:`
 * on a loopback host), or `undefined` for anything else (`javascript:`, `data:`, relative,
 * protocol-relative, credentials in the URL, garbage). With `{ link: true }`, for links the reader
 * may follow inside post text, `http:` is accepted on any host too: old sites still exist, and
 * following a link loads nothing into the page.
 */
export function safeUrl(input: unknown, options?: { readonly link?: boolean }): string | undefined {
  if (typeof input !== 'string' || input.length > 4096) return undefined;
  let url: URL;
  try {
    url = new URL(input.replace(CONTROL, ''));
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  const http = url.protocol === 'http:' && (options?.link || isLoopbackHost(url.hostname));
  if (url.protocol === 'https:' || http) {
    return url.href;
  }
  return undefined;
}
