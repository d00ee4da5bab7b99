// SPDX-License-Identifier: MIT
/** English strings of `<fedi-photo-gallery>`. */
export const galleryEn = {
  photos: 'Photos',
  loadFrom: (host: string) =>
    `The photos are on ${host}. Nothing is loaded from there until you ask.`,
  load: 'Show photos',
  loading: 'Loading photos…',
  empty: 'No photos yet.',
  /** Why loading failed, by `FediError` code. */
  error: {
    INVALID_INPUT: 'This gallery is not set up correctly (unknown account or post address).',
    NOT_FOUND: 'The account or post was not found.',
    AUTH_REQUIRED: 'This server shows its photos only to signed-in users.',
    RATE_LIMITED: 'The server is busy. Please try again in a minute.',
    NETWORK: 'The server could not be reached.',
    TIMEOUT: 'The server took too long to answer.',
    TOO_LARGE: 'The server sent more data than allowed.',
    INVALID_RESPONSE: 'The server sent an answer that could not be read.',
    SERVER: 'The server had a problem.',
    ABORTED: 'Loading was cancelled.',
  },
  /**
   * For the site owner, after `AUTH_REQUIRED`. The project has no website: the guide is named by its
   * place in Fedikit's sources and package.
   */
  authHelp:
    'Site owner: this server needs a token. Serve the gallery through the Fedikit proxy (see docs/proxy.md in Fedikit).',
  authHelpProxy:
    'Site owner: this server needs a token. Add a read-only token for it to the Fedikit proxy’s configuration (see docs/proxy.md in Fedikit).',
  retry: 'Try again',
  viewOriginal: 'View on its server',
  loadMore: 'Load more photos',
  loadingMore: 'Loading more photos…',
  sensitive: 'Sensitive',
  /** The button on a hidden sensitive photo. */
  showSensitive: (warning: string) => `Sensitive photo${warning ? `: ${warning}` : ''}. Show it`,
  showAll: 'Show all sensitive photos',
  hideAll: 'Hide sensitive photos',
  noAlt: 'Photo without a description',
  /** The photo count of an album on its first photo. */
  album: (n: number) => `album of ${n} photos`,
  photoOf: (i: number, n: number) => `Photo ${i} of ${n}`,
  previous: 'Previous photo',
  next: 'Next photo',
  close: 'Close',
  description: 'Description',
  license: 'License',
  viewPost: (host: string) => `View the post on ${host}`,
  followers: (n: number, shown = String(n)) => `${shown} ${n === 1 ? 'follower' : 'followers'}`,
};

/** The shape of the gallery's catalogue. */
export type GalleryMessages = typeof galleryEn;
