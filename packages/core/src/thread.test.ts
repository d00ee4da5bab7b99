import { expect } from '@open-wc/testing';
import type { Post, Thread, ThreadNode } from './model.js';
import { buildThread } from './thread.js';

let clock = Date.parse('2024-01-01T00:00:00Z');

/** A post with the fields the builder reads; later posts are newer unless `at` says otherwise. */
function post(
  id: string,
  inReplyTo?: string,
  extra: { at?: string | null; likes?: number; author?: string } = {},
): Post {
  clock += 60_000;
  const createdAt =
    extra.at === null ? undefined : new Date(extra.at ? Date.parse(extra.at) : clock);
  return {
    protocol: 'mastodon',
    id,
    uri: `https://example.social/statuses/${id}`,
    ...(inReplyTo !== undefined ? { inReplyTo } : {}),
    author: {
      id: extra.author ?? 'a',
      name: '',
      handle: 'a@example.social',
      emojis: [],
      bot: false,
      noindex: false,
    },
    content: `<p>${id}</p>`,
    format: 'html',
    spoiler: '',
    sensitive: false,
    media: [],
    emojis: [],
    ...(createdAt && !Number.isNaN(createdAt.getTime()) ? { createdAt } : {}),
    visibility: 'public',
    counts: { replies: 0, reposts: 0, likes: extra.likes ?? 0 },
  };
}

/** The tree as nested `[id, [children]]` pairs, for readable deep equality. */
type Shape = [string, Shape[]];
function shape(nodes: readonly ThreadNode[]): Shape[] {
  return nodes.map((n) => [n.post.id, shape(n.replies)]);
}

/** Every node, iteratively. */
function all(thread: Thread): ThreadNode[] {
  const out: ThreadNode[] = [];
  const stack = [...thread.replies];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    stack.push(...node.replies);
  }
  return out;
}

/** Checks the invariants every thread must hold: ids unique, depth = parent depth + 1, count right. */
function checkInvariants(thread: Thread) {
  const seen = new Set<string>([thread.root.id]);
  const stack: { node: ThreadNode; depth: number }[] = thread.replies.map((node) => ({
    node,
    depth: 1,
  }));
  let n = 0;
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    expect(seen.has(node.post.id), `duplicate ${node.post.id}`).to.be.false;
    seen.add(node.post.id);
    expect(node.depth).to.equal(depth);
    n++;
    for (const child of node.replies) stack.push({ node: child, depth: depth + 1 });
  }
  expect(thread.count).to.equal(n);
}

const root = post('root');

describe('buildThread', () => {
  it('nests replies under their parents, in input order for equal dates', () => {
    const a = post('a', 'root');
    const b = post('b', 'root');
    const a1 = post('a1', 'a');
    const a2 = post('a2', 'a');
    const a1x = post('a1x', 'a1');
    const thread = buildThread(root, [a1x, a2, b, a1, a]);
    expect(shape(thread.replies)).to.deep.equal([
      [
        'a',
        [
          ['a1', [['a1x', []]]],
          ['a2', []],
        ],
      ],
      ['b', []],
    ]);
    expect(thread.count).to.equal(5);
    expect(thread.root).to.equal(root);
    expect(thread.truncated).to.be.undefined;
    expect(thread.fullThreadUrl).to.be.undefined;
    expect(thread.replies[0]!.depth).to.equal(1);
    expect(thread.replies[0]!.replies[0]!.replies[0]!.depth).to.equal(3);
    expect(thread.replies[0]!.truncatedBelow).to.be.false;
    checkInvariants(thread);
  });

  it('an empty list gives an empty thread', () => {
    const thread = buildThread(root, []);
    expect(thread.replies).to.deep.equal([]);
    expect(thread.count).to.equal(0);
  });

  it('passes fullThreadUrl and serverLimited through', () => {
    const thread = buildThread(root, [post('a', 'root')], {
      serverLimited: true,
      fullThreadUrl: 'https://example.social/@a/1',
    });
    expect(thread.truncated).to.equal('server-limit');
    expect(thread.fullThreadUrl).to.equal('https://example.social/@a/1');
  });

  describe('sort', () => {
    const old = post('old', 'root', { at: '2024-02-01T00:00:00Z', likes: 5 });
    const mid = post('mid', 'root', { at: '2024-02-02T00:00:00Z', likes: 10 });
    const fresh = post('new', 'root', { at: '2024-02-03T00:00:00Z', likes: 5 });
    const kids = [
      post('k2', 'mid', { at: '2024-03-02T00:00:00Z', likes: 1 }),
      post('k1', 'mid', { at: '2024-03-01T00:00:00Z', likes: 2 }),
    ];
    const list = [fresh, old, ...kids, mid];
    const ids = (t: Thread) => t.replies.map((n) => n.post.id);

    it('oldest first (the default)', () => {
      const thread = buildThread(root, list);
      expect(ids(thread)).to.deep.equal(['old', 'mid', 'new']);
      expect(thread.replies[1]!.replies.map((n) => n.post.id)).to.deep.equal(['k1', 'k2']);
      expect(ids(buildThread(root, list, { sort: 'oldest' }))).to.deep.equal(['old', 'mid', 'new']);
    });

    it('newest first, at every level', () => {
      const thread = buildThread(root, list, { sort: 'newest' });
      expect(ids(thread)).to.deep.equal(['new', 'mid', 'old']);
      expect(thread.replies[1]!.replies.map((n) => n.post.id)).to.deep.equal(['k2', 'k1']);
    });

    it('most liked first, ties oldest first', () => {
      const thread = buildThread(root, list, { sort: 'likes' });
      expect(ids(thread)).to.deep.equal(['mid', 'old', 'new']);
      expect(thread.replies[0]!.replies.map((n) => n.post.id)).to.deep.equal(['k1', 'k2']);
    });

    it('posts with invalid or missing dates sort last, whatever the order', () => {
      const undated = post('undated', 'root', { at: null });
      const invalid = post('invalid', 'root', { at: 'not a date' });
      const dated = [
        post('d1', 'root', { at: '2024-01-01T00:00:00Z' }),
        post('d2', 'root', { at: '2024-01-02T00:00:00Z' }),
      ];
      const input = [undated, dated[1]!, invalid, dated[0]!];
      expect(ids(buildThread(root, input, { sort: 'oldest' }))).to.deep.equal([
        'd1',
        'd2',
        'undated',
        'invalid',
      ]);
      expect(ids(buildThread(root, input, { sort: 'newest' }))).to.deep.equal([
        'd2',
        'd1',
        'undated',
        'invalid',
      ]);
      const liked = [
        post('u', 'root', { at: null, likes: 1 }),
        post('v', 'root', { at: '2024-01-01T00:00:00Z', likes: 1 }),
      ];
      expect(ids(buildThread(root, liked, { sort: 'likes' }))).to.deep.equal(['v', 'u']);
    });
  });

  describe('hostile input', () => {
    it('keeps duplicate ids once (the first one)', () => {
      const first = post('a', 'root');
      const dup = { ...post('a', 'root'), content: 'second copy' };
      const thread = buildThread(root, [first, dup, post('b', 'a'), post('b', 'a')]);
      expect(shape(thread.replies)).to.deep.equal([['a', [['b', []]]]]);
      expect(thread.replies[0]!.post).to.equal(first);
      expect(thread.count).to.equal(2);
    });

    it('drops the root if it appears among its own descendants', () => {
      const thread = buildThread(root, [post('root', 'a'), post('a', 'root')]);
      expect(shape(thread.replies)).to.deep.equal([['a', []]]);
      expect(thread.count).to.equal(1);
    });

    it('attaches orphans (missing parent, no parent) to the root', () => {
      const thread = buildThread(root, [
        post('a', 'root'),
        post('orphan', 'missing'),
        post('orphan-child', 'orphan'),
        post('noparent'),
      ]);
      expect(shape(thread.replies)).to.deep.equal([
        ['a', []],
        ['orphan', [['orphan-child', []]]],
        ['noparent', []],
      ]);
      checkInvariants(thread);
    });

    it('a self-reply hangs under the root', () => {
      const thread = buildThread(root, [post('self', 'self'), post('child', 'self')]);
      expect(shape(thread.replies)).to.deep.equal([['self', [['child', []]]]]);
      checkInvariants(thread);
    });

    it('breaks a two-post cycle A→B→A: each post once, nothing lost', () => {
      const thread = buildThread(root, [post('A', 'B'), post('B', 'A'), post('c', 'root')]);
      checkInvariants(thread);
      expect(thread.count).to.equal(3);
      expect(
        all(thread)
          .map((n) => n.post.id)
          .sort(),
      ).to.deep.equal(['A', 'B', 'c']);
      // A is older than c, so it sorts first; the cycle is broken at the first post seen (A).
      expect(shape(thread.replies)).to.deep.equal([
        ['A', [['B', []]]],
        ['c', []],
      ]);
    });

    it('breaks longer cycles, and keeps what hangs off them', () => {
      const ring = Array.from({ length: 50 }, (_, i) => post(`r${i}`, `r${(i + 1) % 50}`));
      const off = post('off', 'r25');
      const thread = buildThread(root, [...ring, off]);
      checkInvariants(thread);
      expect(thread.count).to.equal(51);
      expect(thread.replies).to.have.length(1);
      const ids = new Set(all(thread).map((n) => n.post.id));
      expect(ids.has('off')).to.be.true;
    });

    it('handles many disjoint cycles quickly', () => {
      const posts: Post[] = [];
      for (let i = 0; i < 2000; i++) posts.push(post(`x${i}`, `y${i}`), post(`y${i}`, `x${i}`));
      const start = performance.now();
      const thread = buildThread(root, posts, { maxSize: 10_000 });
      expect(performance.now() - start).to.be.lessThan(2000);
      checkInvariants(thread);
      expect(thread.count).to.equal(4000);
      expect(thread.replies).to.have.length(2000);
    });

    it('a 10,000-deep chain: no stack overflow, every post present when maxDepth allows', () => {
      const chain: Post[] = [];
      for (let i = 0; i < 10_000; i++) chain.push(post(`c${i}`, i === 0 ? 'root' : `c${i - 1}`));
      // Reversed input: children come before their parents.
      const thread = buildThread(root, [...chain].reverse(), {
        maxDepth: 20_000,
        maxSize: 20_000,
      });
      expect(thread.count).to.equal(10_000);
      expect(thread.truncated).to.be.undefined;
      let node = thread.replies[0]!;
      let depth = 1;
      while (node.replies.length) {
        expect(node.replies).to.have.length(1);
        node = node.replies[0]!;
        depth++;
      }
      expect(depth).to.equal(10_000);
      expect(node.post.id).to.equal('c9999');
      expect(node.depth).to.equal(10_000);
      checkInvariants(thread);
    });

    it('a 10,000-deep chain with maxDepth 20: cut at depth 20, marked, never re-attached elsewhere', () => {
      const chain: Post[] = [];
      for (let i = 0; i < 10_000; i++) chain.push(post(`c${i}`, i === 0 ? 'root' : `c${i - 1}`));
      const thread = buildThread(root, chain, { maxDepth: 20, maxSize: 20_000 });
      expect(thread.truncated).to.equal('depth');
      expect(thread.count).to.equal(20);
      expect(thread.replies).to.have.length(1);
      const nodes = all(thread);
      expect(Math.max(...nodes.map((n) => n.depth))).to.equal(20);
      const last = nodes.find((n) => n.depth === 20)!;
      expect(last.post.id).to.equal('c19');
      expect(last.truncatedBelow).to.be.true;
      expect(nodes.filter((n) => n.truncatedBelow)).to.have.length(1);
      checkInvariants(thread);
    });

    it('the default depth cap (1000) applies to a 10,000-deep chain', () => {
      const chain: Post[] = [];
      for (let i = 0; i < 10_000; i++) chain.push(post(`c${i}`, i === 0 ? 'root' : `c${i - 1}`));
      const thread = buildThread(root, chain, { maxSize: 20_000 });
      expect(thread.truncated).to.equal('depth');
      expect(thread.count).to.equal(1000);
    });

    it('the depth cap also holds for a chain hanging off a cycle', () => {
      const posts = [post('A', 'B'), post('B', 'A')];
      for (let i = 0; i < 30; i++) posts.push(post(`t${i}`, i === 0 ? 'B' : `t${i - 1}`));
      const thread = buildThread(root, posts, { maxDepth: 5 });
      checkInvariants(thread);
      expect(thread.truncated).to.equal('depth');
      expect(Math.max(...all(thread).map((n) => n.depth))).to.equal(5);
      expect(thread.count).to.equal(5);
    });

    it('caps the size (size) and counts what it kept', () => {
      const posts = Array.from({ length: 100 }, (_, i) => post(`p${i}`, 'root'));
      const thread = buildThread(root, posts, { maxSize: 10 });
      expect(thread.truncated).to.equal('size');
      expect(thread.count).to.equal(10);
      expect(thread.replies.map((n) => n.post.id)).to.deep.equal(
        posts.slice(0, 10).map((p) => p.id),
      );
    });

    it('the default size cap is 1000', () => {
      const posts = Array.from({ length: 1500 }, (_, i) => post(`p${i}`, 'root'));
      const thread = buildThread(root, posts);
      expect(thread.count).to.equal(1000);
      expect(thread.truncated).to.equal('size');
    });

    it('says size-truncated when the cap drops posts reachable only through a cycle', () => {
      const thread = buildThread(root, [post('a', 'root'), post('A', 'B'), post('B', 'A')], {
        maxSize: 1,
      });
      expect(thread.count).to.equal(1);
      expect(thread.truncated).to.equal('size');
    });

    it('exactly maxSize posts is not truncated', () => {
      const posts = Array.from({ length: 10 }, (_, i) => post(`p${i}`, 'root'));
      const thread = buildThread(root, posts, { maxSize: 10 });
      expect(thread.count).to.equal(10);
      expect(thread.truncated).to.be.undefined;
    });

    it('a server limit is reported before a Fedikit cap', () => {
      const posts = Array.from({ length: 5 }, (_, i) => post(`p${i}`, 'root'));
      const thread = buildThread(root, posts, { maxSize: 2, serverLimited: true });
      expect(thread.truncated).to.equal('server-limit');
    });
  });

  describe('filter', () => {
    it('keeps matching replies and the path from the root to them', () => {
      const posts = [
        post('a', 'root'),
        post('a1', 'a'),
        post('a1x', 'a1', { likes: 1 }),
        post('a2', 'a'),
        post('b', 'root'),
        post('c', 'root', { likes: 3 }),
        post('c1', 'c'),
      ];
      const thread = buildThread(root, posts, { filter: (p) => p.counts.likes > 0 });
      expect(shape(thread.replies)).to.deep.equal([
        ['a', [['a1', [['a1x', []]]]]],
        ['c', []],
      ]);
      expect(thread.count).to.equal(4);
      checkInvariants(thread);
    });

    it('does not hang on a filtered cycle', () => {
      const thread = buildThread(root, [post('A', 'B', { likes: 1 }), post('B', 'A')], {
        filter: (p) => p.counts.likes > 0,
      });
      checkInvariants(thread);
      expect(all(thread).map((n) => n.post.id)).to.include('A');
    });

    it('a filter that matches nothing gives an empty thread', () => {
      const thread = buildThread(root, [post('a', 'root')], { filter: () => false });
      expect(thread.count).to.equal(0);
      expect(thread.replies).to.have.length(0);
    });
  });
});
