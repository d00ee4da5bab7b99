// SPDX-License-Identifier: MIT
/**
 * English strings of the follow button's profile (`show-profile`). They travel in the profile's own
 * chunk, so a button without `show-profile` never downloads them.
 */
export const profileEn = {
  /** `shown` is `n` as displayed (compact: "1.2K"); `n` picks the plural. */
  followers: (n: number, shown = String(n)) => `${shown} ${n === 1 ? 'follower' : 'followers'}`,
  loadingProfile: 'Loading profile…',
  noAccount: 'This account was not found.',
  profileError: 'The profile could not be loaded.',
  retry: 'Try again',
};

/** The shape of the profile's catalogue. */
export type ProfileMessages = typeof profileEn;
