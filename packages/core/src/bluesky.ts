// SPDX-License-Identifier: MIT
// Bluesky's fixed addresses and its share intent, apart from resolve(): the share button needs only
// these, and its bundle then leaves reference resolution out.

/** The public Bluesky web client, where Bluesky profiles and posts are linked. */
export const BSKY_APP = 'https://bsky.app';
/** Bluesky's public, cached AppView: where Bluesky content is read by default. */
export const BSKY_APPVIEW = 'https://public.api.bsky.app';

/**
 * Bluesky's compose intent for `text` on `client` (default bsky.app), cut to its 300-grapheme limit
 * (user-perceived characters). Bluesky has no other intent: reply, like and follow link to the post
 * or profile.
 */
export function blueskyShareUrl(text: string, client = BSKY_APP): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)];
  const cut =
    graphemes.length > 300
      ? graphemes
          .slice(0, 299)
          .map((g) => g.segment)
          .join('') + '…'
      : text;
  return `${client.replace(/\/+$/, '')}/intent/compose?text=${encodeURIComponent(cut)}`;
}
