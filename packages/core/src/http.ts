// SPDX-License-Identifier: MIT
import { FediError, type FediErrorCode } from './errors.js';
import { safeUrl } from './url.js';

/** Options for {@link fetchJson}. */
export interface FetchJsonOptions {
  /** Aborts the request (and any wait before a retry). */
  readonly signal?: AbortSignal;
  /** Total deadline in milliseconds for the whole read, retries included. Default 10 000. */
  readonly timeout?: number;
  /** Largest body accepted, in bytes. Default 2 MiB. */
  readonly maxBytes?: number;
  /** Retries on 429/502/503/504 and network errors, at most 2. Default 2. */
  readonly retries?: number;
  /** A `fetch` to use instead of the global one (tests, proxies). */
  readonly fetch?: typeof fetch;
  /**
   * Ask the server rather than take an answer the browser cached (`cache: 'no-cache'`: a
   * conditional request, no CORS preflight). For reading again on purpose, such as "Check for new
   * replies".
   */
  readonly fresh?: boolean;
}

/** A parsed JSON answer. */
export interface JsonResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly headers: Headers;
}

const DIGITS = /^\d+$/;
const LOGIN = /\/(login|sign_in|auth)\b|type=["']?password/i;

/**
 * When the server says to come back, in ms from `now`, from `Retry-After` (seconds or HTTP date),
 * `X-RateLimit-Reset` (Mastodon: ISO 8601) or `RateLimit-Reset` (seconds, or epoch seconds as the
 * AT Protocol sends it). Clamped to [0, 60 s]; `undefined` when no header is readable.
 */
export function retryDelay(headers: Headers, now = Date.now()): number | undefined {
  const after = headers.get('retry-after');
  const iso = headers.get('x-ratelimit-reset');
  const reset = headers.get('ratelimit-reset')?.trim();
  // A missing or unreadable header gives null, '', false or NaN: all dropped by the filter.
  const valid = [
    after && (DIGITS.test(after.trim()) ? +after * 1000 : Date.parse(after) - now),
    iso && Date.parse(iso) - now,
    reset && DIGITS.test(reset) && +reset * 1000 - (+reset > 1e9 ? now : 0),
  ].filter(Number.isFinite) as number[];
  return valid.length ? Math.min(60_000, Math.max(0, ...valid)) : undefined;
}

/**
 * Reads public JSON from a server that may be slow, broken or hostile: one total deadline, a byte cap,
 * a JSON content-type check, no cookies, no referrer, bounded retries that honour rate-limit headers.
 * Throws {@link FediError}; a refusal to serve anonymous readers (401/403/422, a login page) is
 * `AUTH_REQUIRED`.
 */
export async function fetchJson<T = unknown>(
  url: string,
  options: FetchJsonOptions = {},
): Promise<JsonResponse<T>> {
  const fail = (message: string, code: FediErrorCode, status?: number, cause?: unknown) =>
    new FediError(message, { code, url, status }, { cause });
  if (!safeUrl(url))
    throw fail(`Refusing to fetch ${url}: only https (or http on loopback)`, 'INVALID_INPUT');
  const timeout = options.timeout ?? 10_000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const retries = Math.min(2, Math.max(0, options.retries ?? 2));
  const deadline = Date.now() + timeout;
  // Aborts with a `TimeoutError` at the deadline; its timer does not keep a Node process alive.
  const timer = AbortSignal.timeout(timeout);
  const signal = options.signal ? AbortSignal.any([options.signal, timer]) : timer;
  // `signal` aborted: the deadline passed (TIMEOUT) or the caller aborted (ABORTED).
  const stopped = (cause: unknown) =>
    timer.aborted
      ? fail(`No answer within ${timeout} ms`, 'TIMEOUT', undefined, cause)
      : fail('Aborted', 'ABORTED', undefined, cause);
  for (let attempt = 0; ; attempt++) {
    let wait: number | undefined;
    let error: FediError;
    try {
      // The global `fetch` is looked up at call time (tests and polyfills replace it).
      const res = await (options.fetch ?? fetch)(url, {
        signal,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        headers: { accept: 'application/json' },
        ...(options.fresh ? { cache: 'no-cache' as const } : {}),
      });
      const { status, ok, headers } = res;
      const type = headers.get('content-type') ?? '';
      // The body, read chunk by chunk so that more than `maxBytes` is never held.
      const tooLarge = () => fail(`Response larger than ${maxBytes} bytes`, 'TOO_LARGE', status);
      if (Number(headers.get('content-length')) > maxBytes) throw tooLarge();
      const reader = res.body?.getReader();
      let body = '';
      if (reader) {
        // The deadline and the caller's abort stop the read even when the `fetch` in use does not
        // tie the body to the signal (an injected fetch, a proxy): cancelling ends the pending read.
        const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
        signal.addEventListener('abort', onAbort);
        const decoder = new TextDecoder();
        let size = 0;
        try {
          // Aborted already: the listener will never run. Later aborts end the pending read.
          signal.throwIfAborted();
          for (;;) {
            const { done, value } = await reader.read();
            signal.throwIfAborted();
            if (done) break;
            if ((size += value.byteLength) > maxBytes) {
              void reader.cancel().catch(() => undefined);
              throw tooLarge();
            }
            body += decoder.decode(value, { stream: true });
          }
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
        body += decoder.decode();
      }
      if (ok && /json/i.test(type)) {
        try {
          return { data: JSON.parse(body) as T, status, headers };
        } catch (cause) {
          throw fail('The server sent malformed JSON', 'INVALID_RESPONSE', status, cause);
        }
      }
      if (
        status === 401 ||
        status === 403 ||
        status === 422 ||
        // A login page where JSON was expected: the server wants a token (Pixelfed, locked-down
        // instances).
        (ok &&
          /html/i.test(type) &&
          (res.redirected || LOGIN.test(res.url) || LOGIN.test(body.slice(0, 65536))))
      )
        throw fail('This server does not serve anonymous readers', 'AUTH_REQUIRED', status);
      if (status === 404 || status === 410) throw fail('Not found', 'NOT_FOUND', status);
      if (ok)
        throw fail(`Expected JSON, got "${type || 'no content type'}"`, 'INVALID_RESPONSE', status);
      error = fail(
        `The server answered ${status}`,
        status === 429 ? 'RATE_LIMITED' : 'SERVER',
        status,
      );
      // Only 429, 502, 503 and 504 are worth another try.
      if (status !== 429 && (status < 502 || status > 504)) throw error;
      wait = retryDelay(headers);
    } catch (cause) {
      if (signal.aborted) throw stopped(cause);
      if (cause instanceof FediError) throw cause;
      error = fail('The server could not be reached', 'NETWORK', undefined, cause);
    }
    if (attempt >= retries) throw error;
    // Exponential backoff with jitter when the server gave no reset time.
    const delay = wait ?? 250 * 2 ** attempt + Math.random() * 250;
    if (Date.now() + delay >= deadline) throw error;
    // Wait, unless the deadline passes or the caller aborts first: `pause` aborts at the first of
    // the three. An aborted signal fires no more events, hence the check before waiting.
    const pause = AbortSignal.any([signal, AbortSignal.timeout(delay)]);
    if (!pause.aborted) await new Promise((done) => (pause.onabort = done));
    if (signal.aborted) throw stopped(signal.reason);
  }
}
