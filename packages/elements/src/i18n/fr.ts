// SPDX-License-Identifier: MIT
import type { Messages } from './en.js';

const plural = (n: number, one: string, many: string) => `${n} ${n < 2 ? one : many}`;

/** The French catalogue. */
export const fr: Messages = {
  loadFrom: (host) =>
    `Les commentaires sont sur ${host}. Rien n’est chargé depuis ce serveur avant votre demande.`,
  load: 'Charger les commentaires',
  loading: 'Chargement des commentaires…',
  empty: 'Aucune réponse pour l’instant. Soyez la première personne à répondre !',
  error: {
    INVALID_INPUT:
      'Cet espace de commentaires est mal configuré (adresse de publication inconnue).',
    NOT_FOUND: 'Publication introuvable. Elle a peut-être été supprimée.',
    AUTH_REQUIRED: 'Ce serveur ne montre pas ses publications aux visiteurs sans compte.',
    RATE_LIMITED: 'Le serveur est occupé. Réessayez dans une minute.',
    NETWORK: 'Le serveur est injoignable.',
    TIMEOUT: 'Le serveur a mis trop de temps à répondre.',
    TOO_LARGE: 'Le serveur a envoyé plus de données que permis.',
    INVALID_RESPONSE: 'La réponse du serveur est illisible.',
    SERVER: 'Le serveur a rencontré un problème.',
    ABORTED: 'Le chargement a été annulé.',
  },
  across: (replies, likes, networks) =>
    `${plural(replies, 'réponse', 'réponses')} · ${plural(likes, 'favori', 'favoris')} sur ${networks.join(' et ')}`,
  sourceFailed: (host) => `Les réponses de ${host} n’ont pas pu être chargées :`,
  retry: 'Réessayer',
  refresh: 'Chercher de nouvelles réponses',
  refreshing: 'Recherche de nouvelles réponses…',
  refreshed: (n) =>
    n > 0 ? `${plural(n, 'nouvelle réponse', 'nouvelles réponses')}.` : 'Aucune nouvelle réponse.',
  truncated: 'Seule une partie de cette conversation peut être affichée ici.',
  readAll: (host) => `Lire toute la conversation sur ${host}`,
  showMore: (n) => `Afficher ${plural(n, 'réponse de plus', 'réponses de plus')}`,
  replies: (n) => plural(n, 'réponse', 'réponses'),
  boosts: (n) => plural(n, 'partage', 'partages'),
  likes: (n) => plural(n, 'favori', 'favoris'),
  comments: 'Commentaires',
  commentsCount: (n) => plural(n, 'commentaire', 'commentaires'),
  cw: 'Avertissement de contenu',
  showMoreCw: 'Afficher le contenu',
  showLessCw: 'Masquer le contenu',
  blockedReply: 'Cette réponse vient d’un compte que vous ne pouvez pas voir ici.',
  deletedReply: 'Cette réponse a été supprimée.',
  hiddenReply: 'L’auteur a masqué cette réponse.',
  showHidden: 'Afficher la réponse',
  sensitive: 'Média sensible',
  showSensitive: 'Afficher le média',
  hideSensitive: 'Masquer le média',
  noAlt: 'Aucune description',
  edited: 'modifié',
  unknownDate: 'date inconnue',
  inReplyTo: (name) => `En réponse à ${name}`,
  reply: 'Répondre',
  replyOn: (host) => `Répondre sur ${host}`,
  viewOriginal: 'Voir sur son serveur',
  dialogTitle: 'Répondre depuis votre propre compte',
  boost: 'Partager',
  like: 'Ajouter aux favoris',
  dialogBoost: 'Partager depuis votre propre compte',
  dialogLike: 'Ajouter aux favoris depuis votre propre compte',
  media: 'Médias',
};
