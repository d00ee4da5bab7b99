// SPDX-License-Identifier: MIT
// <fedi-comment-thread> (the built package, in headless Chromium) against a real local AT Protocol
// network: the page reads the thread cross-origin from the network's own AppView, and the AppView's
// request log proves there was no CORS preflight. Run through `npm run test:atproto`.
import { expect, fixture, html } from '@open-wc/testing';
import '@fedikit/elements/fedi-comment-thread.js';
import type { FediCommentThread } from '@fedikit/elements';
import type { AtprotoFixtures } from './fixtures.js';

interface Logged {
  readonly method: string;
  readonly path: string;
  readonly origin: string | null;
}

const fx = (await (await fetch('/__fedikit/atproto.json')).json()) as AtprotoFixtures | null;
const appviewLog = async (clear = false): Promise<Logged[]> =>
  (await fetch(`/__fedikit/atproto-log${clear ? '?clear' : ''}`)).json() as Promise<Logged[]>;

async function until(predicate: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !predicate(); await new Promise((r) => setTimeout(r, 25)))
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}
const text = (n: Element | ShadowRoot) => (n.textContent ?? '').replace(/\s+/g, ' ').trim();
const $$ = (el: Element, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];

async function render(): Promise<FediCommentThread> {
  const el = await fixture<FediCommentThread>(
    html`<fedi-comment-thread
      load="eager"
      sort="oldest"
      src=${fx!.posts.root.uri}
      appview=${fx!.urls.appview}
    ></fedi-comment-thread>`,
  );
  await until(() => el.matches(':state(ready), :state(error), :state(empty)'), 'a final state');
  await el.updateComplete;
  expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
  return el;
}

describe('<fedi-comment-thread> against a local AT Protocol network', function () {
  before(function () {
    if (!fx) {
      console.warn('[atproto] no local AT Protocol network: skipped (run npm run test:atproto)');
      this.skip();
    }
  });

  it('renders the real thread with one cross-origin GET and no CORS preflight', async () => {
    await appviewLog(true);
    const el = await render();
    const comments = $$(el, '[part~=comment]');
    const all = text(el.shadowRoot!);
    for (const t of [
      'Great post! (bob, top level)',
      'Very helpful, thanks (carol, top level)',
      'Thanks Bob! (alice, under bob)',
      'Anytime (bob, under alice, third level)',
    ])
      expect(all).to.include(t);
    // Logged-out moderation, from the real AppView's labels and threadgate.
    expect(all).to.not.include('labelled porn');
    expect(all).to.not.include('hidden from logged-out readers');
    expect(all).to.not.include('off-topic reply');
    const stubs = $$(el, '[part~=comment][part~=placeholder]').map(text);
    expect(stubs).to.deep.equal(['The author hid this reply. Show reply']);
    expect(comments.length).to.equal(5);
    // Avatars come from the AppView's own image route, and load.
    const avatars = $$(el, 'img[part=avatar]') as HTMLImageElement[];
    expect(avatars.length).to.be.greaterThan(0);
    for (const img of avatars) {
      expect(img.src.startsWith(`${fx!.urls.appview}/img/avatar/`)).to.be.true;
      expect(img.referrerPolicy).to.equal('no-referrer');
    }
    await until(() => avatars.every((i) => i.complete && i.naturalWidth > 0), 'avatars to load');

    const log = await appviewLog();
    expect(
      log.filter((r) => r.method === 'OPTIONS'),
      'CORS preflights',
    ).to.have.length(0);
    const xrpc = log.filter((r) => r.path.startsWith('/xrpc/'));
    expect(xrpc.map((r) => `${r.method} ${r.path.split('?')[0]}`)).to.deep.equal([
      'GET /xrpc/app.bsky.feed.getPostThread',
    ]);
    // Cross-origin for real: the browser said where it came from, and nothing else was asked.
    expect(xrpc[0]!.origin).to.equal(location.origin);
    expect(log.every((r) => r.method === 'GET' && /^\/(xrpc|img)\//.test(r.path))).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('shows the hidden reply when asked, and the labelled one behind a warning with adult="warn"', async () => {
    const el = await render();
    const stub = $$(el, '[part~=comment][part~=placeholder]')[0]!;
    stub.querySelector('button')!.click();
    await el.updateComplete;
    expect(text(el.shadowRoot!)).to.include('An off-topic reply the author hid');

    const warned = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        adult="warn"
        src=${fx!.posts.root.uri}
        appview=${fx!.urls.appview}
      ></fedi-comment-thread>`,
    );
    await until(() => warned.matches(':state(ready), :state(error)'), 'a final state');
    await warned.updateComplete;
    expect(JSON.stringify(warned.thread)).to.include(fx!.posts.replies.labelled.uri);
    expect(text(warned.shadowRoot!)).to.include('Adult content');
    expect(JSON.stringify(warned.thread)).to.not.include(fx!.posts.replies.noUnauth.uri);
    await expect(warned).to.be.accessible();
  });
});
