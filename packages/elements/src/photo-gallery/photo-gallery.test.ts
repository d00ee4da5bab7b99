// SPDX-License-Identifier: MIT
// <fedi-photo-gallery> from an in-memory provider: states, layouts, paging, sensitive media, the
// lightbox by keyboard, axe in every state, no layout shift, hostile text.
import type { Media, Post, PostPage, Profile, Ref } from '@fedikit/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { FediErrorEvent } from '../events/error.js';
import type { FediGalleryLoadEvent } from '../events/gallery-load.js';
import '../fedi-photo-gallery.js';
import { decodeBlurhash } from '../internal/blurhash.js';
import type { GallerySource } from '../internal/gallery-sources.js';
import { $$, author, focused, post, settle, until } from '../test/helpers.js';
import type { FediPhotoGallery } from './photo-gallery.js';

const ACCOUNT = 'https://photos.example/@ada';
const HASH = 'LEHV6nWB2yk8pyo0adR*.7kCMdnj';

/**
 * A blob: URL image of the given size, for `srcset` (which cannot hold a data: URL: it has a comma).
 * No server needed either.
 */
const blobSvg = (w: number, h: number) =>
  URL.createObjectURL(
    new Blob(
      [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#5a3fd1"/></svg>`,
      ],
      { type: 'image/svg+xml' },
    ),
  );

/** A data: URL image of the given size, so tests need no server (data: is not a request). */
const svg = (w: number, h: number, fill = '#5a3fd1') =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="${fill}"/></svg>`)}`;

let n = 0;
function photo(over: Partial<Media> = {}): Media {
  const id = `m${++n}`;
  return {
    id,
    type: 'image',
    url: svg(800, 600),
    previewUrl: svg(400, 300),
    alt: `Photo ${id}`,
    blurhash: HASH,
    width: 800,
    height: 600,
    ...over,
  };
}

const shot = (over: Partial<Post> = {}, media: Media[] = [photo()]) =>
  post({ format: 'text', content: 'A caption', media, ...over });

/** A gallery source serving `pages` in order (`next` is the page index), recording its calls. */
function pagedSource(pages: Post[][], profile?: Partial<Profile>) {
  const calls: { kind: string; ref: Ref; maxId?: string }[] = [];
  const source: GallerySource & { calls: typeof calls } = {
    calls,
    async getAuthorPosts(ref, o): Promise<PostPage> {
      calls.push({ kind: 'posts', ref, maxId: o?.maxId });
      const i = Number(o?.maxId ?? 0);
      return i + 1 < pages.length
        ? { posts: pages[i]!, next: String(i + 1) }
        : { posts: pages[i]! };
    },
    async getPost(ref) {
      calls.push({ kind: 'post', ref });
      return pages[0]![0]!;
    },
    async getCollection(ref, o) {
      calls.push({ kind: 'collection', ref, maxId: o?.maxId });
      return { posts: pages[0]! };
    },
    async getProfile(ref) {
      calls.push({ kind: 'profile', ref });
      return {
        author: author({ name: 'Ada', handle: 'ada@photos.example' }),
        bio: '<p>Light and shadow.</p>',
        counts: { followers: 1200, following: 3, posts: 40 },
        ...profile,
      };
    },
  };
  return source;
}

async function ready(el: FediPhotoGallery) {
  await until(() => el.matches(':state(ready), :state(empty), :state(error)'), 'a final state');
  await el.updateComplete;
}

const tiles = (el: Element) => $$(el, '[part~=item] .tile');

describe('<fedi-photo-gallery>', () => {
  // First in the file: nothing has loaded the follow button yet.
  it('a gallery without a header does not load the follow button', async () => {
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${ACCOUNT}
        .provider=${pagedSource([[shot()]])}
      ></fedi-photo-gallery>`,
    );
    await ready(el);
    expect(customElements.get('fedi-follow-button')).to.equal(undefined);
  });

  it('load="click" by default for another host: names it, reads nothing before the click', async () => {
    const source = pagedSource([[shot()]]);
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery account=${ACCOUNT} .provider=${source}></fedi-photo-gallery>`,
    );
    await settle(200);
    expect(el.matches(':state(idle)')).to.be.true;
    expect(source.calls).to.have.length(0);
    expect($$(el, '[part=placeholder]')[0]!.textContent).to.contain('photos.example');
    await expect(el).to.be.accessible();
    const loaded = oneEvent(el, 'fedi-load') as Promise<FediGalleryLoadEvent>;
    $$(el, '[part=load-button]')[0]!.click();
    expect((await loaded).posts).to.have.length(1);
    expect(el.matches(':state(ready)')).to.be.true;
    expect(source.calls[0]!.kind).to.equal('posts');
  });

  it('renders a grid: lazy, async, no-referrer images sized from metadata, a srcset, part="item"', async () => {
    // A srcset needs URLs without commas (data: URLs have one).
    const both = photo({
      url: blobSvg(1600, 1200),
      previewUrl: blobSvg(400, 300),
      width: 1600,
      height: 1200,
      previewWidth: 400,
      previewHeight: 300,
    });
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        columns="4"
        account=${ACCOUNT}
        .provider=${pagedSource([[shot({}, [both]), shot()]])}
      ></fedi-photo-gallery>`,
    );
    await ready(el);
    expect($$(el, '[part=list]')[0]!.className).to.equal('grid');
    expect(
      getComputedStyle($$(el, '[part=list]')[0]!).gridTemplateColumns.split(' '),
    ).to.have.length(4);
    const imgs = $$(el, '[part~=item] img') as HTMLImageElement[];
    expect(imgs).to.have.length(2);
    for (const img of imgs) {
      expect(img.getAttribute('loading')).to.equal('lazy');
      expect(img.getAttribute('decoding')).to.equal('async');
      expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
      expect(img.getAttribute('width')).to.match(/^\d+$/);
      expect(img.getAttribute('height')).to.match(/^\d+$/);
    }
    expect(imgs[0]!.getAttribute('srcset')).to.equal(`${both.previewUrl} 400w, ${both.url} 1600w`);
    expect(imgs[0]!.getAttribute('sizes')).to.equal('25vw');
    // Without a known preview width there is no srcset to offer.
    expect(imgs[1]!.hasAttribute('srcset')).to.be.false;
    // A video: its still, never the video file, in the tile and in the lightbox.
    const video = photo({
      type: 'video',
      url: 'https://photos.example/v.mp4',
      previewUrl: blobSvg(400, 300),
      previewWidth: 400,
    });
    const el2 = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${ACCOUNT}
        .provider=${pagedSource([[shot({}, [video])]])}
      ></fedi-photo-gallery>`,
    );
    await ready(el2);
    const still = $$(el2, '[part~=item] img')[0] as HTMLImageElement;
    expect(still.hasAttribute('srcset')).to.be.false;
    tiles(el2)[0]!.click();
    await el2.updateComplete;
    expect($$(el2, 'dialog img')[0]!.getAttribute('src')).to.equal(video.previewUrl);
    // The blurhash is painted into the canvas under each photo.
    const canvas = $$(el, 'canvas')[0] as HTMLCanvasElement;
    const pixel = canvas.getContext('2d')!.getImageData(16, 10, 1, 1).data;
    expect(pixel[3]).to.equal(255);
    await expect(el).to.be.accessible();
  });

  it('masonry and carousel layouts keep each photo’s shape', async () => {
    for (const layout of ['masonry', 'carousel'] as const) {
      const el = await fixture<FediPhotoGallery>(
        html`<fedi-photo-gallery
          load="eager"
          layout=${layout}
          account=${ACCOUNT}
          .provider=${pagedSource([
            [shot({}, [photo({ width: 800, height: 400, previewUrl: svg(800, 400) })])],
          ])}
        ></fedi-photo-gallery>`,
      );
      await ready(el);
      const box = $$(el, '[part~=item] img')[0]!.getBoundingClientRect();
      expect(box.width / box.height, layout).to.be.closeTo(2, 0.05);
      await expect(el).to.be.accessible();
    }
  });

  it('nothing shifts while the photos load', async () => {
    // Slow images: each photo arrives only after the boxes were measured.
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        layout="masonry"
        account=${ACCOUNT}
        .provider=${pagedSource([
          [
            shot({}, [
              photo({ width: 400, height: 900, url: svg(400, 900), previewUrl: svg(400, 900) }),
            ]),
            shot({}, [
              photo({ width: 900, height: 400, url: svg(900, 400), previewUrl: svg(900, 400) }),
            ]),
            shot(),
          ],
        ])}
      ></fedi-photo-gallery>`,
    );
    const shifts: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) shifts.push((e as unknown as { value: number }).value);
    });
    observer.observe({ type: 'layout-shift' });
    await ready(el);
    const before = $$(el, '[part~=item]').map((li) => li.getBoundingClientRect().toJSON());
    const imgs = $$(el, '[part~=item] img') as HTMLImageElement[];
    await until(() => imgs.every((i) => i.complete && i.naturalWidth > 0), 'images loaded');
    await settle(100);
    const after = $$(el, '[part~=item]').map((li) => li.getBoundingClientRect().toJSON());
    expect(after).to.deep.equal(before);
    observer.disconnect();
    expect(shifts.reduce((a, b) => a + b, 0)).to.equal(0);
  });

  it('pages with "Load more", and by itself when the button scrolls into view', async () => {
    const pages = [[shot(), shot()], [shot()], [shot()]];
    const source = pagedSource(pages);
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        paging="button"
        limit="2"
        account=${ACCOUNT}
        .provider=${source}
      ></fedi-photo-gallery>`,
    );
    await ready(el);
    expect(tiles(el)).to.have.length(2);
    await settle(200);
    expect(source.calls).to.have.length(1);
    $$(el, '[part=load-more]')[0]!.click();
    await until(() => tiles(el).length === 3, 'second page');
    expect(source.calls[1]!.maxId).to.equal('1');
    await expect(el).to.be.accessible();

    // Infinite scroll (the default): the visible button loads every page by itself.
    const auto = pagedSource(pages);
    const el2 = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${ACCOUNT}
        .provider=${auto}
      ></fedi-photo-gallery>`,
    );
    await until(() => tiles(el2).length === 4, 'all pages');
    expect(auto.calls.map((c) => c.maxId)).to.deep.equal([undefined, '1', '2']);
    expect($$(el2, '[part=load-more]')).to.have.length(0);
  });

  it('sensitive photos stay veiled (no image request) until revealed, one by one or all', async () => {
    const secret = photo({ url: svg(10, 10, '#f00'), previewUrl: svg(10, 10, '#f00') });
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${ACCOUNT}
        .provider=${pagedSource([
          [
            shot({ sensitive: true, spoiler: 'Blood' }, [secret]),
            shot({ sensitive: true }),
            shot(),
          ],
        ])}
      ></fedi-photo-gallery>`,
    );
    await ready(el);
    expect($$(el, '[part~=item] img')).to.have.length(1);
    expect($$(el, '.hidden .tile')[0]!.getAttribute('aria-label')).to.contain('Blood');
    await expect(el).to.be.accessible();
    // One by one: the press reveals, it does not open the lightbox.
    $$(el, '.hidden .tile')[0]!.click();
    await el.updateComplete;
    expect($$(el, '[part~=item] img')).to.have.length(2);
    expect($$(el, 'dialog')).to.have.length(0);
    // All at once, and back.
    const all = $$(el, '[part=show-all]')[0]!;
    all.click();
    await el.updateComplete;
    expect($$(el, '[part~=item] img')).to.have.length(3);
    expect(all.getAttribute('aria-pressed')).to.equal('true');
    all.click();
    await el.updateComplete;
    expect($$(el, '[part~=item] img')).to.have.length(2);
  });

  it('a lightbox walk-through with the keyboard alone, focus returning to the photo', async () => {
    const album = shot({ content: 'Album caption' }, [
      photo({ alt: 'First' }),
      photo({
        alt: 'Second',
        license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      }),
    ]);
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${ACCOUNT}
        .provider=${pagedSource([[album, shot({}, [photo({ alt: 'Third' })])]])}
      ></fedi-photo-gallery>`,
    );
    await ready(el);
    await sendKeys({ press: 'Tab' });
    // The button's name: the photo's alt text, then that it opens an album.
    expect(focused(el)?.querySelector('img')!.alt).to.equal('First');
    expect(focused(el)?.textContent!.trim()).to.equal('(album of 2 photos)');
    await sendKeys({ press: 'Enter' });
    await until(() => !!$$(el, 'dialog[open]').length, 'lightbox open');
    expect(el.matches(':state(lightbox)')).to.be.true;
    const dialog = $$(el, 'dialog')[0]!;
    expect(dialog.contains(focused(el))).to.be.true;
    expect(dialog.querySelector('figcaption')!.textContent)
      .to.contain('First')
      .and.contain('Album caption');
    const link = dialog.querySelector<HTMLAnchorElement>('figcaption a')!;
    expect(link.rel).to.equal('noopener noreferrer nofollow ugc');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    const caption = () => $$(el, 'figcaption')[0]!.textContent!;
    expect(caption()).to.contain('Second').and.contain('Photo 2 of 2').and.contain('CC BY 4.0');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(caption()).to.contain('Third');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(caption()).to.contain('Second');
    // Tab stays inside the modal dialog.
    for (let i = 0; i < 8; i++) {
      await sendKeys({ press: 'Tab' });
      // Nothing else on the page takes focus (the browser's own UI may, between two rounds).
      expect([el, document.body]).to.include(document.activeElement);
      const active = focused(el);
      if (active) expect(dialog.contains(active), 'focus stays in the dialog').to.be.true;
    }
    await sendKeys({ press: 'Escape' });
    await until(() => !$$(el, 'dialog').length, 'lightbox closed');
    expect(el.matches(':state(lightbox)')).to.be.false;
    expect(focused(el)).to.equal(tiles(el)[0]);
  });

  it('mirrors arrow keys on a right-to-left page; no fade for readers who reduce motion', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div dir="rtl" lang="ar">
        <fedi-photo-gallery
          load="eager"
          account=${ACCOUNT}
          .provider=${pagedSource([[shot({}, [photo({ alt: 'One' })]), shot({}, [photo({ alt: 'Two' })])]])}
        ></fedi-photo-gallery>
      </div>`,
    );
    const el = wrapper.querySelector('fedi-photo-gallery')!;
    await ready(el);
    tiles(el)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!$$(el, 'dialog[open]').length, 'lightbox open');
    expect(getComputedStyle($$(el, 'dialog img')[0]!).animationName).to.equal('fade');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect($$(el, 'figcaption')[0]!.textContent).to.contain('Two');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect($$(el, 'figcaption')[0]!.textContent).to.contain('One');
      expect(getComputedStyle($$(el, 'dialog img')[0]!).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('swipes between photos with pointer events', async () => {
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${ACCOUNT}
        .provider=${pagedSource([[shot({}, [photo({ alt: 'One' })]), shot({}, [photo({ alt: 'Two' })])]])}
      ></fedi-photo-gallery>`,
    );
    await ready(el);
    tiles(el)[0]!.click();
    await el.updateComplete;
    const figure = $$(el, 'figure')[0]!;
    figure.dispatchEvent(new PointerEvent('pointerdown', { clientX: 300, bubbles: true }));
    figure.dispatchEvent(new PointerEvent('pointerup', { clientX: 100, bubbles: true }));
    await el.updateComplete;
    expect($$(el, 'figcaption')[0]!.textContent).to.contain('Two');
  });

  it('a sensitive photo in the lightbox is veiled too; axe-clean', async () => {
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${'https://photos.example/@ada/42'}
        .provider=${pagedSource([[shot({ sensitive: true }, [photo(), photo()])]])}
      ></fedi-photo-gallery>`,
    );
    await ready(el);
    // A post URL: each photo of the album is a tile.
    expect(tiles(el)).to.have.length(2);
    $$(el, '[part=show-all]')[0]!.click();
    await el.updateComplete;
    tiles(el)[1]!.click();
    $$(el, '[part=show-all]')[0]!.click();
    await until(() => !!$$(el, 'dialog[open]').length, 'lightbox open');
    expect($$(el, 'dialog img')).to.have.length(0);
    await expect(el).to.be.accessible();
    ($$(el, 'dialog figure button')[0] as HTMLButtonElement).click();
    await el.updateComplete;
    expect($$(el, 'dialog img')).to.have.length(1);
  });

  it('a header with show-profile: avatar, name, sanitized bio, followers, follow button', async () => {
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        show-profile
        account=${ACCOUNT}
        .provider=${pagedSource([[shot()]], {
          bio: '<p>Hi<img src=x onerror="window.__xss=1"><script>window.__xss=2</script></p>',
        })}
      ></fedi-photo-gallery>`,
    );
    await ready(el);
    await until(() => !!$$(el, '[part=bio] p').length, 'bio');
    const header = $$(el, '[part=profile]')[0]!;
    expect(header.textContent).to.contain('Ada').and.contain('1.2K followers');
    expect(header.querySelector('fedi-follow-button')!.getAttribute('account')).to.equal(ACCOUNT);
    // Loaded with the header, and upgraded by the time it shows.
    expect(header.querySelector('fedi-follow-button')!.shadowRoot).to.exist;
    expect(header.querySelector('[part=bio] script, [part=bio] [onerror]')).to.equal(null);
    await settle(100);
    expect((window as { __xss?: number }).__xss).to.be.undefined;
    await expect(el).to.be.accessible();
  });

  it('hostile alt text and captions are text: 0 executed', async () => {
    const evil = '"><img src=x onerror="window.__xss=3"><script>window.__xss=4</script>';
    const el = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${ACCOUNT}
        .provider=${pagedSource([
          [
            shot({ format: 'html', content: `<p>${evil}</p>`, spoiler: evil }, [
              photo({ alt: evil }),
            ]),
          ],
        ])}
      ></fedi-photo-gallery>`,
    );
    await ready(el);
    tiles(el)[0]!.click();
    await until(() => !!$$(el, 'figcaption .content').length, 'caption');
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('script, [onerror]')).to.have.length(0);
    expect($$(el, 'figcaption')[0]!.textContent).to.contain('onerror');
    await settle(200);
    expect((window as { __xss?: number }).__xss).to.be.undefined;
  });

  it('states: loading, empty and error are announced and axe-clean; AUTH_REQUIRED explains the proxy', async () => {
    const never: GallerySource = {
      getAuthorPosts: () => new Promise(() => {}),
      getPost: () => new Promise(() => {}),
      getProfile: () => new Promise(() => {}),
    };
    const loading = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${ACCOUNT}
        .provider=${never}
      ></fedi-photo-gallery>`,
    );
    await until(() => loading.matches(':state(loading)'), 'loading');
    await loading.updateComplete;
    expect($$(loading, '[role=status]')[0]!.textContent).to.contain('Loading photos');
    await expect(loading).to.be.accessible();

    const empty = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery
        load="eager"
        account=${ACCOUNT}
        .provider=${pagedSource([[post({ media: [] })]])}
      ></fedi-photo-gallery>`,
    );
    await ready(empty);
    expect(empty.matches(':state(empty)')).to.be.true;
    await expect(empty).to.be.accessible();

    const { FediError } = await import('@fedikit/core');
    const refusing: GallerySource = {
      ...never,
      getAuthorPosts: () =>
        Promise.reject(new FediError('login', { code: 'AUTH_REQUIRED', status: 302 })),
    };
    const failing = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery account=${ACCOUNT} .provider=${refusing}></fedi-photo-gallery>`,
    );
    const error = oneEvent(failing, 'fedi-error') as unknown as Promise<FediErrorEvent>;
    $$(failing, '[part=load-button]')[0]!.click();
    expect((await error).error.code).to.equal('AUTH_REQUIRED');
    await failing.updateComplete;
    const box = $$(failing, '[part=error]')[0]!;
    expect(box.getAttribute('role')).to.equal('alert');
    expect(box.textContent)
      .to.contain('needs a token')
      .and.contain('Fedikit proxy')
      .and.contain('docs/proxy.md');
    // The only link is the account on its own server: the project has no website to link to.
    expect([...box.querySelectorAll('a')].map((a) => [a.href, a.rel])).to.deep.equal([
      [ACCOUNT, 'noopener noreferrer nofollow ugc'],
    ]);
    await expect(failing).to.be.accessible();

    const bad = await fixture<FediPhotoGallery>(
      html`<fedi-photo-gallery account="not an account"></fedi-photo-gallery>`,
    );
    await ready(bad);
    expect(bad.error!.code).to.equal('INVALID_INPUT');
  });

  it('speaks French on a lang="fr" page', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="fr">
        <fedi-photo-gallery
          account=${ACCOUNT}
          .provider=${pagedSource([[shot()]])}
        ></fedi-photo-gallery>
      </div>`,
    );
    const el = wrapper.querySelector('fedi-photo-gallery')!;
    await until(
      () => $$(el, '[part=load-button]')[0]?.textContent?.includes('Afficher') ?? false,
      'fr',
    );
    expect($$(el, '[part=placeholder]')[0]!.textContent).to.contain('Les photos sont sur');
  });

  it('decodes blurhash: a one-colour hash gives that colour; malformed hashes give nothing', () => {
    // Size 0 (1x1 component), max AC 0, DC #5a3fd1: every pixel is exactly that colour.
    const solid = decodeBlurhash('00ASj|', 4, 3)!;
    expect(solid).to.have.length(4 * 3 * 4);
    for (let i = 0; i < solid.length; i += 4) {
      expect([...solid.slice(i, i + 4)]).to.deep.equal([0x5a, 0x3f, 0xd1, 255]);
    }
    // A real 4x3 hash varies across the image.
    const real = decodeBlurhash(HASH, 8, 8)!;
    expect([...real.slice(0, 3)]).to.not.deep.equal([...real.slice(-4, -1)]);
    expect(decodeBlurhash('LEHV6nWB2yk8', 4, 3)).to.be.undefined;
    expect(decodeBlurhash('<script>alert(1)</script>xx', 4, 3)).to.be.undefined;
  });
});
