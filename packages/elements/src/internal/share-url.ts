// SPDX-License-Identifier: MIT
/**
 * The share lookup, loaded by the dialog when it opens to share: core's `shareUrl` (nodeinfo
 * and the share pages of each software family), which no other element needs.
 */
export { shareUrl } from '@fedikit/core';
