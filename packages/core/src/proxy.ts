// SPDX-License-Identifier: MIT
/**
 * The browser half of `@fedikit/proxy`: a {@link Provider} that reads everything from a proxy on the
 * site's own origin, so readers contact no other host for the content.
 *
 * The wire contract (version 1), shared with `@fedikit/proxy`. Every read is a GET under `base`:
 *
 * | path | query | answer |
 * |---|---|---|
 * | `/thread` | `ref`, `sort`, `favourites=1`, `appview`, `filters` (JSON {@link OwnerFilters}) | {@link Thread} |
 * | `/post` | `ref` | {@link Post} |
 * | `/profile` | `ref` | {@link Profile} |
 * | `/posts` | `ref`, `media=1`, `max_id`, `limit` | {@link PostPage} |
 * | `/collection` | `ref`, `max_id`, `limit` | {@link PostPage} |
 * | `/facepile` | `ref` (a post), `kind` (`likes` or `reposts`), `limit`, `appview` | {@link Facepile} |
 *
 * `ref` is anything `resolve()` accepts ({@link refInput} turns a `Ref` back into one). Answers are
 * the core model as JSON, dates as ISO 8601 strings. Errors carry the status a client expects (400
 * bad input, 403 the upstream needs a token, 404, 429 with `Retry-After`, 502 the upstream failed,
 * 504 it timed out) and a body `{"error": {"code": FediErrorCode, "message": string}}`.
 * @packageDocumentation
 */
import { FediError } from './errors.js';
import { fetchJson } from './http.js';
import type { Facepile, Post, Profile, Ref, Thread } from './model.js';
import type { PageOptions, PostPage, Provider, ReadOptions, ThreadOptions } from './provider.js';

/** The paths of the proxy's reads. */
export type ProxyRead = 'thread' | 'post' | 'profile' | 'posts' | 'collection' | 'facepile';

/**
 * The input string `resolve()` turns into `ref` again: the URL it came from, an `at://` URI, or
 * `@user@host`. Throws `INVALID_INPUT` for a hand-made ref that carries neither.
 */
export function refInput(ref: Ref): string {
  if (ref.url) return ref.url;
  if (ref.protocol === 'bluesky' && ref.acct) {
    return ref.kind === 'post' && ref.id
      ? `at://${ref.acct}/app.bsky.feed.post/${ref.id}`
      : `at://${ref.acct}`;
  }
  if (ref.kind === 'profile' && ref.acct) {
    return `@${ref.acct.includes('@') ? ref.acct : `${ref.acct}@${ref.host}`}`;
  }
  throw new FediError('This reference has no URL or handle to send to the proxy', {
    code: 'INVALID_INPUT',
  });
}

const DATES = new Set(['createdAt', 'editedAt']);

/** Turns the ISO strings of `createdAt`/`editedAt` back into `Date`s, iteratively (threads are deep). */
export function reviveDates<T>(value: T): T {
  const stack: unknown[] = [value];
  for (let item; (item = stack.pop()) !== undefined;) {
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (DATES.has(key) && typeof v === 'string') {
        const date = new Date(v);
        record[key] = Number.isNaN(date.getTime()) ? undefined : date;
      } else if (v && typeof v === 'object') stack.push(v);
    }
  }
  return value;
}

/** Options for {@link createProxyProvider}. */
export interface ProxyProviderOptions {
  /** A `fetch` to use instead of the global one. */
  readonly fetch?: typeof fetch;
  /** Deadline per read in ms. Default 10 000. */
  readonly timeout?: number;
}

/**
 * A provider for every protocol at once, reading through the site's `@fedikit/proxy` at `base`
 * (e.g. `https://example.com/fedikit`, or `/fedikit`, which a page resolves against its own
 * address). The proxy holds any token and applies its allow-list.
 *
 * @example
 * const provider = createProxyProvider('https://example.com/fedikit');
 * const thread = await provider.getThread(resolve('https://mastodon.social/@Gargron/1'));
 */
export function createProxyProvider(base: string, options: ProxyProviderOptions = {}): Provider {
  // A path such as `/fedikit` is the site's own origin (what `proxy="/fedikit"` means in a page).
  const here = (globalThis as { location?: { href?: string } }).location?.href;
  let absolute = base;
  try {
    absolute = new URL(base, here).href;
  } catch {
    // No page address to resolve against (Node) and not absolute: fetchJson refuses it below.
  }
  const root = absolute.replace(/\/+$/, '');
  async function read<T>(path: ProxyRead, ref: Ref, query: object, o?: ReadOptions): Promise<T> {
    const q = new URLSearchParams({ ref: refInput(ref) });
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== false && value !== '') q.set(key, String(value));
    }
    try {
      const { data } = await fetchJson<T>(`${root}/${path}?${q}`, {
        fetch: options.fetch,
        signal: o?.signal,
        timeout: o?.timeout ?? options.timeout,
        fresh: o?.fresh,
      });
      return reviveDates(data);
    } catch (cause) {
      // fetchJson names 400 a generic SERVER error; from the proxy it means the input was refused.
      if (cause instanceof FediError && cause.status === 400) {
        throw new FediError('The proxy refused this address', {
          code: 'INVALID_INPUT',
          status: 400,
          url: cause.url,
        });
      }
      throw cause;
    }
  }
  const page = (o?: PageOptions) => ({ max_id: o?.maxId, limit: o?.limit });
  return {
    // The proxy serves every protocol; the ref's own protocol is what the caller branches on.
    protocol: 'mastodon',
    getPost: (ref, o) => read<Post>('post', ref, {}, o),
    getProfile: (ref, o) => read<Profile>('profile', ref, {}, o),
    getThread: (ref, o?: ThreadOptions) =>
      read<Thread>(
        'thread',
        ref,
        {
          sort: o?.sort,
          favourites: o?.favouritesOnly && 1,
          appview: o?.appview,
          filters: o?.moderation && JSON.stringify(o.moderation),
        },
        o,
      ),
    getAuthorPosts: (ref, o) =>
      read<PostPage>('posts', ref, { ...page(o), media: o?.onlyMedia && 1 }, o),
    getCollection: (ref, o) => read<PostPage>('collection', ref, page(o), o),
    getFacepile: (ref, o) =>
      read<Facepile>('facepile', ref, { kind: o?.kind, limit: o?.limit, appview: o?.appview }, o),
  };
}
