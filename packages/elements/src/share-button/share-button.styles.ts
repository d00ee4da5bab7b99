// SPDX-License-Identifier: MIT
import { css } from 'lit';

/** Styles of `<fedi-share-button>`; the dialog adopts its own. */
export const styles = css`
  :host {
    display: inline-block;
  }
  .primary {
    font-weight: 600;
  }
  .error {
    color: var(--_danger);
  }
`;
