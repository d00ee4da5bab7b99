// SPDX-License-Identifier: MIT
/**
 * The follow button's Mastodon-family profile read (`show-profile`), a chunk of its own. From the
 * package, not internal/mastodon.ts: only this chunk carries the account reads.
 */
export { fetchProfile } from '@fedikit/mastodon';
