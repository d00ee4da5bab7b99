// SPDX-License-Identifier: MIT
import {
  buildThread,
  FediError,
  safeUrl,
  type Author,
  type Embed,
  type Media,
  type Post,
  type Thread,
  type ThreadSort,
} from '@fedikit/core';
import { clientBase, DID, facetsToSegments, HANDLE, list, valid } from './facets.js';
import {
  createModerator,
  noUnauthenticated,
  withDecision,
  type ModerationOptions,
  type Moderator,
} from './moderation.js';
import type { WirePostView, WireProfile, WireThreadResponse, WireThreadViewPost } from './wire.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
/** A string of at most `max` UTF-16 units (see {@link cap}), else `''`. */
const str = (v: unknown, max = 1000): string => (typeof v === 'string' ? cap(v, max) : '');
/** A count: a finite, non-negative safe integer, else 0. */
export const count = (v: unknown): number =>
  typeof v === 'number' && v > 0 && v < Infinity
    ? Math.min(Number.MAX_SAFE_INTEGER, Math.floor(v))
    : 0;
/** A date the browser can format (years 1970–9999), or `undefined`. */
function date(v: unknown): Date | undefined {
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const t = Date.parse(v);
  return t >= 0 && t < 253402300800000 ? new Date(t) : undefined;
}
const size = (v: unknown): number | undefined =>
  typeof v === 'number' && v >= 1 && v <= 10000 ? Math.round(v) : undefined;
const LANG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/;
/** `at://{did}/app.bsky.feed.post/{rkey}`: the only post URIs accepted from an AppView. */
const POST_URI =
  /^at:\/\/(did:[a-z]{1,32}:[A-Za-z0-9._:%-]{1,2048})\/app\.bsky\.feed\.post\/([A-Za-z0-9._:~-]{1,512})$/;
/** Text beyond this many UTF-16 units is cut (a post holds at most 3,000 bytes). */
export const MAX_TEXT = 10_000;

/** Cuts `s` to `max` UTF-16 units without leaving half a surrogate pair. */
function cap(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** An AppView profile view → {@link Author}; links go to `client` (default bsky.app). */
export function mapAuthor(a: WireProfile | undefined, client?: string): Author {
  const base = clientBase(client);
  const did = valid(DID, a?.did);
  const handle = valid(HANDLE, a?.handle).toLowerCase();
  return {
    id: did,
    name: str(a?.displayName, 640),
    // `handle.invalid` is how the AppView says the handle no longer checks out: show the DID.
    handle: handle && handle !== 'handle.invalid' ? handle : did,
    url: did ? `${base}/profile/${did}` : undefined,
    avatar: safeUrl(a?.avatar),
    emojis: [],
    bot: list(a?.labels).some((l) => obj(l)?.['val'] === 'bot'),
    noindex: noUnauthenticated(a),
  };
}

/** Media from an embed view: images, a video, or the media part of a record with media. */
function mapMedia(embed: unknown, uri: string): Media[] {
  let e = obj(embed);
  if (e?.['$type'] === 'app.bsky.embed.recordWithMedia#view') e = obj(e['media']);
  const type = e?.['$type'];
  if (type === 'app.bsky.embed.images#view') {
    const out: Media[] = [];
    for (const [i, raw] of list(e!['images'], 10).entries()) {
      const image = obj(raw);
      const url = safeUrl(image?.['fullsize']);
      const previewUrl = safeUrl(image?.['thumb']) ?? url;
      if (!previewUrl) continue;
      out.push({
        id: `${uri}#image${i}`,
        type: 'image',
        url: url ?? previewUrl,
        previewUrl,
        alt: str(image!['alt'], 5000),
        ...ratio(image!['aspectRatio']),
      });
    }
    return out;
  }
  if (type === 'app.bsky.embed.video#view') {
    const url = safeUrl(e!['playlist']);
    const previewUrl = safeUrl(e!['thumbnail']);
    if (!url && !previewUrl) return [];
    return [
      {
        id: `${uri}#video`,
        type: 'video',
        url,
        previewUrl,
        alt: str(e!['alt'], 5000),
        ...ratio(e!['aspectRatio']),
      },
    ];
  }
  return [];
}

function ratio(v: unknown): { width?: number; height?: number } {
  const width = size(obj(v)?.['width']);
  const height = size(obj(v)?.['height']);
  return width && height ? { width, height } : {};
}

/** The lexicon names of the embed views Fedikit reads. */
const EMBED = 'app.bsky.embed.';

/**
 * An embed view → {@link Embed}: an external link card (`external#view`), or a quoted post
 * (`record#view`, or the record part of `recordWithMedia#view`, whose media part `mapMedia` reads).
 * A quoted post is mapped like any post but without its own embed (one level only), and moderated
 * with `moderate` as a thread's root is (labels; the owner's reply filters do not apply): dropped
 * means `unavailable: 'hidden'`. `#viewNotFound`, `#viewBlocked`, `#viewDetached` become the
 * matching `unavailable`; any other record (feeds, lists, ...) or `$type` is no embed.
 */
function mapEmbed(embed: unknown, base: string, moderate: Moderator): Embed | undefined {
  let e = obj(embed);
  // With media, the quote is the embed (a link card as the media part is left out: one embed per
  // post, and its link is usually in the text too).
  if (e?.['$type'] === `${EMBED}recordWithMedia#view`) e = obj(e['record']);
  const type = e?.['$type'];
  if (type === `${EMBED}external#view`) {
    const x = obj(e!['external']);
    const url = safeUrl(x?.['uri'], { link: true });
    if (!url) return undefined;
    const image = safeUrl(x!['thumb']);
    return {
      type: 'card',
      url,
      title: str(x!['title'], 300).trim(),
      description: str(x!['description'], 1000).trim(),
      ...(image ? { image } : {}),
    };
  }
  if (type !== `${EMBED}record#view`) return undefined;
  const r = obj(e!['record']);
  const rt = r?.['$type'];
  if (rt === `${EMBED}record#viewNotFound`) return { type: 'quote', unavailable: 'not-found' };
  if (rt === `${EMBED}record#viewBlocked`) return { type: 'quote', unavailable: 'blocked' };
  if (rt === `${EMBED}record#viewDetached`) return { type: 'quote', unavailable: 'detached' };
  if (rt !== `${EMBED}record#viewRecord`) return undefined;
  // A `#viewRecord` is a post view but for two names: the record is `value`, the embeds `embeds`
  // (the mappers check every field, so the rest of it can pass as it is).
  const embeds = r!['embeds'];
  const view: WirePostView = {
    ...r,
    record: r!['value'],
    embed: Array.isArray(embeds) ? embeds[0] : undefined,
  };
  const post = toPost(view, base);
  if (!post) return undefined;
  const d = moderate(view, post, true);
  return d.drop
    ? { type: 'quote', unavailable: 'hidden' }
    : { type: 'quote', post: withDecision(post, d) };
}

/**
 * An AppView post view → {@link Post}; with `moderate`, its embed too (see {@link mapPost}).
 * Without it (a quoted post), no embed: one level of quotes only.
 */
function toPost(
  p: WirePostView | undefined,
  base: string,
  inReplyTo?: string,
  moderate?: Moderator,
): Post | undefined {
  const uri = typeof p?.uri === 'string' ? p.uri : '';
  const m = POST_URI.exec(uri);
  if (!p || !m || p.author?.did !== m[1]) return undefined;
  const record = obj(p.record);
  const text = str(record?.['text'], MAX_TEXT);
  const lang = str(list(record?.['langs'], 1)[0], 35);
  const embed = moderate && mapEmbed(p.embed, base, moderate);
  return {
    protocol: 'bluesky',
    id: uri,
    uri,
    url: `${base}/profile/${m[1]}/post/${m[2]}`,
    inReplyTo,
    author: mapAuthor(p.author, base),
    content: text,
    format: 'rich',
    segments: facetsToSegments(text, record?.['facets'], base),
    spoiler: '',
    sensitive: false,
    media: mapMedia(p.embed, uri),
    emojis: [],
    lang: LANG.test(lang) ? lang : undefined,
    createdAt: date(record?.['createdAt']) ?? date(p.indexedAt),
    visibility: 'public',
    counts: {
      replies: count(p.replyCount),
      reposts: count(p.repostCount),
      likes: count(p.likeCount),
    },
    ...(embed && { embed }),
  };
}

/**
 * An AppView post view → {@link Post}, or `undefined` when its `uri` is not an
 * `at://{did}/app.bsky.feed.post/{rkey}` of its own author (a broken entry is dropped, never its
 * siblings). `id` and `uri` are the at:// URI; `url` is the post on `client`. Images and a video
 * become `media`; an external link card or a quoted post becomes `embed` (see `Embed` in core; the
 * quoted post is moderated with `moderate`, default: Bluesky's logged-out rules, adult labels
 * hidden).
 */
export function mapPost(
  p: WirePostView | undefined,
  client?: string,
  inReplyTo?: string,
  moderate: Moderator = createModerator(),
): Post | undefined {
  return toPost(p, clientBase(client), inReplyTo, moderate);
}

/** Options for {@link mapThread}. */
export interface MapThreadOptions {
  /** Bluesky web client for post, profile, mention and tag links. Default `https://bsky.app`. */
  readonly client?: string;
  readonly sort?: ThreadSort;
  /** Replies deeper than this are cut and the thread marked `truncated: 'depth'`. Default 20. */
  readonly maxDepth?: number;
  /** Keep only replies the root's author liked (`threadContext.rootAuthorLike`). */
  readonly favouritesOnly?: boolean;
  readonly moderation?: ModerationOptions;
}

/** Default depth of a thread, in reply levels below the root. */
export const DEFAULT_MAX_DEPTH = 20;
/** At most this many thread nodes are read from one answer. */
const MAX_NODES = 5000;

/** A placeholder for a blocked or deleted reply: its URI and parent, nothing else. */
const stub = (uri: string, inReplyTo: string, placeholder: 'blocked' | 'not-found'): Post => ({
  protocol: 'bluesky',
  id: uri,
  uri,
  inReplyTo,
  author: { id: '', name: '', handle: '', emojis: [], bot: false, noindex: false },
  content: '',
  format: 'text',
  spoiler: '',
  sensitive: false,
  media: [],
  emojis: [],
  visibility: 'public',
  counts: { replies: 0, reposts: 0, likes: 0 },
  placeholder,
});

/** A `FediError` with `code`: the one way this package's reads and mappers throw. */
export const fail = (
  message: string,
  code: 'NOT_FOUND' | 'AUTH_REQUIRED' | 'INVALID_RESPONSE' | 'INVALID_INPUT',
) => new FediError(message, { code });

/** `maxDepth` as a thread read takes it: a whole number of levels from 0 to 1000. */
export const depthOf = (maxDepth?: number) =>
  Math.max(0, Math.min(1000, Math.floor(maxDepth ?? DEFAULT_MAX_DEPTH)));

/**
 * An `app.bsky.feed.getPostThread` answer → {@link Thread}, with moderation for a logged-out view
 * applied (see {@link createModerator}). The nested `replies` are walked iteratively with an explicit
 * stack (a hostile AppView may nest thousands of levels), at most 5,000 nodes and
 * `maxDepth + 1` levels, then built with core's `buildThread`, which cuts at `maxDepth` and marks the
 * cut.
 *
 * - A dropped post (moderation, owner filters) takes its replies with it.
 * - A reply in the threadgate's `hiddenReplies` is kept, marked `placeholder: 'hidden'`, with its
 *   replies under it.
 * - A `blockedPost` or `notFoundPost` among the replies (with a valid post URI) becomes a
 *   placeholder post (`blocked`, `not-found`): no author, no text. Unknown `$type`s are skipped.
 *   Siblings stay either way.
 * - The root is never dropped by the owner's filters. A root the author keeps from logged-out readers
 *   (`!no-unauthenticated`) or labelled adult (with `adult: 'hide'`) throws `AUTH_REQUIRED` (a
 *   signed-in reader may see it on Bluesky); a `!hide` root, a missing or blocked one, `NOT_FOUND`.
 */
export function mapThread(data: WireThreadResponse, options: MapThreadOptions = {}): Thread {
  const base = clientBase(options.client);
  const maxDepth = depthOf(options.maxDepth);
  const moderate = createModerator(options.moderation);
  const top = obj(obj(data)?.['thread']) as WireThreadViewPost | undefined;
  const type = top?.$type;
  if (type === 'app.bsky.feed.defs#notFoundPost' || type === 'app.bsky.feed.defs#blockedPost')
    throw fail(type.endsWith('notFoundPost') ? 'Post not found' : 'Post blocked', 'NOT_FOUND');
  const root =
    type === 'app.bsky.feed.defs#threadViewPost'
      ? toPost(top!.post, base, undefined, moderate)
      : undefined;
  if (!root) throw fail('The AppView sent no thread', 'INVALID_RESPONSE');
  const rootDecision = moderate(top!.post!, root, true);
  if (rootDecision.drop === 'hide') throw fail('This post is hidden by moderation', 'NOT_FOUND');
  if (rootDecision.drop)
    throw fail('This post is only shown to signed-in readers', 'AUTH_REQUIRED');
  // The threadgate's `hiddenReplies` (`{ record: { hiddenReplies } }`), sent with the answer or
  // the root.
  const hidden = new Set(
    [obj(data)?.['threadgate'], top!.post!.threadgate].flatMap((gate) =>
      list(obj(obj(gate)?.['record'])?.['hiddenReplies'], 1000),
    ),
  );
  const posts: Post[] = [];
  const stack: [unknown, string, number][] = [];
  const push = (replies: unknown, parent: string, depth: number) => {
    // Reversed, so that the first reply is the first popped.
    if (depth <= maxDepth + 1)
      for (const reply of list(replies, MAX_NODES).reverse()) stack.push([reply, parent, depth]);
  };
  push(top!.replies, root.id, 1);
  for (let seen = 0; stack.length && seen < MAX_NODES; seen++) {
    const [raw, parent, depth] = stack.pop()!;
    const node = obj(raw) as WireThreadViewPost | undefined;
    const blocked = node?.$type === 'app.bsky.feed.defs#blockedPost';
    if (blocked || node?.$type === 'app.bsky.feed.defs#notFoundPost') {
      const uri = valid(POST_URI, node!.uri);
      if (uri) posts.push(stub(uri, parent, blocked ? 'blocked' : 'not-found'));
      continue;
    }
    if (node?.$type !== 'app.bsky.feed.defs#threadViewPost') continue;
    const post = toPost(node.post, base, parent, moderate);
    if (!post) continue;
    const decision = moderate(node.post!, post, false);
    if (decision.drop) continue;
    posts.push({
      ...withDecision(post, decision),
      ...(hidden.has(post.id) && { placeholder: 'hidden' as const }),
      ...(!!obj(node.threadContext)?.['rootAuthorLike'] && { likedByAuthor: true }),
    });
    push(node.replies, post.id, depth + 1);
  }
  const thread = buildThread(withDecision(root, rootDecision), posts, {
    sort: options.sort,
    maxDepth,
    fullThreadUrl: root.url,
    filter: options.favouritesOnly ? (p) => !!p.likedByAuthor : undefined,
  });
  // Nodes left unread: the answer was larger than this walk reads.
  if (stack.length) (thread as { truncated?: Thread['truncated'] }).truncated ??= 'size';
  return thread;
}
