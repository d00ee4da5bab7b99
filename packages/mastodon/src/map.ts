// SPDX-License-Identifier: MIT
import {
  cleanEmojis,
  safeUrl,
  type Author,
  type Embed,
  type Media,
  type MediaType,
  type Post,
  type Profile,
  type QuoteEmbed,
  type Visibility,
} from '@fedikit/core';
import type { WireAccount, WireMedia, WireStatus } from './wire.js';

const str = (v: unknown, max = 1000): string => (typeof v === 'string' ? v.slice(0, max) : '');
const id = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= 100
    ? v
    : typeof v === 'number' && Number.isSafeInteger(v)
      ? String(v)
      : undefined;
/** A count: a finite, non-negative safe integer, else 0. */
export const count = (v: unknown): number =>
  typeof v === 'number' && v > 0 && v < Infinity
    ? Math.min(Number.MAX_SAFE_INTEGER, Math.floor(v))
    : 0;
/** A date the browser can format, or `undefined` (Intl throws on invalid dates). */
export function date(v: unknown): Date | undefined {
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const t = Date.parse(v);
  // Year 1970–9999: anything else (NaN included) is a broken or hostile server.
  return t >= 0 && t < 253402300800000 ? new Date(t) : undefined;
}
// The range check also turns away NaN and Infinity.
const size = (v: unknown): number | undefined =>
  typeof v === 'number' && v >= 1 && v <= 10000 ? Math.round(v) : undefined;
/** `v` when it is a string `pattern` matches, else `undefined`. */
const matching = (v: unknown, pattern: RegExp) =>
  typeof v === 'string' && pattern.test(v) ? v : undefined;
/** `v` when it is one of `known`, else `'unknown'`. */
const oneOf = <T extends string>(v: unknown, known: readonly string[]) =>
  (known.includes(v as string) ? v : 'unknown') as T;
const LANG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/;
const VISIBILITY = ['public', 'unlisted', 'private', 'direct'];
const MEDIA = ['image', 'gifv', 'video', 'audio'];
const BLURHASH = /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,100}$/;

/** Wire account → {@link Author}. `origin` fills in a host for local accounts. */
export function mapAuthor(a: WireAccount | undefined, origin: string): Author {
  a ??= {};
  const acct = str(a.acct, 300);
  const host = new URL(origin).host;
  const avatar = safeUrl(a.avatar);
  return {
    id: id(a.id) ?? '',
    name: str(a.display_name, 300),
    handle: acct.includes('@') ? acct : `${acct || str(a.username, 100)}@${host}`,
    url: safeUrl(a.url),
    avatar,
    avatarStatic: safeUrl(a.avatar_static) ?? avatar,
    emojis: cleanEmojis(a.emojis),
    bot: a.bot === true,
    noindex: a.noindex === true,
  };
}

/**
 * Wire media attachment → {@link Media}, or `undefined` without an id. Sizes come from
 * `meta.original` (the file) and `meta.small` (the preview), each only when sane.
 */
export function mapMedia(m: WireMedia): Media | undefined {
  const mediaId = id(m?.id);
  if (!mediaId) return undefined;
  const { original, small } = m.meta ?? {};
  return {
    id: mediaId,
    type: oneOf<MediaType>(m.type, MEDIA),
    url: safeUrl(m.url),
    previewUrl: safeUrl(m.preview_url),
    alt: str(m.description, 5000),
    blurhash: matching(m.blurhash, BLURHASH),
    width: size(original?.width),
    height: size(original?.height),
    // Lets a gallery offer the preview and the original as a `srcset`.
    previewWidth: size(small?.width),
    previewHeight: size(small?.height),
  };
}

/**
 * Wire status → {@link Post}, or `undefined` when it lacks an id (a broken entry is dropped, never
 * its siblings). A boost maps to the boosted post.
 */
export function mapStatus(s: WireStatus | undefined, origin: string): Post | undefined {
  // One level only: Mastodon never boosts a boost, and recursing would let a hostile server nest
  // reblogs deep enough to overflow the stack.
  if (s?.reblog && typeof s.reblog === 'object') s = s.reblog;
  const postId = id(s?.id);
  if (!s || !postId) return undefined;
  const url = safeUrl(s.url);
  const media = Array.isArray(s.media_attachments)
    ? s.media_attachments
        .slice(0, 20)
        .map(mapMedia)
        .filter((m): m is Media => m !== undefined)
    : [];
  return {
    protocol: 'mastodon',
    id: postId,
    uri: safeUrl(s.uri) ?? url ?? `${origin}/statuses/${postId}`,
    url,
    inReplyTo: id(s.in_reply_to_id),
    author: mapAuthor(s.account, origin),
    content: str(s.content, 200_000),
    format: 'html',
    spoiler: str(s.spoiler_text, 1000),
    sensitive: s.sensitive === true,
    media,
    emojis: cleanEmojis(s.emojis),
    lang: matching(str(s.language, 35), LANG),
    createdAt: date(s.created_at),
    editedAt: date(s.edited_at),
    visibility: oneOf<Visibility>(s.visibility, VISIBILITY),
    counts: {
      replies: count(s.replies_count),
      reposts: count(s.reblogs_count),
      likes: count(s.favourites_count),
    },
    embed: mapEmbed(s, origin, media.length > 0),
  };
}

/** Why a quoted post is not shown, by Mastodon's quote `state` (`pending` shows nothing yet). */
const QUOTE_GONE: Record<string, QuoteEmbed['unavailable']> = {
  deleted: 'not-found',
  rejected: 'detached',
  revoked: 'detached',
  unauthorized: 'hidden',
  blocked_account: 'blocked',
  blocked_domain: 'blocked',
  muted_account: 'hidden',
};

/**
 * A status's quote (Mastodon 4.4+) or, for a status without media, its preview card, as Mastodon's
 * own web client shows them. One level only: the quoted post keeps neither a quote nor a card of
 * its own, so a hostile server cannot nest them.
 */
function mapEmbed(s: WireStatus, origin: string, hasMedia: boolean): Embed | undefined {
  // A quote or a card that is no object (a string, a number) has none of the fields read here.
  const q = s.quote;
  const quoted = q?.state === 'accepted' && q.quoted_status;
  if (quoted && typeof quoted === 'object') {
    const post = mapStatus({ ...quoted, reblog: null, quote: null, card: null }, origin);
    if (post) return { type: 'quote', post };
  }
  const state = str(q?.state, 30);
  // Own keys only: a hostile `constructor` or `__proto__` state names no reason.
  if (Object.hasOwn(QUOTE_GONE, state)) return { type: 'quote', unavailable: QUOTE_GONE[state] };
  const c = s.card;
  const url = hasMedia ? undefined : safeUrl(c?.url, { link: true });
  if (!url) return undefined;
  return {
    type: 'card',
    url,
    title: str(c!.title, 300),
    description: str(c!.description, 1000),
    image: safeUrl(c!.image),
  };
}

/** Wire account → {@link Profile}. */
export function mapProfile(a: WireAccount, origin: string): Profile {
  return {
    author: mapAuthor(a, origin),
    bio: str(a.note, 20_000),
    header: safeUrl(a.header),
    counts: {
      followers: count(a.followers_count),
      following: count(a.following_count),
      posts: count(a.statuses_count),
    },
  };
}
