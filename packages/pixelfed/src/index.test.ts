// The provider against fake servers shaped like Pixelfed and Mastodon (requests recorded): account
// resolution, paging without Link, collections, the token wall. The same reads against the
// sandbox's Pixelfed mode are in sandbox.test.ts.
import { FediError, resolve, type FediErrorCode } from '@fedikit/core';
import { expect } from '@open-wc/testing';
import {
  createPixelfedProvider,
  fetchAuthorPosts,
  fetchCollection,
  fetchPost,
  fetchProfile,
} from './index.js';
import type { WireJrd, WirePixelfedStatus } from './wire.js';

interface Fixture {
  webfinger: WireJrd;
  account: Record<string, unknown>;
  search: { accounts: Record<string, unknown>[] };
  album: WirePixelfedStatus;
  mastodonShaped: WirePixelfedStatus;
}

async function fixture(): Promise<Fixture> {
  const res = await fetch(new URL('./fixtures/pixelfed-example.json', import.meta.url));
  return (await res.json()) as Fixture;
}

type Route = unknown | ((url: URL) => Response | Promise<Response>);

/** A fake server: `origin + pathname` → JSON body or a response. Records every URL asked for. */
function server(routes: Record<string, Route>) {
  const urls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    urls.push(url.href);
    const route = routes[`${url.origin}${url.pathname}`];
    if (route === undefined)
      return new Response('{"message":"Not found"}', {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    if (typeof route === 'function') return (route as (u: URL) => Response)(url);
    return new Response(JSON.stringify(route), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return { fetch, urls, paths: () => urls.map((u) => new URL(u).pathname) };
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

const P = 'https://pixelfed.example';
const ID = '702283449237176320';
const status = (s: WirePixelfedStatus, id: string, visibility = 'public'): WirePixelfedStatus => ({
  ...s,
  id,
  visibility,
});

describe('pixelfed provider (fake servers)', () => {
  let data: Fixture;
  beforeEach(async () => {
    data = await fixture();
  });

  const pixelfed = (extra: Record<string, Route> = {}) =>
    server({
      [`${P}/.well-known/webfinger`]: data.webfinger,
      [`${P}/api/v2/search`]: data.search,
      [`${P}/api/v1/accounts/${ID}/statuses`]: [],
      ...extra,
    });

  describe('account resolution', () => {
    it('Pixelfed: WebFinger, then v2 search (no accounts/lookup); the account comes from the search', async () => {
      const srv = pixelfed();
      const profile = await fetchProfile(resolve(`${P}/mara`), { fetch: srv.fetch });
      expect(srv.urls).to.deep.equal([
        `${P}/.well-known/webfinger?resource=acct%3Amara%40pixelfed.example`,
        `${P}/api/v2/search?q=mara%40pixelfed.example&type=accounts&limit=5`,
      ]);
      // The first hit is a namesake on another server: not taken.
      expect(profile.author).to.include({ id: ID, handle: 'mara@pixelfed.example' });
      expect(profile.counts).to.deep.equal({ followers: 312, following: 48, posts: 27 });
    });

    it('a handle is read the same way, and the WebFinger Atom link marks the server as Pixelfed', async () => {
      const srv = pixelfed();
      const page = await fetchAuthorPosts(resolve('@mara@pixelfed.example'), {
        fetch: srv.fetch,
      });
      expect(srv.paths()).to.deep.equal([
        '/.well-known/webfinger',
        '/api/v2/search',
        `/api/v1/accounts/${ID}/statuses`,
      ]);
      expect(page).to.deep.equal({ posts: [] });
    });

    it('asks a loopback domain (the sandbox) over http, IPv6 [::1] included', async () => {
      for (const domain of ['localhost:4000', '127.0.0.1:4000', '[::1]:4000']) {
        const srv = server({});
        const ref = { ...resolve('@mara@pixelfed.example'), acct: `mara@${domain}` };
        await failure(fetchProfile(ref, { fetch: srv.fetch }), 'NOT_FOUND');
        expect(srv.urls[0]).to.match(new RegExp(`^http://${domain.replace(/[.[\]]/g, '\\$&')}/`));
      }
    });

    it('remembers a resolved account per fetch: the next page costs one request', async () => {
      const srv = pixelfed();
      const provider = createPixelfedProvider({ fetch: srv.fetch });
      const ref = resolve(`${P}/mara`);
      await provider.getAuthorPosts(ref);
      await provider.getAuthorPosts(ref, { maxId: '5' });
      expect(srv.paths().filter((p) => p === '/.well-known/webfinger')).to.have.length(1);
      expect(srv.urls.at(-1)).to.contain('max_id=5');
    });

    it('Mastodon: the id in a /ap/users/<id> self link needs no further lookup', async () => {
      const M = 'https://mastodon.example';
      const srv = server({
        [`${M}/.well-known/webfinger`]: {
          subject: 'acct:ann@mastodon.example',
          links: [{ rel: 'self', type: 'application/activity+json', href: `${M}/ap/users/1234` }],
        },
        [`${M}/api/v1/accounts/1234/statuses`]: [status(data.mastodonShaped, '9')],
      });
      const page = await fetchAuthorPosts(resolve('@ann@mastodon.example'), {
        fetch: srv.fetch,
        onlyMedia: true,
      });
      expect(srv.paths()).to.deep.equal([
        '/.well-known/webfinger',
        '/api/v1/accounts/1234/statuses',
      ]);
      expect(page.posts[0]!.protocol).to.equal('mastodon');
    });

    it('Mastodon: a /users/<name> self link falls back to accounts/lookup on the server WebFinger names', async () => {
      const srv = server({
        'https://example.com/.well-known/webfinger': {
          subject: 'acct:Ann@example.com',
          links: [
            {
              rel: 'self',
              type: 'application/activity+json',
              href: 'https://social.example.com/users/Ann',
            },
          ],
        },
        'https://social.example.com/api/v1/accounts/lookup': { id: '77', acct: 'Ann' },
        'https://social.example.com/api/v1/accounts/77/statuses': [],
      });
      await fetchAuthorPosts(resolve('@ann@example.com'), { fetch: srv.fetch });
      expect(srv.urls).to.deep.equal([
        'https://example.com/.well-known/webfinger?resource=acct%3Aann%40example.com',
        'https://social.example.com/api/v1/accounts/lookup?acct=Ann',
        'https://social.example.com/api/v1/accounts/77/statuses?limit=20&exclude_reblogs=true&_pe=1',
      ]);
    });

    it('an unknown account is NOT_FOUND (WebFinger 404, or no matching search hit)', async () => {
      await failure(fetchProfile(resolve(`${P}/nobody`), { fetch: server({}).fetch }), 'NOT_FOUND');
      const srv = pixelfed({ [`${P}/api/v2/search`]: { accounts: [{ id: '1', acct: 'other' }] } });
      await failure(fetchProfile(resolve(`${P}/mara`), { fetch: srv.fetch }), 'NOT_FOUND');
    });

    it('refuses refs it cannot read', async () => {
      const srv = server({});
      await failure(fetchProfile(resolve(`${P}/p/mara/1`), { fetch: srv.fetch }), 'INVALID_INPUT');
      await failure(
        fetchProfile(resolve('alice.bsky.social'), { fetch: srv.fetch }),
        'INVALID_INPUT',
      );
      await failure(fetchPost(resolve(`${P}/mara`), { fetch: srv.fetch }), 'INVALID_INPUT');
      await failure(fetchCollection(resolve(`${P}/mara`), { fetch: srv.fetch }), 'INVALID_INPUT');
      expect(srv.urls).to.deep.equal([]);
    });
  });

  describe('paging without Link', () => {
    const page = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => status(data.album, String(from - i)));

    it('asks for only_media without replies or boosts, _pe entities, the limit capped at 40', async () => {
      const srv = pixelfed({ [`${P}/api/v1/accounts/${ID}/statuses`]: page(100, 3) });
      await fetchAuthorPosts(resolve(`${P}/mara`), {
        fetch: srv.fetch,
        onlyMedia: true,
        limit: 99,
      });
      const q = new URL(srv.urls.at(-1)!).searchParams;
      expect(Object.fromEntries(q)).to.deep.equal({
        limit: '40',
        exclude_reblogs: 'true',
        only_media: 'true',
        exclude_replies: 'true',
        _pe: '1',
      });
    });

    it('next is the last entry id while pages come back full; none after a short page', async () => {
      const srv = pixelfed({
        [`${P}/api/v1/accounts/${ID}/statuses`]: (url: URL) => {
          const max = url.searchParams.get('max_id');
          // 5 posts in all, 100..96; the third is private (hidden, but it still counts for paging).
          const all = page(100, 5).map((s, i) => (i === 2 ? { ...s, visibility: 'private' } : s));
          const rest = max ? all.filter((s) => BigInt(s.id as string) < BigInt(max)) : all;
          return Response.json(rest.slice(0, Number(url.searchParams.get('limit'))));
        },
      });
      const provider = createPixelfedProvider({ fetch: srv.fetch });
      const ref = resolve(`${P}/mara`);
      const one = await provider.getAuthorPosts(ref, { limit: 3 });
      expect(one.posts.map((p) => p.id)).to.deep.equal(['100', '99']);
      expect(one.next).to.equal('98');
      const two = await provider.getAuthorPosts(ref, { limit: 3, maxId: one.next });
      expect(two.posts.map((p) => p.id)).to.deep.equal(['97', '96']);
      expect(two.next).to.be.undefined;
      expect(two.posts[0]!.protocol).to.equal('pixelfed');
    });
  });

  describe('posts and collections', () => {
    it('reads a post as a Pixelfed entity', async () => {
      const srv = server({ [`${P}/api/v1/statuses/712300000000000001`]: data.album });
      const post = await fetchPost(resolve(`${P}/p/mara/712300000000000001`), { fetch: srv.fetch });
      expect(srv.urls).to.deep.equal([`${P}/api/v1/statuses/712300000000000001?_pe=1`]);
      expect(post.media).to.have.length(3);
      expect(post.media[0]!.license!.name).to.equal('CC BY');
    });

    /**
     * A collection as CollectionController::getItems serves it: item `i` has position `i`; page N
     * is positions 10N − 10 to 10N, both included, with private posts left out.
     */
    const collection = (items: WirePixelfedStatus[]) => (url: URL) => {
      const n = Number(url.searchParams.get('page') ?? '1');
      const start = n === 1 ? 0 : n * 10 - 10;
      return Response.json(
        items.filter((s, i) => i >= start && i <= start + 10 && s.visibility !== 'private'),
      );
    };
    const items = (n: number, visibility?: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => status(data.album, String(i + 1), visibility?.(i)));

    it('reads a collection from the public route, page by page, without the repeated item', async () => {
      const srv = server({
        [`${P}/api/local/collection/items/55`]: collection(
          items(23, (i) => (i === 4 ? 'private' : i === 5 ? 'direct' : 'public')),
        ),
      });
      const provider = createPixelfedProvider({ fetch: srv.fetch });
      const ref = resolve(`${P}/c/55`);
      const one = await provider.getCollection!(ref);
      // Positions 0-10: eleven items, the private one left out by the server, the direct one here.
      expect(one.posts.map((p) => p.id)).to.deep.equal([
        '1',
        '2',
        '3',
        '4',
        '7',
        '8',
        '9',
        '10',
        '11',
      ]);
      expect(one.next).to.equal('2:11');
      const two = await provider.getCollection!(ref, { maxId: one.next });
      // Positions 10-20: item 11 again, dropped.
      expect(two.posts.map((p) => p.id)).to.deep.equal([
        '12',
        '13',
        '14',
        '15',
        '16',
        '17',
        '18',
        '19',
        '20',
        '21',
      ]);
      expect(two.next).to.equal('3:21');
      // The last page: positions 20-22, the first of them seen.
      const three = await provider.getCollection!(ref, { maxId: two.next });
      expect(three.posts.map((p) => p.id)).to.deep.equal(['22', '23']);
      const four = await provider.getCollection!(ref, { maxId: three.next });
      expect(four).to.deep.equal({ posts: [] });
      expect(srv.paths().every((p) => p === '/api/local/collection/items/55')).to.equal(true);
      expect(srv.urls.map((u) => new URL(u).search)).to.deep.equal([
        '?page=1',
        '?page=2',
        '?page=3',
        '?page=4',
      ]);
    });

    it('ends at a page with nothing new: eleven items need no third read', async () => {
      const srv = server({ [`${P}/api/local/collection/items/55`]: collection(items(11)) });
      const ref = resolve(`${P}/c/55`);
      const one = await fetchCollection(ref, { fetch: srv.fetch });
      expect(one.posts).to.have.length(11);
      // Page 2 is position 10 only: the item already shown.
      expect(await fetchCollection(ref, { fetch: srv.fetch, maxId: one.next })).to.deep.equal({
        posts: [],
      });
      expect(srv.urls).to.have.length(2);
      // A bare page number (no id to drop) reads that page as it is.
      const bare = await fetchCollection(ref, { fetch: srv.fetch, maxId: '2' });
      expect(bare.posts.map((p) => p.id)).to.deep.equal(['11']);
      expect(bare.next).to.equal('3:11');
    });

    it('refuses cursors that are not its own', async () => {
      const srv = server({ [`${P}/api/local/collection/items/55`]: [] });
      const ref = resolve(`${P}/c/55`);
      for (const maxId of ['0', '31', '../x', '2:', '2:a/b', 'x:1', '', '1:2:3'])
        await failure(fetchCollection(ref, { fetch: srv.fetch, maxId }), 'INVALID_INPUT');
      expect(srv.urls).to.deep.equal([]);
      const last = await fetchCollection(ref, { fetch: srv.fetch, maxId: '30:9' });
      expect(last).to.deep.equal({ posts: [] });
    });

    it('stops at page 30 whatever the server sends', async () => {
      const srv = server({ [`${P}/api/local/collection/items/55`]: [status(data.album, '9')] });
      const page = await fetchCollection(resolve(`${P}/c/55`), { fetch: srv.fetch, maxId: '30' });
      expect(page.posts).to.have.length(1);
      expect(page.next).to.be.undefined;
    });

    it('a refused public route falls back to the token API; a hidden collection is NOT_FOUND', async () => {
      const walled = server({
        [`${P}/api/local/collection/items/55`]: () =>
          Response.json({ message: 'Unauthenticated.' }, { status: 401 }),
        [`${P}/api/v1.1/collections/items/55`]: collection(items(3)),
      });
      const page = await fetchCollection(resolve(`${P}/c/55`), { fetch: walled.fetch });
      expect(page.posts).to.have.length(3);
      expect(walled.paths()).to.deep.equal([
        '/api/local/collection/items/55',
        '/api/v1.1/collections/items/55',
      ]);
      // Private, draft or missing: Pixelfed answers 404 to anyone but the owner (and followers).
      const hidden = server({
        [`${P}/api/local/collection/items/56`]: () =>
          Response.json({ message: '' }, { status: 404 }),
      });
      await failure(fetchCollection(resolve(`${P}/c/56`), { fetch: hidden.fetch }), 'NOT_FOUND');
      expect(hidden.urls).to.have.length(1);
    });
  });

  describe('the token wall', () => {
    const wall = (response: () => Response) =>
      pixelfed({
        [`${P}/api/v2/search`]: response,
        [`${P}/api/v1/statuses/1`]: response,
        [`${P}/api/local/collection/items/2`]: response,
        [`${P}/api/v1.1/collections/items/2`]: response,
      });

    const cases: [string, () => Response][] = [
      [
        '401 JSON (Laravel, for clients that ask for JSON)',
        () => Response.json({ message: 'Unauthenticated.' }, { status: 401 }),
      ],
      ['403 (the controllers’ own check)', () => new Response('', { status: 403 })],
      [
        'a redirect followed to the login page',
        () => {
          const res = new Response(
            '<!doctype html><form action="/login"><input type="password"></form>',
            {
              headers: { 'content-type': 'text/html; charset=UTF-8' },
            },
          );
          Object.defineProperty(res, 'redirected', { value: true });
          Object.defineProperty(res, 'url', { value: `${P}/login` });
          return res;
        },
      ],
    ];
    for (const [name, response] of cases) {
      it(`${name} is AUTH_REQUIRED, and the message says to use the proxy`, async () => {
        const srv = wall(response);
        for (const read of [
          () => fetchProfile(resolve(`${P}/mara`), { fetch: srv.fetch }),
          () => fetchPost(resolve(`${P}/p/mara/1`), { fetch: srv.fetch }),
          () => fetchCollection(resolve(`${P}/c/2`), { fetch: srv.fetch }),
        ]) {
          const error = await failure(read(), 'AUTH_REQUIRED');
          expect(error.message).to.contain('pixelfed.example');
          expect(error.message).to.contain('@fedikit/proxy');
          expect(error.message).to.contain('token');
        }
      });
    }

    it('a network failure from a server that is up (login redirect or no CORS, in a browser) is AUTH_REQUIRED too', async () => {
      const srv = pixelfed({
        [`${P}/api/v2/search`]: () => {
          throw new TypeError('Failed to fetch');
        },
      });
      const error = await failure(
        fetchProfile(resolve(`${P}/mara`), { fetch: srv.fetch, timeout: 5000 }),
        'AUTH_REQUIRED',
      );
      expect(error.message).to.contain('is up but refused its API');
      // A post read: the server is up when it answers nodeinfo (one try)…
      const fails = () => {
        throw new TypeError('Failed to fetch');
      };
      const up = server({ [`${P}/api/v1/statuses/1`]: fails, [`${P}/.well-known/nodeinfo`]: {} });
      await failure(fetchPost(resolve(`${P}/p/mara/1`), { fetch: up.fetch }), 'AUTH_REQUIRED');
      expect(up.paths().filter((p) => p.includes('nodeinfo'))).to.have.length(1);
      // …and a server that answers nothing is NETWORK.
      const down = server({
        [`${P}/api/v1/statuses/1`]: fails,
        [`${P}/.well-known/nodeinfo`]: fails,
      });
      await failure(fetchPost(resolve(`${P}/p/mara/1`), { fetch: down.fetch }), 'NETWORK');
    });
  });

  describe('hostile answers', () => {
    it('junk instead of lists gives empty pages; junk accounts INVALID_RESPONSE or NOT_FOUND', async () => {
      for (const junk of [{}, 'x', null, 42]) {
        const srv = pixelfed({ [`${P}/api/v1/accounts/${ID}/statuses`]: junk });
        expect(
          await fetchAuthorPosts(resolve(`${P}/mara`), { fetch: srv.fetch }),
          JSON.stringify(junk),
        ).to.deep.equal({ posts: [] });
      }
      const noId = pixelfed({ [`${P}/api/v2/search`]: { accounts: [{ acct: 'mara' }] } });
      await failure(fetchProfile(resolve(`${P}/mara`), { fetch: noId.fetch }), 'NOT_FOUND');
      const badJrd = pixelfed({
        [`${P}/.well-known/webfinger`]: {
          links: [{ rel: 'self', type: 'application/activity+json', href: 'javascript:alert(1)' }],
        },
      });
      // An unusable self link is ignored: the API is read on the account's own host.
      const profile = await fetchProfile(resolve(`${P}/mara`), { fetch: badJrd.fetch });
      expect(profile.author.id).to.equal(ID);
      expect(badJrd.urls.every((u) => u.startsWith(P))).to.equal(true);
    });

    it('a collection page of junk ends the collection; an entry without an id leaves a bare page cursor', async () => {
      const ref = resolve(`${P}/c/55`);
      for (const junk of [{}, 'x', null, 42]) {
        const srv = server({ [`${P}/api/local/collection/items/55`]: junk });
        expect(
          await fetchCollection(ref, { fetch: srv.fetch }),
          JSON.stringify(junk),
        ).to.deep.equal({ posts: [] });
      }
      const noId = server({
        [`${P}/api/local/collection/items/55`]: [status(data.album, '1'), { content: 'x' }],
      });
      const page = await fetchCollection(ref, { fetch: noId.fetch });
      expect(page.posts.map((p) => p.id)).to.deep.equal(['1']);
      expect(page.next).to.equal('2');
    });

    it('a status without an id is INVALID_RESPONSE', async () => {
      const srv = server({ [`${P}/api/v1/statuses/1`]: { content: 'x' } });
      await failure(fetchPost(resolve(`${P}/p/mara/1`), { fetch: srv.fetch }), 'INVALID_RESPONSE');
    });

    it('passes the timeout on', async () => {
      const never = ((_: RequestInfo | URL, init: RequestInit = {}) =>
        new Promise<Response>((_, reject) =>
          init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
        )) as typeof fetch;
      const start = performance.now();
      await failure(
        createPixelfedProvider({ fetch: never, timeout: 200 }).getPost(resolve(`${P}/p/mara/1`)),
        'TIMEOUT',
      );
      expect(performance.now() - start).to.be.lessThan(2000);
    });
  });
});
