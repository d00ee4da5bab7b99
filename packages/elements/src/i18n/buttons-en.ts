// SPDX-License-Identifier: MIT
/** English strings of `<fedi-follow-button>` and `<fedi-share-button>`. */
export const buttonsEn = {
  follow: 'Follow',
  share: 'Share',
  shareOnBluesky: 'Share on Bluesky',
  dialogFollow: (name: string) => `Follow ${name} from your own account`,
  dialogShare: 'Share from your own account',
  /** `shown` is `n` as displayed (compact: "1.2K"); `n` picks the plural. */
  followers: (n: number, shown = String(n)) => `${shown} ${n === 1 ? 'follower' : 'followers'}`,
  showProfile: (host: string) => `Show profile from ${host}`,
  loadingProfile: 'Loading profile…',
  noAccount: 'This account was not found.',
  profileError: 'The profile could not be loaded.',
  retry: 'Try again',
};

/** The shape of the buttons' catalogue. */
export type ButtonMessages = typeof buttonsEn;
