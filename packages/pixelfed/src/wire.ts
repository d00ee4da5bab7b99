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

/**
 * A Pixelfed collection's metadata, as `CollectionService::getCollection` builds it: served at
 * `/api/local/collection/:id` (public) and `/api/v1.1/collections/view/:id` (token), and listed by
 * `/api/v1.1/collections/accounts/:id`. Its posts come from the `items` routes, not from here.
 */
export interface WireCollection {
  id?: unknown;
  /** The owner's account id. */
  pid?: unknown;
  title?: unknown;
  description?: unknown;
  /** `public`, `private` (followers) or `draft`; only published public ones reach visitors. */
  visibility?: unknown;
  /** Its page, `https://host/c/:id`. */
  url?: unknown;
  /** The first item's first file, or the server's `/storage/no-preview.png`. */
  thumb?: unknown;
  /** How many items it holds, private or deleted posts included. */
  post_count?: unknown;
  /** `null` for a draft. */
  published_at?: unknown;
  updated_at?: unknown;
  /** The owner's avatar URL. */
  avatar?: unknown;
  /** The owner's username. */
  username?: unknown;
}
