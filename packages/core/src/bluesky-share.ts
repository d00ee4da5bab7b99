// SPDX-License-Identifier: MIT
// Bluesky's share intent, in its own module: only the share button uses it, so it stays in that
// element's bundle.
import { BSKY_APP } from './bluesky.js';

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
