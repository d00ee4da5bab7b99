// SPDX-License-Identifier: MIT
import type { GalleryMessages } from './gallery-en.js';

/** French strings of `<fedi-photo-gallery>`. */
export const galleryFr: GalleryMessages = {
  photos: 'Photos',
  loadFrom: (host) =>
    `Les photos sont sur ${host}. Rien n’est chargé depuis ce serveur avant que vous le demandiez.`,
  load: 'Afficher les photos',
  loading: 'Chargement des photos…',
  empty: 'Pas encore de photos.',
  error: {
    INVALID_INPUT:
      'Cette galerie est mal configurée (adresse de compte ou de publication inconnue).',
    NOT_FOUND: 'Le compte ou la publication est introuvable.',
    AUTH_REQUIRED: 'Ce serveur ne montre ses photos qu’aux personnes connectées.',
    RATE_LIMITED: 'Le serveur est occupé. Réessayez dans une minute.',
    NETWORK: 'Le serveur est injoignable.',
    TIMEOUT: 'Le serveur a mis trop de temps à répondre.',
    TOO_LARGE: 'Le serveur a envoyé plus de données que permis.',
    INVALID_RESPONSE: 'La réponse du serveur est illisible.',
    SERVER: 'Le serveur a rencontré un problème.',
    ABORTED: 'Le chargement a été annulé.',
  },
  authHelp:
    'Propriétaire du site : ce serveur exige un jeton. Servez la galerie par le proxy Fedikit (voir docs/proxy.md dans Fedikit).',
  authHelpProxy:
    'Propriétaire du site : ce serveur exige un jeton. Ajoutez un jeton en lecture seule pour lui à la configuration du proxy Fedikit (voir docs/proxy.md dans Fedikit).',
  retry: 'Réessayer',
  viewOriginal: 'Voir sur son serveur',
  loadMore: 'Charger plus de photos',
  loadingMore: 'Chargement d’autres photos…',
  sensitive: 'Sensible',
  showSensitive: (warning) => `Photo sensible${warning ? ` : ${warning}` : ''}. L’afficher`,
  showAll: 'Afficher toutes les photos sensibles',
  hideAll: 'Masquer les photos sensibles',
  noAlt: 'Photo sans description',
  album: (n) => `album de ${n} photos`,
  photoOf: (i, n) => `Photo ${i} sur ${n}`,
  previous: 'Photo précédente',
  next: 'Photo suivante',
  close: 'Fermer',
  description: 'Description',
  license: 'Licence',
  viewPost: (host) => `Voir la publication sur ${host}`,
  followers: (n, shown = String(n)) => `${shown} ${n < 2 ? 'abonné·e' : 'abonné·e·s'}`,
};
