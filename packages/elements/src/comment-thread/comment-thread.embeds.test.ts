// SPDX-License-Identifier: MIT
// <fedi-comment-thread> embeds (link cards, quoted posts) and facepiles: rendered safely and
// accessibly, loaded lazily, and the facepile's request made only when the site opts in.
import { clearSandboxLog, sandboxLog, testEnv } from '@fedikit/core/testing.js';
import type { Author, Facepile, FacepileOptions, Post, Provider, Ref } from '@fedikit/core';
import { expect, fixture, html } from '@open-wc/testing';
import '../fedi-comment-thread.js';
import { $$, author, memoryProvider, post, resources, settle, until } from '../test/helpers.js';
import type { FediCommentThread } from './comment-thread.js';

const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=1</script>';
declare global {
  interface Window {
    __xss?: number;
  }
}

const rich = (text: string, over: Partial<Post> = {}): Post =>
  post({ protocol: 'bluesky', format: 'rich', content: text, segments: [{ text }], ...over });

function withFacepile(provider: Provider, authors: readonly Author[]) {
  const calls: { ref: Ref; options?: FacepileOptions }[] = [];
  provider.getFacepile = async (ref, options): Promise<Facepile> => {
    calls.push({ ref, options });
    return { authors };
  };
  return calls;
}

async function ready(el: FediCommentThread) {
  await until(() => el.matches(':state(ready), :state(error), :state(empty)'), 'final state');
  await el.updateComplete;
  expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
}

describe('<fedi-comment-thread> embeds', () => {
  beforeEach(() => {
    window.__xss = 0;
  });

  it('renders a link card as one safe link, and XSS in its fields as text', async () => {
    const root = rich('Read this', {
      embed: {
        type: 'card',
        url: 'https://news.example.org/a?b=1',
        title: XSS,
        description: `${XSS} description`,
        image: 'https://cdn.example/thumb.jpg',
      },
    });
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src="https://bsky.app/profile/alice.example/post/3lroot2222aa"
        .provider=${memoryProvider(root, [rich('A reply')])}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    await settle(100);
    const cards = $$(el, 'a[part=card]') as HTMLAnchorElement[];
    expect(cards).to.have.length(1);
    const card = cards[0]!;
    expect(card.href).to.equal('https://news.example.org/a?b=1');
    expect(card.rel).to.equal('noopener noreferrer nofollow ugc');
    expect(card.referrerPolicy).to.equal('no-referrer');
    expect(card.target).to.equal('_blank');
    const img = card.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('https://cdn.example/thumb.jpg');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.alt).to.equal('');
    // The link's name: its title, description and host, all as text.
    expect(card.textContent).to.include(XSS);
    expect(card.textContent).to.include('news.example.org');
    expect(el.shadowRoot!.querySelectorAll('script, img[src=x]')).to.have.length(0);
    expect(window.__xss).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('a card whose URL is not http(s) is not rendered, even from a custom provider', async () => {
    const root = rich('x', {
      embed: { type: 'card', url: 'javascript:window.__xss=1', title: 't', description: '' },
    });
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src="https://bsky.app/profile/alice.example/post/3lroot2222aa"
        .provider=${memoryProvider(root, [rich('r')])}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    expect($$(el, '[part=card]')).to.have.length(0);
    expect($$(el, 'a').some((a) => /^javascript:/i.test(a.getAttribute('href') ?? ''))).to.be.false;
  });

  it('renders a quote as a named blockquote; placeholders say why; warnings fold', async () => {
    const quoted = rich(XSS, {
      url: 'https://bsky.app/profile/did:plc:bob/post/3lbob',
      author: author({ name: 'Bob', handle: 'bob.example.com' }),
    });
    const replies = [
      rich('Quoting', { embed: { type: 'quote', post: quoted } }),
      rich('Gone', { embed: { type: 'quote', unavailable: 'not-found' } }),
      rich('Blocked', { embed: { type: 'quote', unavailable: 'blocked' } }),
      rich('Detached', { embed: { type: 'quote', unavailable: 'detached' } }),
      rich('Hidden', { embed: { type: 'quote', unavailable: 'hidden' } }),
      rich('Warned', {
        embed: {
          type: 'quote',
          post: rich('Secret', { spoiler: 'Adult content', sensitive: true }),
        },
      }),
    ];
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src="https://bsky.app/profile/alice.example/post/3lroot2222aa"
        .provider=${memoryProvider(rich('Root'), replies)}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    const quotes = $$(el, '[part=quote]');
    expect(quotes).to.have.length(6);
    const text = (n: Element) => n.textContent!.replace(/\s+/g, ' ').trim();
    const [q] = quotes;
    expect(q!.localName).to.equal('blockquote');
    expect(q!.getAttribute('aria-label')).to.equal('Quoted post by Bob');
    expect(q!.getAttribute('cite')).to.equal('https://bsky.app/profile/did:plc:bob/post/3lbob');
    expect(text(q!)).to.include('@bob.example.com');
    expect(q!.querySelector('[part=content]')!.textContent).to.equal(XSS);
    const link = q!.querySelector<HTMLAnchorElement>(
      'a[href="https://bsky.app/profile/did:plc:bob/post/3lbob"]',
    )!;
    expect(link.textContent).to.equal('View the quoted post');
    expect(link.rel).to.equal('noopener noreferrer nofollow ugc');
    expect(quotes.slice(1, 5).map(text)).to.deep.equal([
      'The quoted post was deleted.',
      'The quoted post is from an account you cannot see here.',
      'The author of the quoted post removed it from this post.',
      'The quoted post is only shown to signed-in readers.',
    ]);
    const details = quotes[5]!.querySelector('details')!;
    expect(details.open).to.be.false;
    expect(details.querySelector('summary')!.textContent).to.include('Adult content');
    expect(el.shadowRoot!.querySelectorAll('script, img[src=x]')).to.have.length(0);
    expect(window.__xss).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('loads no embeds chunk for a thread without embeds or facepile', async () => {
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src="https://example.social/@alice/1"
        .provider=${memoryProvider(post({ id: 'plain-root' }), [post()])}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    expect($$(el, '[part=card], [part=quote], [part=facepile]')).to.have.length(0);
  });
});

describe('<fedi-comment-thread> facepile', () => {
  const likers = Array.from({ length: 8 }, (_, i) =>
    author({
      id: `did:plc:l${i}`,
      name: i === 3 ? '' : `Liker ${i}`,
      handle: `liker${i}.example`,
      url: `https://bsky.app/profile/did:plc:l${i}`,
      avatar: i === 5 ? undefined : `https://cdn.example/l${i}.jpg`,
      avatarStatic: undefined,
    }),
  );
  const root = () =>
    rich('Root', {
      counts: { replies: 1, reposts: 3, likes: 128 },
      uri: 'at://did:plc:alicealicealicealicealic/app.bsky.feed.post/3lroot2222aa',
    });

  it('is off by default: no facepile request', async () => {
    const provider = memoryProvider(root(), [rich('r')]);
    const calls = withFacepile(provider, likers);
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src="https://bsky.app/profile/alice.example/post/3lroot2222aa"
        .provider=${provider}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    await settle(200);
    expect(calls).to.have.length(0);
    expect($$(el, '[part=facepile]')).to.have.length(0);
  });

  it('facepile="likes": one request after the thread, avatars named and linked, "and N others"', async () => {
    const provider = memoryProvider(root(), [rich('r')]);
    const calls = withFacepile(provider, likers);
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        facepile="likes"
        src="https://bsky.app/profile/alice.example/post/3lroot2222aa"
        .provider=${provider}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    await until(() => $$(el, '[part=facepile]').length > 0, 'facepile');
    expect(calls).to.have.length(1);
    expect(calls[0]!.options).to.deep.include({ kind: 'likes', limit: 8 });
    expect(calls[0]!.ref.id).to.equal('3lroot2222aa');
    const pile = $$(el, '[part=facepile]')[0]!;
    const list = pile.querySelector('ul')!;
    expect(list.getAttribute('aria-label')).to.equal('Liked by');
    const links = [...list.querySelectorAll('a')];
    expect(links).to.have.length(8);
    expect(links[0]!.href).to.equal('https://bsky.app/profile/did:plc:l0');
    expect(links[0]!.rel).to.equal('noopener noreferrer nofollow ugc');
    const img = links[0]!.querySelector('img')!;
    expect(img.alt).to.equal('Liker 0');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(img.getAttribute('loading')).to.equal('lazy');
    // No display name: the handle; no avatar: a hidden name.
    expect(links[3]!.querySelector('img')!.alt).to.equal('liker3.example');
    expect(links[5]!.textContent!.trim()).to.equal('Liker 5');
    expect(pile.textContent).to.include('and 120 others');
    await expect(el).to.be.accessible();
  });

  it('facepile="likes reposts": one request each; a failing read shows nothing', async () => {
    const provider = memoryProvider(root(), [rich('r')]);
    const calls: string[] = [];
    provider.getFacepile = async (_ref, options) => {
      calls.push(options?.kind ?? 'likes');
      if (options?.kind === 'reposts') throw new Error('down');
      return { authors: likers.slice(0, 2) };
    };
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        facepile="likes reposts"
        src="https://bsky.app/profile/alice.example/post/3lroot2222aa"
        .provider=${provider}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    await until(() => $$(el, '[part=facepile]').length > 0, 'facepile');
    expect(calls.sort()).to.deep.equal(['likes', 'reposts']);
    expect($$(el, '[part=facepile]')).to.have.length(1);
    expect($$(el, '[part=facepile]')[0]!.textContent).to.include('and 126 others');
  });
});

describe('<fedi-comment-thread> embeds and facepile on the sandbox AppView', () => {
  beforeEach(() => clearSandboxLog());

  const xrpcLog = async () =>
    (await sandboxLog())
      .filter((r) => r.path.startsWith('/xrpc/'))
      .map((r) => `${r.method} ${r.path.split('?')[0]!}`);

  it('renders the seeded card, quotes and recordWithMedia with the one thread request', async () => {
    const { sandbox, bluesky } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        limit="500"
        src=${bluesky.thread.uri}
        appview=${sandbox}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    await settle(200);
    expect(await xrpcLog()).to.deep.equal(['GET /xrpc/app.bsky.feed.getPostThread']);
    expect($$(el, '[part=root] a[part=card]')).to.have.length(1);
    const quotes = $$(el, '[part=quote]');
    expect(quotes.some((q) => q.localName === 'blockquote')).to.be.true;
    expect(quotes.map((q) => q.textContent)).to.satisfy((t: string[]) =>
      t.some((s) => s.includes('The quoted post was deleted.')),
    );
    // recordWithMedia: the reply's own image and, under it, the quote.
    const rwm = el.thread!.replies.find(
      (n) => n.post.id === bluesky.thread.replyUris['recordWithMedia'],
    );
    expect(rwm?.post.media).to.have.length(1);
    expect(rwm?.post.embed?.type).to.equal('quote');
    expect(resources().some((u) => /embeds-fr/.test(u))).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('facepile="likes" adds exactly one getLikes request, after the thread', async () => {
    const { sandbox, bluesky } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        facepile="likes"
        src=${bluesky.thread.uri}
        appview=${sandbox}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    await until(() => $$(el, '[part=facepile]').length > 0, 'facepile');
    await settle(200);
    expect(await xrpcLog()).to.deep.equal([
      'GET /xrpc/app.bsky.feed.getPostThread',
      'GET /xrpc/app.bsky.feed.getLikes',
    ]);
    const links = $$(el, '[part=facepile] a');
    expect(links.length).to.be.within(1, 8);
    for (const a of links)
      expect((a as HTMLAnchorElement).href).to.match(/^https:\/\/bsky\.app\/profile\/did:/);
    // The account that keeps itself from logged-out readers is never shown.
    expect(
      JSON.stringify(links.map((a) => a.textContent + (a.querySelector('img')?.alt ?? ''))),
    ).to.not.match(/quinn/i);
    expect($$(el, '[part=facepile]')[0]!.textContent).to.match(/and \d+ others/);
    await expect(el).to.be.accessible();
  });
});

describe('<fedi-comment-thread> embeds on Mastodon (sandbox)', () => {
  beforeEach(() => clearSandboxLog());

  it('a preview card and a quote post, with the thread’s two requests', async () => {
    const { sandbox, seed } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${sandbox + seed.smallThread.path}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    await settle(200);
    const api = (await sandboxLog()).filter((r) => r.path.startsWith('/api/'));
    expect(api.map((r) => r.path)).to.deep.equal([
      `/api/v1/statuses/${seed.smallThread.id}`,
      `/api/v1/statuses/${seed.smallThread.id}/context`,
    ]);
    // The follow-up quotes the announcement, which carries the blog's preview card.
    const quote = $$(el, '[part=root] blockquote[part=quote]')[0]!;
    expect(quote).to.exist;
    expect(quote.textContent).to.contain('New on the blog');
    // One level only: the quoted announcement's own card is not shown inside the quote.
    expect(quote.querySelector('[part=card]')).to.equal(null);
    // Mastodon's "RE: <link>" fallback is hidden when the quote itself is shown.
    const fallback = $$(el, '[part=root] .quote-inline')[0]!;
    expect(fallback).to.exist;
    expect(getComputedStyle(fallback).display).to.equal('none');
    await expect(el).to.be.accessible();

    const announcement = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        limit="5"
        src=${sandbox + seed.thread.path}
      ></fedi-comment-thread>`,
    );
    await ready(announcement);
    const card = $$(announcement, '[part=root] a[part=card]')[0]!;
    expect(card.getAttribute('href')).to.match(/^https:\/\/alice\.example\//);
    expect(card.textContent).to.contain('Leaving the big platforms');
  });
});

describe('<fedi-comment-thread> facepile on Mastodon (sandbox)', () => {
  beforeEach(() => clearSandboxLog());

  it('facepile="likes reposts": favourited_by and reblogged_by, one read each, after the thread', async () => {
    const { sandbox, seed } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        limit="5"
        facepile="likes reposts"
        src=${sandbox + seed.thread.path}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    await until(() => $$(el, '[part=facepile]').length === 2, 'two facepiles');
    const api = (await sandboxLog()).filter((r) => r.path.startsWith('/api/'));
    const base = `/api/v1/statuses/${seed.thread.id}`;
    expect(api.map((r) => r.path.split('?')[0]).slice(0, 2)).to.deep.equal([
      base,
      `${base}/context`,
    ]);
    expect(
      api
        .map((r) => r.path.split('?')[0])
        .slice(2)
        .sort(),
    ).to.deep.equal([`${base}/favourited_by`, `${base}/reblogged_by`]);
    const [likes, boosts] = $$(el, '[part=facepile]');
    expect(likes!.querySelectorAll('a').length).to.be.greaterThan(0);
    // The root was boosted by bob, chloe, gus and ines.
    expect(boosts!.querySelectorAll('a')).to.have.length(4);
    await expect(el).to.be.accessible();
  });
});

describe('<fedi-comment-thread> facepile through the proxy', () => {
  it('proxy + facepile="likes": the facepile comes through the site’s proxy, no other host', async () => {
    const { proxy, bluesky } = await testEnv();
    // Only this test's requests (earlier tests read the AppView directly).
    performance.clearResourceTimings();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        facepile="likes"
        proxy=${proxy}
        src=${bluesky.thread.uri}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    await until(() => $$(el, '[part=facepile]').length > 0, 'facepile');
    const pile = $$(el, '[part=facepile]')[0]!;
    expect(pile.querySelectorAll('a').length).to.be.greaterThan(0);
    await settle(200);
    const urls = resources();
    expect(urls.some((u) => u.includes(`${proxy}/facepile?`))).to.be.true;
    // No read went to the AppView itself, and every picture comes from the proxy's /media.
    expect(urls.filter((u) => u.includes('/xrpc/'))).to.deep.equal([]);
    const srcs = $$(el, 'img').map((img) => (img as HTMLImageElement).src);
    expect(srcs.length).to.be.greaterThan(0);
    expect(
      srcs.filter((src) => !src.startsWith(`${location.origin}${proxy}/media?`)),
    ).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
