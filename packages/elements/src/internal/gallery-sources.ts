// SPDX-License-Identifier: MIT
// The gallery's readers, apart from the thread's (internal/providers.ts) so that a page with only a
// comment thread does not carry them.
import { FediError, type Protocol, type Provider } from '@fedikit/core';

/** The part of a provider `<fedi-photo-gallery>` uses. */
export type GallerySource = Pick<Provider, 'getAuthorPosts' | 'getPost' | 'getProfile'> &
  Pick<Partial<Provider>, 'getCollection'>;

const galleries = new Map<Protocol, Promise<GallerySource>>();

/**
 * The gallery reader for a protocol, loaded on first use as its own chunk. The Mastodon family reads
 * through `@fedikit/pixelfed` (as the proxy does): it finds accounts by WebFinger, which Mastodon and
 * Pixelfed both answer (Pixelfed has no `accounts/lookup`), and leaves replies out of a media page.
 */
export function loadGallerySource(protocol: Protocol): Promise<GallerySource> {
  let p = galleries.get(protocol);
  if (!p) {
    switch (protocol) {
      case 'mastodon':
      case 'pixelfed':
        p = import('./pixelfed.js').then(
          ({ fetchAuthorPosts, fetchCollection, fetchPost, fetchProfile }) => ({
            getAuthorPosts: fetchAuthorPosts,
            getPost: fetchPost,
            getProfile: fetchProfile,
            // Collections are Pixelfed's; `resolve()` makes no collection ref for Mastodon.
            getCollection: fetchCollection,
          }),
        );
        break;
      case 'bluesky':
        // The author feed with `posts_with_media` when `onlyMedia` is set.
        p = import('./bluesky-gallery.js').then(
          ({ fetchAuthorPosts, fetchPost, fetchProfile }) => ({
            getAuthorPosts: fetchAuthorPosts,
            getPost: fetchPost,
            getProfile: fetchProfile,
          }),
        );
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
