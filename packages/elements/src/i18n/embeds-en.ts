// SPDX-License-Identifier: MIT
/**
 * English strings of the comment thread's embeds (link cards, quoted posts) and facepiles: their
 * own catalogue, loaded with their code only when a thread has an embed or the site asks for a
 * facepile.
 */
export const embedsEn = {
  quote: (name: string) => `Quoted post by ${name}`,
  quoteUnavailable: {
    'not-found': 'The quoted post was deleted.',
    blocked: 'The quoted post is from an account you cannot see here.',
    detached: 'The author of the quoted post removed it from this post.',
    hidden: 'The quoted post is only shown to signed-in readers.',
  },
  viewQuote: 'View the quoted post',
  cw: 'Content warning',
  noAlt: 'No description',
  likedBy: 'Liked by',
  repostedBy: 'Reposted by',
  others: (n: number) => `and ${n} ${n === 1 ? 'other' : 'others'}`,
};

/** The shape of the embeds catalogue. */
export type EmbedMessages = typeof embedsEn;
