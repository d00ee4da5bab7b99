// SPDX-License-Identifier: MIT
// Bluesky's fixed addresses, apart from resolve(): modules that need only these (the share intent,
// the follow button's link-out) do not pull reference resolution into a bundle.

/** The public Bluesky web client, where Bluesky profiles and posts are linked. */
export const BSKY_APP = 'https://bsky.app';
/** Bluesky's public, cached AppView: where Bluesky content is read by default. */
export const BSKY_APPVIEW = 'https://public.api.bsky.app';
