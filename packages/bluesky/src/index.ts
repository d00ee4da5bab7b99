// SPDX-License-Identifier: MIT
/**
 * `@fedikit/bluesky`: public, anonymous reads of Bluesky posts, threads and profiles from an AT
 * Protocol AppView, through core's hardened HTTP layer (one request per read, no custom headers, so
 * no CORS preflight), mapped to the core model with Bluesky's logged-out moderation applied. No
 * atproto package runs: `@atproto/api` is used for its types only.
 * @packageDocumentation
 */
import { type Provider, type ReadOptions, type ThreadSort, withDefaults } from '@fedikit/core';
import { fetchAuthorPosts, fetchProfile } from './account-reads.js';
import type { ModerationOptions } from './moderation.js';
import { fetchFacepile, fetchPost, fetchThread } from './post-reads.js';

export { facetsToSegments } from './facets.js';
export { mapProfile } from './account-reads.js';
export {
  DEFAULT_MAX_DEPTH,
  mapAuthor,
  mapPost,
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
export { fetchAuthorPosts, fetchFacepile, fetchPost, fetchProfile, fetchThread };
export type * from './wire.js';

export { DEFAULT_APPVIEW } from './xrpc.js';

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
