// SPDX-License-Identifier: MIT
import type { Post, Thread, ThreadNode } from './model.js';

/** Order of sibling replies. */
export type ThreadSort = 'oldest' | 'newest' | 'likes';

/** Options for {@link buildThread}. */
export interface BuildThreadOptions {
  readonly sort?: ThreadSort;
  /** Replies deeper than this are dropped (and their parent marked). Default 1000. */
  readonly maxDepth?: number;
  /** At most this many replies are kept. Default 1000. */
  readonly maxSize?: number;
  /** Keep only these replies (and the path from the root to them). */
  readonly filter?: (post: Post) => boolean;
  /** The server is known to have capped the list it sent. */
  readonly serverLimited?: boolean;
  /** Where the whole conversation can be read. */
  readonly fullThreadUrl?: string;
}

/** When a reply was posted; `missing` for one without a date. */
const time = (n: ThreadNode, missing: number) => n.post.createdAt?.getTime() ?? missing;
// Undated replies go last. Two of them compare as NaN, which `sort` treats as equal.
const COMPARE: Record<ThreadSort, (a: ThreadNode, b: ThreadNode) => number> = {
  oldest: (a, b) => time(a, Infinity) - time(b, Infinity),
  newest: (a, b) => time(b, -Infinity) - time(a, -Infinity),
  likes: (a, b) => b.post.counts.likes - a.post.counts.likes || COMPARE.oldest(a, b),
};

/**
 * Builds a reply tree from a root and a flat list of its descendants (Mastodon's `context`).
 * Hostile input is normal: the walk is iterative (no recursion, so a 10 000-deep chain is fine),
 * cycles and self-replies are broken, duplicate ids are kept once, replies whose parent is missing
 * are attached to the root, and depth and size are capped.
 */
export function buildThread(
  root: Post,
  descendants: readonly Post[],
  options: BuildThreadOptions = {},
): Thread {
  const maxDepth = options.maxDepth ?? 1000;
  const maxSize = options.maxSize ?? 1000;
  const byId = new Map<string, Post>();
  for (const post of descendants) {
    if (post.id !== root.id && !byId.has(post.id)) byId.set(post.id, post);
  }
  // With a filter, keep the matches and their ancestors (the walk stops at the first kept one, so
  // it ends on cycles too), and forget the rest. A kept post's parent is kept too, so the tree
  // below is built from the kept posts alone.
  const { filter } = options;
  if (filter) {
    const keep = new Set<string>();
    for (const post of byId.values()) {
      if (!filter(post)) continue;
      for (let p: Post | undefined = post; p && !keep.has(p.id); p = byId.get(p.inReplyTo ?? '')) {
        keep.add(p.id);
      }
    }
    for (const id of byId.keys()) if (!keep.has(id)) byId.delete(id);
  }
  // Children by parent id, in input order; a reply whose parent is missing hangs under the root.
  const top: Post[] = [];
  const children = new Map([[root.id, top]]);
  for (const post of byId.values()) {
    const parent = post.inReplyTo;
    const key = parent !== undefined && parent !== post.id && byId.has(parent) ? parent : root.id;
    const list = children.get(key);
    if (list) list.push(post);
    else children.set(key, [post]);
  }
  // Marks what the root reaches; a post still unreached after that sits on a cycle (A→B→A): hang
  // the first one seen under the root, and mark what it reaches, and so on.
  const reach = new Set<string>();
  for (const start of [root, ...byId.values()]) {
    if (reach.has(start.id)) continue;
    if (start !== root) top.push(start);
    reach.add(start.id);
    for (const stack = [start.id]; stack.length;) {
      for (const child of children.get(stack.pop()!) ?? []) {
        if (reach.has(child.id)) continue;
        reach.add(child.id);
        stack.push(child.id);
      }
    }
  }

  // Breadth-first, iteratively (a 10 000-deep chain is fine), each post at most once, within the caps.
  // `reach` holds what is still to place: a post leaves it on its first visit. Only a cycle's first
  // post has a second place (under its parent on the cycle), and the root's replies, where it also
  // hangs, are visited first.
  type Node = { -readonly [K in keyof ThreadNode]: ThreadNode[K] };
  const replies: Node[] = [];
  const queue: [Post[], Node[], number, Node | undefined][] = [[top, replies, 1, undefined]];
  const compare = COMPARE[options.sort ?? 'oldest'];
  let count = 0;
  let truncated: Thread['truncated'] = options.serverLimited ? 'server-limit' : undefined;
  for (let i = 0; i < queue.length; i++) {
    const [posts, list, depth, parent] = queue[i]!;
    for (const post of posts) {
      if (!reach.delete(post.id)) continue;
      if (depth > maxDepth || count >= maxSize) {
        if (parent) parent.truncatedBelow = true;
        truncated ??= depth > maxDepth ? 'depth' : 'size';
        continue;
      }
      count++;
      const node: Node = { post, replies: [], depth, truncatedBelow: false };
      list.push(node);
      const kids = children.get(post.id);
      if (kids) queue.push([kids, node.replies, depth + 1, node]);
    }
    // This sibling list is complete: only this entry of the queue adds to it.
    list.sort(compare);
  }
  return { root, replies, count, truncated, fullThreadUrl: options.fullThreadUrl };
}

/**
 * One conversation from several threads of the same post on different networks (a blog post
 * cross-posted to Mastodon and Bluesky): every source's replies, each subtree under its own root
 * reply, sorted together. The first thread's root stands for the post; `sources` lists every root.
 */
export function mergeThreads(threads: readonly Thread[], sort: ThreadSort = 'oldest'): Thread {
  const [first] = threads;
  if (!first) throw new RangeError('mergeThreads needs at least one thread');
  return {
    root: first.root,
    replies: threads.flatMap((t) => t.replies).sort(COMPARE[sort]),
    count: threads.reduce((n, t) => n + t.count, 0),
    truncated: threads.find((t) => t.truncated)?.truncated,
    fullThreadUrl: first.fullThreadUrl,
    sources: threads.map((t) => t.root),
  };
}
