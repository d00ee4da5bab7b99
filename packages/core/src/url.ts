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
 * protocol-relative, credentials in the URL, garbage).
 */
export function safeUrl(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 4096) return undefined;
  let url: URL;
  try {
    url = new URL(input.replace(CONTROL, ''));
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return url.href;
  }
  return undefined;
}
