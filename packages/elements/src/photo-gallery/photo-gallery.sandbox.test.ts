// SPDX-License-Identifier: MIT
// <fedi-photo-gallery> end to end against real local servers: the sandbox (a Mastodon-API instance),
// its Pixelfed mode (an open instance, and the token wall as most Pixelfed servers run it), and the
// real @fedikit/proxy that web-test-runner mounts at /fedikit on the test page's origin (it holds the
// Pixelfed sandbox's token). Through the proxy no request may go to any other host, and the token
// must never reach the page. <fedi-comment-thread> too.
import {
  clearSandboxLog,
  sandboxLog,
  testEnv,
  type LoggedRequest,
  type PixelfedTestEnv,
} from '@fedikit/core/testing.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../fedi-comment-thread.js';
import type { FediCommentThread } from '../comment-thread/comment-thread.js';
import '../fedi-photo-gallery.js';
import { $$, foreign, resources, settle, until } from '../test/helpers.js';
import type { FediPhotoGallery } from './photo-gallery.js';

async function final(el: HTMLElement & { updateComplete: Promise<boolean> }) {
  await until(() => el.matches(':state(ready), :state(empty), :state(error)'), 'a final state');
  await el.updateComplete;
}

let pixelfedEnv: PixelfedTestEnv | undefined;
let warned = false;

/** The Pixelfed sandboxes, or the test is skipped (said once) when the runner has none. */
async function pixelfedOrSkip(ctx: Mocha.Context): Promise<PixelfedTestEnv> {
  pixelfedEnv ??= (await testEnv()).pixelfed;
  if (!pixelfedEnv) {
    if (!warned) console.warn('skipped: the sandbox has no Pixelfed mode in this test runner');
    warned = true;
    ctx.skip();
  }
  return pixelfedEnv!;
}

/** What the token-wall Pixelfed sandbox was asked (`clear`: and empty its log). */
async function pixelfedLog(clear = false): Promise<LoggedRequest[]> {
  const { pixelfed } = await testEnv();
  if (!pixelfed) return [];
  const res = await fetch(`${pixelfed.url}/__log`, { method: clear ? 'DELETE' : 'GET' });
  return clear ? [] : (res.json() as Promise<LoggedRequest[]>);
}

/** The proxy's requests, as the test page's resource timing saw them. */
const proxied = (base: string) =>
  resources().filter((u) => u.startsWith(`${location.origin}${base}/`));

describe('<fedi-photo-gallery> on the sandbox', () => {
  beforeEach(() => clearSandboxLog());

  it('shows an account’s photos through the Mastodon API: WebFinger, only_media, paging, no cookie, no referrer', async () => {
    const { sandbox } = await testEnv();
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        paging="button"
        limit="2"
        account=${`${sandbox}/@alice`}
      ></fedi-photo-gallery>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    expect($$(el, '[part~=item]')).to.have.length(2);
    // The Pixelfed reader, on Mastodon too: the account by WebFinger (cached for later pages and
    // galleries), then its media posts without replies.
    const api = (await sandboxLog())
      .map((r) => r.path)
      .filter((p) => p.startsWith('/api/') || p.startsWith('/.well-known/'));
    const first = api.at(-1)!;
    expect(first).to.match(/^\/api\/v1\/accounts\/\d+\/statuses\?/);
    expect(first)
      .to.contain('only_media=true')
      .and.contain('exclude_replies=true')
      .and.contain('limit=2');
    expect(
      api
        .slice(0, -1)
        .every(
          (p) =>
            p.startsWith('/.well-known/webfinger?') || p.startsWith('/api/v1/accounts/lookup?'),
        ),
    ).to.be.true;
    // The sandbox gives preview sizes: the grid offers a srcset, sized from metadata.
    const img = $$(el, '[part~=item] img')[0] as HTMLImageElement;
    expect(img.srcset).to.match(/ \d+w, .* \d+w$/);
    expect(Number(img.getAttribute('width'))).to.be.greaterThan(0);

    $$(el, '[part=load-more]')[0]!.click();
    await until(() => $$(el, '[part~=item]').length === 4, 'second page');
    const statuses = (await sandboxLog()).filter((r) => r.path.includes('/statuses'));
    expect(statuses.at(-1)!.path).to.contain('max_id=');
    // Paging to the end: every post of Alice's with photos, each once.
    for (let i = 0; i < 10 && $$(el, '[part=load-more]').length; i++) {
      $$(el, '[part=load-more]')[0]!.click();
      await until(() => !$$(el, '[part=load-more][disabled]').length, 'page');
      await el.updateComplete;
    }
    expect($$(el, '[part=load-more]')).to.have.length(0);
    expect($$(el, '[part~=item]')).to.have.length(el.posts.length);
    expect(el.posts.length).to.be.at.least(5);
    expect(new Set(el.posts.map((p) => p.id)).size).to.equal(el.posts.length);
    expect(el.posts.every((p) => p.media.length > 0 && p.author.handle.startsWith('alice'))).to.be
      .true;
    await until(() => img.complete, 'image');
    const all = await sandboxLog();
    expect(all.filter((r) => r.method === 'OPTIONS')).to.have.length(0);
    expect(all.filter((r) => r.cookie || r.referer)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('one post’s album by its URL, and the lightbox links back to it', async () => {
    const { sandbox } = await testEnv();
    const probe = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery load="eager" account=${`${sandbox}/@alice`}></fedi-photo-gallery>`,
    );
    await final(probe);
    const album = probe.posts.find((p) => p.media.length === 3)!;
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery load="eager" account=${album.url!}></fedi-photo-gallery>`,
    );
    await final(el);
    expect($$(el, '[part~=item]')).to.have.length(3);
    ($$(el, '.tile')[2] as HTMLButtonElement).click();
    await until(() => !!$$(el, 'dialog[open] figcaption .content').length, 'caption');
    expect($$(el, 'figcaption')[0]!.textContent).to.contain('Photo 3 of 3');
    const link = [...$$(el, 'figcaption a')].find((a) => a.textContent!.includes('View the post'));
    expect(link!.getAttribute('href')).to.equal(album.url);
    await expect(el).to.be.accessible();
  });
});

describe('<fedi-photo-gallery> on Bluesky (the sandbox’s AppView)', () => {
  beforeEach(() => clearSandboxLog());

  it('reads the author feed with posts_with_media; the placeholder names the AppView', async () => {
    const { sandbox, bluesky } = await testEnv();
    const seed = bluesky as unknown as { authorFeed: { aliceWithMedia: number } };
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        account="alice.bsky.sandbox"
        appview=${sandbox}
      ></fedi-photo-gallery>`,
    );
    await settle(100);
    expect($$(el, '[part=placeholder]')[0]!.textContent).to.contain(new URL(sandbox).host);
    // Nothing read before the click. (Files only: an earlier test's lazy images may still arrive.)
    expect((await sandboxLog()).filter((r) => !r.path.startsWith('/system/'))).to.deep.equal([]);
    $$(el, '[part=load-button]')[0]!.click();
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    const feed = (await sandboxLog()).filter((r) => r.path.includes('getAuthorFeed'));
    expect(feed[0]!.path).to.contain('filter=posts_with_media');
    expect(el.posts).to.have.length(seed.authorFeed.aliceWithMedia);
    expect(el.posts.every((p) => p.protocol === 'bluesky' && p.media.length > 0)).to.be.true;
    await expect(el).to.be.accessible();
  });
});

describe('Pixelfed, from the browser (no proxy)', () => {
  it('an open instance: an account’s photos by its profile URL, anonymously; axe clean', async function () {
    const { open, seed } = await pixelfedOrSkip(this);
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        paging="button"
        show-profile
        account=${`${open}${seed.account.profilePath}`}
      ></fedi-photo-gallery>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    expect($$(el, '[part~=item]')).to.have.length(12);
    expect(el.posts.every((p) => p.protocol === 'pixelfed' && p.media.length > 0)).to.be.true;
    expect($$(el, '[part=profile]')[0]!.textContent).to.contain('Mara Lindqvist');
    // The album shows as one tile that says so.
    expect($$(el, '[part~=item]').some((li) => /album of \d photos/.test(li.textContent!))).to.be
      .true;
    await expect(el).to.be.accessible();
  });

  it('an open instance: an album by its post URL, the thread of that post in <fedi-comment-thread>', async function () {
    const { open, seed } = await pixelfedOrSkip(this);
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${`${open}${seed.album.path}`}
      ></fedi-photo-gallery>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    expect($$(el, '[part~=item]')).to.have.length(seed.album.media);
    const thread = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${`${open}${seed.album.path}`}
      ></fedi-comment-thread>`,
    );
    await final(thread);
    expect(thread.matches(':state(ready)'), thread.error?.message).to.be.true;
    expect(thread.thread!.root.protocol).to.equal('pixelfed');
    expect(thread.thread!.count).to.equal(seed.album.replies);
    await expect(thread).to.be.accessible();
  });

  it('behind the token wall, a public collection without the proxy (Pixelfed serves it to visitors); a private one is NOT_FOUND', async function () {
    const { url, seed } = await pixelfedOrSkip(this);
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        paging="button"
        account=${`${url}${seed.collection.path}`}
      ></fedi-photo-gallery>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    // Pixelfed's first page: positions 0 to 10.
    expect(el.posts).to.have.length(11);
    $$(el, '[part=load-more]')[0]!.click();
    await until(() => el.posts.length > 11, 'page 2');
    expect(el.posts).to.have.length(seed.collection.posts);
    await expect(el).to.be.accessible();
    const hidden = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${`${url}/c/${seed.privateCollectionId}`}
      ></fedi-photo-gallery>`,
    );
    await final(hidden);
    expect(hidden.matches(':state(error)')).to.be.true;
    expect(hidden.error!.code, hidden.error!.message).to.equal('NOT_FOUND');
  });

  for (const wall of ['url', 'strict'] as const) {
    it(`the token wall (${wall === 'url' ? 'CORS on its API' : 'Pixelfed’s default CORS'}): AUTH_REQUIRED, and the help points the site owner at the proxy; axe clean`, async function () {
      const env = await pixelfedOrSkip(this);
      const el = await fixture<FediPhotoGallery>(
        html`<fedi-photo-gallery
          load="eager"
          account=${`${env[wall]}${env.seed.account.profilePath}`}
        ></fedi-photo-gallery>`,
      );
      await final(el);
      expect(el.matches(':state(error)')).to.be.true;
      expect(el.error!.code, el.error!.message).to.equal('AUTH_REQUIRED');
      const box = $$(el, '[part=error]')[0]!;
      expect(box.textContent).to.contain('only to signed-in users');
      expect(box.textContent).to.contain('Fedikit proxy').and.contain('docs/proxy.md');
      // No link to a site the project does not have: only the account on its own server.
      const links = [...box.querySelectorAll('a')].map((a) => new URL(a.href).origin);
      expect(links).to.deep.equal([new URL(env[wall]).origin]);
      await expect(el).to.be.accessible();
    });
  }
});

describe('proxy mode (the real proxy at /fedikit)', () => {
  /** Every response the page's `fetch` received while a test ran: URL, headers and body. */
  let seen: string[] = [];
  const realFetch = window.fetch;

  beforeEach(async () => {
    // Lazy images of an earlier test's (removed) gallery may still be arriving.
    await settle(500);
    await clearSandboxLog();
    await pixelfedLog(true);
    performance.clearResourceTimings();
    seen = [];
    window.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      const copy = res.clone();
      seen.push(`${res.url}\n${[...copy.headers].join('\n')}\n${await copy.text()}`);
      return res;
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
  });

  /**
   * Nothing but the page's origin was contacted; the Pixelfed sandbox was read by the proxy only
   * (a browser's cross-origin request would carry `Origin`); the token is in no response the page
   * saw, the photos' included.
   */
  async function onlyTheProxy(token: string) {
    await settle(200);
    const others = foreign();
    window.fetch = realFetch;
    expect(others, 'requests to other hosts').to.deep.equal([]);
    expect(document.cookie).to.equal('');
    const upstream = await pixelfedLog();
    expect(upstream.filter((r) => r.origin || r.referer || r.cookie)).to.deep.equal([]);
    expect(await sandboxLog()).to.deep.equal([]);
    const files = proxied('/fedikit').filter((u) => u.includes('/media?'));
    for (const url of files) {
      const res = await fetch(url);
      seen.push(`${url}\n${[...res.headers].join('\n')}\n${await res.text()}`);
    }
    expect(seen.length).to.be.greaterThan(0);
    expect(seen.filter((r) => r.includes(token))).to.deep.equal([]);
    return upstream;
  }

  it('a Pixelfed account behind the token wall, by its handle: header, follow button, paging, lightbox; only the page’s origin contacted', async function () {
    const { url, token, seed } = await pixelfedOrSkip(this);
    const { proxy } = await testEnv();
    const account = `@${seed.account.username}@${new URL(url).host}`;
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        proxy=${proxy}
        show-profile
        account=${account}
      ></fedi-photo-gallery>`,
    );
    // No click needed: the proxy is the site's own, so `visible` is the default.
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    const header = $$(el, '[part=profile]')[0]!;
    expect(header.textContent).to.contain('Mara Lindqvist');
    expect(header.querySelector('fedi-follow-button')!.getAttribute('account')).to.equal(account);
    expect(el.posts.every((p) => p.protocol === 'pixelfed')).to.be.true;
    // Photos come through the proxy too.
    const img = $$(el, '[part~=item] img')[0] as HTMLImageElement;
    expect(img.src.startsWith(`${location.origin}${proxy}/media?`), img.src).to.be.true;
    // Infinite scroll reads the next pages from the proxy, to the end of Mara's photos.
    for (let i = 0; i < 5 && el.posts.length < seed.account.mediaPosts; i++) {
      $$(el, '[part=load-more]')[0]?.scrollIntoView();
      await until(() => !$$(el, '[part=load-more][disabled]').length, 'page');
      await settle(100);
    }
    expect(el.posts).to.have.length(seed.account.mediaPosts);
    const reads = proxied(proxy).filter((u) => !u.includes('/media?'));
    expect(reads.some((u) => u.includes('/posts?') && u.includes('max_id='))).to.be.true;
    expect(reads.some((u) => u.includes('/profile?'))).to.be.true;
    // The lightbox: its photo also comes from the proxy.
    ($$(el, '.tile')[0] as HTMLButtonElement).click();
    await until(
      () => ($$(el, 'dialog img')[0] as HTMLImageElement | undefined)?.complete ?? false,
      'lightbox',
    );
    await expect(el).to.be.accessible();
    const upstream = await onlyTheProxy(token);
    // The proxy read the token-walled sandbox's API (the first test to ask it: a cold cache), with
    // the token, so never through its login page.
    expect(upstream.some((r) => r.path.includes('/statuses?'))).to.be.true;
    expect(upstream.filter((r) => r.path.startsWith('/login'))).to.deep.equal([]);
  });

  it('the same account by its profile URL', async function () {
    const { url, token, seed } = await pixelfedOrSkip(this);
    const { proxy } = await testEnv();
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        proxy=${proxy}
        paging="button"
        account=${`${url}${seed.account.profilePath}`}
      ></fedi-photo-gallery>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    expect($$(el, '[part~=item]')).to.have.length(12);
    expect(el.posts[0]!.author.handle).to.equal(`${seed.account.username}@${new URL(url).host}`);
    await onlyTheProxy(token);
  });

  it('an album by its post URL: one tile per photo', async function () {
    const { url, token, seed } = await pixelfedOrSkip(this);
    const { proxy } = await testEnv();
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        proxy=${proxy}
        account=${`${url}${seed.album.path}`}
      ></fedi-photo-gallery>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    expect($$(el, '[part~=item]')).to.have.length(seed.album.media);
    expect(proxied(proxy).some((u) => u.includes('/post?'))).to.be.true;
    await expect(el).to.be.accessible();
    await onlyTheProxy(token);
  });

  it('a collection by its URL, in pages', async function () {
    const { url, token, seed } = await pixelfedOrSkip(this);
    const { proxy } = await testEnv();
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        proxy=${proxy}
        paging="button"
        account=${`${url}${seed.collection.path}`}
      ></fedi-photo-gallery>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    const first = el.posts.length;
    expect(first).to.be.greaterThan(0).and.lessThan(seed.collection.posts);
    for (let i = 0; i < 5 && $$(el, '[part=load-more]').length; i++) {
      $$(el, '[part=load-more]')[0]!.click();
      await until(() => !$$(el, '[part=load-more][disabled]').length, 'page');
      await el.updateComplete;
    }
    expect(el.posts).to.have.length(seed.collection.posts);
    expect(proxied(proxy).filter((u) => u.includes('/collection?')).length).to.be.at.least(2);
    await expect(el).to.be.accessible();
    await onlyTheProxy(token);
  });

  it('the sensitive album: veiled, its photos not requested until revealed', async function () {
    const { url, token, seed } = await pixelfedOrSkip(this);
    const { proxy } = await testEnv();
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        proxy=${proxy}
        account=${`${url}${seed.sensitiveAlbum.path}`}
      ></fedi-photo-gallery>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    const tiles = $$(el, '[part~=item]');
    expect(tiles).to.have.length(seed.sensitiveAlbum.media);
    expect(tiles.every((li) => li.classList.contains('hidden'))).to.be.true;
    expect($$(el, '[part~=item] img')).to.have.length(0);
    expect($$(el, '.tile')[0]!.getAttribute('aria-label')).to.contain(seed.sensitiveAlbum.spoiler);
    await settle(200);
    expect(proxied(proxy).filter((u) => u.includes('/media?'))).to.deep.equal([]);
    await expect(el).to.be.accessible();
    $$(el, '[part=show-all]')[0]!.click();
    await el.updateComplete;
    const imgs = $$(el, '[part~=item] img') as HTMLImageElement[];
    expect(imgs).to.have.length(seed.sensitiveAlbum.media);
    await until(() => imgs.every((i) => i.complete), 'images');
    await onlyTheProxy(token);
  });

  it('a licensed photo: the lightbox names the license and links to it', async function () {
    const { url, token, seed } = await pixelfedOrSkip(this);
    const { proxy } = await testEnv();
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        proxy=${proxy}
        account=${`${url}${seed.licensedPost.path}`}
      ></fedi-photo-gallery>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    ($$(el, '.tile')[0] as HTMLButtonElement).click();
    await until(() => !!$$(el, 'dialog[open] figcaption').length, 'lightbox');
    const caption = $$(el, 'figcaption')[0]!;
    expect(caption.textContent!.replace(/\s+/g, ' ')).to.contain(
      `License: ${seed.licensedPost.license}`,
    );
    const link = [...caption.querySelectorAll('a')].find(
      (a) => a.textContent === seed.licensedPost.license,
    )!;
    expect(link.href).to.equal('https://creativecommons.org/licenses/by/4.0/');
    expect(link.rel).to.equal('noopener noreferrer nofollow ugc');
    await until(() => ($$(el, 'dialog img')[0] as HTMLImageElement).complete, 'photo');
    await expect(el).to.be.accessible();
    await onlyTheProxy(token);
  });

  it('<fedi-comment-thread proxy>: a Mastodon thread from the proxy, nothing from the post’s server', async () => {
    const { sandbox, seed, proxy } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        proxy=${proxy}
        src=${sandbox + seed.smallThread.path}
      ></fedi-comment-thread>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    expect(el.thread!.root.id).to.equal(seed.smallThread.id);
    expect(el.thread!.root.createdAt).to.be.instanceOf(Date);
    expect(el.thread!.count).to.equal(seed.smallThread.replies);
    const reads = proxied(proxy).filter((u) => !u.includes('/media?'));
    expect(reads).to.have.length(1);
    expect(reads[0]).to.contain(
      `${proxy}/thread?ref=${encodeURIComponent(sandbox + seed.smallThread.path)}`,
    );
    await settle(200);
    window.fetch = realFetch;
    expect(foreign()).to.deep.equal([]);
    // The sandbox was read by the proxy (or its cache), never by the page.
    expect((await sandboxLog()).filter((r) => r.origin || r.referer || r.cookie)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('with load="click" and a proxy, the placeholder names the proxy’s host and nothing is read', async () => {
    const { sandbox, seed, proxy } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="click"
        proxy=${proxy}
        src=${sandbox + seed.smallThread.path}
      ></fedi-comment-thread>`,
    );
    await settle(100);
    expect($$(el, '[part=placeholder]')[0]!.textContent).to.contain(location.host);
    expect(proxied(proxy)).to.deep.equal([]);
    expect(seen).to.deep.equal([]);
  });
});
