// The provider against the sandbox's Pixelfed mode (started by the test runner): the token wall
// as a browser meets it, reads with a token (as the proxy makes them), an open instance, and the
// same reads against the Mastodon sandbox.
import { FediError, resolve, type FediErrorCode, type Post } from '@fedikit/core';
import { testEnv, type PixelfedTestEnv } from '@fedikit/core/testing.js';
import { createMastodonProvider } from '@fedikit/mastodon';
import { expect } from '@open-wc/testing';
import { createPixelfedProvider, PLACEHOLDER_BLURHASH } from './index.js';

let env: PixelfedTestEnv | undefined;
let warned = false;

async function pixelfedOrSkip(ctx: Mocha.Context): Promise<PixelfedTestEnv> {
  env ??= (await testEnv()).pixelfed;
  if (!env) {
    if (!warned) console.warn('skipped: the sandbox has no Pixelfed mode in this test runner');
    warned = true;
    ctx.skip();
  }
  return env!;
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

/** A fetch that adds the read token, as the proxy's does on the server side. */
const withToken =
  (token: string): typeof fetch =>
  (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };

async function allPages(read: (maxId?: string) => Promise<{ posts: Post[]; next?: string }>) {
  const pages: Post[][] = [];
  let next: string | undefined;
  do {
    const page = await read(next);
    pages.push(page.posts);
    next = page.next;
  } while (next && pages.length < 20);
  return pages;
}

describe('pixelfed provider against the sandbox’s Pixelfed mode', () => {
  describe('the token wall, from a browser', () => {
    it('anonymous reads are AUTH_REQUIRED, with the proxy named', async function () {
      const { url, seed } = await pixelfedOrSkip(this);
      const provider = createPixelfedProvider();
      for (const read of [
        () =>
          provider.getAuthorPosts(resolve(`${url}${seed.account.profilePath}`), {
            onlyMedia: true,
          }),
        () => provider.getProfile(resolve(`@${seed.account.username}@${new URL(url).host}`)),
        () => provider.getPost(resolve(`${url}${seed.album.path}`)),
      ]) {
        const error = await failure(read(), 'AUTH_REQUIRED');
        expect(error.status).to.equal(401);
        expect(error.message).to.contain('@fedikit/proxy');
      }
    });

    it('without CORS on the API (Pixelfed’s default) the refusal is still AUTH_REQUIRED', async function () {
      const { strict, seed } = await pixelfedOrSkip(this);
      const provider = createPixelfedProvider({ timeout: 5000 });
      for (const read of [
        () => provider.getAuthorPosts(resolve(`${strict}${seed.account.profilePath}`)),
        () => provider.getPost(resolve(`${strict}${seed.album.path}`)),
        () => provider.getCollection!(resolve(`${strict}${seed.collection.path}`)),
      ]) {
        const error = await failure(read(), 'AUTH_REQUIRED');
        expect(error.message).to.contain('is up but refused its API');
      }
    });
  });

  describe('collections: public without a token (the web app’s own route)', () => {
    it('reads every page to the last, the repeated item dropped, in the owner’s order', async function () {
      const { url, seed } = await pixelfedOrSkip(this);
      const provider = createPixelfedProvider();
      const ref = resolve(`${url}${seed.collection.path}`);
      expect(ref.kind).to.equal('collection');
      const pages = await allPages((maxId) => provider.getCollection!(ref, { maxId }));
      // Pixelfed's pages: positions 0-10, then 10-11, then nothing.
      expect(pages.map((p) => p.length)).to.deep.equal([11, seed.collection.posts - 11, 0]);
      const ids = pages.flat().map((p) => p.id);
      expect(new Set(ids).size).to.equal(seed.collection.posts);
      // Curated, not by date: not sorted either way.
      const sorted = [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      expect(ids).not.to.deep.equal(sorted);
      expect(ids).not.to.deep.equal([...sorted].reverse());
      expect(pages.flat().every((p) => p.protocol === 'pixelfed' && p.media.length > 0)).to.equal(
        true,
      );
      // Other test files may read the same server meanwhile: look at this collection's reads only.
      const log = (await (await fetch(`${url}/__log`)).json()) as { path: string }[];
      const reads = log.map((e) => e.path).filter((p) => p.includes(seed.collection.id));
      for (const page of [1, 2, 3])
        expect(reads).to.include(`/api/local/collection/items/${seed.collection.id}?page=${page}`);
      expect(reads.filter((p) => !p.startsWith('/api/local/collection/items/'))).to.deep.equal([]);
    });

    it('private and draft collections are NOT_FOUND, with a token too', async function () {
      const { url, token, seed } = await pixelfedOrSkip(this);
      for (const provider of [
        createPixelfedProvider(),
        createPixelfedProvider({ fetch: withToken(token) }),
      ])
        for (const id of [seed.privateCollectionId, seed.draftCollectionId])
          await failure(provider.getCollection!(resolve(`${url}/c/${id}`)), 'NOT_FOUND');
    });
  });

  describe('with a read token (as the proxy reads)', () => {
    it('resolves the account through WebFinger and search, and maps the profile', async function () {
      const { url, token, seed } = await pixelfedOrSkip(this);
      const profile = await createPixelfedProvider({ fetch: withToken(token) }).getProfile(
        resolve(`${url}${seed.account.profilePath}`),
      );
      expect(profile.author).to.include({
        id: seed.account.id,
        name: 'Mara Lindqvist',
        handle: `mara@${new URL(url).host}`,
      });
      expect(profile.author.avatar).to.match(/^http:\/\/127\.0\.0\.1:\d+\/storage\/avatars\//);
      expect(profile.counts.followers).to.be.greaterThan(0);
    });

    it('pages an account’s media with max_id, without a Link header, to the end', async function () {
      const { url, token, seed } = await pixelfedOrSkip(this);
      const provider = createPixelfedProvider({ fetch: withToken(token) });
      const ref = resolve(`${url}${seed.account.profilePath}`);
      const pages = await allPages((maxId) =>
        provider.getAuthorPosts(ref, { onlyMedia: true, limit: 10, maxId }),
      );
      const posts = pages.flat();
      expect(pages.map((p) => p.length)).to.deep.equal([10, 10, seed.account.mediaPosts - 20]);
      expect(new Set(posts.map((p) => p.id)).size).to.equal(seed.account.mediaPosts);
      expect(posts.every((p) => p.media.length > 0 && p.protocol === 'pixelfed')).to.equal(true);
      expect(posts.map((p) => p.id)).not.to.include(seed.privatePostId);
      // Newest first.
      const ids = posts.map((p) => BigInt(p.id));
      expect(ids.every((id, i) => i === 0 || id < ids[i - 1]!)).to.equal(true);
    });

    it('albums, alt text, sizes, BlurHashes (never the placeholder), licenses, sensitive media', async function () {
      const { url, token, seed } = await pixelfedOrSkip(this);
      const provider = createPixelfedProvider({ fetch: withToken(token) });
      const page = await provider.getAuthorPosts(resolve(`${url}${seed.account.profilePath}`), {
        onlyMedia: true,
        limit: 40,
      });
      const media = page.posts.flatMap((p) => p.media);
      expect(media.some((m) => m.blurhash === PLACEHOLDER_BLURHASH)).to.equal(false);
      for (const id of seed.placeholderMediaIds.filter((id) => media.some((m) => m.id === id)))
        expect(media.find((m) => m.id === id)!.blurhash, id).to.be.undefined;
      for (const m of media) {
        expect(m.type).to.equal('image');
        if (seed.noMetaMediaIds.includes(m.id)) expect(m.width, m.id).to.be.undefined;
        else expect(m.width! * m.height!, m.id).to.be.greaterThan(0);
        if (!seed.placeholderMediaIds.includes(m.id)) expect(m.blurhash, m.id).to.be.a('string');
      }
      expect(media.filter((m) => m.alt).length).to.be.greaterThan(media.length / 2);

      const album = page.posts.find((p) => p.id === seed.album.id)!;
      expect(album.media).to.have.length(seed.album.media);
      const sensitive = page.posts.find((p) => p.id === seed.sensitiveAlbum.id)!;
      expect(sensitive).to.include({ sensitive: true, spoiler: seed.sensitiveAlbum.spoiler });
      expect(sensitive.media).to.have.length(seed.sensitiveAlbum.media);
      const licensed = page.posts.find((p) => p.id === seed.licensedPost.id)!;
      expect(licensed.media[0]!.license).to.deep.equal({
        name: 'CC BY',
        url: 'https://creativecommons.org/licenses/by/4.0/',
      });
    });

    it('a picture loads at the size the post says', async function () {
      const { url, token, seed } = await pixelfedOrSkip(this);
      const post = await createPixelfedProvider({ fetch: withToken(token) }).getPost(
        resolve(`${url}${seed.album.path}`),
      );
      const m = post.media.find((x) => x.width)!;
      const img = new Image();
      img.referrerPolicy = 'no-referrer';
      img.src = m.url!;
      await img.decode();
      expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([m.width, m.height]);
    });
  });

  describe('an open instance', () => {
    it('reads a post from its /i/web/post URL and its thread', async function () {
      const { open, seed } = await pixelfedOrSkip(this);
      const provider = createPixelfedProvider();
      const ref = resolve(`${open}/i/web/post/${seed.album.id}`);
      expect((await provider.getPost(ref)).media).to.have.length(seed.album.media);
      const thread = await provider.getThread(ref);
      expect(thread.count).to.equal(seed.album.replies);
      expect(thread.root.protocol).to.equal('pixelfed');
      expect(thread.replies[0]!.post.protocol).to.equal('pixelfed');
    });
  });

  describe('a Mastodon account (only_media)', () => {
    it('gives the same media posts as the Mastodon provider', async function () {
      await pixelfedOrSkip(this);
      const { sandbox } = await testEnv();
      const handle = `@alice@${new URL(sandbox).host}`;
      const page = await createPixelfedProvider().getAuthorPosts(resolve(handle), {
        onlyMedia: true,
        limit: 40,
      });
      const mastodon = await createMastodonProvider().getAuthorPosts(resolve(handle), {
        onlyMedia: true,
        limit: 40,
      });
      expect(page.posts.length).to.be.greaterThan(0);
      expect(page.posts.every((p) => p.media.length > 0 && p.protocol === 'mastodon')).to.equal(
        true,
      );
      // Replies are left out for a gallery; everything else matches.
      expect(page.posts.map((p) => p.id)).to.deep.equal(
        mastodon.posts.filter((p) => !p.inReplyTo || p.inReplyTo === '').map((p) => p.id),
      );
    });
  });

  it('sends no cookie and no referrer to the instance', async function () {
    const { url, token, seed } = await pixelfedOrSkip(this);
    await fetch(`${url}/__log`, { method: 'DELETE' });
    await createPixelfedProvider({ fetch: withToken(token) }).getPost(
      resolve(`${url}${seed.album.path}`),
    );
    const log = (await (await fetch(`${url}/__log`)).json()) as {
      path: string;
      cookie?: string;
      referer?: string;
    }[];
    expect(log.length).to.be.greaterThan(0);
    expect(log.every((e) => !e.cookie && !e.referer)).to.equal(true);
  });
});
