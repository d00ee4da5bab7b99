// SPDX-License-Identifier: MIT
import type { Post, Profile } from '@fedikit/core';

/**
 * Fired by `<fedi-photo-gallery>` when photos have loaded and rendered: the first page, then each
 * page added by "load more". Same name as the thread's `FediLoadEvent`. Bubbles and is composed.
 */
export class FediGalleryLoadEvent extends Event {
  static readonly type = 'fedi-load';
  /** Every post shown so far (each with at least one photo), newest first. */
  readonly posts: readonly Post[];
  /** The account's profile, with `show-profile` when it loaded. */
  readonly profile?: Profile;
  constructor(posts: readonly Post[], profile?: Profile) {
    super(FediGalleryLoadEvent.type, { bubbles: true, composed: true });
    this.posts = posts;
    this.profile = profile;
  }
}
