// SPDX-License-Identifier: MIT
/**
 * The reads that take an account ref: its profile and its posts (what the photo gallery uses). Their
 * own module, so that a bundle's chunk for threads does not carry them.
 */
import { safeUrl, type Post, type PostPage, type Profile, type Ref } from '@fedikit/core';
import { clientBase, DID, list, valid } from './facets.js';
import type { BlueskyReadOptions } from './index.js';
import { count, fail, mapAuthor, mapPost } from './map.js';
import { createModerator, noUnauthenticated, withDecision } from './moderation.js';
import type { WireAuthorFeed, WirePostView, WireProfile } from './wire.js';
import { actorOf, limitOf, xrpc } from './xrpc.js';

/** An `app.bsky.actor.getProfile` answer → {@link Profile}. The bio is left empty (see README). */
export function mapProfile(a: WireProfile, client?: string): Profile {
  return {
    author: mapAuthor(a, client),
    bio: '',
    header: safeUrl(a?.banner),
    counts: {
      followers: count(a?.followersCount),
      following: count(a?.followsCount),
      posts: count(a?.postsCount),
    },
  };
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
  if (!valid(DID, data?.did))
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
