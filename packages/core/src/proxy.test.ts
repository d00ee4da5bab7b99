import { expect } from '@open-wc/testing';
import { FediError } from './errors.js';
import type { Ref, Thread } from './model.js';
import { createProxyProvider, refInput, reviveDates } from './proxy.js';
import { resolve } from './resolve.js';
import { clearSandboxLog, sandboxLog, testEnv } from './testing.js';

/** A `fetch` that answers `respond()` and records the URLs asked. */
function recording(respond: () => Response): typeof fetch & { urls: URL[]; inits: RequestInit[] } {
  const urls: URL[] = [];
  const inits: RequestInit[] = [];
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    urls.push(new URL(String(input)));
    inits.push(init);
    return respond();
  }) as typeof fetch & { urls: URL[]; inits: RequestInit[] };
  fn.urls = urls;
  fn.inits = inits;
  return fn;
}

const ok = (body: unknown) => () =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
const fail =
  (status: number, code: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify({ error: { code, message: 'x' } }), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

const POST = 'https://mastodon.example/@alice/110';
const BASE = 'https://site.example/fedikit/';

describe('refInput', () => {
  it('gives back what resolve() accepts, for every kind of input', () => {
    for (const input of [
      POST,
      'https://mastodon.example/@alice',
      '@alice@mastodon.example',
      'at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3kabc',
      'https://bsky.app/profile/alice.bsky.social',
    ]) {
      const ref = resolve(input);
      const again = resolve(refInput(ref));
      expect([again.protocol, again.kind, again.host, again.id, again.acct], input).to.deep.equal([
        ref.protocol,
        ref.kind,
        ref.host,
        ref.id,
        ref.acct,
      ]);
    }
  });

  it('builds an input for hand-made refs and refuses one with nothing to send', () => {
    const bsky: Ref = {
      protocol: 'bluesky',
      kind: 'post',
      origin: 'https://bsky.app',
      host: 'bsky.app',
      acct: 'alice.bsky.social',
      id: '3kabc',
    };
    expect(refInput(bsky)).to.equal('at://alice.bsky.social/app.bsky.feed.post/3kabc');
    const profile: Ref = {
      protocol: 'mastodon',
      kind: 'profile',
      origin: 'https://m.example',
      host: 'm.example',
      acct: 'bob',
    };
    expect(refInput(profile)).to.equal('@bob@m.example');
    expect(() =>
      refInput({
        protocol: 'mastodon',
        kind: 'post',
        origin: 'https://m.example',
        host: 'm.example',
        id: '1',
      }),
    )
      .to.throw(FediError)
      .with.property('code', 'INVALID_INPUT');
  });
});

describe('reviveDates', () => {
  it('turns createdAt/editedAt back into Dates at any depth, garbage into undefined', () => {
    const thread = reviveDates({
      root: { createdAt: '2026-01-01T00:00:00.000Z', editedAt: 'yesterday' },
      replies: [{ post: { createdAt: '2026-01-02T00:00:00.000Z' }, replies: [] }],
    }) as unknown as Thread & { root: { editedAt?: Date } };
    expect(thread.root.createdAt).to.be.instanceOf(Date);
    expect(thread.root.editedAt).to.equal(undefined);
    expect(thread.replies[0]!.post.createdAt!.toISOString()).to.equal('2026-01-02T00:00:00.000Z');
  });

  it('survives a 10 000-deep answer (iterative)', () => {
    let deep: Record<string, unknown> = { createdAt: '2026-01-01T00:00:00.000Z' };
    for (let i = 0; i < 10_000; i++) deep = { replies: [deep] };
    expect(() => reviveDates(deep)).not.to.throw();
  });
});

describe('createProxyProvider', () => {
  it('asks the contract paths with the contract query, without credentials or referrer', async () => {
    const fetch = recording(ok({ root: { createdAt: '2026-01-01T00:00:00.000Z' }, replies: [] }));
    const provider = createProxyProvider(BASE, { fetch });
    const ref = resolve(POST);
    const thread = await provider.getThread(ref, {
      sort: 'likes',
      favouritesOnly: true,
      moderation: { hideEmpty: true },
    });
    expect(thread.root.createdAt).to.be.instanceOf(Date);
    const [url] = fetch.urls;
    expect(url!.origin + url!.pathname).to.equal('https://site.example/fedikit/thread');
    expect(url!.searchParams.get('ref')).to.equal(POST);
    expect(url!.searchParams.get('sort')).to.equal('likes');
    expect(url!.searchParams.get('favourites')).to.equal('1');
    expect(JSON.parse(url!.searchParams.get('filters')!)).to.deep.equal({ hideEmpty: true });
    expect(url!.searchParams.has('appview')).to.equal(false);
    expect(fetch.inits[0]!.credentials).to.equal('omit');
    expect(fetch.inits[0]!.referrerPolicy).to.equal('no-referrer');
  });

  it("a path as base is the page's own origin", async () => {
    const fetch = recording(ok({ posts: [] }));
    await createProxyProvider('/fedikit/', { fetch }).getAuthorPosts(resolve('@a@m.example'));
    expect(fetch.urls[0]!.href.startsWith(`${location.origin}/fedikit/posts?`)).to.equal(true);
  });

  it('pages author posts and collections with max_id, limit and media', async () => {
    const fetch = recording(ok({ posts: [], next: '5' }));
    const provider = createProxyProvider(BASE, { fetch });
    const page = await provider.getAuthorPosts(resolve('@alice@mastodon.example'), {
      onlyMedia: true,
      maxId: '9',
      limit: 12,
    });
    expect(page.next).to.equal('5');
    const q = fetch.urls[0]!.searchParams;
    expect(fetch.urls[0]!.pathname).to.equal('/fedikit/posts');
    expect([q.get('ref'), q.get('media'), q.get('max_id'), q.get('limit')]).to.deep.equal([
      '@alice@mastodon.example',
      '1',
      '9',
      '12',
    ]);
    await provider.getAuthorPosts(resolve('@alice@mastodon.example'));
    expect([...fetch.urls[1]!.searchParams.keys()]).to.deep.equal(['ref']);
    await provider.getPost(resolve(POST));
    await provider.getProfile(resolve('@alice@mastodon.example'));
    expect(fetch.urls.map((u) => u.pathname).slice(2)).to.deep.equal([
      '/fedikit/post',
      '/fedikit/profile',
    ]);
  });

  it("maps the proxy's error statuses to the codes the elements switch on", async () => {
    const cases: [() => Response, string][] = [
      [fail(400, 'INVALID_INPUT'), 'INVALID_INPUT'],
      [fail(403, 'AUTH_REQUIRED'), 'AUTH_REQUIRED'],
      [fail(404, 'NOT_FOUND'), 'NOT_FOUND'],
    ];
    for (const [respond, code] of cases) {
      const provider = createProxyProvider(BASE, { fetch: recording(respond) });
      try {
        await provider.getPost(resolve(POST));
        expect.fail('should have thrown');
      } catch (e) {
        expect((e as FediError).code, code).to.equal(code);
      }
    }
  });

  it('a 429 with a reset past the deadline is RATE_LIMITED, without another try', async () => {
    const fetch = recording(fail(429, 'RATE_LIMITED', { 'retry-after': '120' }));
    const provider = createProxyProvider(BASE, { fetch, timeout: 2000 });
    try {
      await provider.getPost(resolve(POST));
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as FediError).code).to.equal('RATE_LIMITED');
    }
    expect(fetch.urls.length).to.equal(1);
  });
});

describe('createProxyProvider against the real proxy (on this origin) and the sandbox', () => {
  it('reads a thread and its media while the browser contacts only this origin', async () => {
    const env = await testEnv();
    await clearSandboxLog();
    performance.clearResourceTimings();
    const provider = createProxyProvider(env.proxy);
    const thread = await provider.getThread(
      resolve(new URL(env.seed.smallThread.path, env.sandbox).href),
    );
    expect(thread.root.id).to.equal(env.seed.smallThread.id);
    expect(thread.root.createdAt).to.be.instanceOf(Date);
    const avatar = thread.root.author.avatar!;
    expect(new URL(avatar).origin).to.equal(location.origin);
    const image = new Image();
    image.referrerPolicy = 'no-referrer';
    image.src = avatar;
    await image.decode();
    expect(image.naturalWidth).to.be.greaterThan(0);
    // The sandbox was asked (by the proxy: no Origin header), the browser went nowhere else.
    const log = (await sandboxLog()).filter((r) => r.path !== '/__log');
    expect(log.length).to.be.greaterThan(0);
    expect(log.filter((r) => r.origin)).to.deep.equal([]);
    // Everything but the test's own look at the sandbox's log.
    const hosts = performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname !== '/__log')
      .map((e) => new URL(e.name).origin);
    expect(new Set(hosts)).to.deep.equal(new Set([location.origin]));
  });
});
