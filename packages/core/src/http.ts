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
}

/** A parsed JSON answer. */
export interface JsonResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly headers: Headers;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
const MAX_WAIT = 60_000;

/**
 * When the server says to come back, in ms from `now`, from `Retry-After` (seconds or HTTP date),
 * `X-RateLimit-Reset` (Mastodon: ISO 8601) or `RateLimit-Reset` (seconds, or epoch seconds as the
 * AT Protocol sends it). Clamped to [0, 60 s]; `undefined` when no header is readable.
 */
export function retryDelay(headers: Headers, now = Date.now()): number | undefined {
  const candidates: number[] = [];
  const after = headers.get('retry-after');
  if (after)
    candidates.push(/^\d+$/.test(after.trim()) ? Number(after) * 1000 : Date.parse(after) - now);
  const iso = headers.get('x-ratelimit-reset');
  if (iso) candidates.push(Date.parse(iso) - now);
  const reset = headers.get('ratelimit-reset');
  if (reset && /^\d+$/.test(reset.trim())) {
    const n = Number(reset);
    candidates.push(n > 1e9 ? n * 1000 - now : n * 1000);
  }
  const valid = candidates.filter(Number.isFinite);
  if (!valid.length) return undefined;
  return Math.min(MAX_WAIT, Math.max(0, Math.max(...valid)));
}

function fail(message: string, code: FediErrorCode, url: string, status?: number, cause?: unknown) {
  return new FediError(message, { code, url, status }, cause === undefined ? undefined : { cause });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      done();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function readCapped(
  res: Response,
  maxBytes: number,
  url: string,
  signal: AbortSignal,
): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes)
    throw fail(`Response larger than ${maxBytes} bytes`, 'TOO_LARGE', url, res.status);
  if (!res.body) return '';
  const reader = res.body.getReader();
  // The deadline and the caller's abort stop the read even when the `fetch` in use does not tie
  // the body to the signal (an injected fetch, a proxy): cancelling ends the pending read.
  const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  try {
    for (;;) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw fail(`Response larger than ${maxBytes} bytes`, 'TOO_LARGE', url, res.status);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return text + decoder.decode();
}

const LOGIN = /\/(login|sign_in|auth)\b|type=["']?password/i;

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
  if (!safeUrl(url))
    throw fail(`Refusing to fetch ${url}: only https (or http on loopback)`, 'INVALID_INPUT', url);
  const timeout = options.timeout ?? 10_000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const retries = Math.min(2, Math.max(0, options.retries ?? 2));
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const deadline = Date.now() + timeout;
  const timer = new AbortController();
  const timeoutId = setTimeout(
    () => timer.abort(new DOMException('Deadline', 'TimeoutError')),
    timeout,
  );
  const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
  try {
    for (let attempt = 0; ; attempt++) {
      let wait: number | undefined;
      let error: FediError;
      try {
        const res = await doFetch(url, {
          signal,
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          headers: { accept: 'application/json' },
        });
        const type = res.headers.get('content-type') ?? '';
        const body = await readCapped(res, maxBytes, url, signal);
        const isJson = /json/i.test(type);
        if (res.ok && isJson) {
          try {
            return { data: JSON.parse(body) as T, status: res.status, headers: res.headers };
          } catch (cause) {
            throw fail(
              'The server sent malformed JSON',
              'INVALID_RESPONSE',
              url,
              res.status,
              cause,
            );
          }
        }
        if (res.status === 401 || res.status === 403 || res.status === 422) {
          throw fail(
            'This server does not serve anonymous readers',
            'AUTH_REQUIRED',
            url,
            res.status,
          );
        }
        if (res.status === 404 || res.status === 410)
          throw fail('Not found', 'NOT_FOUND', url, res.status);
        if (res.ok) {
          // A login page where JSON was expected: the server wants a token (Pixelfed, locked-down instances).
          if (
            /html/i.test(type) &&
            (res.redirected || LOGIN.test(res.url) || LOGIN.test(body.slice(0, 65536)))
          ) {
            throw fail('This server asks readers to log in', 'AUTH_REQUIRED', url, res.status);
          }
          throw fail(
            `Expected JSON, got "${type || 'no content type'}"`,
            'INVALID_RESPONSE',
            url,
            res.status,
          );
        }
        error = fail(
          res.status === 429 ? 'Rate limited by the server' : `The server answered ${res.status}`,
          res.status === 429 ? 'RATE_LIMITED' : 'SERVER',
          url,
          res.status,
        );
        if (!RETRY_STATUS.has(res.status)) throw error;
        wait = retryDelay(res.headers);
      } catch (cause) {
        if (timer.signal.aborted)
          throw fail(`No answer within ${timeout} ms`, 'TIMEOUT', url, undefined, cause);
        if (options.signal?.aborted) throw fail('Aborted', 'ABORTED', url, undefined, cause);
        if (cause instanceof FediError) throw cause;
        error = fail('The server could not be reached', 'NETWORK', url, undefined, cause);
      }
      if (attempt >= retries) throw error;
      // Exponential backoff with jitter when the server gave no reset time.
      const delay = wait ?? 250 * 2 ** attempt + Math.random() * 250;
      if (Date.now() + delay >= deadline) throw error;
      await sleep(delay, signal).catch((cause: unknown) => {
        throw timer.signal.aborted
          ? fail(`No answer within ${timeout} ms`, 'TIMEOUT', url, undefined, cause)
          : fail('Aborted', 'ABORTED', url, undefined, cause);
      });
    }
  } finally {
    clearTimeout(timeoutId);
  }
}
