// SPDX-License-Identifier: MIT
/**
 * The Mastodon reads the elements use, and only those: the target of their dynamic import, so the
 * provider's chunk holds these reads and what they need (rollup keeps every export of a module
 * imported dynamically, even when the importer destructures one). `getThread` and `getFacepile` are
 * the reads under their `Provider` names, so the module itself is the comment thread's reader.
 */
export {
  fetchFacepile,
  fetchFacepile as getFacepile,
  fetchProfile,
  fetchThread,
  fetchThread as getThread,
} from '@fedikit/mastodon';
