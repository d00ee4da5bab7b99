// SPDX-License-Identifier: MIT
import type { DialogMessages } from './dialog-en.js';

/** French strings of the "from your own server" dialog. */
export const dialogFr: DialogMessages = {
  dialogIntro:
    'Indiquez le serveur où vous avez un compte. Vous continuerez depuis celui-ci ; rien n’est transmis à ce site.',
  homeLabel: 'Votre serveur',
  homeHint: 'Par exemple mastodon.social ou @vous@mastodon.social',
  remember: 'Retenir mon serveur sur cet appareil',
  go: 'Aller sur mon serveur',
  cancel: 'Annuler',
  copyIntro: 'Ou copiez cette adresse et collez-la dans la recherche de votre serveur :',
  copy: 'Copier le lien',
  copied: 'Copié',
  postAddress: 'Adresse à copier',
  badHome: 'Cela ne ressemble pas à un serveur.',
  noAnswer: 'Ce serveur n’a pas répondu.',
  noSuchServer: 'Serveur introuvable, ou injoignable depuis cette page.',
  remembered: 'Serveurs retenus',
  forget: 'Oublier',
  opening: 'Recherche de votre serveur…',
};
