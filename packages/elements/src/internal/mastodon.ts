// SPDX-License-Identifier: MIT
/**
 * The Mastodon reads the comment thread uses, and only those: the target of its dynamic import, so
 * the provider's chunk holds these reads and what they need (rollup keeps every export of a module
 * imported dynamically, even when the importer destructures one). `getThread` and `getFacepile` are
 * the reads under their `Provider` names, so the module itself is the comment thread's reader. The
 * follow button's profile read comes with its profile view (follow-button/profile.ts), not here.
 */
export {
  fetchFacepile,
  fetchFacepile as getFacepile,
  fetchThread,
  fetchThread as getThread,
} from '@fedikit/mastodon';
