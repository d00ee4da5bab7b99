// SPDX-License-Identifier: MIT
/**
 * The Bluesky reads the elements use, and only those: the target of their dynamic import, so the
 * provider's chunk holds the thread read (and the facepile read of `facepile`) and what they need
 * (rollup keeps every export of a module imported dynamically, even when the importer destructures
 * one). Under the `Provider` method names only, so the module itself is the elements' reader
 * (`loadProvider`), and its namespace object carries no second name for the same read.
 */
export { fetchFacepile as getFacepile, fetchThread as getThread } from '@fedikit/bluesky';
