// SPDX-License-Identifier: MIT
/**
 * The Mastodon reads the elements use, and only those: the target of their dynamic import, so the
 * provider's chunk holds these two reads and what they need (rollup keeps every export of a module
 * imported dynamically, even when the importer destructures one).
 */
export { fetchProfile, fetchThread } from '@fedikit/mastodon';
