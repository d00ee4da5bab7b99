// SPDX-License-Identifier: MIT
import { buttonsEn, type ButtonMessages } from './buttons-en.js';
import type { Catalogue } from './locale.js';

export type { ButtonMessages } from './buttons-en.js';

/** The follow and share buttons' catalogue. */
export const buttonsCatalogue: Catalogue<ButtonMessages> = {
  en: buttonsEn,
  others: { fr: () => import('./buttons-fr.js').then((m) => m.buttonsFr) },
};
