// SPDX-License-Identifier: MIT
/**
 * The Mastodon reads the elements use, and only those: the target of their dynamic import, so the
 * provider's chunk holds these two reads and what they need (rollup keeps every export of a module
 * imported dynamically, even when the importer destructures one). `getThread` is the thread read
 * under its `Provider` name, so the module itself is the comment thread's reader.
 */
export { fetchProfile, fetchThread, fetchThread as getThread } from '@fedikit/mastodon';
