// SPDX-License-Identifier: MIT
/**
 * `@fedikit/pixelfed`: photos, albums and collections from Pixelfed, on top of the Mastodon provider.
 * The same reads work against any Mastodon-API server (a gallery of a Mastodon account's media).
 * Most Pixelfed servers refuse anonymous API reads: the reads here then fail with `AUTH_REQUIRED`
 * and a message that points the site owner at `@fedikit/proxy`, which holds a read token. Public
 * collections are the exception: Pixelfed serves them to visitors (see {@link fetchCollection}).
 * @packageDocumentation
 */
import {
  FediError,
  fetchJson,
  isLoopbackHost,
  safeUrl,
  type PageOptions,
  type Post,
  type PostPage,
  type Profile,
  type Protocol,
  type Provider,
  type ReadOptions,
  type Ref,
  type Thread,
  type ThreadNode,
  type ThreadOptions,
  withDefaults,
} from '@fedikit/core';
import {
  fetchThread as fetchMastodonThread,
  mapProfile,
  type WireAccount,
} from '@fedikit/mastodon';
import { mapPixelfedStatus } from './map.js';
import type { WireJrd, WirePixelfedStatus } from './wire.js';

export { mapLicense, mapPixelfedStatus, PLACEHOLDER_BLURHASH } from './map.js';
export type {
  WireCollection,
  WireJrd,
  WireJrdLink,
  WireLicense,
  WirePixelfedMedia,
  WirePixelfedStatus,
} from './wire.js';

/** Options for {@link createPixelfedProvider} and each read. */
export interface PixelfedProviderOptions {
  /** A `fetch` to use instead of the global one (the proxy passes one that adds its token). */
  readonly fetch?: typeof fetch;
  /** Deadline per read in ms. Default 10 000. */
  readonly timeout?: number;
}

type Options = PixelfedProviderOptions & ReadOptions;

/** Pixelfed caps `limit` on account statuses at 40 (ApiV1Controller, 0.11.13). */
const MAX_LIMIT = 40;
/**
 * Collections page with `page` and have no end marker: a server that ignores `page` must not make a
 * gallery loop forever. Pixelfed caps a collection at `max_collection_length` posts (100 by
 * default), about ten pages.
 */
const MAX_COLLECTION_PAGE = 30;
/** A collection cursor: the page, then the id of the previous page's last item. */
const COLLECTION_CURSOR = /^(\d{1,2})(?::([\w-]{1,100}))?$/;
/** WebFinger's link to Pixelfed's Atom feed: Mastodon stopped publishing it, Pixelfed still does. */
const ATOM_REL = 'http://schemas.google.com/g/2010#updates-from';
const PUBLIC: unknown[] = ['public', 'unlisted'];
const ID = /^[\w-]{1,100}$/;
const IN_PAGE = typeof document !== 'undefined';

/** Where an account's API lives and its id there. */
interface Account {
  readonly origin: string;
  readonly id: string;
  /** Pixelfed, as far as the account's WebFinger document or its ref tells. */
  readonly pixelfed: boolean;
  /** The account itself, when the lookup returned it. */
  readonly account?: WireAccount;
}

// Resolved accounts, per `fetch` (a proxy's token-bearing fetch may see what the global one cannot).
// Public ids only, in memory, for ten minutes: paging a gallery must not repeat the WebFinger walk.
const caches = new WeakMap<object, Map<string, { at: number; account: Account }>>();
const TTL_MS = 10 * 60_000;
const GLOBAL = {};

function cacheFor(o: Options): Map<string, { at: number; account: Account }> {
  const key = o.fetch ?? GLOBAL;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  return cache;
}

function invalid(message: string): FediError {
  return new FediError(message, { code: 'INVALID_INPUT' });
}

/**
 * `AUTH_REQUIRED` with words a site owner can act on. `guess` marks the case where the server is
 * up but its API failed at the network level in a browser: a cross-origin redirect to its login
 * page, or no CORS on its API, look the same from a page.
 */
function needsToken(host: string, cause: FediError, guess = false): FediError {
  const why = guess
    ? `${host} is up but refused its API to this page: it needs a token, or does not let other sites read it.`
    : `${host} does not let visitors read its API without a token (most Pixelfed servers do this).`;
  return new FediError(
    `${why} Serve the gallery through @fedikit/proxy on your own site, with a read-only token of ` +
      'an account on that server, and set the element’s proxy attribute.',
    { code: 'AUTH_REQUIRED', status: cause.status, url: cause.url },
    { cause },
  );
}

/**
 * Reads JSON from a server's API, turning a token wall into a clear `AUTH_REQUIRED`. A network
 * failure from a server that is up (it answered WebFinger just before, or answers nodeinfo, which
 * Pixelfed serves with CORS) is what a browser sees when the API redirects to a login page or lacks
 * CORS: that is reported as `AUTH_REQUIRED` too, since the proxy is the way out of both.
 */
async function api<T>(url: string, o: Options, webfingered = false): Promise<T> {
  try {
    return (await fetchJson<T>(url, o)).data;
  } catch (error) {
    const e = FediError.from(error);
    const { host, origin } = new URL(url);
    if (e.code === 'AUTH_REQUIRED') throw needsToken(host, e);
    // CORS exists only in pages: elsewhere (a proxy on Node) a network error is one.
    if (e.code === 'NETWORK' && IN_PAGE && (webfingered || (await answers(origin, o))))
      throw needsToken(host, e, true);
    throw e;
  }
}

/** Whether `origin` answers its public nodeinfo document: one quick try, no retries. */
async function answers(origin: string, o: Options): Promise<boolean> {
  try {
    await fetchJson(`${origin}/.well-known/nodeinfo`, {
      ...o,
      retries: 0,
      timeout: Math.min(3000, o.timeout ?? 3000),
    });
    return true;
  } catch {
    return false;
  }
}

/** `https://host`, or `http://host` on loopback where the sandbox speaks plain HTTP. */
function originOf(host: string): string {
  return `${isLoopbackHost(host.replace(/:\d+$/, '')) ? 'http' : 'https'}://${host}`;
}

/** An id the server gave, as a string, or `undefined`. */
function idOf(v: unknown): string | undefined {
  // Pixelfed's ids are digits, Mastodon's too; other forks' are letters, digits, `_` and `-`.
  return typeof v === 'string' && ID.test(v)
    ? v
    : typeof v === 'number' && Number.isSafeInteger(v) && v > 0
      ? String(v)
      : undefined;
}

/**
 * Finds an account's API origin and id. WebFinger first, on the account's domain (public on
 * Pixelfed and Mastodon, with CORS): its `self` link names the server that really holds the account.
 * The id then comes from that link when it carries one (`/ap/users/<id>` on Mastodon ≥ 4.4),
 * else from `accounts/lookup` (Mastodon; Pixelfed has none), else from `v2/search` (which Pixelfed
 * serves only with a token).
 */
async function resolveAccount(ref: Ref, o: Options): Promise<Account> {
  if (ref.kind !== 'profile' || !ref.acct || ref.protocol === 'bluesky')
    throw invalid('Expected a Pixelfed or Mastodon profile reference');
  const [user = '', domain] = ref.acct.split('@');
  const host = (domain ?? ref.host).toLowerCase();
  const home = domain ? originOf(host) : ref.origin;
  const key = `${home}|${user.toLowerCase()}`;
  const cache = cacheFor(o);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.account;

  let origin = home;
  let name = user;
  let id: string | undefined;
  let pixelfed = ref.protocol === 'pixelfed';
  let webfingered = false;
  const resource = encodeURIComponent(`acct:${user}@${host}`);
  try {
    const jrd = await api<WireJrd>(`${home}/.well-known/webfinger?resource=${resource}`, o);
    webfingered = true;
    const links = Array.isArray(jrd?.links) ? jrd.links : [];
    const self = links.find(
      (l) =>
        l?.rel === 'self' && typeof l.type === 'string' && /activity\+json|ld\+json/.test(l.type),
    );
    const selfUrl = safeUrl(self?.href);
    if (selfUrl) {
      const url = new URL(selfUrl);
      origin = url.origin;
      id = /^\/(?:ap\/users|i\/web\/profile)\/(\d{1,20})$/.exec(url.pathname)?.[1];
    }
    if (links.some((l) => l?.rel === ATOM_REL)) pixelfed = true;
    const subject = typeof jrd?.subject === 'string' ? /^acct:([^@]+)@/i.exec(jrd.subject) : null;
    if (subject?.[1] && subject[1].toLowerCase() === user.toLowerCase()) name = subject[1];
  } catch (error) {
    // No such account is final; a server without WebFinger (or without CORS on it) may still
    // answer the API on the account's own host.
    if (error instanceof FediError && error.code === 'NOT_FOUND') throw error;
  }

  let account: WireAccount | undefined;
  if (!id && !pixelfed) {
    try {
      account = await api<WireAccount>(
        `${origin}/api/v1/accounts/lookup?acct=${encodeURIComponent(name)}`,
        o,
        webfingered,
      );
      id = idOf(account?.id);
    } catch (error) {
      if (!(error instanceof FediError) || error.code !== 'NOT_FOUND') throw error;
    }
  }
  if (!id) {
    const q = new URLSearchParams({ q: `${name}@${host}`, type: 'accounts', limit: '5' });
    const found = await api<{ accounts?: unknown }>(`${origin}/api/v2/search?${q}`, o, webfingered);
    const accounts = Array.isArray(found?.accounts) ? (found.accounts as WireAccount[]) : [];
    account = accounts.find((a) => sameAccount(a, name, host, new URL(origin).host));
    id = idOf(account?.id);
    if (!id) throw new FediError(`No account @${user}@${host}`, { code: 'NOT_FOUND', url: origin });
  }
  const resolved: Account = { origin, id, pixelfed, ...(account && { account }) };
  if (cache.size > 200) cache.clear();
  cache.set(key, { at: Date.now(), account: resolved });
  return resolved;
}

/** Whether a search hit is the account asked for (`user` on `domain`, served by `apiHost`). */
function sameAccount(a: WireAccount, user: string, domain: string, apiHost: string): boolean {
  if (!a || typeof a.acct !== 'string') return false;
  const [name = '', at] = a.acct.toLowerCase().split('@');
  return name === user.toLowerCase() && (!at || at === domain || at === apiHost.toLowerCase());
}

const protocolOf = (ref: Ref, pixelfed = false): Protocol =>
  ref.protocol === 'pixelfed' || pixelfed ? 'pixelfed' : 'mastodon';

function publicPosts(raw: unknown, origin: string, protocol: Protocol): Post[] {
  return (Array.isArray(raw) ? (raw as WirePixelfedStatus[]) : [])
    .map((s) => mapPixelfedStatus(s, origin, protocol))
    .filter((p): p is Post => PUBLIC.includes(p?.visibility));
}

/**
 * One post (a photo, an album, a video), with Pixelfed's extras: licenses, `is_nsfw` media, the
 * placeholder BlurHash dropped.
 *
 * @example
 * const post = await fetchPost(resolve('https://pixelfed.social/p/dansup/123'));
 */
export async function fetchPost(ref: Ref, options: Options = {}): Promise<Post> {
  if (ref.kind !== 'post' || !ref.id || ref.protocol === 'bluesky')
    throw invalid('Expected a Pixelfed or Mastodon post reference');
  const url = `${ref.origin}/api/v1/statuses/${encodeURIComponent(ref.id)}?_pe=1`;
  const post = mapPixelfedStatus(
    await api<WirePixelfedStatus>(url, options),
    ref.origin,
    protocolOf(ref),
  );
  if (!post)
    throw new FediError('The server sent a status without an id', {
      code: 'INVALID_RESPONSE',
      url,
    });
  return post;
}

/** A public profile, found through WebFinger on the account's home server. */
export async function fetchProfile(ref: Ref, options: Options = {}): Promise<Profile> {
  const found = await resolveAccount(ref, options);
  const account =
    found.account ??
    (await api<WireAccount>(
      `${found.origin}/api/v1/accounts/${encodeURIComponent(found.id)}`,
      options,
    ));
  if (idOf(account?.id) === undefined)
    throw new FediError('The server sent an account without an id', { code: 'INVALID_RESPONSE' });
  return mapProfile(account, found.origin);
}

/**
 * An account's public posts, newest first, without boosts; with `onlyMedia`, only posts with media
 * and no replies (what a gallery shows). Pages with `maxId`: Pixelfed sends no `Link` header, so
 * `next` is the last post's id while pages come back full.
 *
 * @example
 * let page = await fetchAuthorPosts(resolve('@artist@pixelfed.social'), { onlyMedia: true });
 * if (page.next) page = await fetchAuthorPosts(ref, { onlyMedia: true, maxId: page.next });
 */
export async function fetchAuthorPosts(
  ref: Ref,
  options: Options & PageOptions = {},
): Promise<PostPage> {
  const found = await resolveAccount(ref, options);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? 20) || 20));
  const q = new URLSearchParams({ limit: String(limit), exclude_reblogs: 'true' });
  if (options.onlyMedia) {
    q.set('only_media', 'true');
    q.set('exclude_replies', 'true');
  }
  if (options.maxId) q.set('max_id', options.maxId);
  q.set('_pe', '1');
  const id = encodeURIComponent(found.id);
  const raw = await api<unknown>(`${found.origin}/api/v1/accounts/${id}/statuses?${q}`, options);
  const list = Array.isArray(raw) ? (raw as WirePixelfedStatus[]) : [];
  const posts = publicPosts(list, found.origin, protocolOf(ref, found.pixelfed));
  // Private posts and broken entries count for paging: the next page starts after the last entry.
  const last = idOf(list.at(-1)?.id);
  return list.length >= limit && last ? { posts, next: last } : { posts };
}

/**
 * The public posts of a Pixelfed collection (`https://host/c/123`), in the order its owner gave
 * them. Reads what Pixelfed's own collection page reads, `/api/local/collection/items/:id?page=N`,
 * which needs no token (routes/web-api.php: no auth middleware); where that answers 401, 403 or a
 * login page, the token API `/api/v1.1/collections/items/:id` (same controller, `auth:api`).
 *
 * Paging, as CollectionController::getItems has it: page N holds the items whose position lies in
 * the inclusive range [10N − 10, 10N], so up to eleven a page, and the last item of a page comes
 * again first on the next. `next` is `"<page>:<last id>"`; the next read drops that repeated item.
 * There is no end marker: the collection ends at a page with nothing new (as on Pixelfed's own
 * page). Private and draft collections are 404 to anyone but their owner (and, for private ones,
 * her followers): `NOT_FOUND`.
 *
 * @example
 * let page = await fetchCollection(resolve('https://pixelfed.social/c/123'));
 * if (page.next) page = await fetchCollection(ref, { maxId: page.next });
 */
export async function fetchCollection(
  ref: Ref,
  options: Options & PageOptions = {},
): Promise<PostPage> {
  if (ref.kind !== 'collection' || !ref.id) throw invalid('Expected a collection reference');
  const cursor = options.maxId === undefined ? ['', '1'] : COLLECTION_CURSOR.exec(options.maxId);
  const page = Number(cursor?.[1]);
  if (!cursor || page < 1 || page > MAX_COLLECTION_PAGE)
    throw invalid(`Not a collection page: ${String(options.maxId).slice(0, 20)}`);
  const id = encodeURIComponent(ref.id);
  let raw: unknown;
  try {
    raw = await api<unknown>(
      `${ref.origin}/api/local/collection/items/${id}?page=${page}`,
      options,
    );
  } catch (error) {
    // A refusal the server put into words (401, 403, a login page) may not hold for its token
    // API, which a proxy's token opens. A network failure (no CORS) would hold there too: both
    // routes are under /api/, with the same CORS; so would a 404.
    if (!(error instanceof FediError) || error.code !== 'AUTH_REQUIRED' || !error.status)
      throw error;
    raw = await api<unknown>(
      `${ref.origin}/api/v1.1/collections/items/${id}?page=${page}`,
      options,
    );
  }
  let list = Array.isArray(raw) ? (raw as WirePixelfedStatus[]) : [];
  // The previous page's last item opens this one (and any that share its position before it).
  const seen = cursor[2] ? list.findIndex((s) => idOf(s?.id) === cursor[2]) : -1;
  if (seen >= 0) list = list.slice(seen + 1);
  const posts = publicPosts(list, ref.origin, 'pixelfed');
  const last = idOf(list.at(-1)?.id);
  if (list.length === 0 || page >= MAX_COLLECTION_PAGE) return { posts };
  return { posts, next: last ? `${page + 1}:${last}` : String(page + 1) };
}

/** Sets `protocol` on every post of a thread (the Mastodon provider says `mastodon`). Iterative. */
function retag(thread: Thread, protocol: Protocol): Thread {
  const fix = (post: Post): Post => (post.protocol === protocol ? post : { ...post, protocol });
  const out: ThreadNode[] = [];
  // Each entry: a list of nodes to copy, and the list their copies go into.
  const stack: [readonly ThreadNode[], ThreadNode[]][] = [[thread.replies, out]];
  for (let item; (item = stack.pop());) {
    for (const node of item[0]) {
      const replies: ThreadNode[] = [];
      item[1].push({ ...node, post: fix(node.post), replies });
      stack.push([node.replies, replies]);
    }
  }
  return { ...thread, root: fix(thread.root), replies: out };
}

/**
 * A post and its replies, through the Mastodon provider's thread read, with the same token wall
 * detection. Pixelfed limits context to public posts for visitors.
 */
export async function fetchThread(
  ref: Ref,
  options: Options & ThreadOptions = {},
): Promise<Thread> {
  try {
    return retag(await fetchMastodonThread(ref, options), protocolOf(ref));
  } catch (error) {
    const e = FediError.from(error);
    if (e.code === 'AUTH_REQUIRED') throw needsToken(ref.host, e);
    throw e;
  }
}

/**
 * The Pixelfed provider as one object implementing core's `Provider`, `getCollection` included.
 * Each read is also exported on its own.
 *
 * @example
 * const pixelfed = createPixelfedProvider({ timeout: 8000 });
 * const page = await pixelfed.getAuthorPosts(resolve('https://pixelfed.social/artist'), {
 *   onlyMedia: true,
 * });
 */
export function createPixelfedProvider(options: PixelfedProviderOptions = {}): Provider {
  const o = <T extends ReadOptions>(read?: T) => withDefaults(options, read);
  return {
    protocol: 'pixelfed',
    getPost: (ref, read) => fetchPost(ref, o(read)),
    getThread: (ref, read) => fetchThread(ref, o(read)),
    getProfile: (ref, read) => fetchProfile(ref, o(read)),
    getAuthorPosts: (ref, read) => fetchAuthorPosts(ref, o(read)),
    getCollection: (ref, read) => fetchCollection(ref, o(read)),
  };
}
