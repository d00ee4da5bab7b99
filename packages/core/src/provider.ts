// SPDX-License-Identifier: MIT
import type { Facepile, Post, Profile, Protocol, Ref, Thread } from './model.js';
import type { ThreadSort } from './thread.js';

/** Options for provider reads. */
export interface ReadOptions {
  readonly signal?: AbortSignal;
  /** Deadline per request in ms (default 10 000). */
  readonly timeout?: number;
  /** Ask the servers again rather than take answers the browser cached (see `fetchJson`). */
  readonly fresh?: boolean;
}

/** Options for {@link Provider.getThread}. */
export interface ThreadOptions extends ReadOptions {
  readonly sort?: ThreadSort;
  /** Keep only replies the root's author favourited (costs one request per reply on Mastodon). */
  readonly favouritesOnly?: boolean;
  /** AT Protocol: the AppView to read from (default `BSKY_APPVIEW`). Ignored by other protocols. */
  readonly appview?: string;
  /** The site owner's filters, applied by the providers that support them (Bluesky today). */
  readonly moderation?: OwnerFilters;
}

/** The site owner's filters on replies. */
export interface OwnerFilters {
  /** Adult-labelled posts: dropped (`hide`, the default) or shown behind a warning (`warn`). */
  readonly adult?: 'hide' | 'warn';
  /** Drop replies containing one of these words (case-insensitive). */
  readonly muteWords?: readonly string[];
  /** Drop replies by these accounts (handles or DIDs). */
  readonly muteUsers?: readonly string[];
  /** Drop replies with fewer likes. */
  readonly minLikes?: number;
  /** Drop replies that are only emoji or a pin, without media. */
  readonly hideEmpty?: boolean;
}

/** Options for the paged reads ({@link Provider.getAuthorPosts}, {@link Provider.getCollection}). */
export interface PageOptions extends ReadOptions {
  /** Only posts with media (galleries). */
  readonly onlyMedia?: boolean;
  /** The `next` of the previous page. */
  readonly maxId?: string;
  /** Posts per page (the server may cap it). */
  readonly limit?: number;
}

/** One page of an author's posts. */
export interface PostPage {
  readonly posts: Post[];
  /** Pass as `maxId` to get the next page; absent on the last page. */
  readonly next?: string;
}

/** Options for {@link Provider.getFacepile}. */
export interface FacepileOptions extends ReadOptions {
  /** Who to list: accounts that liked the post (default) or reposted (boosted) it. */
  readonly kind?: 'likes' | 'reposts';
  /** At most this many accounts (the server may cap it). Default 10. */
  readonly limit?: number;
  /** AT Protocol: the AppView to read from. Ignored by other protocols. */
  readonly appview?: string;
}

/**
 * What every protocol provider implements. Elements talk to providers only through this interface,
 * and load a provider only when a page needs its protocol.
 */
export interface Provider {
  readonly protocol: Protocol;
  /** One post. */
  getPost(ref: Ref, options?: ReadOptions): Promise<Post>;
  /** A post and its public replies as a tree. */
  getThread(ref: Ref, options?: ThreadOptions): Promise<Thread>;
  /** A public profile, looked up on the account's home server. */
  getProfile(ref: Ref, options?: ReadOptions): Promise<Profile>;
  /** An account's public posts, newest first. */
  getAuthorPosts(ref: Ref, options?: PageOptions): Promise<PostPage>;
  /** The posts of a curated collection (`ref.kind === 'collection'`), for protocols that have them. */
  getCollection?(ref: Ref, options?: PageOptions): Promise<PostPage>;
  /** Who liked or reposted a post (`ref.kind === 'post'`), for protocols that list them: one request. */
  getFacepile?(ref: Ref, options?: FacepileOptions): Promise<Facepile>;
}

/**
 * A provider's own options (`fetch`, default deadline, AppView, ...) under the options of one read:
 * the read's win, except those it leaves unset (absent or `undefined`), which keep the provider's.
 * What every `create…Provider()` passes to its `fetch…` functions.
 */
export function withDefaults<D extends ReadOptions, R extends ReadOptions>(
  defaults: D,
  read?: R,
): D & R {
  const merged: Record<string, unknown> = { ...(defaults as object) };
  for (const [key, value] of Object.entries(read ?? {}))
    if (value !== undefined) merged[key] = value;
  return merged as D & R;
}
