// SPDX-License-Identifier: MIT
/**
 * `@fedikit/mastodon`: public, anonymous reads from any Mastodon-API server (Mastodon and its forks),
 * through core's hardened HTTP layer, mapped to the core model.
 * @packageDocumentation
 */
import { type Provider, type ReadOptions, withDefaults } from '@fedikit/core';
import { fetchAuthorPosts, fetchProfile } from './account.js';
import { fetchFacepile, fetchPost, fetchThread } from './statuses.js';

export { fetchAuthorPosts, fetchProfile } from './account.js';
export { count, mapAuthor, mapProfile, mapStatus } from './map.js';
export { ANONYMOUS_CONTEXT_LIMIT, fetchFacepile, fetchPost, fetchThread } from './statuses.js';
export type { WireAccount, WireContext, WireEmoji, WireMedia, WireStatus } from './wire.js';

/** Options for {@link createMastodonProvider}. */
export interface MastodonProviderOptions {
  /** A `fetch` to use instead of the global one. */
  readonly fetch?: typeof fetch;
  /** Deadline per read in ms. Default 10 000. */
  readonly timeout?: number;
}

/**
 * The Mastodon provider as one object implementing core's `Provider`. Each method is also exported
 * on its own (`fetchThread`, ...), so a bundle takes only what it uses.
 *
 * @example
 * const mastodon = createMastodonProvider({ timeout: 5000 });
 * const thread = await mastodon.getThread(resolve('https://mastodon.social/@Gargron/1'));
 */
export function createMastodonProvider(options: MastodonProviderOptions = {}): Provider {
  const o = <T extends ReadOptions>(read?: T) => withDefaults(options, read);
  return {
    protocol: 'mastodon',
    getPost: (ref, read) => fetchPost(ref, o(read)),
    getThread: (ref, read) => fetchThread(ref, o(read)),
    getProfile: (ref, read) => fetchProfile(ref, o(read)),
    getAuthorPosts: (ref, read) => fetchAuthorPosts(ref, o(read)),
    getFacepile: (ref, read) => fetchFacepile(ref, o(read)),
  };
}
