import {
  FediError,
  resolve,
  type FediErrorCode,
  type Post,
  type Thread,
  type ThreadNode,
} from '@fedikit/core';
import type {
  AppBskyActorDefs,
  AppBskyFeedGetAuthorFeed,
  AppBskyFeedGetPostThread,
} from '@atproto/api';
import { expect } from '@open-wc/testing';
import { createBlueskyProvider, DEFAULT_APPVIEW, fetchThread, LABEL_SPOILERS } from './index.js';
import type { WireAuthorFeed, WireProfile, WireThreadResponse } from './wire.js';

// Compile-time: @atproto/api's own answer types fit the wire types the mappers read.
const typesFit: [WireThreadResponse, WireProfile, WireAuthorFeed] = [
  {} as AppBskyFeedGetPostThread.OutputSchema,
  {} as AppBskyActorDefs.ProfileViewDetailed,
  {} as AppBskyFeedGetAuthorFeed.OutputSchema,
];

async function fixture<T = WireThreadResponse>(name: string): Promise<T> {
  const res = await fetch(new URL(`./fixtures/${name}.json`, import.meta.url));
  return (await res.json()) as T;
}

const ALICE = 'did:plc:alicealicealicealicealic';
const XRPC = `${DEFAULT_APPVIEW}/xrpc`;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

/** A fake AppView: method name → JSON body or response. Records every call. */
function appview(routes: Record<string, unknown>) {
  const calls: { url: URL; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    const route = routes[url.pathname.replace(/^\/xrpc\//, '')];
    if (route === undefined) return json({ error: 'MethodNotImplemented' }, 501);
    if (route instanceof Response) return route;
    if (typeof route === 'function') return (route as (u: URL) => Response)(url);
    return json(route);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

async function failure(promise: Promise<unknown>, code: FediErrorCode): Promise<FediError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(FediError);
    expect((error as FediError).code, (error as Error).message).to.equal(code);
    return error as FediError;
  }
  throw new Error(`expected a ${code} FediError`);
}

function all(t: Thread): ThreadNode[] {
  const out: ThreadNode[] = [];
  for (const stack = [...t.replies]; stack.length;) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...n.replies);
  }
  return out;
}
const rkey = (p: Post) => p.id.split('/').pop();
const shape = (nodes: readonly ThreadNode[]): unknown[] =>
  nodes.map((n) => (n.replies.length ? [rkey(n.post), shape(n.replies)] : rkey(n.post)));

const REF = resolve(`https://bsky.app/profile/${ALICE}/post/3lroot2222aa`);

describe('fetchThread', () => {
  it('makes one anonymous GET with no custom header (no CORS preflight)', async () => {
    expect(typesFit).to.have.length(3);
    const srv = appview({ 'app.bsky.feed.getPostThread': await fixture('thread') });
    await fetchThread(REF, { fetch: srv.fetch });
    expect(srv.calls).to.have.length(1);
    const { url, init } = srv.calls[0]!;
    expect(url.origin + url.pathname).to.equal(`${XRPC}/app.bsky.feed.getPostThread`);
    expect(url.searchParams.get('uri')).to.equal(`at://${ALICE}/app.bsky.feed.post/3lroot2222aa`);
    expect(url.searchParams.get('depth')).to.equal('21');
    expect(url.searchParams.get('parentHeight')).to.equal('0');
    expect(init.method ?? 'GET').to.equal('GET');
    expect(init.credentials).to.equal('omit');
    expect(init.referrerPolicy).to.equal('no-referrer');
    expect([...new Headers(init.headers).keys()]).to.deep.equal(['accept']);
  });

  it('sends a handle as it is, to the configured AppView, and no other request', async () => {
    const srv = appview({ 'app.bsky.feed.getPostThread': await fixture('thread') });
    const ref = resolve('https://bsky.app/profile/alice.example.com/post/3lroot2222aa');
    await fetchThread(ref, { fetch: srv.fetch, appview: 'http://127.0.0.1:2584/', maxDepth: 3 });
    expect(srv.calls).to.have.length(1);
    const { url } = srv.calls[0]!;
    expect(url.origin).to.equal('http://127.0.0.1:2584');
    expect(url.searchParams.get('uri')).to.equal(
      'at://alice.example.com/app.bsky.feed.post/3lroot2222aa',
    );
    expect(url.searchParams.get('depth')).to.equal('4');
  });

  it('maps a realistic thread', async () => {
    const srv = appview({ 'app.bsky.feed.getPostThread': await fixture('thread') });
    const thread = await fetchThread(REF, { fetch: srv.fetch });
    // dave's reply is hidden by the threadgate: kept, marked, with erin's reply to it. notFound and
    // blocked are placeholders (undated, so last among their siblings); the unknown $type is
    // skipped; the rest keeps its shape, oldest first.
    expect(shape(thread.replies)).to.deep.equal([
      ['3lbob22222aa', [['3lalice2222a', ['3lcarol2222b']], '3lgone22222a', '3lblock2222a']],
      '3lcarol2222a',
      ['3lhidden222a', ['3lerin22222b']],
      '3livan22222a',
      '3ljudy22222a',
    ]);
    expect(thread.count).to.equal(10);
    const marks = (nodes: readonly ThreadNode[]): unknown[] =>
      nodes.flatMap((n) => [
        ...(n.post.placeholder ? [[rkey(n.post), n.post.placeholder]] : []),
        ...marks(n.replies),
      ]);
    expect(marks(thread.replies)).to.deep.equal([
      ['3lgone22222a', 'not-found'],
      ['3lblock2222a', 'blocked'],
      ['3lhidden222a', 'hidden'],
    ]);
    expect(thread.truncated).to.equal(undefined);
    const { root } = thread;
    expect(root).to.deep.include({
      protocol: 'bluesky',
      id: `at://${ALICE}/app.bsky.feed.post/3lroot2222aa`,
      uri: `at://${ALICE}/app.bsky.feed.post/3lroot2222aa`,
      url: `https://bsky.app/profile/${ALICE}/post/3lroot2222aa`,
      format: 'rich',
      spoiler: '',
      sensitive: false,
      lang: 'fr',
      visibility: 'public',
    });
    expect(thread.fullThreadUrl).to.equal(root.url);
    expect(root.createdAt?.toISOString()).to.equal('2025-03-01T09:00:00.000Z');
    expect(root.counts).to.deep.equal({ replies: 9, reposts: 4, likes: 42 });
    expect(root.author).to.deep.equal({
      id: ALICE,
      name: 'Alice Martin',
      handle: 'alice.example.com',
      url: `https://bsky.app/profile/${ALICE}`,
      avatar: `https://cdn.bsky.app/img/avatar/plain/${ALICE}/bafkreiavataralice@jpeg`,
      emojis: [],
      bot: false,
      noindex: false,
    });
    expect(root.segments).to.deep.equal([
      { text: 'Nouveau billet 🎉 sur ' },
      {
        text: '@bob.example.com',
        kind: 'mention',
        href: 'https://bsky.app/profile/did:plc:bobbobbobbobbobbobbobbob',
      },
      { text: ' : ' },
      {
        text: 'https://blog.example.com/post',
        kind: 'link',
        href: 'https://blog.example.com/post',
      },
      { text: ' ' },
      { text: '#fediverse', kind: 'tag', href: 'https://bsky.app/hashtag/fediverse' },
    ]);
    expect(root.content).to.equal(root.segments!.map((s) => s.text).join(''));
    expect(
      root.media.map(({ type, alt, width, height }) => ({ type, alt, width, height })),
    ).to.deep.equal([
      { type: 'image', alt: 'A lighthouse at dusk', width: 2000, height: 1500 },
      { type: 'image', alt: '', width: 1080, height: 1920 },
    ]);
    expect(root.media[0]!.url).to.match(/feed_fullsize/);
    expect(root.media[0]!.previewUrl).to.match(/feed_thumbnail/);

    const [bob] = thread.replies;
    expect(bob!.post.inReplyTo).to.equal(root.id);
    expect(bob!.replies[0]!.post.inReplyTo).to.equal(bob!.post.id);
    expect(bob!.post.lang).to.equal('fr');
    expect(bob!.post.likedByAuthor).to.equal(true);
    expect(bob!.post.counts.likes).to.equal(5);
  });

  it('maps a video, a link card and a quoted post with media', async () => {
    const srv = appview({ 'app.bsky.feed.getPostThread': await fixture('thread') });
    const posts = all(await fetchThread(REF, { fetch: srv.fetch })).map((n) => n.post);
    const byKey = (k: string) => posts.find((p) => rkey(p) === k)!;
    const video = byKey('3lcarol2222a').media;
    expect(video).to.have.length(1);
    expect(video[0]).to.deep.include({
      type: 'video',
      alt: 'A boat leaving the harbour',
      width: 1280,
      height: 720,
    });
    expect(video[0]!.previewUrl).to.match(/thumbnail\.jpg$/);
    expect(video[0]!.url).to.match(/playlist\.m3u8$/);
    const card = byKey('3livan22222a');
    expect(card.lang).to.equal('en-GB');
    // The card is an embed; the text keeps only the post's own segments.
    expect(card.segments!.map((s) => s.href)).to.not.include(
      'https://news.example.org/lighthouses',
    );
    expect(card.embed).to.deep.equal({
      type: 'card',
      url: 'https://news.example.org/lighthouses',
      title: 'The last lighthouse keepers',
      description: 'A long read',
      image:
        'https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:ivanivanivanivanivanivan/bafkreithumb@jpeg',
    });
    // recordWithMedia: the images are the post's media, the record its quote.
    const quote = byKey('3ljudy22222a');
    expect(quote.media.map((m) => m.alt)).to.deep.equal(['Screenshot']);
    expect(quote.embed?.type).to.equal('quote');
    const quoted = quote.embed?.type === 'quote' ? quote.embed.post : undefined;
    expect(quoted).to.deep.include({
      id: 'at://did:plc:bobbobbobbobbobbobbobbob/app.bsky.feed.post/3lbob22222aa',
      url: 'https://bsky.app/profile/did:plc:bobbobbobbobbobbobbobbob/post/3lbob22222aa',
      content: 'Bravo',
      format: 'rich',
    });
    expect(quoted!.author.handle).to.equal('bob.example.com');
    expect(quoted!.embed).to.equal(undefined);
  });

  it('links to a configured client, sorts, and keeps favourites only on request', async () => {
    const data = await fixture('thread');
    const srv = appview({ 'app.bsky.feed.getPostThread': data });
    const t = await fetchThread(REF, {
      fetch: srv.fetch,
      client: 'https://deck.example',
      sort: 'newest',
    });
    expect(t.root.url).to.equal(`https://deck.example/profile/${ALICE}/post/3lroot2222aa`);
    expect(t.replies.map((n) => rkey(n.post))).to.deep.equal([
      '3ljudy22222a',
      '3livan22222a',
      '3lhidden222a',
      '3lcarol2222a',
      '3lbob22222aa',
    ]);
    const fav = await fetchThread(REF, { fetch: srv.fetch, favouritesOnly: true });
    expect(shape(fav.replies)).to.deep.equal(['3lbob22222aa']);
  });

  it('applies moderation options', async () => {
    const srv = appview({ 'app.bsky.feed.getPostThread': await fixture('thread') });
    const t = await fetchThread(REF, {
      fetch: srv.fetch,
      moderation: { muteUsers: ['bob.example.com'], minLikes: 1 },
    });
    expect(shape(t.replies)).to.deep.equal(['3lcarol2222a']);
  });

  it('maps errors to FediError codes', async () => {
    const cases: [Response, FediErrorCode][] = [
      [json({ error: 'NotFound', message: 'Post not found: at://x' }, 400), 'NOT_FOUND'],
      [json({ error: 'NotFound' }, 404), 'NOT_FOUND'],
      [json({ error: 'InvalidRequest', message: 'Profile not found' }, 400), 'NOT_FOUND'],
      [
        json({ error: 'InvalidRequest', message: 'Error: uri must be a valid at-uri' }, 400),
        'SERVER',
      ],
      [new Response('Bad', { status: 400, headers: { 'content-type': 'text/plain' } }), 'SERVER'],
      [json({ error: 'AuthMissing' }, 401), 'AUTH_REQUIRED'],
      [
        new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
        'INVALID_RESPONSE',
      ],
      [json(null), 'INVALID_RESPONSE'],
      [json([]), 'INVALID_RESPONSE'],
      [
        json({
          thread: { $type: 'app.bsky.feed.defs#notFoundPost', uri: 'at://x', notFound: true },
        }),
        'NOT_FOUND',
      ],
      [
        json({ thread: { $type: 'app.bsky.feed.defs#blockedPost', uri: 'at://x', blocked: true } }),
        'NOT_FOUND',
      ],
      [
        json({
          thread: { $type: 'app.bsky.feed.defs#threadViewPost', post: { uri: 'javascript:x' } },
        }),
        'INVALID_RESPONSE',
      ],
    ];
    for (const [res, code] of cases) {
      const srv = appview({ 'app.bsky.feed.getPostThread': res });
      await failure(fetchThread(REF, { fetch: srv.fetch, timeout: 2000 }), code);
    }
  });

  it('rejects refs that are not Bluesky posts, without a request', async () => {
    const srv = appview({});
    for (const ref of [
      resolve('https://mastodon.social/@Gargron/1'),
      resolve('alice.example.com'),
      { ...REF, acct: 'x/../../evil' },
      { ...REF, id: '../x' },
    ]) {
      await failure(fetchThread(ref, { fetch: srv.fetch }), 'INVALID_INPUT');
    }
    await failure(
      fetchThread(REF, { fetch: srv.fetch, appview: 'javascript:alert(1)//' }),
      'INVALID_INPUT',
    );
    expect(srv.calls).to.have.length(0);
  });
});

/** A chain `depth` replies deep below the root, as nested JSON. */
function chain(depth: number) {
  const post = (i: number) => ({
    uri: `at://${ALICE}/app.bsky.feed.post/n${i}`,
    cid: 'c',
    author: { did: ALICE, handle: 'alice.example.com' },
    record: { text: `level ${i}`, createdAt: '2025-01-01T00:00:00.000Z' },
    indexedAt: '2025-01-01T00:00:00.000Z',
  });
  let node: unknown = {
    $type: 'app.bsky.feed.defs#threadViewPost',
    post: post(depth),
    replies: [],
  };
  for (let i = depth - 1; i >= 0; i--) {
    node = { $type: 'app.bsky.feed.defs#threadViewPost', post: post(i), replies: [node] };
  }
  return { thread: node };
}

describe('a hostile AppView', () => {
  const deepest = (t: Thread) => Math.max(0, ...all(t).map((n) => n.depth));

  it('nests 1,000 levels: capped at maxDepth without a stack overflow, marked truncated', async () => {
    const srv = appview({ 'app.bsky.feed.getPostThread': chain(1000) });
    const t = await fetchThread({ ...REF, id: 'n0' }, { fetch: srv.fetch });
    expect(deepest(t)).to.equal(20);
    expect(t.count).to.equal(20);
    expect(t.truncated).to.equal('depth');
  });

  it('nests 1,000 levels: all kept with maxDepth 1000', async () => {
    const srv = appview({ 'app.bsky.feed.getPostThread': chain(1000) });
    const t = await fetchThread({ ...REF, id: 'n0' }, { fetch: srv.fetch, maxDepth: 1000 });
    expect(srv.calls[0]!.url.searchParams.get('depth')).to.equal('1000');
    expect(deepest(t)).to.equal(1000);
    expect(t.count).to.equal(1000);
  });

  it('nests 10,000 levels (3 JSON levels each): the walk stays bounded', async () => {
    // Built as a string: JSON.stringify itself recurses too deep for this.
    const post = (i: number) =>
      JSON.stringify(chain(0).thread)
        .replace('/n0"', `/n${i}"`)
        .replace(/,"replies":\[\]\}$/, '');
    const depth = 10_000;
    let body = '{"thread":';
    for (let i = 0; i < depth; i++) body += `${post(i)},"replies":[`;
    body += `${post(depth)},"replies":[]}` + ']}'.repeat(depth) + '}';
    const srv = appview({
      'app.bsky.feed.getPostThread': () =>
        new Response(body, { headers: { 'content-type': 'application/json' } }),
    });
    const start = performance.now();
    const t = await fetchThread(
      { ...REF, id: 'n0' },
      { fetch: srv.fetch, maxDepth: 1000, timeout: 5000 },
    ).catch((e: FediError) => e);
    if (t instanceof FediError) throw t;
    expect(deepest(t)).to.equal(1000);
    expect(t.truncated).to.equal('depth');
    expect(performance.now() - start).to.be.lessThan(3000);
  });

  it('sends XSS payloads: no non-http(s) href or src in the model, text stays text', async () => {
    const x = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
    const bad = [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example/x',
    ];
    const evil = (i: number) => bad[i % bad.length];
    const text = `${x} link`;
    const reply = (i: number, embed: unknown) => ({
      $type: 'app.bsky.feed.defs#threadViewPost',
      post: {
        uri: `at://${ALICE}/app.bsky.feed.post/x${i}`,
        cid: 'c',
        author: { did: ALICE, handle: x, displayName: x, avatar: evil(i) },
        record: {
          text,
          createdAt: x,
          langs: [x],
          facets: [
            {
              index: { byteStart: 0, byteEnd: 5 },
              features: [{ $type: 'app.bsky.richtext.facet#link', uri: evil(i) }],
            },
            {
              index: { byteStart: text.length - 4, byteEnd: text.length },
              features: [{ $type: 'app.bsky.richtext.facet#mention', did: x }],
            },
          ],
        },
        embed,
        likeCount: x,
        indexedAt: x,
      },
    });
    const embeds = [0, 1, 2, 3].flatMap((i) => [
      {
        $type: 'app.bsky.embed.images#view',
        images: [
          {
            thumb: evil(i),
            fullsize: evil(i + 1),
            alt: x,
            aspectRatio: { width: 1e9, height: -1 },
          },
        ],
      },
      { $type: 'app.bsky.embed.video#view', playlist: evil(i), thumbnail: evil(i + 1), alt: x },
      {
        $type: 'app.bsky.embed.external#view',
        external: { uri: evil(i), title: x, thumb: evil(i) },
      },
      {
        $type: 'app.bsky.embed.record#view',
        record: { $type: 'app.bsky.embed.record#viewRecord', uri: evil(i) },
      },
      {
        $type: 'app.bsky.embed.recordWithMedia#view',
        media: { $type: 'app.bsky.embed.images#view', images: [{ thumb: evil(i), alt: x }] },
      },
      { $type: x },
    ]);
    const data = chain(0) as { thread: { replies: unknown[]; post: Record<string, unknown> } };
    data.thread.replies = embeds.map((e, i) => reply(i, e));
    const srv = appview({ 'app.bsky.feed.getPostThread': data });
    const t = await fetchThread(
      { ...REF, id: 'n0' },
      { fetch: srv.fetch, client: 'javascript:alert(1)' },
    );
    expect(t.count).to.equal(embeds.length);
    const urls: string[] = [];
    for (const { post } of all(t)) {
      urls.push(post.url!, post.author.url!, ...(post.author.avatar ? [post.author.avatar] : []));
      for (const m of post.media)
        urls.push(...[m.url, m.previewUrl].filter((u): u is string => !!u));
      for (const s of post.segments!) if (s.href) urls.push(s.href);
      expect(post.media).to.deep.equal([]);
      expect(post.content).to.equal(text);
      expect(post.segments!.map((s) => s.text).join('')).to.equal(text);
      expect(post.author.name).to.equal(x);
      expect(post.author.handle).to.equal(ALICE);
      expect(post.lang).to.equal(undefined);
      expect(post.createdAt).to.equal(undefined);
      expect(post.counts.likes).to.equal(0);
    }
    for (const u of urls) expect(new URL(u).protocol, u).to.equal('https:');
    expect(urls.every((u) => u.startsWith('https://bsky.app/'))).to.equal(true);
  });

  it('blocked and deleted replies become placeholders; siblings kept', async () => {
    const data = chain(1) as { thread: { replies: unknown[] } };
    const good = data.thread.replies[0];
    const gone = `at://${ALICE}/app.bsky.feed.post/3lgone22222a`;
    const blocked = 'at://did:plc:blockedblockedblockedbloc/app.bsky.feed.post/3lblock2222a';
    data.thread.replies = [
      { $type: 'app.bsky.feed.defs#notFoundPost', uri: gone, notFound: true },
      {
        $type: 'app.bsky.feed.defs#blockedPost',
        uri: blocked,
        blocked: true,
        author: { did: 'did:plc:blockedblockedblockedbloc' },
      },
      good,
    ];
    const srv = appview({ 'app.bsky.feed.getPostThread': data });
    const t = await fetchThread({ ...REF, id: 'n0' }, { fetch: srv.fetch });
    expect(t.replies).to.have.length(3);
    expect(t.count).to.equal(3);
    const byId = new Map(t.replies.map((n) => [n.post.id, n.post]));
    for (const [id, kind] of [
      [gone, 'not-found'],
      [blocked, 'blocked'],
    ] as const) {
      const p = byId.get(id)!;
      expect(p.placeholder).to.equal(kind);
      expect(p.uri).to.equal(id);
      expect(p.inReplyTo).to.equal(t.root.id);
      expect(p.author.name).to.equal('');
      expect(p.author.handle).to.equal('');
      expect(p.content).to.equal('');
      expect(p.format).to.equal('text');
      expect(p.url).to.equal(undefined);
      expect(p.counts).to.deep.equal({ replies: 0, reposts: 0, likes: 0 });
    }
    expect(t.replies.filter((n) => !n.post.placeholder).map((n) => rkey(n.post))).to.deep.equal([
      'n1',
    ]);
  });

  it('sends junk nodes among replies: each skipped, siblings kept', async () => {
    const data = chain(1) as { thread: { replies: unknown[] } };
    const good = data.thread.replies[0];
    data.thread.replies = [
      null,
      42,
      'x',
      [],
      { $type: 'app.bsky.feed.defs#threadViewPost' },
      { $type: 'app.bsky.feed.defs#threadViewPost', post: null, replies: 'x' },
      {
        $type: 'app.bsky.feed.defs#threadViewPost',
        post: {
          uri: `at://did:plc:someoneelse234567abcdefg/app.bsky.feed.post/spoof`,
          author: { did: ALICE },
        },
      },
      { $type: 'app.bsky.feed.defs#notFoundPost', uri: 'at://x', notFound: true },
      {
        $type: 'app.bsky.feed.defs#blockedPost',
        uri: 'at://x',
        blocked: true,
        author: { did: 'x' },
      },
      { $type: 'app.bsky.feed.defs#threadViewPostV9', post: {} },
      good,
    ];
    const srv = appview({ 'app.bsky.feed.getPostThread': data });
    const t = await fetchThread({ ...REF, id: 'n0' }, { fetch: srv.fetch });
    expect(shape(t.replies)).to.deep.equal(['n1']);
  });
});

describe('createBlueskyProvider', () => {
  it('getThread and getPost (depth 0), with defaults from the options', async () => {
    const data = await fixture('thread');
    const srv = appview({ 'app.bsky.feed.getPostThread': data });
    const bluesky = createBlueskyProvider({
      fetch: srv.fetch,
      moderation: { adult: 'warn' },
      maxDepth: 5,
    });
    expect(bluesky.protocol).to.equal('bluesky');
    const t = await bluesky.getThread(REF, { sort: 'likes' });
    expect(rkey(t.replies[0]!.post)).to.equal('3lbob22222aa');
    expect(srv.calls[0]!.url.searchParams.get('depth')).to.equal('6');
    const post = await bluesky.getPost(REF);
    expect(post.id).to.equal(t.root.id);
    expect(srv.calls[1]!.url.searchParams.get('depth')).to.equal('0');
    expect(srv.calls).to.have.length(2);
  });

  it('getProfile: counts, avatar, banner; no bio; AUTH_REQUIRED for !no-unauthenticated', async () => {
    const profile = await fixture<Record<string, unknown>>('profile');
    const srv = appview({ 'app.bsky.actor.getProfile': profile });
    const bluesky = createBlueskyProvider({ fetch: srv.fetch });
    const p = await bluesky.getProfile(resolve('alice.example.com'));
    expect(srv.calls[0]!.url.searchParams.get('actor')).to.equal('alice.example.com');
    expect(p.counts).to.deep.equal({ followers: 1234, following: 56, posts: 789 });
    expect(p.author.id).to.equal(ALICE);
    expect(p.author.avatar).to.match(/^https:\/\/cdn\.bsky\.app\//);
    expect(p.header).to.match(/banner/);
    expect(p.bio).to.equal('');
    const hidden = {
      ...profile,
      labels: [
        {
          src: ALICE,
          uri: `at://${ALICE}/app.bsky.actor.profile/self`,
          val: '!no-unauthenticated',
        },
      ],
    };
    const srv2 = appview({ 'app.bsky.actor.getProfile': hidden });
    await failure(
      createBlueskyProvider({ fetch: srv2.fetch }).getProfile(resolve(ALICE)),
      'AUTH_REQUIRED',
    );
    const srv3 = appview({
      'app.bsky.actor.getProfile': json(
        { error: 'InvalidRequest', message: 'Profile not found' },
        400,
      ),
    });
    await failure(
      createBlueskyProvider({ fetch: srv3.fetch }).getProfile(resolve(ALICE)),
      'NOT_FOUND',
    );
  });

  it('getAuthorPosts: posts_with_media, cursor as next, no reposts, adult hidden', async () => {
    const srv = appview({ 'app.bsky.feed.getAuthorFeed': await fixture('author-feed') });
    const bluesky = createBlueskyProvider({ fetch: srv.fetch });
    const page = await bluesky.getAuthorPosts(resolve(ALICE), {
      onlyMedia: true,
      limit: 10,
      maxId: 'c1',
    });
    const q = srv.calls[0]!.url.searchParams;
    expect(Object.fromEntries(q)).to.deep.equal({
      actor: ALICE,
      filter: 'posts_with_media',
      limit: '10',
      cursor: 'c1',
    });
    expect(page.posts.map(rkey)).to.deep.equal(['3lroot2222aa']);
    expect(page.next).to.equal('2025-03-01T09:00:00.000Z');
    const warn = await createBlueskyProvider({
      fetch: srv.fetch,
      moderation: { adult: 'warn' },
    }).getAuthorPosts(resolve(ALICE));
    expect(warn.posts.map((p) => [rkey(p), p.sensitive, p.spoiler])).to.deep.equal([
      ['3lroot2222aa', false, ''],
      ['3lporn22222a', true, LABEL_SPOILERS.adult],
    ]);
    const empty = appview({ 'app.bsky.feed.getAuthorFeed': { feed: [] } });
    expect(
      await createBlueskyProvider({ fetch: empty.fetch }).getAuthorPosts(resolve(ALICE)),
    ).to.deep.equal({
      posts: [],
    });
  });
});
