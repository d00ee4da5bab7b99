// SPDX-License-Identifier: MIT
import { embedsEn, type EmbedMessages } from './embeds-en.js';
import type { Catalogue } from './locale.js';

export type { EmbedMessages } from './embeds-en.js';

/** The comment thread's embeds and facepiles catalogue (loaded with their chunk). */
export const embedsCatalogue: Catalogue<EmbedMessages> = {
  en: embedsEn,
  others: { fr: () => import('./embeds-fr.js').then((m) => m.embedsFr) },
};
