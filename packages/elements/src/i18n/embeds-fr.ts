// SPDX-License-Identifier: MIT
import type { EmbedMessages } from './embeds-en.js';

/** French strings of the comment thread's embeds and facepiles. */
export const embedsFr: EmbedMessages = {
  quote: (name) => `Publication citée de ${name}`,
  quoteUnavailable: {
    'not-found': 'La publication citée a été supprimée.',
    blocked: 'La publication citée vient d’un compte que vous ne pouvez pas voir ici.',
    detached: 'L’auteur de la publication citée l’a retirée de cette publication.',
    hidden: 'La publication citée n’est montrée qu’aux personnes connectées.',
  },
  viewQuote: 'Voir la publication citée',
  cw: 'Avertissement de contenu',
  noAlt: 'Aucune description',
  likedBy: 'Aimé par',
  repostedBy: 'Republié par',
  others: (n) => `et ${n} ${n === 1 ? 'autre personne' : 'autres personnes'}`,
};
