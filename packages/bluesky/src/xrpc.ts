// SPDX-License-Identifier: MIT
/**
 * What every read of this package shares: checking the ref it is given, and the one GET to an
 * AppView through core's `fetchJson`. Its own module, so that a bundle's chunks for the thread and
 * for the gallery's reads share it without taking each other's reads.
 */
import { BSKY_APPVIEW, fetchJson, type Ref } from '@fedikit/core';
import { DID, HANDLE } from './facets.js';
import type { BlueskyReadOptions } from './index.js';
import { fail } from './map.js';

/** Bluesky's public, cached AppView for logged-out reads. */
export const DEFAULT_APPVIEW = BSKY_APPVIEW;

const RKEY = /^[A-Za-z0-9._:~-]{1,512}$/;

/** The account (DID or handle) a ref names; with `post`, a post ref is required. Else INVALID_INPUT. */
export function actorOf(ref: Ref, post?: boolean): string {
  const actor = ref.acct ?? '';
  if (
    ref.protocol !== 'bluesky' ||
    !(DID.test(actor) || HANDLE.test(actor)) ||
    (post && (ref.kind !== 'post' || !RKEY.test(ref.id ?? '')))
  )
    throw fail(`Expected a Bluesky ${post ? 'post' : 'account'} reference`, 'INVALID_INPUT');
  return actor;
}

/** The `at://` URI of the post a ref names, or INVALID_INPUT. */
export const postUri = (ref: Ref) => `at://${actorOf(ref, true)}/app.bsky.feed.post/${ref.id!}`;

/** A page size: `limit` (else `fallback`) as a whole number from 1 to 100. */
export const limitOf = (limit: number | undefined, fallback: number) =>
  Math.min(100, Math.max(1, Math.floor(limit ?? fallback) || fallback));

/** XRPC errors that mean "no such post or account", which AppViews send as 400. */
const GONE = ['NotFound', 'AccountTakedown', 'AccountDeactivated', 'ActorNotFound'];

/**
 * Wraps `fetch` so that an XRPC "not found" answered as `400 {"error":"NotFound"}` (or
 * `InvalidRequest` with "… not found") reaches core's `fetchJson` as a 404. Reads at most 16 KB of
 * such a body; any other answer passes through untouched.
 */
function xrpcFetch(inner?: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await (inner ?? globalThis.fetch)(input, init);
    if (res.status !== 400 || !/json/i.test(res.headers.get('content-type') ?? '')) return res;
    const reader = res.body?.getReader();
    const signal = init?.signal;
    const stop = () => void reader?.cancel().catch(() => undefined);
    signal?.addEventListener('abort', stop);
    let text = '';
    try {
      const decoder = new TextDecoder();
      for (let size = 0; reader && size < 16384;) {
        const { done, value } = await reader.read();
        signal?.throwIfAborted();
        if (done) break;
        size += value.byteLength;
        text += decoder.decode(value, { stream: true });
      }
      if (reader) stop();
    } finally {
      signal?.removeEventListener('abort', stop);
    }
    let error: unknown;
    let message: unknown;
    try {
      ({ error, message } = JSON.parse(text) as { error?: unknown; message?: unknown });
    } catch {
      // Not JSON, or cut: an ordinary 400.
    }
    const gone =
      GONE.includes(error as string) ||
      (error === 'InvalidRequest' && typeof message === 'string' && /not found/i.test(message));
    return new Response(text, {
      status: gone ? 404 : 400,
      headers: { 'content-type': 'application/json' },
    });
  };
}

/** GET `{appview}/xrpc/{method}?{params}` through core's `fetchJson`. */
export async function xrpc<T>(
  method: string,
  params: Record<string, string>,
  o: BlueskyReadOptions,
  maxBytes?: number,
): Promise<T> {
  const appview = (o.appview ?? DEFAULT_APPVIEW).replace(/\/+$/, '');
  const url = `${appview}/xrpc/${method}?${new URLSearchParams(params)}`;
  const res = await fetchJson<T>(url, {
    signal: o.signal,
    timeout: o.timeout,
    fetch: xrpcFetch(o.fetch),
    maxBytes,
    fresh: o.fresh,
  });
  return res.data;
}
