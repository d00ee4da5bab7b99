// SPDX-License-Identifier: MIT
import { dialogEn, type DialogMessages } from './dialog-en.js';
import type { Catalogue } from './locale.js';

export type { DialogMessages } from './dialog-en.js';

/**
 * The "from your own server" dialog's catalogue, loaded with the dialog's code (English for unknown
 * languages).
 */
export const dialogCatalogue: Catalogue<DialogMessages> = {
  en: dialogEn,
  others: { fr: () => import('./dialog-fr.js').then((m) => m.dialogFr) },
};
