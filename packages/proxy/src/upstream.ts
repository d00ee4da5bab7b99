// SPDX-License-Identifier: MIT
// The one way the handler reaches an upstream server: allow-list and address checks on every hop,
// at most two redirects, the token only for its own host, no cookies either way, and the rate-limit
// reset remembered so the proxy waits as the server asked. Web APIs only (edge runtimes run it).
import { FediError } from '@fedikit/core';
import {
  isIpLiteral,
  isPrivateAddress,
  privateAllowed,
  type PrivateAddressOptIn,
} from './address.js';

/** What one reader's request learned upstream (the handler reports it). */
export interface UpstreamState {
  /** Seconds the upstream asked to wait (429), if it did. */
  retryAfter?: number;
}

/** Settings shared by every upstream request of a handler. */
export interface UpstreamOptions {
  readonly fetch: typeof fetch;
  /** May the request (or a redirect hop) go to this URL? Scheme and address are checked apart. */
  readonly allowed: (url: URL) => boolean;
  /** Host (lower case, with port when not the default) → bearer token. */
  readonly tokens: ReadonlyMap<string, string>;
  readonly allowPrivateAddresses: PrivateAddressOptIn;
  readonly maxRedirects: number;
  /** Host → epoch ms until which it asked not to be called (shared by all requests). */
  readonly resets: Map<string, number>;
  /** Add the token of the host (API reads), or never (media). */
  readonly withTokens: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Refusals are `INVALID_INPUT` FediErrors: `fetchJson` passes a FediError on without retrying. */
function refuse(message: string, url?: string): FediError {
  return new FediError(message, { code: 'INVALID_INPUT', url });
}

/**
 * Seconds from `Retry-After` (seconds or HTTP date), `X-RateLimit-Reset` (ISO 8601, Mastodon) or
 * `RateLimit-Reset` (seconds, or epoch seconds as the AT Protocol sends it), clamped to [1, 3600].
 * Unlike core's `retryDelay` this keeps a long reset long: the reader's client should hear it.
 */
export function resetSeconds(headers: Headers, now = Date.now()): number | undefined {
  const after = headers.get('retry-after')?.trim();
  const iso = headers.get('x-ratelimit-reset');
  const reset = headers.get('ratelimit-reset')?.trim();
  const ms = [
    after && (/^\d+$/.test(after) ? +after * 1000 : Date.parse(after) - now),
    iso && Date.parse(iso) - now,
    reset && /^\d+$/.test(reset) && +reset * 1000 - (+reset > 1e9 ? now : 0),
  ].filter(Number.isFinite) as number[];
  return ms.length ? Math.min(3600, Math.max(1, Math.ceil(Math.max(...ms) / 1000))) : undefined;
}

/** Checks a URL before any byte goes to it: scheme, allow-list, literal private addresses. */
export function checkUrl(url: URL, o: Pick<UpstreamOptions, 'allowed' | 'allowPrivateAddresses'>) {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refuse(`Refusing ${url.protocol} URLs: only http and https`);
  if (url.username || url.password) throw refuse('Refusing a URL with credentials');
  const allowPrivate = privateAllowed(url, o.allowPrivateAddresses);
  if (!allowPrivate && (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')))
    throw refuse('Refusing a private address', url.origin);
  if (!allowPrivate && isIpLiteral(url.hostname) && isPrivateAddress(url.hostname))
    throw refuse('Refusing a private address', url.origin);
  if (!o.allowed(url)) throw refuse(`${url.host} is not on this proxy's allow-list`, url.origin);
}

/**
 * A `fetch` for the providers of one reader's request. Every hop is checked by {@link checkUrl};
 * the configured `fetch` (on Node the guarded one, which also checks every address DNS returns) is
 * called with `redirect: 'manual'` so that redirects are followed here, re-validated, at most
 * `maxRedirects` times.
 */
export function upstreamFetch(o: UpstreamOptions, state: UpstreamState): typeof fetch {
  return async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    for (let hop = 0; ; hop++) {
      checkUrl(url, o);
      const until = o.resets.get(url.host) ?? 0;
      if (until > Date.now()) {
        // The server asked us to wait: answer for it instead of calling it again.
        state.retryAfter = Math.ceil((until - Date.now()) / 1000);
        return new Response(null, {
          status: 429,
          headers: { 'retry-after': String(state.retryAfter) },
        });
      }
      const headers = new Headers(init?.headers);
      // Nothing of the reader's reaches upstream, and only this host's own token does.
      for (const name of ['cookie', 'authorization', 'referer']) headers.delete(name);
      const token = o.withTokens ? o.tokens.get(url.host.toLowerCase()) : undefined;
      if (token) headers.set('authorization', `Bearer ${token}`);
      const res = await o.fetch(url.href, {
        method: 'GET',
        headers,
        signal: init?.signal,
        redirect: 'manual',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
      if (res.status === 429) {
        state.retryAfter = resetSeconds(res.headers) ?? 60;
        if (o.resets.size > 1000) o.resets.clear();
        o.resets.set(url.host, Date.now() + state.retryAfter * 1000);
      }
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || !location) return mark(res, url, hop > 0);
      void res.body?.cancel().catch(() => undefined);
      if (hop >= o.maxRedirects) throw refuse(`More than ${o.maxRedirects} redirects`, url.origin);
      try {
        url = new URL(location, url);
      } catch {
        throw refuse('A redirect to an invalid URL', url.origin);
      }
    }
  };
}

/** Makes `res.url` and `res.redirected` tell the truth (core reads them to spot login pages). */
function mark(res: Response, url: URL, redirected: boolean): Response {
  Object.defineProperty(res, 'url', { value: url.href });
  Object.defineProperty(res, 'redirected', { value: redirected });
  return res;
}
