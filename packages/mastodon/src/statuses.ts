// SPDX-License-Identifier: MIT
// The status reads (a post, a thread, a facepile) and what every read shares. The account reads
// (account.ts) are a module apart, so that a bundle can leave them out: the comment thread's
// chunk does not carry them.
import {
  buildThread,
  FediError,
  fetchJson,
  type Author,
  type Facepile,
  type FacepileOptions,
  type Post,
  type ReadOptions,
  type Ref,
  type Thread,
  type ThreadOptions,
} from '@fedikit/core';
import type { MastodonProviderOptions } from './index.js';
import { mapAuthor, mapStatus } from './map.js';
import type { WireAccount, WireContext, WireStatus } from './wire.js';

const MAX_REPLIES = 60;
const MAX_DEPTH = 20;
/** Mastodon's caps on an anonymous `context` read (since 4.0): replies, and depth. */
export const ANONYMOUS_CONTEXT_LIMIT = { replies: MAX_REPLIES, depth: MAX_DEPTH } as const;

/** What every read takes: the provider's options under the read's own. */
export type Options = MastodonProviderOptions & ReadOptions;

/** Throws `INVALID_INPUT` unless `ref` is a post with an id, or a profile with an account. */
export function need(ref: Ref, kind: 'post' | 'profile'): void {
  if (ref.kind !== kind || !(kind === 'post' ? ref.id : ref.acct)) {
    throw new FediError(`Expected a ${kind} reference`, { code: 'INVALID_INPUT' });
  }
}

/** The JSON at `url`. The read options (deadline, abort signal, `fetch`) go to the HTTP layer as they are. */
export const get = async <T>(url: string, o?: Options) => (await fetchJson<T>(url, o)).data;

const PUBLIC: unknown[] = ['public', 'unlisted'];

/** The public (and unlisted) posts among wire statuses, mapped; broken entries dropped. */
export function publicPosts(raw: WireStatus[], origin: string): Post[] {
  return raw
    .map((s) => mapStatus(s, origin))
    .filter((p): p is Post => PUBLIC.includes(p?.visibility));
}

/** True when a reply in the thread is `depth` deep or deeper; iterative. */
function reaches(thread: Thread, depth: number): boolean {
  const stack = [...thread.replies];
  for (let node; (node = stack.pop());) {
    if (node.depth >= depth) return true;
    stack.push(...node.replies);
  }
  return false;
}

/** `/api/v1/statuses/:id` on `origin`. */
const statusUrl = (origin: string, id: string) =>
  `${origin}/api/v1/statuses/${encodeURIComponent(id)}`;

/** The status at `url` (from {@link statusUrl}), mapped. */
async function status(url: string, origin: string, o?: Options): Promise<Post> {
  const post = mapStatus(await get<WireStatus>(url, o), origin);
  if (!post)
    throw new FediError('The server sent a status without an id', { code: 'INVALID_RESPONSE' });
  return post;
}

/** One post. */
export async function fetchPost(ref: Ref, options?: Options): Promise<Post> {
  need(ref, 'post');
  return status(statusUrl(ref.origin, ref.id!), ref.origin, options);
}

/**
 * A post and its public (and unlisted) replies as a tree: two requests (status + context) in parallel,
 * with no CORS preflight. Marks the thread `server-limit` truncated when Mastodon's anonymous caps
 * (60 replies, depth 20) may have cut it.
 *
 * @example
 * const thread = await fetchThread(resolve('https://mastodon.social/@Gargron/1'));
 */
export async function fetchThread(
  ref: Ref,
  options: Options & ThreadOptions = {},
): Promise<Thread> {
  need(ref, 'post');
  const { origin } = ref;
  const url = statusUrl(origin, ref.id!);
  const [root, { data: context, headers }] = await Promise.all([
    status(url, origin, options),
    fetchJson<WireContext>(`${url}/context`, options),
  ]);
  const raw = Array.isArray(context?.descendants) ? (context.descendants as WireStatus[]) : [];
  const descendants = publicPosts(raw, origin);
  const liked = options.favouritesOnly
    ? await likedByAuthor(origin, root, descendants, options)
    : undefined;
  const thread = buildThread(root, descendants, {
    sort: options.sort,
    fullThreadUrl: root.url,
    filter: liked && ((p: Post) => liked.has(p.id)),
  });
  // Mastodon's caps may have cut the list; a cut of our own (depth, size) is reported first.
  if (raw.length >= MAX_REPLIES || reaches(thread, MAX_DEPTH))
    (thread as { truncated?: Thread['truncated'] }).truncated ??= 'server-limit';
  const retryAfter = asyncRefresh(headers);
  return retryAfter ? { ...thread, pending: { retryAfter } } : thread;
}

/**
 * Seconds to wait before reading a context again, from Mastodon's `Mastodon-Async-Refresh: id="…",
 * retry=3, result_count=0`. Mastodon (4.4+, StatusesController#context) starts fetching a remote
 * post's replies from other servers when a signed-in account reads its context, and while that runs
 * it sends the header to every reader of the context, anonymous ones included. Browsers cannot read
 * it across origins (Mastodon does not expose it); a server-side reader, such as the proxy, can.
 * Clamped to 1–60 s.
 */
function asyncRefresh(headers: Headers): number | undefined {
  const retry = /(?:^|[\s,;])retry=(\d{1,9})(?![\d.])/.exec(
    headers.get('mastodon-async-refresh') ?? '',
  )?.[1];
  return retry === undefined ? undefined : Math.min(60, Math.max(1, Number(retry)));
}

/**
 * Ids of replies the root's author favourited: one `favourited_by` read per liked reply, four at a
 * time. Ids are local to the server the context came from, so every read goes there.
 */
async function likedByAuthor(origin: string, root: Post, replies: Post[], o: Options) {
  const liked = new Set<string>();
  const queue = replies.filter((p) => p.counts.likes > 0);
  const worker = async () => {
    for (let post = queue.shift(); post; post = queue.shift()) {
      const url = `${statusUrl(origin, post.id)}/favourited_by?limit=80`;
      const accounts = await get<WireAccount[]>(url, o).catch(() => []);
      if (Array.isArray(accounts) && accounts.some((a) => a?.id === root.author.id))
        liked.add(post.id);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return liked;
}

/**
 * Who favourited (`kind: 'likes'`, the default) or boosted (`'reposts'`) a post: one read of
 * `favourited_by` or `reblogged_by` on the post's server, at most `limit` (default 10, at most 80)
 * accounts, as the server lists them.
 */
export async function fetchFacepile(
  ref: Ref,
  options: Options & FacepileOptions = {},
): Promise<Facepile> {
  need(ref, 'post');
  const list = options.kind === 'reposts' ? 'reblogged_by' : 'favourited_by';
  const limit = Math.min(80, Math.max(1, options.limit ?? 10));
  const url = `${statusUrl(ref.origin, ref.id!)}/${list}?limit=${limit}`;
  const raw = await get<WireAccount[]>(url, options);
  const authors = (Array.isArray(raw) ? raw.slice(0, limit) : [])
    .map((a) => mapAuthor(a, ref.origin))
    .filter((a: Author) => a.id);
  return { authors };
}
