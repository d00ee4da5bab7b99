// SPDX-License-Identifier: MIT
// The gallery's readers, apart from the thread's (internal/providers.ts) so that a page with only a
// comment thread does not carry them.
import { FediError, type Protocol, type Provider } from '@fedikit/core';

/** The part of a provider `<fedi-photo-gallery>` uses. */
export type GallerySource = Pick<Provider, 'getAuthorPosts' | 'getPost' | 'getProfile'> &
  Pick<Partial<Provider>, 'getCollection'>;

const galleries = new Map<Protocol, Promise<GallerySource>>();

/** The functions a gallery reader module exports. */
interface ReaderModule {
  fetchAuthorPosts: GallerySource['getAuthorPosts'];
  fetchPost: GallerySource['getPost'];
  fetchProfile: GallerySource['getProfile'];
  fetchCollection?: GallerySource['getCollection'];
}

/** A reader module as a `GallerySource`. */
const asSource = (m: ReaderModule): GallerySource => ({
  getAuthorPosts: m.fetchAuthorPosts,
  getPost: m.fetchPost,
  getProfile: m.fetchProfile,
  getCollection: m.fetchCollection,
});

/**
 * The gallery reader for a protocol, loaded on first use as its own chunk. The Mastodon family reads
 * through `@fedikit/pixelfed` (as the proxy does): it finds accounts by WebFinger, which Mastodon and
 * Pixelfed both answer (Pixelfed has no `accounts/lookup`), and leaves replies out of a media page.
 * Collections are Pixelfed's (`resolve()` makes no collection ref for Mastodon); Bluesky has none. The
 * Bluesky reader reads the author feed with `posts_with_media` when `onlyMedia` is set.
 */
export function loadGallerySource(protocol: Protocol): Promise<GallerySource> {
  let p = galleries.get(protocol);
  if (!p) {
    if (protocol === 'bluesky') {
      p = import('./bluesky-gallery.js').then(asSource);
    } else if (protocol === 'mastodon' || protocol === 'pixelfed') {
      p = import('./pixelfed.js').then(asSource);
    } else {
      return Promise.reject(
        new FediError(`No gallery reader for ${protocol} yet`, { code: 'INVALID_INPUT' }),
      );
    }
    galleries.set(protocol, p);
  }
  return p;
}
