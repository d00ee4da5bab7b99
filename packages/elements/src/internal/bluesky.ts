// SPDX-License-Identifier: MIT
/**
 * The Bluesky reads the elements use, and only those: the target of their dynamic import, so the
 * provider's chunk holds the thread read (and the facepile read of `facepile`) and what they need
 * (rollup keeps every export of a module imported dynamically, even when the importer destructures
 * one).
 */
export { fetchFacepile, fetchThread } from '@fedikit/bluesky';
