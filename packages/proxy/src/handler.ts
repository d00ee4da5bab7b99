// SPDX-License-Identifier: MIT
// The proxy itself: a `(Request) => Promise<Response>` that serves core's proxy contract (see
// core/src/proxy.ts) from the site's own origin. Web APIs only, so it runs on Node and on edge
// runtimes alike; the Node-only parts (the address-checking fetch, the server) live in node.ts.
import {
  BSKY_APPVIEW,
  FediError,
  type FediErrorCode,
  type OwnerFilters,
  type Post,
  type PostPage,
  type Protocol,
  type Provider,
  type ProxyRead,
  type Ref,
  resolve,
  type Thread,
  type ThreadSort,
} from '@fedikit/core';
import type { PrivateAddressOptIn } from './address.js';
import { type CacheEntry, createMemoryCache, type ProxyCache } from './cache.js';
import { checkUrl, upstreamFetch, type UpstreamOptions, type UpstreamState } from './upstream.js';

/** What a {@link ProviderFactory} gets: the fetch to use, and the handler's defaults. */
export interface ProviderContext {
  /** The only `fetch` the provider may use: allow-list, tokens, redirects and addresses handled. */
  readonly fetch: typeof fetch;
  /** Deadline per upstream read in ms. */
  readonly timeout: number;
  /** The AT Protocol AppView to read from. */
  readonly appview: string;
}

/**
 * Makes the provider of one protocol for one reader's request. Providers are cheap closures: a new
 * one per request lets the handler hand each its own `fetch` (which records a 429's reset).
 */
export type ProviderFactory = (context: ProviderContext) => Provider | Promise<Provider>;

/**
 * The providers the handler uses unless {@link ProxyConfig.providers} replaces them, each loaded
 * on first use (a dynamic import: a deployment that serves only Mastodon never loads Bluesky's).
 * A protocol without an entry is answered with a 400.
 */
export const DEFAULT_PROVIDERS: Readonly<Partial<Record<Protocol, ProviderFactory>>> = {
  mastodon: async ({ fetch, timeout }) =>
    (await import('@fedikit/mastodon')).createMastodonProvider({ fetch, timeout }),
  pixelfed: async ({ fetch, timeout }) =>
    (await import('@fedikit/pixelfed')).createPixelfedProvider({ fetch, timeout }),
  bluesky: async ({ fetch, timeout, appview }) =>
    (await import('@fedikit/bluesky')).createBlueskyProvider({ fetch, timeout, appview }),
};

/** Options of media proxying (`GET <base>/media?url=…`). */
export interface ProxyMediaOptions {
  /**
   * Key that signs the media URLs written into answers, so that only those are served. Default: a
   * random key per process; give the same key to every instance behind one cache.
   */
  readonly secret?: string;
  /** Hosts whose media may be fetched without a signature (same patterns as `hosts`). */
  readonly hosts?: readonly string[];
  /** Largest file served, in bytes. Default 20 MiB. */
  readonly maxBytes?: number;
}

/** Configuration of {@link createProxyHandler}. */
export interface ProxyConfig {
  /**
   * Upstream hosts the proxy may read, e.g. `['mastodon.social', '*.example.org', 'bsky.app']`.
   * `bsky.app` allows Bluesky content (read from the AppView). A port restricts to that port;
   * `'*'` allows every public host (not recommended).
   */
  readonly hosts: readonly string[];
  /**
   * Only content of these accounts (`@user@host`, a Bluesky handle or DID); threads of their posts
   * include everyone's replies. Default: any account on the allowed hosts.
   */
  readonly accounts?: readonly string[];
  /** Origins whose pages may read the proxy cross-origin (CORS); `'*'` for any. Same-origin always works. */
  readonly origins?: readonly string[];
  /** The path the handler answers under. Default `/fedikit`. */
  readonly basePath?: string;
  /**
   * Read-only tokens by host (`{ 'pixelfed.example': '…' }`), sent as a bearer token to that host
   * only, never to the browser.
   */
  readonly tokens?: Readonly<Record<string, string>>;
  /**
   * The `fetch` for upstream requests. On Node pass `createGuardedFetch()` from
   * `@fedikit/proxy/node`, which refuses private addresses after DNS resolution. Default: the global.
   */
  readonly fetch?: typeof fetch;
  /** Providers by protocol; default {@link DEFAULT_PROVIDERS}. */
  readonly providers?: Partial<Record<Protocol, ProviderFactory>>;
  /** Where answers are kept. Default: {@link createMemoryCache} with its defaults. */
  readonly cache?: ProxyCache;
  /** Seconds an answer is cached here and may be cached by browsers. Default 60. */
  readonly ttl?: number;
  /** Proxy media too (`true` or options), rewriting media URLs in answers. Default off. */
  readonly media?: boolean | ProxyMediaOptions;
  /**
   * The proxy's public URL, e.g. `https://example.com/fedikit`, for rewritten media URLs. Default:
   * the request's origin plus `basePath` (set it behind a reverse proxy).
   */
  readonly publicUrl?: string;
  /** Deadline per upstream read in ms. Default 10 000. */
  readonly timeout?: number;
  /** The AT Protocol AppView. Default Bluesky's public one. */
  readonly appview?: string;
  /**
   * Allow loopback and private addresses upstream: `true` anywhere, or only the listed `host:port`s
   * (e.g. the local sandbox). For the sandbox and tests only: it turns the SSRF protection off there.
   * Pass the same to `createGuardedFetch`.
   */
  readonly allowPrivateAddresses?: PrivateAddressOptIn;
}

/** A standard fetch handler: `Request` in, `Response` out. */
export type ProxyHandler = (request: Request) => Promise<Response>;

const READS = new Set<string>(['thread', 'post', 'profile', 'posts', 'collection', 'facepile']);
const KINDS: Record<ProxyRead, Ref['kind']> = {
  thread: 'post',
  post: 'post',
  profile: 'profile',
  posts: 'profile',
  collection: 'collection',
  facepile: 'post',
};
const SORTS = new Set<string>(['oldest', 'newest', 'likes']);
/** An answer kept from the reader because the allow-list refuses it. */
const REFUSED = Symbol('refused');
const STATUS: Record<FediErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  AUTH_REQUIRED: 403,
  RATE_LIMITED: 429,
  TIMEOUT: 504,
  NETWORK: 502,
  TOO_LARGE: 502,
  INVALID_RESPONSE: 502,
  SERVER: 502,
  ABORTED: 502,
};
// Our own words for upstream failures: an upstream's message (or a URL) never reaches the reader.
const MESSAGES: Record<FediErrorCode, string> = {
  INVALID_INPUT: 'Refused',
  NOT_FOUND: 'Not found',
  AUTH_REQUIRED: 'This server does not serve anonymous readers: give the proxy a read-only token',
  RATE_LIMITED: 'The server asks to wait before the next request',
  TIMEOUT: 'The server did not answer in time',
  NETWORK: 'The server could not be reached',
  TOO_LARGE: 'The server sent too much',
  INVALID_RESPONSE: 'The server sent something unexpected',
  SERVER: 'The server failed',
  ABORTED: 'Aborted',
};
const MEDIA_TYPE = /^(image\/(png|jpeg|gif|webp|avif|svg\+xml)|video\/(mp4|webm))$/;
/** The one byte range passed on to a media host: `bytes=a-`, `bytes=a-b` or `bytes=-n`. */
const RANGE = /^bytes=(\d{1,15}-\d{0,15}|-\d{1,15})$/;
/** What a media host's answer to a range must carry: the range served and the file's size. */
const CONTENT_RANGE = /^bytes (\d{1,15}-\d{1,15}|\*)\/(\d{1,15}|\*)$/;
// Keys whose string value is always a file to load, and arrays whose items' `url` is one.
const FILE_KEYS = new Set([
  'previewUrl',
  'avatar',
  'avatarStatic',
  'header',
  'headerStatic',
  'staticUrl',
  // A link card's picture.
  'image',
]);
const FILE_ARRAYS = new Set(['media', 'emojis']);

/** A pattern list (`host`, `host:port`, `*.domain`, `*`) as a predicate on URLs. */
function hostMatcher(patterns: readonly string[]): (url: URL) => boolean {
  const list = patterns.map((p) => p.trim().toLowerCase()).filter(Boolean);
  return (url) => {
    const host = url.host.toLowerCase();
    const name = url.hostname.toLowerCase();
    return list.some((p) => {
      if (p === '*') return true;
      const target = p.includes(':') && !p.startsWith('[') ? host : p.includes(']:') ? host : name;
      return p.startsWith('*.') ? target.endsWith(p.slice(1)) : target === p;
    });
  };
}

/** `@user@host`, `user@host`, a handle or a DID, in the one form compared. */
const account = (text: string) => text.trim().replace(/^@/, '').toLowerCase();

function bad(message: string): FediError {
  return new FediError(message, { code: 'INVALID_INPUT' });
}

/** Base64url, unpadded. */
function b64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The owner filters of a thread read, checked field by field (it is reader-supplied JSON). */
function parseFilters(text: string | null): OwnerFilters | undefined {
  if (!text) return undefined;
  if (text.length > 8192) throw bad('filters is too long');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw bad('filters is not JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('filters is not an object');
  const r = raw as Record<string, unknown>;
  const words = (v: unknown) =>
    Array.isArray(v) && v.length <= 200 && v.every((w) => typeof w === 'string' && w.length <= 200)
      ? (v as string[])
      : undefined;
  return {
    adult: r['adult'] === 'warn' ? 'warn' : r['adult'] === 'hide' ? 'hide' : undefined,
    muteWords: words(r['muteWords']),
    muteUsers: words(r['muteUsers']),
    minLikes: typeof r['minLikes'] === 'number' && r['minLikes'] >= 0 ? r['minLikes'] : undefined,
    hideEmpty: r['hideEmpty'] === true ? true : undefined,
  };
}

/**
 * Creates the proxy: a standard `(Request) => Promise<Response>` handler serving the reads of
 * core's proxy contract (`/thread`, `/post`, `/profile`, `/posts`, `/collection`, and `/media` when
 * enabled) under `basePath`, as JSON with CORS for the configured origins, `Cache-Control`, an
 * `ETag` and 304s. It holds the tokens, applies the allow-lists and caches answers.
 *
 * @example
 * // Node (see `createProxyServer` in `@fedikit/proxy/node` for a ready server):
 * const handler = createProxyHandler({
 *   hosts: ['pixelfed.social'],
 *   accounts: ['@artist@pixelfed.social'],
 *   origins: ['https://artist.example'],
 *   tokens: { 'pixelfed.social': process.env.PIXELFED_TOKEN! },
 *   fetch: createGuardedFetch(),
 * });
 * // An edge runtime: export default { fetch: handler };
 */
export function createProxyHandler(config: ProxyConfig): ProxyHandler {
  const base = `/${(config.basePath ?? '/fedikit').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const ttl = Math.max(0, config.ttl ?? 60);
  const timeout = config.timeout ?? 10_000;
  const appview = config.appview ?? BSKY_APPVIEW;
  const cache = config.cache ?? createMemoryCache();
  const providers = config.providers ?? DEFAULT_PROVIDERS;
  const origins = new Set((config.origins ?? []).map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const hostAllowed = hostMatcher(config.hosts);
  const accounts = config.accounts?.length ? new Set(config.accounts.map(account)) : undefined;
  const tokens = new Map(
    Object.entries(config.tokens ?? {}).map(([host, token]) => [host.toLowerCase(), token]),
  );
  const secrets = [...tokens.values()].filter((t) => t.length >= 4);
  const allowPrivateAddresses = config.allowPrivateAddresses ?? false;
  const mediaOptions: ProxyMediaOptions | undefined =
    config.media === true ? {} : config.media || undefined;
  const mediaHost = hostMatcher(mediaOptions?.hosts ?? []);
  const maxMediaBytes = mediaOptions?.maxBytes ?? 20 * 1024 * 1024;
  // The AppView is where Bluesky content is read: allowed with `bsky.app`.
  const appviewHost = (() => {
    try {
      return new URL(appview).host.toLowerCase();
    } catch {
      throw bad(`appview is not a URL: ${appview}`);
    }
  })();
  const bskyAllowed = hostAllowed(new URL('https://bsky.app'));
  const upstreamAllowed = (url: URL) =>
    hostAllowed(url) || (bskyAllowed && url.host.toLowerCase() === appviewHost);
  const resets = new Map<string, number>();
  const inflight = new Map<string, Promise<CacheEntry>>();
  const upstreamFetchImpl = config.fetch ?? ((input, init) => fetch(input, init));
  const upstream = (withTokens: boolean, allowed: (url: URL) => boolean): UpstreamOptions => ({
    fetch: upstreamFetchImpl,
    allowed,
    tokens,
    allowPrivateAddresses,
    maxRedirects: 2,
    resets,
    withTokens,
  });
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(
      mediaOptions?.secret ?? b64(crypto.getRandomValues(new Uint8Array(32))),
    ),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  /** Did {@link sign} give `sig` for `url`? (`verify` compares in constant time.) */
  const signedBy = async (url: string, sig: string) => {
    if (!/^[\w-]{43}$/.test(sig)) return false;
    const bytes = Uint8Array.from(atob(sig.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    return crypto.subtle.verify('HMAC', await key, bytes, new TextEncoder().encode(url));
  };
  const sign = async (url: string) =>
    b64(new Uint8Array(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(url))));

  // ---- responses ---------------------------------------------------------------------------

  const common = (request: Request): Headers => {
    const headers = new Headers({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      vary: 'Origin',
    });
    const origin = request.headers.get('origin');
    if (origin && (origins.has('*') || origins.has(origin.toLowerCase()))) {
      headers.set('access-control-allow-origin', origin);
      headers.set(
        'access-control-expose-headers',
        'ETag, Retry-After, Content-Range, Accept-Ranges',
      );
    }
    return headers;
  };

  /** The last line of defence: no configured token leaves in a header or a JSON body. */
  const leaks = (text: string) => secrets.some((s) => text.includes(s));
  const send = (request: Request, status: number, body: string | null, headers: Headers) => {
    if (leaks(body ?? '') || [...headers.values()].some(leaks)) {
      return new Response(
        JSON.stringify({ error: { code: 'SERVER', message: 'The proxy failed' } }),
        {
          status: 500,
          headers: { ...Object.fromEntries(common(request)), 'content-type': 'application/json' },
        },
      );
    }
    return new Response(request.method === 'HEAD' ? null : body, { status, headers });
  };

  const json = (request: Request, status: number, body: string, extra: Record<string, string>) => {
    const headers = common(request);
    headers.set('content-type', 'application/json; charset=utf-8');
    headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    return send(request, status, body, headers);
  };

  const error = (request: Request, cause: unknown, retryAfter?: number): Response => {
    const e = FediError.from(cause);
    const code = e.code;
    // Our refusals and input errors say what was wrong; upstream failures get our own words.
    const message = code === 'INVALID_INPUT' ? e.message : MESSAGES[code];
    const extra: Record<string, string> = { 'cache-control': 'no-store' };
    if (code === 'RATE_LIMITED') extra['retry-after'] = String(retryAfter ?? 60);
    return json(request, STATUS[code], JSON.stringify({ error: { code, message } }), extra);
  };

  // ---- reads -------------------------------------------------------------------------------

  /** `/thread` etc.: the query checked, the ref resolved, the cache asked, upstream read once. */
  const read = async (request: Request, path: ProxyRead, url: URL): Promise<Response> => {
    const q = url.searchParams;
    const input = q.get('ref') ?? '';
    if (!input || input.length > 2048) throw bad('ref is missing or too long');
    const ref = resolve(input);
    if (ref.kind !== KINDS[path]) throw bad(`/${path} needs a ${KINDS[path]} reference`);
    if (!hostAllowed(new URL(ref.origin)))
      throw bad(`${ref.host} is not on this proxy's allow-list`);
    // Refuse early what the ref already names; the answer's author is checked after the read.
    // (Not for Bluesky: a ref may name the DID where the list names the handle, or the reverse.)
    if (accounts && ref.acct && ref.protocol !== 'bluesky' && !accountAllowed(ref, ref.acct))
      throw bad("This account is not on this proxy's allow-list");
    // Accounts of the Mastodon family (`@artist@host` names no software) go to the Pixelfed
    // provider when there is one: it finds accounts through WebFinger, which Mastodon and Pixelfed
    // both answer (Pixelfed has no accounts/lookup), and reads media the same way on both.
    const account = path === 'profile' || path === 'posts';
    const protocol =
      ref.protocol === 'mastodon' && account && providers.pixelfed ? 'pixelfed' : ref.protocol;
    const factory = providers[protocol];
    if (!factory) throw bad(`This proxy does not serve ${ref.protocol}`);

    const sort = q.get('sort') ?? undefined;
    if (sort && !SORTS.has(sort)) throw bad('sort must be oldest, newest or likes');
    const limitText = q.get('limit');
    const limit = limitText === null ? undefined : Number(limitText);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 80))
      throw bad('limit must be an integer from 1 to 80');
    const maxId = q.get('max_id') ?? undefined;
    if (maxId !== undefined && (maxId.length > 1000 || !maxId)) throw bad('max_id is invalid');
    const view = q.get('appview') ?? undefined;
    if (view !== undefined) {
      let viewUrl: URL;
      try {
        viewUrl = new URL(view);
      } catch {
        throw bad('appview is not a URL');
      }
      checkUrl(viewUrl, { allowed: upstreamAllowed, allowPrivateAddresses });
    }
    const kind = q.get('kind') ?? undefined;
    if (kind !== undefined && kind !== 'likes' && kind !== 'reposts')
      throw bad('kind must be likes or reposts');
    const filters = parseFilters(q.get('filters'));
    const mediaBase = mediaOptions
      ? (config.publicUrl ?? `${url.origin}${base}`).replace(/\/+$/, '')
      : '';
    const options = {
      sort: sort as ThreadSort | undefined,
      favouritesOnly: q.get('favourites') === '1' || undefined,
      appview: view,
      moderation: filters,
      onlyMedia: q.get('media') === '1' || undefined,
      maxId,
      limit,
      kind,
    };
    // One key per distinct answer: the resolved ref (not its spelling) and every option used.
    const cacheKey = JSON.stringify([
      path,
      ref.protocol,
      ref.kind,
      ref.host,
      ref.id,
      ref.acct,
      options,
      mediaBase,
    ]);

    let entry = await cache.get(cacheKey);
    if (!entry) {
      // Readers asking for the same thing at once share one upstream read.
      let pending = inflight.get(cacheKey);
      if (!pending) {
        pending = fetchAnswer(path, ref, factory, options, mediaBase, cacheKey).finally(() =>
          inflight.delete(cacheKey),
        );
        inflight.set(cacheKey, pending);
      }
      entry = await pending;
    }
    const status = entry.status ?? 200;
    const headers: Record<string, string> = {
      etag: entry.etag,
      'cache-control': status === 200 ? `public, max-age=${entry.maxAge ?? ttl}` : 'no-store',
    };
    if (status === 200 && matches(request.headers.get('if-none-match'), entry.etag)) {
      const h = common(request);
      for (const [name, value] of Object.entries(headers)) h.set(name, value);
      return send(request, 304, null, h);
    }
    return json(request, status, entry.body, headers);
  };

  /** Is this account listed? Bluesky accounts by handle or DID (`id`), others as `user@host`. */
  const accountAllowed = (ref: Pick<Ref, 'host' | 'protocol'>, name: string, id?: string) => {
    if (!accounts) return true;
    if (ref.protocol === 'bluesky')
      return accounts.has(account(name)) || accounts.has(account(id ?? ''));
    return accounts.has(account(name.includes('@') ? name : `${name}@${ref.host}`));
  };

  /** One upstream read, as a cache entry (answers and allow-list refusals are cached). */
  const fetchAnswer = async (
    path: ProxyRead,
    ref: Ref,
    factory: ProviderFactory,
    options: Record<string, unknown>,
    mediaBase: string,
    cacheKey: string,
  ): Promise<CacheEntry> => {
    const state: UpstreamState = {};
    const fetchFor = upstreamFetch(upstream(true, upstreamAllowed), state);
    const provider = await factory({ fetch: fetchFor, timeout, appview });
    let answer: unknown;
    try {
      const o = { ...options, timeout };
      if (path === 'thread') answer = await provider.getThread(ref, o);
      else if (path === 'post') answer = await provider.getPost(ref, o);
      else if (path === 'profile') answer = await provider.getProfile(ref, o);
      else if (path === 'posts') answer = await provider.getAuthorPosts(ref, o);
      else if (path === 'facepile') {
        if (!provider.getFacepile) throw bad(`${ref.protocol} does not list likes and reposts`);
        // A facepile names its likers, not the post's author: with an accounts list, the post is
        // read first so that only the listed accounts' posts are served (both reads are cached).
        if (accounts && !answerAllowed('post', ref, await provider.getPost(ref, o)))
          answer = REFUSED;
        else answer = await provider.getFacepile(ref, o);
      } else if (provider.getCollection) answer = await provider.getCollection(ref, o);
      else throw bad(`${ref.protocol} has no collections`);
    } catch (cause) {
      const e = FediError.from(cause);
      if (e.code === 'RATE_LIMITED') throw new RateLimited(state.retryAfter);
      throw e;
    }
    if (accounts && (path === 'posts' || path === 'collection')) {
      // A page keeps the allowed accounts' posts (a feed may hold reposts of others).
      const page = answer as PostPage;
      answer = {
        ...page,
        posts: page.posts.filter((p) => accountAllowed(ref, p.author.handle, p.author.id)),
      };
    }
    let status = 200;
    let body: string;
    if (answer === REFUSED || (accounts && !answerAllowed(path, ref, answer))) {
      status = 400;
      body = JSON.stringify({
        error: { code: 'INVALID_INPUT', message: "This account is not on this proxy's allow-list" },
      });
    } else {
      if (mediaBase) await rewriteMedia(answer, mediaBase);
      body = JSON.stringify(answer);
    }
    const digest = new Uint8Array(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)),
    );
    // A thread still being completed upstream (Mastodon-Async-Refresh) is fresh only until the
    // server suggests reading again, so a reader's second look gets the new replies.
    const retry = path === 'thread' ? (answer as Thread).pending?.retryAfter : undefined;
    const maxAge = retry === undefined ? ttl : Math.min(ttl, retry);
    const entry: CacheEntry = {
      body,
      etag: `"${b64(digest.slice(0, 18))}"`,
      storedAt: Date.now(),
      ...(status === 200 ? {} : { status }),
      ...(maxAge < ttl ? { maxAge } : {}),
    };
    // A refusal is kept too (it cost an upstream read), but not longer than 30 s.
    await cache.set(cacheKey, entry, (status === 200 ? maxAge : Math.min(ttl, 30)) * 1000);
    return entry;
  };

  const answerAllowed = (path: ProxyRead, ref: Ref, answer: unknown): boolean => {
    const authors: Post['author'][] = [];
    if (path === 'thread') authors.push((answer as Thread).root.author);
    else if (path === 'post') authors.push((answer as Post).author);
    else if (path === 'profile') authors.push((answer as { author: Post['author'] }).author);
    return authors.every((a) => accountAllowed(ref, a.handle, a.id));
  };

  /** Points every file URL of an answer at `/media`, signed; iterative (threads are deep). */
  const rewriteMedia = async (answer: unknown, mediaBase: string) => {
    const jobs: Promise<void>[] = [];
    const stack: [unknown, boolean][] = [[answer, false]];
    for (let item; (item = stack.pop());) {
      const [value, fileItem] = item;
      if (!value || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const v of value) stack.push([v, false]);
        continue;
      }
      const record = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(record)) {
        if (typeof v === 'string' && (FILE_KEYS.has(k) || (fileItem && k === 'url'))) {
          jobs.push(
            sign(v).then((sig) => {
              record[k] = `${mediaBase}/media?${new URLSearchParams({ url: v, sig })}`;
            }),
          );
        } else if (Array.isArray(v) && FILE_ARRAYS.has(k)) {
          for (const x of v) stack.push([x, true]);
        } else if (v && typeof v === 'object') stack.push([v, false]);
      }
    }
    await Promise.all(jobs);
  };

  // ---- media -------------------------------------------------------------------------------

  const media = async (request: Request, url: URL): Promise<Response> => {
    const target = url.searchParams.get('url') ?? '';
    const sig = url.searchParams.get('sig') ?? '';
    let file: URL;
    try {
      file = new URL(target);
    } catch {
      throw bad('url is not a URL');
    }
    const signed = await signedBy(target, sig);
    if (!signed && !mediaHost(file))
      throw bad('This file did not come from an answer of this proxy');
    const state: UpstreamState = {};
    // Redirect hops stay on the file's host or the allowed hosts.
    const allowed = (u: URL) => u.host === file.host || mediaHost(u) || hostAllowed(u);
    // Video players ask for byte ranges, and Safari plays no video from a server that ignores
    // them. One simple range is passed on; anything else (several ranges, junk) asks for the file.
    const range = request.headers.get('range')?.trim() ?? '';
    const res = await upstreamFetch(upstream(false, allowed), state)(file.href, {
      signal: AbortSignal.timeout(timeout * 3),
      headers: RANGE.test(range) ? { range } : {},
    });
    const contentRange = res.headers.get('content-range')?.trim() ?? '';
    if (res.status === 416 && CONTENT_RANGE.test(contentRange)) {
      void res.body?.cancel().catch(() => undefined);
      const headers = common(request);
      headers.set('content-range', contentRange);
      return new Response(null, { status: 416, headers });
    }
    // A partial answer must say which bytes it holds, or the player would assemble garbage.
    const partial = res.status === 206;
    if (partial && !CONTENT_RANGE.test(contentRange)) {
      void res.body?.cancel().catch(() => undefined);
      throw new FediError('A partial answer without its range', { code: 'INVALID_RESPONSE' });
    }
    if (res.status === 429) throw new RateLimited(state.retryAfter);
    if (res.status === 404 || res.status === 410)
      throw new FediError('Not found', { code: 'NOT_FOUND' });
    if (!res.ok) throw new FediError('Upstream failed', { code: 'SERVER', status: res.status });
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!MEDIA_TYPE.test(type)) {
      void res.body?.cancel().catch(() => undefined);
      throw new FediError('Not an image or a video', { code: 'INVALID_RESPONSE' });
    }
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (length > maxMediaBytes) {
      void res.body?.cancel().catch(() => undefined);
      throw new FediError('Too large', { code: 'TOO_LARGE' });
    }
    const headers = common(request);
    headers.set('content-type', type);
    // An SVG opened on its own must not run script on the site's origin.
    headers.set(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    headers.set('cache-control', `public, max-age=${Math.max(ttl, 86_400)}`);
    if (Number.isFinite(length)) headers.set('content-length', String(length));
    if (partial) headers.set('content-range', contentRange);
    if (res.headers.get('accept-ranges')?.trim().toLowerCase() === 'bytes')
      headers.set('accept-ranges', 'bytes');
    let size = 0;
    const capped = res.body?.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          if ((size += chunk.byteLength) > maxMediaBytes)
            controller.error(new FediError('Too large', { code: 'TOO_LARGE' }));
          else controller.enqueue(chunk);
        },
      }),
    );
    if (request.method === 'HEAD') void capped?.cancel().catch(() => undefined);
    return new Response(request.method === 'HEAD' ? null : (capped ?? null), {
      status: partial ? 206 : 200,
      headers,
    });
  };

  // ---- routing -----------------------------------------------------------------------------

  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return error(request, bad('Bad request URL'));
    }
    const origin = request.headers.get('origin');
    const crossOrigin = origin !== null && origin !== url.origin;
    if (crossOrigin && !origins.has('*') && !origins.has(origin.toLowerCase()))
      return error(request, bad('This origin may not use this proxy'));
    if (request.method === 'OPTIONS') {
      const headers = common(request);
      headers.set('access-control-allow-methods', 'GET, HEAD, OPTIONS');
      headers.set('access-control-allow-headers', 'Accept, If-None-Match, Range');
      headers.set('access-control-max-age', '600');
      headers.set('allow', 'GET, HEAD, OPTIONS');
      return send(request, 204, null, headers);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const res = error(request, bad('Only GET, HEAD and OPTIONS'));
      return new Response(res.body, {
        status: 405,
        headers: { ...Object.fromEntries(res.headers), allow: 'GET, HEAD, OPTIONS' },
      });
    }
    const rest = url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length + 1) : null;
    try {
      if (rest !== null && READS.has(rest)) return await read(request, rest as ProxyRead, url);
      if (rest === 'media' && mediaOptions) return await media(request, url);
      return json(
        request,
        404,
        JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such read' } }),
        { 'cache-control': 'no-store' },
      );
    } catch (cause) {
      return error(request, cause, cause instanceof RateLimited ? cause.retryAfter : undefined);
    }
  };
}

/** A 429 upstream, with the seconds it asked for. */
class RateLimited extends FediError {
  readonly retryAfter: number | undefined;
  constructor(retryAfter: number | undefined) {
    super('Rate limited', { code: 'RATE_LIMITED', status: 429 });
    this.retryAfter = retryAfter;
  }
}

/** Does `If-None-Match` name `etag` (or `*`)? Weak comparison, as RFC 9110 asks for GET. */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}
