import { FediError, type Thread, type ThreadNode } from '@fedikit/core';
import { expect } from '@open-wc/testing';
import { mapThread } from './map.js';
import { LABEL_SPOILERS, type ModerationOptions } from './moderation.js';
import type { WirePostView } from './wire.js';

const LABELER = 'did:plc:ar7c4by46qjdydhdevvrndac';
const did = (name: string) => `did:plc:${name.repeat(24).slice(0, 24)}`;
const uri = (name: string, rkey: string) => `at://${did(name)}/app.bsky.feed.post/${rkey}`;

interface Spec {
  name: string;
  rkey: string;
  text?: string;
  likes?: number;
  labels?: { val: string; src?: string; neg?: boolean }[];
  authorLabels?: { val: string; src?: string; profile?: boolean }[];
  embed?: unknown;
  replies?: unknown[];
}

function view(s: Spec): WirePostView {
  const u = uri(s.name, s.rkey);
  return {
    uri: u,
    cid: 'bafyrei',
    author: {
      did: did(s.name),
      handle: `${s.name}.example.com`,
      displayName: s.name,
      labels: (s.authorLabels ?? []).map((l) => ({
        src: l.src ?? did(s.name),
        uri: l.profile ? `at://${did(s.name)}/app.bsky.actor.profile/self` : did(s.name),
        val: l.val,
        cts: '2025-01-01T00:00:00.000Z',
      })),
    },
    record: {
      $type: 'app.bsky.feed.post',
      text: s.text ?? `post ${s.rkey}`,
      createdAt: '2025-03-01T10:00:00.000Z',
    },
    embed: s.embed,
    likeCount: s.likes ?? 0,
    indexedAt: '2025-03-01T10:00:00.000Z',
    labels: (s.labels ?? []).map((l) => ({
      src: l.src ?? LABELER,
      uri: u,
      val: l.val,
      neg: l.neg,
      cts: '2025-01-01T00:00:00.000Z',
    })),
  };
}
const node = (s: Spec): unknown => ({
  $type: 'app.bsky.feed.defs#threadViewPost',
  post: view(s),
  replies: s.replies ?? [],
});
const thread = (root: Spec, threadgate?: unknown) => ({ thread: node(root), threadgate });

function all(t: Thread): ThreadNode[] {
  const out: ThreadNode[] = [];
  for (const stack = [...t.replies]; stack.length;) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...n.replies);
  }
  return out;
}
const rkeys = (t: Thread) =>
  all(t)
    .map((n) => n.post.id.split('/').pop())
    .sort();
const find = (t: Thread, rkey: string) => all(t).find((n) => n.post.id.endsWith(`/${rkey}`));

const ROOT = { name: 'alice', rkey: 'root' };
const IMAGE = {
  $type: 'app.bsky.embed.images#view',
  images: [{ thumb: 'https://cdn.example/t.jpg', fullsize: 'https://cdn.example/f.jpg', alt: 'x' }],
};

/** Maps a root with one reply `r` (which has a child `c`) under `options`. */
function withReply(reply: Partial<Spec>, options?: ModerationOptions): Thread {
  const r: Spec = {
    name: 'bob',
    rkey: 'r',
    ...reply,
    replies: [node({ name: 'carol', rkey: 'c' })],
  };
  return mapThread(
    thread({ ...ROOT, replies: [node(r), node({ name: 'dave', rkey: 'sibling' })] }),
    {
      moderation: options,
    },
  );
}

describe('moderation (logged-out view)', () => {
  it('shows an unlabelled reply and its replies', () => {
    expect(rkeys(withReply({}))).to.deep.equal(['c', 'r', 'sibling']);
  });

  it('drops authors with !no-unauthenticated (profile or account label, any source) with their subtree', () => {
    for (const authorLabels of [
      [{ val: '!no-unauthenticated', profile: true }],
      [{ val: '!no-unauthenticated', src: LABELER }],
    ]) {
      expect(rkeys(withReply({ authorLabels }))).to.deep.equal(['sibling']);
    }
    expect(rkeys(withReply({ labels: [{ val: '!no-unauthenticated' }] }))).to.deep.equal([
      'sibling',
    ]);
  });

  it('drops !hide and its subtree; ignores a self-applied !hide', () => {
    expect(rkeys(withReply({ labels: [{ val: '!hide' }] }))).to.deep.equal(['sibling']);
    expect(rkeys(withReply({ authorLabels: [{ val: '!hide', src: LABELER }] }))).to.deep.equal([
      'sibling',
    ]);
    expect(rkeys(withReply({ labels: [{ val: '!hide', src: did('bob') }] }))).to.have.length(3);
  });

  it('puts !warn behind a content warning; ignores a self-applied !warn', () => {
    const t = withReply({ labels: [{ val: '!warn' }] });
    expect(find(t, 'r')!.post.spoiler).to.equal(LABEL_SPOILERS.warn);
    expect(find(t, 'r')!.post.sensitive).to.equal(false);
    expect(find(t, 'c')!.post.spoiler).to.equal('');
    const self = withReply({ labels: [{ val: '!warn', src: did('bob') }] });
    expect(find(self, 'r')!.post.spoiler).to.equal('');
  });

  for (const val of ['porn', 'sexual', 'nudity', 'graphic-media', 'gore']) {
    it(`adult label "${val}": dropped by default, a warning with adult: 'warn'`, () => {
      // Self-labels count: authors label their own adult media.
      for (const labels of [[{ val }], [{ val, src: did('bob') }]]) {
        expect(rkeys(withReply({ labels, embed: IMAGE }))).to.deep.equal(['sibling']);
        expect(rkeys(withReply({ labels }, { adult: 'hide' }))).to.deep.equal(['sibling']);
        const t = withReply({ labels, embed: IMAGE }, { adult: 'warn' });
        const post = find(t, 'r')!.post;
        expect(post.sensitive).to.equal(true);
        const graphic = val === 'graphic-media' || val === 'gore';
        expect(post.spoiler).to.equal(graphic ? LABEL_SPOILERS.graphic : LABEL_SPOILERS.adult);
        expect(post.media).to.have.length(1);
      }
    });
  }

  it('honours negated labels and ignores unknown ones and profile-only adult labels', () => {
    const negated = withReply({ labels: [{ val: 'porn' }, { val: 'porn', neg: true }] });
    expect(rkeys(negated)).to.have.length(3);
    expect(rkeys(withReply({ labels: [{ val: 'spam' }, { val: 'rude' }] }))).to.have.length(3);
    const avatar = withReply({ authorLabels: [{ val: 'porn', profile: true }] });
    expect(rkeys(avatar)).to.have.length(3);
  });

  it('survives hostile label lists', () => {
    const p = view({ name: 'bob', rkey: 'r' });
    p.labels = [null, 1, 'porn', { val: 5 }, { val: null, src: {} }];
    p.author!.labels = 'x';
    const t = mapThread({
      thread: node(ROOT) && {
        ...(node(ROOT) as object),
        replies: [{ $type: 'app.bsky.feed.defs#threadViewPost', post: p }],
      },
    });
    expect(t.count).to.equal(1);
  });

  describe('threadgate', () => {
    const replies = () => [
      node({ name: 'bob', rkey: 'hidden', replies: [node({ name: 'carol', rkey: 'below' })] }),
      node({ name: 'dave', rkey: 'shown' }),
    ];
    const gate = (hidden: unknown) => ({
      uri: `at://${did('alice')}/app.bsky.feed.threadgate/root`,
      record: {
        $type: 'app.bsky.feed.threadgate',
        post: uri('alice', 'root'),
        hiddenReplies: hidden,
      },
    });

    const hiddenOnly = (t: Thread) =>
      all(t)
        .filter((n) => n.post.placeholder)
        .map((n) => [n.post.id.split('/').pop(), n.post.placeholder]);

    it('keeps hiddenReplies of the response threadgate, marked hidden, with their replies', () => {
      const t = mapThread(thread({ ...ROOT, replies: replies() }, gate([uri('bob', 'hidden')])));
      expect(rkeys(t)).to.deep.equal(['below', 'hidden', 'shown']);
      expect(hiddenOnly(t)).to.deep.equal([['hidden', 'hidden']]);
      // The real post is kept, so the reader may reveal it; its replies stay under it.
      const hidden = find(t, 'hidden')!;
      expect(hidden.post.content).to.equal('post hidden');
      expect(hidden.post.author.handle).to.equal('bob.example.com');
      expect(hidden.replies.map((n) => n.post.id)).to.deep.equal([uri('carol', 'below')]);
    });

    it("marks hiddenReplies of the root post's threadgate", () => {
      const data = thread({ ...ROOT, replies: replies() }) as { thread: { post: WirePostView } };
      data.thread.post.threadgate = gate([uri('bob', 'hidden')]);
      expect(hiddenOnly(mapThread(data))).to.deep.equal([['hidden', 'hidden']]);
    });

    it('a hidden reply still goes through moderation', () => {
      const data = thread(
        {
          ...ROOT,
          replies: [
            node({ name: 'bob', rkey: 'hidden', labels: [{ val: 'porn' }] }),
            node({ name: 'dave', rkey: 'shown' }),
          ],
        },
        gate([uri('bob', 'hidden')]),
      );
      expect(rkeys(mapThread(data))).to.deep.equal(['shown']);
    });

    it('tolerates a broken threadgate', () => {
      for (const g of [null, 'x', { record: null }, gate('x'), gate([1, null, {}])]) {
        expect(rkeys(mapThread(thread({ ...ROOT, replies: replies() }, g)))).to.have.length(3);
      }
    });
  });

  describe("owner's filters (replies only)", () => {
    it('muteWords: case-insensitive whole words, any script', () => {
      const words = { muteWords: ['Spoiler', 'crypto coin', '東京'] };
      expect(rkeys(withReply({ text: 'big SPOILER ahead' }, words))).to.deep.equal(['sibling']);
      expect(rkeys(withReply({ text: 'buy Crypto Coin now' }, words))).to.deep.equal(['sibling']);
      expect(rkeys(withReply({ text: '明日東京に行く' }, words))).to.deep.equal(['sibling']);
      expect(rkeys(withReply({ text: '#spoiler' }, words))).to.deep.equal(['sibling']);
      expect(rkeys(withReply({ text: 'spoilers are fine' }, words))).to.have.length(3);
      expect(rkeys(withReply({ text: 'a.*b' }, { muteWords: ['.*', '(', ''] }))).to.deep.equal([
        'sibling',
      ]);
    });

    it('muteUsers: handles (with or without @) and DIDs', () => {
      for (const muteUsers of [['bob.example.com'], ['@BOB.example.com'], [did('bob')]]) {
        expect(rkeys(withReply({}, { muteUsers }))).to.deep.equal(['sibling']);
      }
      expect(rkeys(withReply({}, { muteUsers: ['alice.example.com'] }))).to.have.length(3);
    });

    it('minLikes', () => {
      expect(rkeys(withReply({ likes: 2 }, { minLikes: 3 }))).to.deep.equal([]);
      // The reply's own reply has no likes: dropped.
      expect(rkeys(withReply({ likes: 3 }, { minLikes: 3 }))).to.deep.equal(['r']);
      const t = mapThread(
        thread({
          ...ROOT,
          replies: [
            node({ name: 'bob', rkey: 'r', likes: 5 }),
            node({ name: 'dave', rkey: 's', likes: 1 }),
          ],
        }),
        { moderation: { minLikes: 3 } },
      );
      expect(rkeys(t)).to.deep.equal(['r']);
    });

    it('hideEmpty: emoji-only, pin-only, blank; media posts stay', () => {
      for (const text of ['📌', '🔥🔥 ', '  ', '', '👩‍👩‍👧‍👦🏳️‍🌈', '👍🏽', '🇫🇷']) {
        expect(rkeys(withReply({ text }, { hideEmpty: true })), JSON.stringify(text)).to.deep.equal(
          ['sibling'],
        );
      }
      for (const text of ['ok 👍', '123', '#', 'a']) {
        expect(rkeys(withReply({ text }, { hideEmpty: true })), text).to.have.length(3);
      }
      expect(rkeys(withReply({ text: '📌', embed: IMAGE }, { hideEmpty: true }))).to.have.length(3);
      expect(rkeys(withReply({ text: '📌' }))).to.have.length(3);
    });

    it('never drop the root', () => {
      const t = mapThread(thread({ ...ROOT, text: '📌', likes: 0 }), {
        moderation: {
          hideEmpty: true,
          minLikes: 10,
          muteUsers: ['alice.example.com'],
          muteWords: ['📌'],
        },
      });
      expect(t.root.content).to.equal('📌');
    });
  });

  describe('the root', () => {
    const code = (spec: Partial<Spec>, options?: ModerationOptions) => {
      try {
        mapThread(thread({ ...ROOT, ...spec }), { moderation: options });
        return 'shown';
      } catch (e) {
        expect(e).to.be.instanceOf(FediError);
        return (e as FediError).code;
      }
    };
    it('throws AUTH_REQUIRED for !no-unauthenticated and hidden adult labels, NOT_FOUND for !hide', () => {
      expect(code({ authorLabels: [{ val: '!no-unauthenticated', profile: true }] })).to.equal(
        'AUTH_REQUIRED',
      );
      expect(code({ labels: [{ val: 'porn' }] })).to.equal('AUTH_REQUIRED');
      expect(code({ labels: [{ val: 'porn' }] }, { adult: 'warn' })).to.equal('shown');
      expect(code({ labels: [{ val: '!hide' }] })).to.equal('NOT_FOUND');
    });
    it('shows a !warn root behind its warning', () => {
      const t = mapThread(thread({ ...ROOT, labels: [{ val: '!warn' }] }));
      expect(t.root.spoiler).to.equal(LABEL_SPOILERS.warn);
    });
  });
});
