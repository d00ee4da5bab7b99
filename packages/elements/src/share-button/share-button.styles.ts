// SPDX-License-Identifier: MIT
import { css } from '../styles/css.js';

/** Styles of `<fedi-share-button>`; the dialog adopts its own. */
export const styles = css`
  :host {
    display: inline-block;
  }
  .primary {
    font-weight: 600;
  }
`;
