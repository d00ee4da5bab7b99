// SPDX-License-Identifier: MIT
/**
 * Defines `<fedi-photo-gallery>` (and `<fedi-follow-button>`, which its header uses). Import this
 * module (or load `cdn/fedi-photo-gallery.js`) to use the tag; importing the package's main entry
 * defines nothing.
 * @packageDocumentation
 */
// The header's follow button.
import './fedi-follow-button.js';
import { defineFediElement } from './internal/fedi-element.js';
import { FediPhotoGallery } from './photo-gallery/photo-gallery.js';

export { FediPhotoGallery };

defineFediElement('fedi-photo-gallery', FediPhotoGallery);

declare global {
  interface HTMLElementTagNameMap {
    'fedi-photo-gallery': FediPhotoGallery;
  }
}
