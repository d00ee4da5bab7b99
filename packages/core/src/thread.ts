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

const time = (p: Post) => p.createdAt?.getTime() ?? Number.POSITIVE_INFINITY;
const COMPARE: Record<ThreadSort, (a: ThreadNode, b: ThreadNode) => number> = {
  oldest: (a, b) => time(a.post) - time(b.post) || 0,
  newest: (a, b) => {
    const ta = a.post.createdAt?.getTime() ?? Number.NEGATIVE_INFINITY;
    const tb = b.post.createdAt?.getTime() ?? Number.NEGATIVE_INFINITY;
    return tb - ta;
  },
  likes: (a, b) => b.post.counts.likes - a.post.counts.likes || time(a.post) - time(b.post),
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
  // Children by parent id, in input order. Orphans (missing parent) hang under the root.
  const children = new Map<string, Post[]>();
  const add = (parent: string, post: Post) => {
    const list = children.get(parent);
    if (list) list.push(post);
    else children.set(parent, [post]);
  };
  for (const post of byId.values()) {
    const parent = post.inReplyTo;
    add(parent !== undefined && parent !== post.id && byId.has(parent) ? parent : root.id, post);
  }

  // Optional filter: keep matching posts and their ancestors inside this set.
  let keep: Set<string> | undefined;
  if (options.filter) {
    keep = new Set();
    for (const post of byId.values()) {
      if (!options.filter(post)) continue;
      let cur: Post | undefined = post;
      const seen = new Set<string>();
      while (cur && !keep.has(cur.id) && !seen.has(cur.id)) {
        seen.add(cur.id);
        keep.add(cur.id);
        cur = cur.inReplyTo === undefined ? undefined : byId.get(cur.inReplyTo);
      }
    }
  }

  const top: ThreadNode[] = [];
  const visited = new Set<string>([root.id]);
  let count = 0;
  let truncated: Thread['truncated'] = options.serverLimited ? 'server-limit' : undefined;
  // Breadth-first from the root; posts only reachable through a cycle are never visited from it,
  // so they are attached to the root afterwards, which breaks the cycle.
  const queue: {
    id: string;
    list: ThreadNode[];
    depth: number;
    node?: { truncatedBelow: boolean };
  }[] = [{ id: root.id, list: top, depth: 0 }];
  const drain = () => {
    for (let i = 0; i < queue.length; i++) {
      const item = queue[i]!;
      for (const post of children.get(item.id) ?? []) {
        if (visited.has(post.id)) continue;
        if (keep && !keep.has(post.id)) continue;
        if (item.depth + 1 > maxDepth) {
          if (item.node) item.node.truncatedBelow = true;
          truncated ??= 'depth';
          continue;
        }
        if (count >= maxSize) {
          truncated ??= 'size';
          return;
        }
        visited.add(post.id);
        count++;
        const node: ThreadNode = {
          post,
          replies: [],
          depth: item.depth + 1,
          truncatedBelow: false,
        };
        item.list.push(node);
        queue.push({ id: post.id, list: node.replies, depth: node.depth, node });
      }
    }
    queue.length = 0;
  };
  drain();
  for (const post of byId.values()) {
    if (visited.has(post.id) || (keep && !keep.has(post.id)) || count >= maxSize) continue;
    queue.push({ id: root.id, list: top, depth: 0 });
    // Re-parent this stray post under the root for this pass only.
    children.set(root.id, [post]);
    drain();
  }

  // Sort every sibling list, iteratively.
  const compare = COMPARE[options.sort ?? 'oldest'];
  const lists: ThreadNode[][] = [top];
  while (lists.length) {
    const list = lists.pop()!;
    list.sort(compare);
    for (const node of list) if (node.replies.length) lists.push(node.replies);
  }
  return {
    root,
    replies: top,
    count,
    ...(truncated ? { truncated } : {}),
    ...(options.fullThreadUrl ? { fullThreadUrl: options.fullThreadUrl } : {}),
  };
}
