// SPDX-License-Identifier: MIT
/**
 * The Pixelfed reads the gallery uses, and only those: the target of its dynamic import, so the
 * provider's chunk holds these reads and what they need (rollup keeps every export of a module
 * imported dynamically, even when the importer destructures one). They serve Mastodon accounts too:
 * WebFinger finds an account on both, where Pixelfed has no `accounts/lookup`.
 */
export { fetchAuthorPosts, fetchCollection, fetchPost, fetchProfile } from '@fedikit/pixelfed';
