// SPDX-License-Identifier: MIT
import { css } from './css.js';

/**
 * Styles of the "from your own server" dialog, shared by every element that opens it; adopted by the
 * dialog's own (lazily loaded) code.
 */
export const dialogStyles = css`
  dialog {
    max-inline-size: min(32rem, 92vw);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
  }
  dialog label,
  dialog input {
    display: block;
    margin-block: 0.25em;
  }
  dialog input:not([type]) {
    box-sizing: border-box;
    inline-size: 100%;
    font: inherit;
    padding: 0.4em;
  }
  dialog input[type] {
    display: inline;
  }
  dialog small {
    color: var(--_muted);
  }
  dialog .error {
    color: var(--_danger);
  }
  dialog .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .homes {
    padding-inline-start: 1.2em;
  }
`;
