// SPDX-License-Identifier: MIT
import type { ProfileMessages } from './profile-en.js';

/** French strings of the follow button's profile (`show-profile`). */
export const profileFr: ProfileMessages = {
  followers: (n, shown = String(n)) => `${shown} ${n < 2 ? 'abonné·e' : 'abonné·e·s'}`,
  loadingProfile: 'Chargement du profil…',
  noAccount: 'Ce compte est introuvable.',
  profileError: 'Le profil n’a pas pu être chargé.',
  retry: 'Réessayer',
};
