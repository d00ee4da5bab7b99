// SPDX-License-Identifier: MIT
import type { Catalogue } from './locale.js';
import { profileEn, type ProfileMessages } from './profile-en.js';

export type { ProfileMessages } from './profile-en.js';

/**
 * The follow button's profile catalogue (`show-profile`), loaded with the profile's code (English
 * for unknown languages).
 */
export const profileCatalogue: Catalogue<ProfileMessages> = {
  en: profileEn,
  others: { fr: () => import('./profile-fr.js').then((m) => m.profileFr) },
};
