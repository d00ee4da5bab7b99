// SPDX-License-Identifier: MIT
/**
 * English strings of the "from your own server" dialog. They travel in the dialog's own chunk, so a
 * page pays for them only when a reader opens it. The dialog's titles stay in the main catalogue.
 */
export const dialogEn = {
  dialogIntro:
    'Enter the server where you have an account. You will continue there; nothing is shared with this site.',
  homeLabel: 'Your server',
  homeHint: 'For example mastodon.social or @you@mastodon.social',
  remember: 'Remember my server on this device',
  go: 'Go to my server',
  cancel: 'Cancel',
  copyIntro: 'Or copy this address and paste it into the search box of your server:',
  copy: 'Copy link',
  copied: 'Copied',
  postAddress: 'Address to copy',
  badHome: "That doesn't look like a server.",
  noAnswer: "That server didn't answer.",
  noSuchServer: 'No such server, or it cannot be reached from this page.',
  remembered: 'Remembered servers',
  forget: 'Forget',
  opening: 'Looking up your server…',
};

/** The shape of a dialog catalogue. */
export type DialogMessages = typeof dialogEn;
