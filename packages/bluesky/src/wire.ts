// SPDX-License-Identifier: MIT
/**
 * The JSON an AppView sends, as far as Fedikit reads it. Every field is optional and
 * `unknown`-typed where a hostile AppView could send anything: the mappers check. `@atproto/api`'s
 * own types (`AppBskyFeedDefs.ThreadViewPost`, ...) are assignable to these (checked in the tests,
 * by `import type` only: no atproto code runs).
 */

/** `com.atproto.label.defs#label`. */
export interface WireLabel {
  src?: unknown;
  uri?: unknown;
  val?: unknown;
  neg?: unknown;
}

/** `app.bsky.actor.defs#profileViewBasic` / `#profileViewDetailed`. */
export interface WireProfile {
  did?: unknown;
  handle?: unknown;
  displayName?: unknown;
  description?: unknown;
  avatar?: unknown;
  banner?: unknown;
  labels?: unknown;
  followersCount?: unknown;
  followsCount?: unknown;
  postsCount?: unknown;
}

/** `app.bsky.feed.defs#postView`. */
export interface WirePostView {
  $type?: unknown;
  uri?: unknown;
  cid?: unknown;
  author?: WireProfile;
  /** The `app.bsky.feed.post` record: `text`, `facets`, `langs`, `createdAt`, `reply`, ... */
  record?: unknown;
  /** An embed view: `app.bsky.embed.images#view`, `#video#view`, `external#view`, ... */
  embed?: unknown;
  replyCount?: unknown;
  repostCount?: unknown;
  likeCount?: unknown;
  indexedAt?: unknown;
  labels?: unknown;
  threadgate?: unknown;
}

/**
 * `app.bsky.feed.defs#threadViewPost` (or, in `replies`, `#notFoundPost`, `#blockedPost` and
 * whatever a newer AppView adds).
 */
export interface WireThreadViewPost {
  $type?: unknown;
  /** `#blockedPost` and `#notFoundPost`: the post's URI. */
  uri?: unknown;
  post?: WirePostView;
  parent?: unknown;
  replies?: unknown;
  threadContext?: unknown;
}

/** The output of `app.bsky.feed.getPostThread`. */
export interface WireThreadResponse {
  thread?: unknown;
  threadgate?: unknown;
}

/** The output of `app.bsky.feed.getAuthorFeed`. */
export interface WireAuthorFeed {
  cursor?: unknown;
  feed?: unknown;
}

/** The output of `app.bsky.feed.getLikes` (`likes`) or `app.bsky.feed.getRepostedBy` (`repostedBy`). */
export interface WireLikes {
  cursor?: unknown;
  /** `app.bsky.feed.getLikes#like`: `{ actor, createdAt, indexedAt }`. */
  likes?: unknown;
  /** `app.bsky.actor.defs#profileView`s. */
  repostedBy?: unknown;
}
