// SPDX-License-Identifier: MIT
/**
 * What a Pixelfed server sends beyond the Mastodon API's JSON, as far as Fedikit reads it: the
 * Pixelfed-entity (`_pe=1`) extras of statuses and media, WebFinger documents and collections. Every
 * field is optional and `unknown`-typed where a hostile server could send anything.
 */
import type { WireMedia, WireStatus } from '@fedikit/mastodon';

/** A Pixelfed media license: an object (`_pe` entities) or, on some versions, its name. */
export type WireLicense = string | { id?: unknown; title?: unknown; name?: unknown; url?: unknown };

/** A media attachment with Pixelfed's extras. */
export interface WirePixelfedMedia extends WireMedia {
  license?: WireLicense | null;
  is_nsfw?: unknown;
  orientation?: unknown;
  mime?: unknown;
  optimized_url?: unknown;
}

/** A status with Pixelfed's extras (`pf_type`, `reply_count`, Pixelfed-entity media). */
export interface WirePixelfedStatus extends WireStatus {
  pf_type?: unknown;
  reply_count?: unknown;
  media_attachments?: WirePixelfedMedia[];
}

/** One link of a WebFinger document (RFC 7033). */
export interface WireJrdLink {
  rel?: unknown;
  type?: unknown;
  href?: unknown;
}

/** A WebFinger document. */
export interface WireJrd {
  subject?: unknown;
  aliases?: unknown;
  links?: WireJrdLink[];
}

/** A Pixelfed collection (`/api/v1.1/collections/view/:id`). */
export interface WireCollection {
  id?: unknown;
  pid?: unknown;
  title?: unknown;
  description?: unknown;
  visibility?: unknown;
  url?: unknown;
  thumb?: unknown;
  post_count?: unknown;
  published_at?: unknown;
}
