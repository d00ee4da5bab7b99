// SPDX-License-Identifier: MIT
import { css } from 'lit';

/**
 * Default `--fedi-*` tokens. Every element reads these; a site overrides them on the element or any
 * ancestor. Colours follow `color-scheme` (light/dark) through `light-dark()`.
 */
export const tokens = css`
  :host {
    color-scheme: light dark;
    --_text: var(--fedi-color-text, light-dark(#1f2328, #e6e8eb));
    --_muted: var(--fedi-color-muted, light-dark(#57606a, #a2a9b3));
    --_bg: var(--fedi-color-background, light-dark(#ffffff, #16181c));
    --_surface: var(--fedi-color-surface, light-dark(#f6f8fa, #22252b));
    --_border: var(--fedi-color-border, light-dark(#d0d7de, #3a3f47));
    --_accent: var(--fedi-color-accent, light-dark(#5a3fd1, #a995ff));
    --_on-accent: var(--fedi-color-on-accent, light-dark(#ffffff, #16181c));
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
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
