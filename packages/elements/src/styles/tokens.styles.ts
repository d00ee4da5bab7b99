// SPDX-License-Identifier: MIT
import { css } from './css.js';

/**
 * Default `--fedi-*` tokens. Every element reads these; a site overrides them on the element or any
 * ancestor. Colours follow `color-scheme` (light/dark) through `light-dark()`; muted, surface and border
 * are mixed from text and background, so a site that sets those two gets a coherent palette.
 */
export const tokens = css`
  :host {
    color-scheme: light dark;
    --_text: var(--fedi-color-text, light-dark(#1f2328, #e6e8eb));
    --_bg: var(--fedi-color-background, light-dark(#fff, #16181c));
    --_accent: var(--fedi-color-accent, light-dark(#5a3fd1, #b3a4ff));
    --_muted: var(--fedi-color-muted, color-mix(in srgb, var(--_text) 72%, var(--_bg)));
    --_surface: var(--fedi-color-surface, color-mix(in srgb, var(--_text) 6%, var(--_bg)));
    --_border: var(--fedi-color-border, color-mix(in srgb, var(--_text) 25%, var(--_bg)));
    --_danger: var(--fedi-color-danger, light-dark(#b3261e, #ffb4ab));
    --_radius: var(--fedi-radius, 0.5rem);
    --_gap: var(--fedi-gap, 0.75rem);
    display: block;
    font-family: var(--fedi-font-family, inherit);
    font-size: var(--fedi-font-size, 1rem);
    line-height: var(--fedi-line-height, 1.5);
    color: var(--_text);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  .visually-hidden {
    position: absolute;
    clip-path: inset(50%);
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
  }
  .btn {
    border: 1px solid var(--_border);
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: 0.3em 0.8em;
  }
  .link {
    border: 0;
    background: none;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
  }
  .primary {
    background: var(--_accent);
    color: var(--_bg);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
