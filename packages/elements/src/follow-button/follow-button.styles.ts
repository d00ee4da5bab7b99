// SPDX-License-Identifier: MIT
import { css } from 'lit';

/**
 * Styles of `<fedi-follow-button>`; the dialog adopts its own. Logical
 * properties throughout.
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
  .profile {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
  }
  [part='avatar'] {
    inline-size: var(--fedi-avatar-size, 3rem);
    block-size: var(--fedi-avatar-size, 3rem);
    border-radius: 20%;
    background: var(--_surface);
  }
  .who {
    display: flex;
    flex-direction: column;
  }
  .name {
    font-weight: 600;
    color: inherit;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .emoji {
    block-size: 1.2em;
    vertical-align: middle;
  }
  .error {
    color: var(--_danger);
  }
`;
