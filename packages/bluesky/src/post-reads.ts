// SPDX-License-Identifier: MIT
/**
 * The reads that take a post ref: the thread, the post alone, and who liked or reposted it. Their own
 * module, which both the thread's and the gallery's chunks of a bundle use (the gallery reads single
 * posts), so that those share it without the account reads.
 */
import type { Facepile, FacepileOptions, Post, Ref, Thread } from '@fedikit/core';
import { clientBase, list } from './facets.js';
import type { BlueskyReadOptions, BlueskyThreadOptions } from './index.js';
import { depthOf, mapAuthor, mapThread } from './map.js';
import { noUnauthenticated } from './moderation.js';
import type { WireLikes, WireProfile, WireThreadResponse } from './wire.js';
import { limitOf, postUri, xrpc } from './xrpc.js';

/** Largest thread answer accepted: a deep, busy thread is a few MB. */
const THREAD_BYTES = 5 * 1024 * 1024;

/**
 * `app.bsky.feed.getPostThread` for a post ref: `depth` levels of replies, no parents, mapped with
 * `maxDepth`.
 */
async function readThread(
  ref: Ref,
  options: BlueskyThreadOptions,
  depth: number,
  maxDepth: number,
  maxBytes?: number,
): Promise<Thread> {
  const data = await xrpc<WireThreadResponse>(
    'app.bsky.feed.getPostThread',
    { uri: postUri(ref), depth: String(depth), parentHeight: '0' },
    options,
    maxBytes,
  );
  return mapThread(data, { ...options, maxDepth });
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
  const maxDepth = depthOf(options.maxDepth);
  return readThread(ref, options, Math.min(1000, maxDepth + 1), maxDepth, THREAD_BYTES);
}

/** One post (`getPostThread` with `depth=0`), moderated as a thread root is. */
export async function fetchPost(ref: Ref, options: BlueskyReadOptions = {}): Promise<Post> {
  return (await readThread(ref, options, 0, 0)).root;
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
