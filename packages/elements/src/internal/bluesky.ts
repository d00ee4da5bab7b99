// SPDX-License-Identifier: MIT
/**
 * The Bluesky read the elements use, and only that: the target of their dynamic import, so the
 * provider's chunk holds the thread read and what it needs (rollup keeps every export of a module
 * imported dynamically, even when the importer destructures one).
 */
export { fetchThread } from '@fedikit/bluesky';
