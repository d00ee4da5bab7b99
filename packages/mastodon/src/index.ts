// SPDX-License-Identifier: MIT
/**
 * `@fedikit/mastodon`: public, anonymous reads from any Mastodon-API server (Mastodon and its forks),
 * through core's hardened HTTP layer, mapped to the core model.
 * @packageDocumentation
 */
import {
  buildThread,
  FediError,
  fetchJson,
  isLoopbackHost,
  type FetchJsonOptions,
  type Post,
  type PostPage,
  type Profile,
  type Provider,
  type ReadOptions,
  type Ref,
  type Thread,
  type ThreadOptions,
} from '@fedikit/core';
import { mapProfile, mapStatus } from './map.js';
import type { WireAccount, WireContext, WireStatus } from './wire.js';

export { mapAuthor, mapProfile, mapStatus } from './map.js';
export type { WireAccount, WireContext, WireEmoji, WireMedia, WireStatus } from './wire.js';

/** Mastodon's caps on an anonymous `context` read (since 4.0): replies, and depth. */
export const ANONYMOUS_CONTEXT_LIMIT = { replies: 60, depth: 20 } as const;

/** Options for {@link createMastodonProvider}. */
export interface MastodonProviderOptions {
  /** A `fetch` to use instead of the global one. */
  readonly fetch?: typeof fetch;
  /** Deadline per read in ms. Default 10 000. */
  readonly timeout?: number;
}

function need(ref: Ref, kind: Ref['kind']): void {
  if (ref.kind !== kind || (kind === 'post' && !ref.id) || (kind === 'profile' && !ref.acct)) {
    throw new FediError(`Expected a ${kind} reference`, { code: 'INVALID_INPUT' });
  }
}

const PUBLIC = new Set(['public', 'unlisted']);

/** Deepest level of a thread, found iteratively. */
function depthOf(thread: Thread): number {
  let max = 0;
  const stack = [...thread.replies];
  while (stack.length) {
    const node = stack.pop()!;
    max = Math.max(max, node.depth);
    stack.push(...node.replies);
  }
  return max;
}

/**
 * Creates the Mastodon provider. Reads need no account: a thread costs two requests
 * (status + context), fetched in parallel, with no CORS preflight.
 *
 * @example
 * const mastodon = createMastodonProvider();
 * const thread = await mastodon.getThread(resolve('https://mastodon.social/@Gargron/1'));
 */
export function createMastodonProvider(options: MastodonProviderOptions = {}): Provider {
  const http = (read?: ReadOptions): FetchJsonOptions => ({
    fetch: options.fetch,
    timeout: read?.timeout ?? options.timeout,
    signal: read?.signal,
  });
  const get = async <T>(url: string, read?: ReadOptions) =>
    (await fetchJson<T>(url, http(read))).data;

  async function status(origin: string, id: string, read?: ReadOptions): Promise<Post> {
    const post = mapStatus(
      await get<WireStatus>(`${origin}/api/v1/statuses/${encodeURIComponent(id)}`, read),
      origin,
    );
    if (!post)
      throw new FediError('The server sent a status without an id', { code: 'INVALID_RESPONSE' });
    return post;
  }

  async function lookup(
    ref: Ref,
    read?: ReadOptions,
  ): Promise<{ origin: string; account: WireAccount }> {
    need(ref, 'profile');
    // Look the account up on its home server: other servers only know accounts they have seen.
    const [user, domain] = ref.acct!.split('@');
    const host = domain ?? ref.host;
    const origin = domain
      ? `${isLoopbackHost(host.replace(/:\d+$/, '')) ? 'http' : 'https'}://${host}`
      : ref.origin;
    const account = await get<WireAccount>(
      `${origin}/api/v1/accounts/lookup?acct=${encodeURIComponent(user!)}`,
      read,
    );
    if (typeof account?.id !== 'string')
      throw new FediError('The server sent an account without an id', { code: 'INVALID_RESPONSE' });
    return { origin, account };
  }

  return {
    protocol: 'mastodon',

    async getPost(ref, read) {
      need(ref, 'post');
      return status(ref.origin, ref.id!, read);
    },

    async getThread(ref, read?: ThreadOptions) {
      need(ref, 'post');
      const id = encodeURIComponent(ref.id!);
      const [root, context] = await Promise.all([
        status(ref.origin, ref.id!, read),
        get<WireContext>(`${ref.origin}/api/v1/statuses/${id}/context`, read),
      ]);
      const raw = Array.isArray(context?.descendants) ? (context.descendants as WireStatus[]) : [];
      const descendants = raw
        .map((s) => mapStatus(s, ref.origin))
        .filter((p): p is Post => p !== undefined && PUBLIC.has(p.visibility));
      let liked: Set<string> | undefined;
      if (read?.favouritesOnly) liked = await likedByAuthor(ref.origin, root, descendants, read);
      const thread = buildThread(root, descendants, {
        sort: read?.sort,
        ...(root.url ? { fullThreadUrl: root.url } : {}),
        ...(liked ? { filter: (p: Post) => liked.has(p.id) } : {}),
      });
      const limited =
        raw.length >= ANONYMOUS_CONTEXT_LIMIT.replies ||
        depthOf(thread) >= ANONYMOUS_CONTEXT_LIMIT.depth;
      return limited && !thread.truncated ? { ...thread, truncated: 'server-limit' } : thread;
    },

    async getProfile(ref, read): Promise<Profile> {
      const { origin, account } = await lookup(ref, read);
      return mapProfile(account, origin);
    },

    async getAuthorPosts(ref, read = {}): Promise<PostPage> {
      const { origin, account } = await lookup(ref, read);
      const q = new URLSearchParams({
        limit: String(Math.min(40, Math.max(1, read.limit ?? 20))),
        exclude_reblogs: 'true',
      });
      if (read.onlyMedia) q.set('only_media', 'true');
      if (read.maxId) q.set('max_id', read.maxId);
      const raw = await get<WireStatus[]>(
        `${origin}/api/v1/accounts/${encodeURIComponent(account.id as string)}/statuses?${q}`,
        read,
      );
      const posts = (Array.isArray(raw) ? raw : [])
        .map((s) => mapStatus(s, origin))
        .filter((p): p is Post => p !== undefined && PUBLIC.has(p.visibility));
      const last = posts.at(-1);
      return last && posts.length > 0 ? { posts, next: last.id } : { posts };
    },
  };

  /**
   * Ids of replies the root's author favourited: one `favourited_by` read per liked reply, four at a
   * time. Ids are local to the server the context came from, so every read goes there.
   */
  async function likedByAuthor(origin: string, root: Post, replies: Post[], read: ReadOptions) {
    const liked = new Set<string>();
    const queue = replies.filter((p) => p.counts.likes > 0);
    const worker = async () => {
      for (let post = queue.shift(); post; post = queue.shift()) {
        const url = `${origin}/api/v1/statuses/${encodeURIComponent(post.id)}/favourited_by?limit=80`;
        const accounts = await get<WireAccount[]>(url, read).catch(() => []);
        if (Array.isArray(accounts) && accounts.some((a) => a?.id === root.author.id))
          liked.add(post.id);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return liked;
  }
}
