// SPDX-License-Identifier: MIT
/**
 * Defines `<fedi-follow-button>`. Import this module (or load `cdn/fedi-follow-button.js`) to use the tag;
 * importing the package's main entry defines nothing.
 * @packageDocumentation
 */
import { FediFollowButton } from './follow-button/follow-button.js';
import { defineFediElement } from './internal/element-kit.js';

export { FediFollowButton };

defineFediElement('fedi-follow-button', FediFollowButton);

declare global {
  interface HTMLElementTagNameMap {
    'fedi-follow-button': FediFollowButton;
  }
}
