// SPDX-License-Identifier: MIT
/**
 * The Bluesky reads the elements use, and only those: the target of their dynamic import, so the
 * provider's chunk holds the thread read (and the facepile read of `facepile`) and what they need
 * (rollup keeps every export of a module imported dynamically, even when the importer destructures
 * one). Also under the `Provider` method names, so the module itself is the elements' reader.
 */
export {
  fetchFacepile,
  fetchFacepile as getFacepile,
  fetchThread,
  fetchThread as getThread,
} from '@fedikit/bluesky';
