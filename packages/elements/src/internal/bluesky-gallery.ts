// SPDX-License-Identifier: MIT
/**
 * The Bluesky reads the gallery uses, and only those: the target of its dynamic import, so the
 * chunk holds these reads and what they need, not the whole provider (rollup keeps every export of
 * a module imported dynamically, even when the importer destructures one).
 */
export { fetchAuthorPosts, fetchPost, fetchProfile } from '@fedikit/bluesky';
