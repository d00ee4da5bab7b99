// SPDX-License-Identifier: MIT
/**
 * Defines `<fedi-share-button>`. Import this module (or load `cdn/fedi-share-button.js`) to use the tag;
 * importing the package's main entry defines nothing.
 * @packageDocumentation
 */
import { FediShareButton } from './share-button/share-button.js';
import { defineFediElement } from './internal/element-kit.js';

export { FediShareButton };

defineFediElement('fedi-share-button', FediShareButton);

declare global {
  interface HTMLElementTagNameMap {
    'fedi-share-button': FediShareButton;
  }
}
