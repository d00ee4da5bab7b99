// SPDX-License-Identifier: MIT
import type { ButtonMessages } from './buttons-en.js';

/** French strings of `<fedi-follow-button>` and `<fedi-share-button>`. */
export const buttonsFr: ButtonMessages = {
  follow: 'Suivre',
  share: 'Partager',
  shareOnBluesky: 'Partager sur Bluesky',
  dialogFollow: (name) => `Suivre ${name} depuis votre propre compte`,
  dialogShare: 'Partager depuis votre propre compte',
  showProfile: (host) => `Afficher le profil depuis ${host}`,
};
