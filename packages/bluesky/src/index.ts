// SPDX-License-Identifier: MIT
/**
 * `@fedikit/bluesky`: public, anonymous reads of Bluesky posts, threads and profiles from an AT
 * Protocol AppView, through core's hardened HTTP layer (one request per read, no custom headers, so
 * no CORS preflight), mapped to the core model with Bluesky's logged-out moderation applied. No
 * atproto package runs: `@atproto/api` is used for its types only.
 * @packageDocumentation
 */
import {
  fetchJson,
  type Facepile,
  type FacepileOptions,
  type Post,
  type PostPage,
  type Profile,
  type Provider,
  type ReadOptions,
  type Ref,
  type Thread,
  type ThreadSort,
  withDefaults,
} from '@fedikit/core';
import { clientBase, DID, HANDLE, list } from './facets.js';
import { depthOf, fail, mapAuthor, mapPost, mapProfile, mapThread } from './map.js';
import {
  createModerator,
  noUnauthenticated,
  withDecision,
  type ModerationOptions,
} from './moderation.js';
import type {
  WireAuthorFeed,
  WireLikes,
  WirePostView,
  WireProfile,
  WireThreadResponse,
} from './wire.js';

export { facetsToSegments } from './facets.js';
export {
  mapAuthor,
  mapPost,
  mapProfile,
  mapThread,
  MAX_TEXT,
  type MapThreadOptions,
} from './map.js';
export {
  createModerator,
  LABEL_SPOILERS,
  type ModerationDecision,
  type ModerationOptions,
  type Moderator,
} from './moderation.js';
export type * from './wire.js';

/** Bluesky's public, cached AppView for logged-out reads. */
export const DEFAULT_APPVIEW = 'https://public.api.bsky.app';

/** Options of every Bluesky read. */
export interface BlueskyReadOptions extends ReadOptions {
  /** AppView to read from. Default {@link DEFAULT_APPVIEW}. */
  readonly appview?: string;
  /** Bluesky web client that posts, profiles, mentions and tags link to. Default `https://bsky.app`. */
  readonly client?: string;
  /** A `fetch` to use instead of the global one. */
  readonly fetch?: typeof fetch;
  /** What to show; Bluesky's logged-out rules always apply. */
  readonly moderation?: ModerationOptions;
}

/** Options of {@link fetchThread}. */
export interface BlueskyThreadOptions extends BlueskyReadOptions {
  readonly sort?: ThreadSort;
  /** Reply levels to read below the root (at most 1000). Default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number;
  /** Keep only replies the root's author liked (free: the AppView says so in the thread). */
  readonly favouritesOnly?: boolean;
}

const RKEY = /^[A-Za-z0-9._:~-]{1,512}$/;
/** Largest thread answer accepted: a deep, busy thread is a few MB. */
const THREAD_BYTES = 5 * 1024 * 1024;

/** The account (DID or handle) a ref names; with `post`, a post ref is required. Else INVALID_INPUT. */
function actorOf(ref: Ref, post?: boolean): string {
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
const postUri = (ref: Ref) => `at://${actorOf(ref, true)}/app.bsky.feed.post/${ref.id!}`;

/** A page size: `limit` (else `fallback`) as a whole number from 1 to 100. */
const limitOf = (limit: number | undefined, fallback: number) =>
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
async function xrpc<T>(
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
  });
  return res.data;
}

/**
 * A post and its public replies as a tree, in one request: `app.bsky.feed.getPostThread` with
 * `depth` = `maxDepth + 1` (so a cut is seen and marked, `truncated: 'depth'`) and no parents.
 * A handle in the ref is sent as it is (the AppView accepts handles in `at://` URIs); no other
 * resolver is called. Moderation for logged-out readers is applied (see {@link mapThread} and
 * {@link createModerator}). Throws a `FediError`: `NOT_FOUND` (404, or the AppView's
 * `400 {"error":"NotFound"}`), `AUTH_REQUIRED` (the author keeps the post from logged-out readers),
 * `INVALID_INPUT`, and the HTTP layer's codes.
 *
 * @example
 * const thread = await fetchThread(resolve('https://bsky.app/profile/alice.example/post/3kabc'));
 */
export async function fetchThread(ref: Ref, options: BlueskyThreadOptions = {}): Promise<Thread> {
  const uri = postUri(ref);
  const depth = Math.min(1000, depthOf(options.maxDepth) + 1);
  const data = await xrpc<WireThreadResponse>(
    'app.bsky.feed.getPostThread',
    { uri, depth: String(depth), parentHeight: '0' },
    options,
    THREAD_BYTES,
  );
  // `mapThread` takes `maxDepth` as this read does (`depthOf`).
  return mapThread(data, options);
}

/** One post (`getPostThread` with `depth=0`), moderated as a thread root is. */
export async function fetchPost(ref: Ref, options: BlueskyReadOptions = {}): Promise<Post> {
  const uri = postUri(ref);
  const data = await xrpc<WireThreadResponse>(
    'app.bsky.feed.getPostThread',
    { uri, depth: '0', parentHeight: '0' },
    options,
  );
  return mapThread(data, { ...options, maxDepth: 0 }).root;
}

/**
 * A public profile (`app.bsky.actor.getProfile`). `bio` is left empty: `Profile.bio` is HTML for the
 * sanitizer, and Bluesky's description is plain text. Throws `AUTH_REQUIRED` for an account that
 * keeps itself from logged-out readers (`!no-unauthenticated`).
 */
export async function fetchProfile(ref: Ref, options: BlueskyReadOptions = {}): Promise<Profile> {
  const data = await xrpc<WireProfile>(
    'app.bsky.actor.getProfile',
    { actor: actorOf(ref) },
    options,
  );
  if (typeof data?.did !== 'string' || !DID.test(data.did))
    throw fail('The AppView sent a profile without a DID', 'INVALID_RESPONSE');
  if (noUnauthenticated(data))
    throw fail('This account is only shown to signed-in readers', 'AUTH_REQUIRED');
  return mapProfile(data, options.client);
}

/**
 * An account's own posts, newest first, without reposts (`app.bsky.feed.getAuthorFeed`, filter
 * `posts_with_media` with `onlyMedia`, else `posts_no_replies`). Page with `maxId` = the previous
 * page's `next` (the AppView's cursor). Moderated like replies are, except the owner's filters.
 */
export async function fetchAuthorPosts(
  ref: Ref,
  options: BlueskyReadOptions & {
    readonly onlyMedia?: boolean;
    readonly maxId?: string;
    readonly limit?: number;
  } = {},
): Promise<PostPage> {
  const params: Record<string, string> = {
    actor: actorOf(ref),
    filter: options.onlyMedia ? 'posts_with_media' : 'posts_no_replies',
    limit: String(limitOf(options.limit, 20)),
  };
  if (options.maxId) params['cursor'] = options.maxId;
  const data = await xrpc<WireAuthorFeed>('app.bsky.feed.getAuthorFeed', params, options);
  const feed = list(data?.feed, 100);
  const moderate = createModerator({ adult: options.moderation?.adult });
  const client = clientBase(options.client);
  const posts: Post[] = [];
  for (const item of feed as { post?: WirePostView; reason?: unknown }[]) {
    // A repost is someone else's post; a pinned post comes again in its place in time.
    if (!item || item.reason !== undefined) continue;
    const post = mapPost(item.post, client, undefined, moderate);
    if (!post) continue;
    const decision = moderate(item.post!, post, true);
    if (!decision.drop) posts.push(withDecision(post, decision));
  }
  const cursor = data?.cursor;
  return typeof cursor === 'string' && cursor && cursor.length <= 1000 && feed.length
    ? { posts, next: cursor }
    : { posts };
}

/**
 * Who liked (`app.bsky.feed.getLikes`) or reposted (`app.bsky.feed.getRepostedBy`) a post, in one
 * request: the first `limit` accounts (default 10, at most 100), newest first, without those that
 * keep themselves from logged-out readers (`!no-unauthenticated`) or have no valid DID. How many
 * there are in all is the post's `counts`. Throws like {@link fetchThread}.
 *
 * @example
 * const { authors } = await fetchFacepile(resolve(thread.root.uri), { kind: 'likes', limit: 8 });
 */
export async function fetchFacepile(
  ref: Ref,
  options: BlueskyReadOptions & Omit<FacepileOptions, 'appview'> = {},
): Promise<Facepile> {
  const likes = options.kind !== 'reposts';
  const limit = limitOf(options.limit, 10);
  const data = await xrpc<WireLikes>(
    likes ? 'app.bsky.feed.getLikes' : 'app.bsky.feed.getRepostedBy',
    { uri: postUri(ref), limit: String(limit) },
    options,
  );
  const items = likes ? data?.likes : data?.repostedBy;
  const actors = list(items, limit).map((item) =>
    likes ? (item as { actor?: WireProfile } | null)?.actor : (item as WireProfile | null),
  );
  const client = clientBase(options.client);
  return {
    authors: actors
      .filter((a): a is WireProfile => !!a && !noUnauthenticated(a))
      .map((a) => mapAuthor(a, client))
      .filter((a) => a.id),
  };
}

/** Options of {@link createBlueskyProvider}: defaults for every read. */
export interface BlueskyProviderOptions {
  readonly appview?: string;
  readonly client?: string;
  readonly fetch?: typeof fetch;
  /** Deadline per read in ms. Default 10 000. */
  readonly timeout?: number;
  readonly moderation?: ModerationOptions;
  /** Reply levels to read below a thread's root. Default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number;
}

/**
 * The Bluesky provider as one object implementing core's `Provider`. Each method is also exported on
 * its own (`fetchThread`, ...), so a bundle takes only what it uses.
 *
 * @example
 * const bluesky = createBlueskyProvider({ moderation: { hideEmpty: true } });
 * const thread = await bluesky.getThread(resolve('at://did:plc:abc/app.bsky.feed.post/3kabc'));
 */
export function createBlueskyProvider(options: BlueskyProviderOptions = {}): Provider {
  const o = <T extends ReadOptions>(read?: T) => withDefaults(options, read);
  return {
    protocol: 'bluesky',
    getPost: (ref, read) => fetchPost(ref, o(read)),
    getThread: (ref, read) => fetchThread(ref, o(read)),
    getProfile: (ref, read) => fetchProfile(ref, o(read)),
    getAuthorPosts: (ref, read) => fetchAuthorPosts(ref, o(read)),
    getFacepile: (ref, read) => fetchFacepile(ref, o(read)),
  };
}
