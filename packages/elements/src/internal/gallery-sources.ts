// SPDX-License-Identifier: MIT
// The gallery's readers, apart from the thread's (internal/providers.ts) so that a page with only a
// comment thread does not carry them.
import { FediError, type Protocol, type Provider } from '@fedikit/core';

/** The part of a provider `<fedi-photo-gallery>` uses. */
export type GallerySource = Pick<Provider, 'getAuthorPosts' | 'getPost' | 'getProfile'> &
  Pick<Partial<Provider>, 'getCollection'>;

const galleries = new Map<Protocol, Promise<GallerySource>>();

/**
 * The gallery reader for a protocol, loaded on first use as its own chunk (shared with the thread
 * reader of the same protocol). One case per protocol: `pixelfed` joins as
 * `fetchAuthorPosts`, `fetchPost`, `fetchProfile` and `fetchCollection` of `@fedikit/pixelfed`.
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
