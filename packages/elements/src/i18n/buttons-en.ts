// SPDX-License-Identifier: MIT
/** English strings of `<fedi-follow-button>` and `<fedi-share-button>`. */
export const buttonsEn = {
  follow: 'Follow',
  share: 'Share',
  shareOnBluesky: 'Share on Bluesky',
  dialogFollow: (name: string) => `Follow ${name} from your own account`,
  dialogShare: 'Share from your own account',
  showProfile: (host: string) => `Show profile from ${host}`,
};

/** The shape of the buttons' catalogue. */
export type ButtonMessages = typeof buttonsEn;
