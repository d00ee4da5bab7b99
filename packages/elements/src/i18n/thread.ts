// SPDX-License-Identifier: MIT
import { en, type Messages } from './en.js';
import type { Catalogue } from './locale.js';

export type { Messages } from './en.js';

/** The comment thread's catalogue (its own module, so other elements' bundles leave it out). */
export const threadCatalogue: Catalogue<Messages> = {
  en,
  others: { fr: () => import('./fr.js').then((m) => m.fr) },
};
