// SPDX-License-Identifier: MIT
// <fedi-comment-thread> against the sandbox, a real local Mastodon-API server: requests, privacy,
// XSS and the reply flow, end to end.
import { HOMES_KEY } from '@fedikit/core';
import { clearSandboxLog, resetSandbox, sandboxLog, testEnv } from '@fedikit/core/testing.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../fedi-comment-thread.js';
import { $$, until } from '../test/helpers.js';
import type { FediCommentThread } from './comment-thread.js';

const ALLOWED_CONTENT = new Set(
  'p br span a del s pre blockquote code b strong u i em ul ol li ruby rt rp img div'.split(' '),
);

/**
 * The sandbox's log, without media: lazy images of the previous test's thread may still arrive; this
 * test's element, before it loads, renders no image at all.
 */
async function requestsBesidesEarlierMedia() {
  return (await sandboxLog()).filter((r) => !r.path.startsWith('/system/'));
}

async function final(el: FediCommentThread) {
  await until(() => el.matches(':state(ready), :state(empty), :state(error)'), 'a final state');
  await el.updateComplete;
}

/** Every element inside the element's shadow root and nested content. */
function allElements(el: Element): Element[] {
  return [...el.shadowRoot!.querySelectorAll('*')];
}

describe('<fedi-comment-thread> on the sandbox', () => {
  beforeEach(() => clearSandboxLog());
  afterEach(() => localStorage.removeItem(HOMES_KEY));

  it('loads a thread with exactly two API calls, no preflight, no cookie, no referrer', async () => {
    const { sandbox, seed } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${sandbox + seed.thread.path}
      ></fedi-comment-thread>`,
    );
    await final(el);
    expect(el.matches(':state(ready)')).to.be.true;
    const api = (await sandboxLog()).filter((r) => r.path.startsWith('/api/'));
    expect(api.map((r) => `${r.method} ${r.path}`)).to.have.members([
      `GET /api/v1/statuses/${seed.thread.id}`,
      `GET /api/v1/statuses/${seed.thread.id}/context`,
    ]);
    const all = await sandboxLog();
    expect(all.filter((r) => r.method === 'OPTIONS')).to.have.length(0);
    expect(all.filter((r) => r.cookie || r.referer)).to.have.length(0);
    // The anonymous context is capped by Mastodon: the element says so and links out.
    expect(el.thread!.truncated).to.equal('server-limit');
    expect($$(el, '[part=notice] a')[0]!.getAttribute('href')).to.equal(sandbox + seed.thread.path);
    expect($$(el, '[part~=comment]').length).to.be.greaterThan(0).and.at.most(50);
    expect(document.cookie).to.equal('');
    expect(localStorage.length + sessionStorage.length).to.equal(0);

    // "Check for new replies": the same two reads again, past the browser's cache, still no preflight.
    await clearSandboxLog();
    ($$(el, '[part=refresh]')[0] as HTMLButtonElement).click();
    await until(() => !!$$(el, '[part=refresh-status]')[0]!.textContent!.trim(), 'the check said');
    expect($$(el, '[part=refresh-status]')[0]!.textContent).to.contain('No new replies.');
    const again = await sandboxLog();
    expect(
      again.filter((r) => r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`),
    ).to.have.members([
      `GET /api/v1/statuses/${seed.thread.id}`,
      `GET /api/v1/statuses/${seed.thread.id}/context`,
    ]);
    expect(again.filter((r) => r.method === 'OPTIONS')).to.have.length(0);
  });

  it('load="click" (the default for another host) sends nothing before the click', async () => {
    const { sandbox, seed } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread src=${sandbox + seed.smallThread.path}></fedi-comment-thread>`,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await requestsBesidesEarlierMedia()).to.have.length(0);
    expect($$(el, '[part=placeholder]')[0]!.textContent).to.contain(new URL(sandbox).host);
    $$(el, '[part=load-button]')[0]!.click();
    await final(el);
    expect(el.thread!.count).to.equal(seed.smallThread.replies);
    expect((await sandboxLog()).filter((r) => r.path.startsWith('/api/'))).to.have.length(2);
  });

  it('load="visible" waits until the element nears the viewport', async () => {
    const { sandbox, seed } = await testEnv();
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <div style="height: 5000px"></div>
        <fedi-comment-thread
          load="visible"
          src=${sandbox + seed.emptyThread.path}
        ></fedi-comment-thread>
      </div>`,
    );
    const el = wrapper.querySelector('fedi-comment-thread')!;
    await new Promise((r) => setTimeout(r, 300));
    expect(await requestsBesidesEarlierMedia()).to.have.length(0);
    el.scrollIntoView();
    await final(el);
    expect(el.matches(':state(empty)')).to.be.true;
    await expect(el).to.be.accessible();
    window.scrollTo(0, 0);
  });

  it('renders hostile replies inertly: nothing executes, only allowlisted markup, only http(s) URLs', async () => {
    const { sandbox, seed } = await testEnv();
    const w = window as unknown as Record<string, unknown>;
    const saved = { alert: w['alert'], prompt: w['prompt'], confirm: w['confirm'] };
    let executed = 0;
    w['alert'] = w['prompt'] = w['confirm'] = () => void executed++;
    try {
      const el = await fixture<FediCommentThread>(
        html`<fedi-comment-thread
          load="eager"
          limit="200"
          src=${sandbox + seed.thread.path}
        ></fedi-comment-thread>`,
      );
      await final(el);
      // Open every content warning and sensitive media block, so everything is in the DOM.
      for (const b of $$(el, 'button[aria-expanded=false]')) b.click();
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 300));
      expect(executed).to.equal(0);
      for (const node of el.shadowRoot!.querySelectorAll('[part=content] *')) {
        expect(ALLOWED_CONTENT.has(node.localName), `<${node.localName}> in content`).to.be.true;
        for (const attr of node.attributes) {
          expect(attr.name.startsWith('on'), `${attr.name} on <${node.localName}>`).to.be.false;
          expect(attr.name).to.not.equal('style');
        }
      }
      for (const node of allElements(el)) {
        for (const name of ['href', 'src']) {
          const value = node.getAttribute(name);
          if (value !== null)
            expect(value, `${name} of <${node.localName}>`).to.match(/^https?:\/\//);
        }
      }
      const links = el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[href]');
      for (const a of links) {
        expect(a.rel).to.equal('noopener noreferrer nofollow ugc');
        expect(a.target).to.equal('_blank');
      }
      expect(
        el.shadowRoot!.querySelectorAll('script, iframe, object, embed, svg, math, form, style'),
      ).to.have.length(0);
    } finally {
      Object.assign(w, saved);
    }
  });

  it('favourites-only keeps the replies the author favourited', async () => {
    const { sandbox, seed } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        favourites-only
        src=${sandbox + seed.smallThread.path}
      ></fedi-comment-thread>`,
    );
    await final(el);
    expect(el.thread!.count).to.be.lessThan(seed.smallThread.replies + 1);
    const requests = (await sandboxLog()).filter((r) => r.path.includes('/favourited_by'));
    expect(requests.length).to.be.greaterThan(0);
  });

  it('the reply dialog finds the reader’s server by WebFinger and opens its reply intent', async () => {
    const { sandbox, seed } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${sandbox + seed.smallThread.path}
      ></fedi-comment-thread>`,
    );
    await final(el);
    const opened: string[] = [];
    const open = window.open;
    window.open = ((url: string) => {
      opened.push(url);
      return null;
    }) as typeof window.open;
    try {
      $$(el, '[part~=comment] [part=reply-button]')[0]!.click();
      await until(() => !!$$(el, 'dialog[open]').length, 'dialog open');
      const dialog = $$(el, 'dialog')[0] as HTMLDialogElement;
      dialog.querySelector<HTMLInputElement>('input[name=home]')!.value =
        `@bob@${new URL(sandbox).host}`;
      dialog.querySelector<HTMLInputElement>('input[name=remember]')!.checked = true;
      dialog.querySelector<HTMLButtonElement>('.primary')!.click();
      await until(() => opened.length > 0, 'window.open');
      // The sandbox publishes FEP-3b86 intents like Mastodon 4.6: a reply opens its Create intent.
      const target = new URL(opened[0]!);
      expect(target.origin).to.equal(sandbox);
      expect(target.pathname).to.equal('/share');
      expect(target.searchParams.get('in_reply_to')).to.match(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(JSON.parse(localStorage.getItem(HOMES_KEY)!)).to.deep.equal([
        `@bob@${new URL(sandbox).host}`,
      ]);
      const webfinger = (await sandboxLog()).filter((r) =>
        r.path.startsWith('/.well-known/webfinger'),
      );
      expect(webfinger).to.have.length(1);
      expect(dialog.open).to.be.false;
    } finally {
      window.open = open;
    }
  });

  it('boost and like use the reader server’s FEP-3b86 intents; fedi-intent can take over', async () => {
    const { sandbox, seed } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${sandbox + seed.smallThread.path}
      ></fedi-comment-thread>`,
    );
    await final(el);
    const opened: string[] = [];
    const open = window.open;
    window.open = ((url: string) => {
      opened.push(url);
      return null;
    }) as typeof window.open;
    const home = new URL(sandbox).host;
    const submit = async (button: string) => {
      $$(el, `[part~=comment] [part=${button}]`)[0]!.click();
      await until(() => !!$$(el, 'dialog[open]').length, 'dialog open');
      const dialog = $$(el, 'dialog')[0] as HTMLDialogElement;
      dialog.querySelector<HTMLInputElement>('input[name=home]')!.value = home;
      dialog.querySelector<HTMLButtonElement>('.primary')!.click();
    };
    try {
      await submit('boost-button');
      await until(() => opened.length === 1, 'boost opened');
      expect(new URL(opened[0]!).pathname).to.equal('/intents/announce');
      expect(new URL(opened[0]!).searchParams.get('object')).to.match(/^http:\/\/127\.0\.0\.1/);
      // A site that handles the intent itself: nothing is opened.
      const seen: string[] = [];
      const take = (e: Event) => {
        e.preventDefault();
        seen.push((e as Event & { verb: string }).verb);
      };
      el.addEventListener('fedi-intent', take);
      await submit('like-button');
      await until(() => seen.length === 1, 'fedi-intent');
      expect(seen).to.deep.equal(['Like']);
      expect(opened).to.have.length(1);
      el.removeEventListener('fedi-intent', take);
      // Nothing was remembered: the box was not ticked.
      expect(localStorage.getItem(HOMES_KEY)).to.equal(null);
    } finally {
      window.open = open;
    }
  });
});

describe('<fedi-comment-thread> through the proxy, on a thread its server is still completing', () => {
  it('shows the replies known so far, then, after one automatic re-read, all of them', async () => {
    const { sandbox, proxy, seed } = await testEnv();
    const { id, path, replies, repliesBeforeRefresh, retry } = seed.asyncThread;
    // The sandbox starts fetching the post's replies at the first read of its context, and is
    // done `retry` seconds later; the proxy reads Mastodon-Async-Refresh, which the browser cannot.
    await resetSandbox();
    await clearSandboxLog();
    const contextReads = async () =>
      (await sandboxLog()).filter((r) => r.path === `/api/v1/statuses/${id}/context`);
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        proxy=${proxy}
        src=${sandbox + path}
      ></fedi-comment-thread>`,
    );
    await final(el);
    expect(el.matches(':state(ready)')).to.be.true;
    expect(el.thread!.pending).to.deep.equal({ retryAfter: retry });
    expect(el.thread!.count).to.equal(repliesBeforeRefresh);
    expect($$(el, '[part=comment]')).to.have.length(repliesBeforeRefresh);
    const status = () => $$(el, '[part=refresh-status]')[0]!.textContent!.trim();
    expect(status()).to.equal('');

    // No click: the element looks again once the server's `retry` has passed.
    await until(() => el.thread!.count === replies, 'the automatic re-read', (retry + 4) * 1000);
    await el.updateComplete;
    expect(el.thread!.pending).to.equal(undefined);
    expect($$(el, '[part=comment]')).to.have.length(replies);
    const late = replies - repliesBeforeRefresh;
    expect(status()).to.equal(`${late} new replies.`);

    // One automatic re-read only: two reads of the context in all, even a while later.
    await new Promise((r) => setTimeout(r, retry * 1000 + 500));
    expect(await contextReads()).to.have.length(2);
    expect((await sandboxLog()).filter((r) => r.cookie || r.referer)).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
