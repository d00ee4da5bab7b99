// SPDX-License-Identifier: MIT
/**
 * The snake_case JSON a Mastodon-API server sends, as far as Fedikit reads it. Every field is
 * optional and `unknown`-typed where a hostile server could send anything: the mapper checks.
 */

/** `CustomEmoji` on the wire. */
export interface WireEmoji {
  shortcode?: unknown;
  url?: unknown;
  static_url?: unknown;
}

/** `Account` on the wire. */
export interface WireAccount {
  id?: unknown;
  username?: unknown;
  acct?: unknown;
  display_name?: unknown;
  url?: unknown;
  avatar?: unknown;
  avatar_static?: unknown;
  header?: unknown;
  note?: unknown;
  bot?: unknown;
  noindex?: unknown;
  emojis?: WireEmoji[];
  followers_count?: unknown;
  following_count?: unknown;
  statuses_count?: unknown;
}

/** `MediaAttachment` on the wire. */
export interface WireMedia {
  id?: unknown;
  type?: unknown;
  url?: unknown;
  preview_url?: unknown;
  description?: unknown;
  blurhash?: unknown;
  meta?: {
    original?: { width?: unknown; height?: unknown };
    small?: { width?: unknown; height?: unknown };
  };
}

/** `Status` on the wire. */
export interface WireStatus {
  id?: unknown;
  uri?: unknown;
  url?: unknown;
  in_reply_to_id?: unknown;
  account?: WireAccount;
  content?: unknown;
  spoiler_text?: unknown;
  sensitive?: unknown;
  visibility?: unknown;
  language?: unknown;
  created_at?: unknown;
  edited_at?: unknown;
  media_attachments?: WireMedia[];
  emojis?: WireEmoji[];
  replies_count?: unknown;
  reblogs_count?: unknown;
  favourites_count?: unknown;
  reblog?: WireStatus | null;
  card?: WireCard | null;
  quote?: WireQuote | null;
}

/** `PreviewCard` on the wire (only what is read). */
export interface WireCard {
  url?: unknown;
  title?: unknown;
  description?: unknown;
  image?: unknown;
}

/** `Quote` on the wire (Mastodon 4.4+): the quoted status once its author accepted the quote. */
export interface WireQuote {
  state?: unknown;
  quoted_status?: WireStatus | null;
}

/** `Context` on the wire. */
export interface WireContext {
  ancestors?: unknown;
  descendants?: unknown;
}
