// SPDX-License-Identifier: MIT
// <fedi-photo-gallery> end to end: against the sandbox (a real local Mastodon-API server) through the
// built-in Mastodon reader, and through a proxy (the fake one web-test-runner serves at
// /__fakeproxy), where no request may go to any other host. <fedi-comment-thread proxy> too.
import { clearSandboxLog, sandboxLog, testEnv } from '@fedikit/core/testing.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../fedi-comment-thread.js';
import type { FediCommentThread } from '../comment-thread/comment-thread.js';
import '../fedi-photo-gallery.js';
import { $$, foreign, settle, until } from '../test/helpers.js';
import type { FediPhotoGallery } from './photo-gallery.js';

async function final(el: HTMLElement & { updateComplete: Promise<boolean> }) {
  await until(() => el.matches(':state(ready), :state(empty), :state(error)'), 'a final state');
  await el.updateComplete;
}

const proxyLog = async (clear = false): Promise<string[]> =>
  (await fetch(`/__fakeproxy/__log${clear ? '?clear' : ''}`)).json();

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
    expect(await sandboxLog()).to.deep.equal([]);
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

describe('proxy mode', () => {
  beforeEach(async () => {
    // Lazy images of an earlier test's (removed) gallery may still be arriving.
    await settle(500);
    await clearSandboxLog();
    await proxyLog(true);
    performance.clearResourceTimings();
  });

  it('<fedi-photo-gallery proxy>: loads when visible, asks only the proxy, contacts no other host', async () => {
    const { sandbox } = await testEnv();
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        proxy="/__fakeproxy"
        show-profile
        account=${`${sandbox}/@alice`}
      ></fedi-photo-gallery>`,
    );
    // No click needed: the proxy is the site's own, so `visible` is the default.
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    expect($$(el, '[part=profile]')[0]!.textContent).to.contain('Ada Artist');
    const asked = await proxyLog();
    expect(asked).to.include.members([
      `posts?ref=${encodeURIComponent(`${sandbox}/@alice`)}&limit=12&media=1`,
      `profile?ref=${encodeURIComponent(`${sandbox}/@alice`)}`,
    ]);
    // Infinite scroll reads the next page from the proxy too.
    await until(() => $$(el, '[part~=item]').length === 3, 'second page');
    expect(await proxyLog()).to.satisfy((l: string[]) => l.some((p) => p.includes('max_id=2')));
    const imgs = $$(el, 'img') as HTMLImageElement[];
    await until(() => imgs.every((i) => i.complete), 'images');
    // The lightbox: its photo also comes from the proxy.
    ($$(el, '.tile')[0] as HTMLButtonElement).click();
    await until(
      () => ($$(el, 'dialog img')[0] as HTMLImageElement | undefined)?.complete ?? false,
      'lightbox',
    );
    await settle(200);
    expect(foreign(), 'requests to other hosts').to.deep.equal([]);
    expect(await sandboxLog()).to.deep.equal([]);
    expect(document.cookie).to.equal('');
  });

  it('<fedi-comment-thread proxy>: the thread comes from the proxy, nothing from the post’s server', async () => {
    const { sandbox, seed } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        proxy="/__fakeproxy"
        src=${sandbox + seed.smallThread.path}
      ></fedi-comment-thread>`,
    );
    await final(el);
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    expect(el.thread!.count).to.equal(1);
    expect(el.thread!.root.createdAt).to.be.instanceOf(Date);
    // Data reads (the avatar, also from the proxy, may come from the cache).
    expect((await proxyLog()).filter((p) => !p.startsWith('img/'))).to.deep.equal([
      `thread?ref=${encodeURIComponent(sandbox + seed.smallThread.path)}&sort=oldest&filters=%7B%7D`,
    ]);
    await settle(200);
    expect(foreign()).to.deep.equal([]);
    expect(await sandboxLog()).to.deep.equal([]);
  });

  it('with load="click" and a proxy, the placeholder names the proxy’s host', async () => {
    const { sandbox, seed } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="click"
        proxy="/__fakeproxy"
        src=${sandbox + seed.smallThread.path}
      ></fedi-comment-thread>`,
    );
    await settle(100);
    expect($$(el, '[part=placeholder]')[0]!.textContent).to.contain(location.host);
    expect(await proxyLog()).to.deep.equal([]);
  });
});
