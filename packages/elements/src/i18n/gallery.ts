// SPDX-License-Identifier: MIT
import { galleryEn, type GalleryMessages } from './gallery-en.js';
import type { Catalogue } from './locale.js';

export type { GalleryMessages } from './gallery-en.js';

/** The photo gallery's catalogue (its own module, so other elements' bundles leave it out). */
export const galleryCatalogue: Catalogue<GalleryMessages> = {
  en: galleryEn,
  others: { fr: () => import('./gallery-fr.js').then((m) => m.galleryFr) },
};
