// SPDX-License-Identifier: MIT
// What the gallery's grid and its lazily loaded lightbox (lightbox.ts) both draw: a post's photos and
// the blurhash canvas that holds a photo's place.
import type { Media, Post } from '@fedikit/core';
import { html, nothing } from 'lit';

/** One tile: a post and which of its photos it shows. */
export interface Tile {
  /** The post's index in the gallery's `posts`. */
  readonly post: number;
  /** The photo's index in the post's {@link photos}. */
  readonly media: number;
}

/**
 * A post's photos: media with a preview to show (images, and the stills of GIFs and videos, which
 * the lightbox shows as stills too: the post's link plays them on their server).
 */
export const photos = (p: Post): Media[] => p.media.filter((x) => x.previewUrl);

/**
 * The blurhash canvas, at a tiny size with the photo's own proportions (so a hidden photo takes
 * the same room as the real one). `under`: the photo lies on top of it.
 */
export function placeholder(x: Media, under: boolean) {
  const w = 32;
  const h =
    x.width && x.height ? Math.max(1, Math.min(128, Math.round((w * x.height) / x.width))) : w;
  return html`<canvas
    class=${under ? 'under' : ''}
    width=${w}
    height=${h}
    data-hash=${x.blurhash ?? nothing}
    aria-hidden="true"
  ></canvas>`;
}
