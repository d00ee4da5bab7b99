// SPDX-License-Identifier: MIT
// <fedi-comment-thread> on a Bluesky post, read from the sandbox acting as an AppView: one request,
// no preflight, no DOMPurify, rich text as links, the logged-out moderation applied.
import { clearSandboxLog, sandboxLog, testEnv } from '@fedikit/core/testing.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../fedi-comment-thread.js';
import { $$, until } from '../test/helpers.js';
import type { FediCommentThread } from './comment-thread.js';

describe('<fedi-comment-thread> on a Bluesky post', () => {
  beforeEach(() => clearSandboxLog());

  it('reads the thread with one XRPC call and renders facets as links', async () => {
    const { sandbox, bluesky } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${bluesky.thread.uri}
        appview=${sandbox}
      ></fedi-comment-thread>`,
    );
    await until(() => el.matches(':state(ready), :state(error), :state(empty)'), 'final state');
    await el.updateComplete;
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    const log = (await sandboxLog()).filter((r) => !r.path.startsWith('/img/'));
    expect(log.map((r) => r.method)).to.deep.equal(['GET']);
    expect(log[0]!.path).to.match(/^\/xrpc\/app\.bsky\.feed\.getPostThread\?/);
    // No DOMPurify on a Bluesky-only page: no post carries HTML.
    expect(performance.getEntriesByType('resource').some((e) => /purify/i.test(e.name))).to.be
      .false;
    const links = el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part=content] a');
    expect(links.length).to.be.greaterThan(0);
    for (const a of links) {
      expect(a.href).to.match(/^https?:\/\//);
      expect(a.rel).to.equal('noopener noreferrer nofollow ugc');
    }
    // Logged-out moderation: adult-labelled and `!no-unauthenticated` replies are not shown.
    const ids = el.thread ? JSON.stringify(el.thread) : '';
    expect(ids).to.not.include(bluesky.thread.replyUris['adult']);
    expect(ids).to.not.include(bluesky.thread.replyUris['noUnauthenticated']);
    expect(ids).to.not.include(bluesky.thread.replyUris['hidden']);
    expect($$(el, '[part~=comment]').length).to.be.greaterThan(3);
    await expect(el).to.be.accessible();
  });

  it('names the AppView in the click-to-load placeholder and fetches nothing before the click', async () => {
    const { sandbox, bluesky } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        src=${bluesky.thread.uri}
        appview=${sandbox}
      ></fedi-comment-thread>`,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect((await sandboxLog()).filter((r) => r.path.startsWith('/xrpc/'))).to.have.length(0);
    expect($$(el, '[part=placeholder]')[0]!.textContent).to.contain(new URL(sandbox).host);
  });
});
