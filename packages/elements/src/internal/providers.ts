// SPDX-License-Identifier: MIT
import { FediError, type Protocol, type Provider } from '@fedikit/core';

/** The part of a provider the elements use. */
export type ThreadSource = Pick<Provider, 'getThread'>;

const cache = new Map<Protocol, Promise<ThreadSource>>();

/**
 * The thread reader for a protocol, loaded on first use as its own chunk: a page that shows only Mastodon
 * never downloads another protocol's code.
 */
export function loadProvider(protocol: Protocol): Promise<ThreadSource> {
  let p = cache.get(protocol);
  if (!p) {
    // Destructured, so the bundler keeps only what the elements use from the provider's chunk.
    if (protocol === 'mastodon') {
      p = import('@fedikit/mastodon').then(({ fetchThread }) => ({ getThread: fetchThread }));
    } else if (protocol === 'bluesky') {
      p = import('@fedikit/bluesky').then(({ fetchThread }) => ({ getThread: fetchThread }));
    } else {
      return Promise.reject(
        new FediError(`No provider for ${protocol} yet`, { code: 'INVALID_INPUT' }),
      );
    }
    cache.set(protocol, p);
  }
  return p;
}

/** The part of a provider `<fedi-photo-gallery>` uses. */
export type GallerySource = Pick<Provider, 'getAuthorPosts' | 'getPost' | 'getProfile'> &
  Pick<Partial<Provider>, 'getCollection'>;

const galleries = new Map<Protocol, Promise<GallerySource>>();

/**
 * The gallery reader for a protocol, loaded on first use as its own chunk (shared with the thread
 * reader of the same protocol). One case per protocol.
 */
export function loadGallerySource(protocol: Protocol): Promise<GallerySource> {
  let p = galleries.get(protocol);
  if (!p) {
    switch (protocol) {
      case 'mastodon':
        p = import('@fedikit/mastodon').then(({ fetchAuthorPosts, fetchPost, fetchProfile }) => ({
          getAuthorPosts: fetchAuthorPosts,
          getPost: fetchPost,
          getProfile: fetchProfile,
        }));
        break;
      case 'bluesky':
        // The author feed with `posts_with_media` when `onlyMedia` is set.
        p = import('@fedikit/bluesky').then(({ fetchAuthorPosts, fetchPost, fetchProfile }) => ({
          getAuthorPosts: fetchAuthorPosts,
          getPost: fetchPost,
          getProfile: fetchProfile,
        }));
        break;
      default:
        return Promise.reject(
          new FediError(`No gallery reader for ${protocol} yet`, { code: 'INVALID_INPUT' }),
        );
    }
    galleries.set(protocol, p);
  }
  return p;
}
