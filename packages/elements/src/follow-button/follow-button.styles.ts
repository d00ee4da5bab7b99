// SPDX-License-Identifier: MIT
import { css } from '../styles/css.js';

/**
 * Styles of `<fedi-follow-button>`; the dialog adopts its own, and so does the profile view
 * (`show-profile`, in ./profile.ts). Logical properties throughout.
 */
export const styles = css`
  :host {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
  }
  .primary {
    font-weight: 600;
  }
`;
