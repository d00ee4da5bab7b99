// SPDX-License-Identifier: MIT
/**
 * The Pixelfed read `<fedi-comment-thread>` uses, and only that: the target of its dynamic import,
 * apart from the gallery's reads (internal/pixelfed.ts) so that a thread page does not carry them.
 * Also under its `Provider` name, `getThread`, so the module itself is the comment thread's reader.
 */
export { fetchThread, fetchThread as getThread } from '@fedikit/pixelfed';
