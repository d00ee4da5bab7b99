import { resolve, type FediError, type Post } from '@fedikit/core';
import type { AppBskyFeedDefs, AppBskyFeedGetLikes, AppBskyFeedGetRepostedBy } from '@atproto/api';
import { expect } from '@open-wc/testing';
import { createBlueskyProvider, DEFAULT_APPVIEW, fetchFacepile, LABEL_SPOILERS } from './index.js';
import { mapPost } from './map.js';
import { createModerator } from './moderation.js';
import type { WireLikes, WirePostView } from './wire.js';

// Compile-time: @atproto/api's answer types fit the wire types the mappers read.
const typesFit: [WireLikes, WireLikes, WirePostView] = [
  {} as AppBskyFeedGetLikes.OutputSchema,
  {} as AppBskyFeedGetRepostedBy.OutputSchema,
  {} as AppBskyFeedDefs.PostView,
];

const ALICE = 'did:plc:alicealicealicealicealic';
const BOB = 'did:plc:bobbobbobbobbobbobbobbob';
const X = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
const post = (embed: unknown): WirePostView => ({
  uri: `at://${ALICE}/app.bsky.feed.post/3lroot2222aa`,
  author: { did: ALICE, handle: 'alice.example.com' },
  record: { text: 'Look', createdAt: '2025-03-01T09:00:00.000Z' },
  embed,
});
const card = (external: unknown) => ({ $type: 'app.bsky.embed.external#view', external });
const viewRecord = (extra: Record<string, unknown> = {}) => ({
  $type: 'app.bsky.embed.record#viewRecord',
  uri: `at://${BOB}/app.bsky.feed.post/3lbob22222aa`,
  cid: 'c',
  author: { did: BOB, handle: 'bob.example.com', displayName: 'Bob' },
  value: { $type: 'app.bsky.feed.post', text: 'Quoted', createdAt: '2025-03-01T08:00:00.000Z' },
  indexedAt: '2025-03-01T08:00:00.000Z',
  ...extra,
});
const quote = (record: unknown) => ({ $type: 'app.bsky.embed.record#view', record });
const embedOf = (embed: unknown, moderate = createModerator()) =>
  mapPost(post(embed), undefined, undefined, moderate)!.embed;
const quoted = (embed: unknown, moderate = createModerator()): Post | undefined => {
  const e = embedOf(embed, moderate);
  return e?.type === 'quote' ? e.post : undefined;
};

describe('embeds', () => {
  it('an external card: url, title, description, image; text stays text', () => {
    expect(typesFit).to.have.length(3);
    expect(
      embedOf(
        card({
          uri: 'https://news.example.org/a',
          title: ` ${X} `,
          description: X,
          thumb: 'https://cdn.bsky.app/img/feed_thumbnail/plain/x@jpeg',
        }),
      ),
    ).to.deep.equal({
      type: 'card',
      url: 'https://news.example.org/a',
      title: X,
      description: X,
      image: 'https://cdn.bsky.app/img/feed_thumbnail/plain/x@jpeg',
    });
  });

  it('a card with an unsafe link is dropped; an unsafe thumb is left out; huge strings are cut', () => {
    for (const uri of ['javascript:alert(1)', 'data:text/html,x', '//evil.example', 42, undefined])
      expect(embedOf(card({ uri, title: 't' })), String(uri)).to.equal(undefined);
    const e = embedOf(
      card({
        uri: 'https://ok.example/',
        title: 'a'.repeat(100_000),
        description: '😀'.repeat(100_000),
        thumb: 'javascript:alert(1)',
      }),
    );
    expect(e?.type).to.equal('card');
    if (e?.type !== 'card') return;
    expect(e.image).to.equal(undefined);
    expect(e.title).to.have.length(300);
    expect(e.description.length).to.be.at.most(1000);
    // Never half a surrogate pair.
    expect(e.description).to.not.match(/[\ud800-\udbff]$/);
  });

  it('wrong $types and shapes are no embed', () => {
    for (const bad of [
      null,
      'x',
      [],
      { $type: 'app.bsky.embed.external' },
      { $type: 'app.bsky.embed.external#view', external: 'https://a.example' },
      quote({ $type: 'app.bsky.feed.defs#generatorView', uri: 'at://x' }),
      quote(null),
      quote(viewRecord({ uri: 'javascript:alert(1)' })),
      // Not the quoted author's post.
      quote(viewRecord({ author: { did: ALICE, handle: 'a.example' } })),
      // A list, not a post.
      quote(viewRecord({ uri: `at://${BOB}/app.bsky.graph.list/3l` })),
    ])
      expect(embedOf(bad), JSON.stringify(bad)).to.equal(undefined);
  });

  it('a quoted post: author, rich text, link to it; its own quote is not kept (one level)', () => {
    const inner = quote(viewRecord({ uri: `at://${BOB}/app.bsky.feed.post/3linner2222a` }));
    const q = quoted(
      quote(
        viewRecord({
          value: {
            text: `${X} https://x.example`,
            facets: [
              {
                index: { byteStart: 0, byteEnd: 5 },
                features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'javascript:alert(1)' }],
              },
            ],
          },
          embeds: [inner],
        }),
      ),
    )!;
    expect(q.url).to.equal(`https://bsky.app/profile/${BOB}/post/3lbob22222aa`);
    expect(q.author).to.deep.include({ name: 'Bob', handle: 'bob.example.com' });
    expect(q.segments!.every((s) => !s.href)).to.equal(true);
    expect(q.content).to.equal(`${X} https://x.example`);
    expect(q.embed).to.equal(undefined);
  });

  it('a quote inside a quote inside a quote: still one level', () => {
    let e: unknown = quote(viewRecord());
    for (let i = 0; i < 200; i++) e = quote(viewRecord({ embeds: [e] }));
    const q = quoted(e)!;
    expect(q.content).to.equal('Quoted');
    expect(q.embed).to.equal(undefined);
  });

  it('not found, blocked and detached quotes are honest placeholders', () => {
    const r = (t: string) => quote({ $type: `app.bsky.embed.record#${t}`, uri: 'at://x' });
    expect(embedOf(r('viewNotFound'))).to.deep.equal({ type: 'quote', unavailable: 'not-found' });
    expect(embedOf(r('viewBlocked'))).to.deep.equal({ type: 'quote', unavailable: 'blocked' });
    expect(embedOf(r('viewDetached'))).to.deep.equal({ type: 'quote', unavailable: 'detached' });
  });

  it('a quoted post is moderated as a reply: !no-unauthenticated and adult hidden, or warned', () => {
    const hidden = { type: 'quote', unavailable: 'hidden' };
    const noAuth = viewRecord({
      author: {
        did: BOB,
        handle: 'bob.example.com',
        labels: [{ src: BOB, val: '!no-unauthenticated' }],
      },
    });
    expect(embedOf(quote(noAuth))).to.deep.equal(hidden);
    expect(embedOf(quote(noAuth), createModerator({ adult: 'warn' }))).to.deep.equal(hidden);
    const adult = viewRecord({ labels: [{ src: 'did:plc:labeler', val: 'porn' }] });
    expect(embedOf(quote(adult))).to.deep.equal(hidden);
    const warned = quoted(quote(adult), createModerator({ adult: 'warn' }))!;
    expect([warned.spoiler, warned.sensitive]).to.deep.equal([LABEL_SPOILERS.adult, true]);
  });

  it('recordWithMedia: the media are the post own, the record its quote', () => {
    const p = mapPost(
      post({
        $type: 'app.bsky.embed.recordWithMedia#view',
        media: {
          $type: 'app.bsky.embed.images#view',
          images: [
            { thumb: 'https://cdn.example/t.jpg', fullsize: 'https://cdn.example/f.jpg', alt: 'A' },
          ],
        },
        record: quote({ $type: 'app.bsky.embed.record#viewNotFound', uri: 'at://x' }),
      }),
    )!;
    expect(p.media.map((m) => m.alt)).to.deep.equal(['A']);
    expect(p.embed).to.deep.equal({ type: 'quote', unavailable: 'not-found' });
    // A card as the media part: the quote wins (one embed per post).
    const withCard = mapPost(
      post({
        $type: 'app.bsky.embed.recordWithMedia#view',
        media: card({ uri: 'https://a.example/', title: 'A' }),
        record: quote({ $type: 'app.bsky.embed.record#viewBlocked', uri: 'at://x' }),
      }),
    )!;
    expect(withCard.media).to.deep.equal([]);
    expect(withCard.embed).to.deep.equal({ type: 'quote', unavailable: 'blocked' });
  });
});

describe('fetchFacepile', () => {
  const REF = resolve(`at://${ALICE}/app.bsky.feed.post/3lroot2222aa`);
  const actor = (did: string, extra: Record<string, unknown> = {}) => ({
    did,
    handle: `${did.slice(8, 12)}.example.com`,
    ...extra,
  });
  function appview(body: unknown) {
    const calls: URL[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      calls.push(new URL(String(input)));
      return new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof globalThis.fetch;
    return { fetch, calls };
  }

  it('likes: one getLikes request; !no-unauthenticated and broken actors left out', async () => {
    const srv = appview({
      likes: [
        { actor: actor(BOB, { displayName: X, avatar: 'javascript:alert(1)' }) },
        { actor: actor(ALICE, { labels: [{ src: ALICE, val: '!no-unauthenticated' }] }) },
        { actor: { did: 'nope', handle: 'x' } },
        null,
        'x',
        {},
      ],
      cursor: 'c',
    });
    const { authors } = await fetchFacepile(REF, { fetch: srv.fetch, limit: 8 });
    expect(srv.calls.map((u) => u.href)).to.deep.equal([
      `${DEFAULT_APPVIEW}/xrpc/app.bsky.feed.getLikes?uri=${encodeURIComponent(`at://${ALICE}/app.bsky.feed.post/3lroot2222aa`)}&limit=8`,
    ]);
    expect(authors.map((a) => [a.id, a.name, a.avatar, a.url])).to.deep.equal([
      [BOB, X, undefined, `https://bsky.app/profile/${BOB}`],
    ]);
  });

  it('reposts: getRepostedBy; the limit is clamped; the provider has it', async () => {
    const srv = appview({ repostedBy: Array.from({ length: 300 }, () => actor(BOB)) });
    const bluesky = createBlueskyProvider({ fetch: srv.fetch, appview: 'https://av.example' });
    const { authors } = await bluesky.getFacepile!(REF, { kind: 'reposts', limit: 1e9 });
    expect(srv.calls[0]!.pathname).to.equal('/xrpc/app.bsky.feed.getRepostedBy');
    expect(srv.calls[0]!.origin).to.equal('https://av.example');
    expect(srv.calls[0]!.searchParams.get('limit')).to.equal('100');
    expect(authors).to.have.length(100);
  });

  it('a hostile answer is an empty facepile, a bad ref INVALID_INPUT', async () => {
    for (const body of [null, [], { likes: 'x' }, { likes: {} }]) {
      const srv = appview(body);
      expect((await fetchFacepile(REF, { fetch: srv.fetch })).authors).to.deep.equal([]);
    }
    const err = await fetchFacepile({ ...REF, kind: 'profile' }).catch((e: unknown) => e);
    expect((err as FediError).code).to.equal('INVALID_INPUT');
  });
});
