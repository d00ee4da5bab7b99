// SPDX-License-Identifier: MIT
import { css } from 'lit';

/**
 * Styles of `<fedi-photo-gallery>`. Logical properties throughout, so RTL pages just work. Images
 * keep their `width`/`height` attributes' ratio before they load, so nothing shifts. The album badge
 * (`.album::before`) is two stacked squares: drawn, not a glyph, so no font is needed. (Comments stay
 * out of the template itself: the CDN build's CSS minifier keeps them.)
 */
export const styles = css`
  a {
    color: var(--_accent);
  }
  .box,
  dialog {
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .box {
    margin-block: var(--_gap);
    background: var(--_surface);
  }
  [role='alert'] p:first-child {
    color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
  }
  header,
  .bar,
  nav {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    margin-block: var(--_gap);
  }
  header img {
    inline-size: var(--fedi-avatar-size, 3.5rem);
    block-size: var(--fedi-avatar-size, 3.5rem);
    border-radius: 20%;
  }
  .who {
    display: flex;
    flex-direction: column;
    flex: 1;
  }
  .who b {
    font-size: 1.15em;
  }
  .bio {
    flex-basis: 100%;
    overflow-wrap: anywhere;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    gap: var(--fedi-gallery-gap, 0.5rem);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(var(--_cols, var(--fedi-gallery-columns, 3)), minmax(0, 1fr));
  }
  .masonry {
    columns: var(--_cols, var(--fedi-gallery-columns, 3));
  }
  .masonry li {
    break-inside: avoid;
    margin-block-end: var(--fedi-gallery-gap, 0.5rem);
  }
  .carousel {
    display: flex;
    overflow-x: auto;
    scroll-snap-type: inline mandatory;
    overscroll-behavior-inline: contain;
  }
  .carousel li {
    flex: none;
    scroll-snap-align: start;
  }
  .tile {
    position: relative;
    display: block;
    inline-size: 100%;
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_surface);
  }
  .tile img,
  .tile canvas {
    position: relative;
    display: block;
    inline-size: 100%;
    block-size: auto;
  }
  .tile .under {
    position: absolute;
    inset: 0;
    block-size: 100%;
  }
  .grid .tile img,
  .grid .tile canvas {
    aspect-ratio: 1;
    object-fit: cover;
  }
  .carousel .tile img,
  .carousel .tile canvas {
    inline-size: auto;
    block-size: var(--fedi-gallery-height, 16rem);
  }
  .badge {
    position: absolute;
    inset-block-start: 0.4em;
    inset-inline-end: 0.4em;
    padding: 0.1em 0.5em;
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font-size: 0.85em;
  }
  .album::before {
    content: '';
    display: block;
    inline-size: 0.7em;
    block-size: 0.7em;
    margin: 0.25em 0.1em 0.1em 0.25em;
    border: 2px solid;
    box-shadow:
      -0.25em 0.25em 0 -2px var(--_bg),
      -0.25em 0.25em 0 0 currentColor;
  }
  .emoji {
    block-size: 1.2em;
    vertical-align: middle;
  }
  .invisible {
    display: none;
  }
  .ellipsis::after {
    content: '…';
  }
  .rich {
    white-space: pre-wrap;
  }
  .hidden .badge {
    inset: auto 0.4em 0.4em;
  }
  .more {
    display: block;
    margin: var(--_gap) auto;
  }
  dialog {
    max-inline-size: min(64rem, 100vw - 2rem);
    max-block-size: calc(100vh - 2rem);
    background: var(--_bg);
    color: var(--_text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.8);
  }
  figure {
    margin: 0;
    touch-action: pan-y;
  }
  figure img,
  figure canvas {
    display: block;
    margin-inline: auto;
    max-inline-size: 100%;
    max-block-size: 70vh;
    inline-size: auto;
    block-size: auto;
    object-fit: contain;
    animation: fade 0.2s;
  }
  @keyframes fade {
    from {
      opacity: 0;
    }
  }
  figcaption {
    overflow-wrap: anywhere;
  }
  nav button[aria-current] {
    background: var(--_accent);
    color: var(--_bg);
  }
  .close {
    float: inline-end;
  }
`;
