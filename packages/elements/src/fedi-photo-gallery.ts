// SPDX-License-Identifier: MIT
/**
 * Defines `<fedi-photo-gallery>`. Import this module (or load `cdn/fedi-photo-gallery.js`) to use
 * the tag; importing the package's main entry defines nothing. `<fedi-follow-button>`, which the
 * `show-profile` header uses, is loaded and defined when a header is shown.
 * @packageDocumentation
 */
import { defineFediElement } from './internal/element-kit.js';
import { FediPhotoGallery } from './photo-gallery/photo-gallery.js';

export { FediPhotoGallery };

defineFediElement('fedi-photo-gallery', FediPhotoGallery);

declare global {
  interface HTMLElementTagNameMap {
    'fedi-photo-gallery': FediPhotoGallery;
  }
}
