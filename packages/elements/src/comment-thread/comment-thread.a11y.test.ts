// SPDX-License-Identifier: MIT
// Keyboard-only use, axe in the loading state, and rendering of responses recorded from real
// Mastodon servers.
import { sharedText } from '@fedikit/core/testing.js';
import { createMastodonProvider } from '@fedikit/mastodon';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../fedi-comment-thread.js';
import { $$, author, memoryProvider, post, until } from '../test/helpers.js';
import type { FediCommentThread } from './comment-thread.js';

const SRC = 'https://example.social/@alice/root';

describe('<fedi-comment-thread> accessibility', () => {
  it('is axe-clean while loading, with a status for screen readers', async () => {
    const never = { getThread: () => new Promise<never>(() => {}) };
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread load="eager" src=${SRC} .provider=${never}></fedi-comment-thread>`,
    );
    await until(() => el.matches(':state(loading)'), 'loading');
    await el.updateComplete;
    expect($$(el, '[role=status]')[0]!.textContent).to.contain('Loading comments');
    expect($$(el, 'section')[0]!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('works with the keyboard alone: load, open a content warning, reply dialog with Escape', async () => {
    const root = post({ id: 'root' });
    const cw = post({
      id: 'cw',
      inReplyTo: 'root',
      spoiler: 'Food',
      author: author({ name: 'Chloé' }),
    });
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        src=${SRC}
        .provider=${memoryProvider(root, [cw])}
      ></fedi-comment-thread>`,
    );
    const focused = () => el.shadowRoot!.activeElement as HTMLElement | null;
    await sendKeys({ press: 'Tab' });
    expect(focused()?.getAttribute('part')).to.equal('load-button');
    await sendKeys({ press: 'Enter' });
    await until(() => el.matches(':state(ready)'), 'ready');
    await el.updateComplete;
    // Walk to the content-warning button with Tab only.
    for (let i = 0; i < 40 && !focused()?.matches('.cw button'); i++)
      await sendKeys({ press: 'Tab' });
    expect(focused()?.matches('.cw button'), 'CW button reachable by Tab').to.be.true;
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(focused()!.getAttribute('aria-expanded')).to.equal('true');
    for (let i = 0; i < 40 && focused()?.getAttribute('part') !== 'reply-button'; i++) {
      await sendKeys({ press: 'Tab' });
    }
    const replyButton = focused()!;
    expect(replyButton.getAttribute('part')).to.equal('reply-button');
    await sendKeys({ press: 'Enter' });
    await until(() => !!$$(el, 'dialog[open]').length, 'dialog open');
    expect(focused()?.getAttribute('name')).to.equal('home');
    await sendKeys({ press: 'Escape' });
    await until(() => !$$(el, 'dialog[open]').length, 'dialog closed');
    // The native dialog gives focus back to the button that opened it.
    expect(focused()).to.equal(replyButton);
  });
});

describe('<fedi-comment-thread> on responses recorded from real Mastodon servers', () => {
  it('renders the recorded status and context (mastodon.social)', async function () {
    const status = await sharedText('data/mastodon/recorded/test_entity_status.json');
    const context = await sharedText('data/mastodon/recorded/test_entity_context.json');
    if (!status || !context) {
      console.warn('skipped: ../shared is absent (recorded Mastodon responses)');
      this.skip();
    }
    type Recording = {
      interactions: { request: { path_and_query: string }; response: { body: unknown } }[];
    };
    const statusRec = JSON.parse(status!) as Recording;
    const contextRec = JSON.parse(context!) as Recording;
    const statusBody = statusRec.interactions[0]!.response.body as { id: string };
    const contextBody = contextRec.interactions.find((i) =>
      i.request.path_and_query.endsWith('/context'),
    )!.response.body as { descendants: { visibility: string }[] };
    // The recorded thread's only reply is private (a logged-in recording); serve it as public, as a
    // logged-out read of a public reply would be.
    const descendants = contextBody.descendants.map((d) => ({ ...d, visibility: 'public' }));
    const fetch = async (url: RequestInfo | URL) => {
      const body = String(url).endsWith('/context') ? { ancestors: [], descendants } : statusBody;
      return new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${`https://mastodon.social/@halcy/${statusBody.id}`}
        .provider=${createMastodonProvider({ fetch: fetch as typeof globalThis.fetch })}
      ></fedi-comment-thread>`,
    );
    await until(() => el.matches(':state(ready), :state(error), :state(empty)'), 'final state');
    await el.updateComplete;
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    const root = $$(el, '[part~=root]')[0]!;
    // The recorded status has a content warning, custom emoji and an edit.
    expect(root.querySelector('.cw')!.textContent).to.contain('test post for mastodon.py');
    expect(root.querySelectorAll('img.emoji').length).to.be.greaterThan(0);
    expect(root.textContent).to.contain('edited');
    expect($$(el, '[part~=comment]')).to.have.length(descendants.length);
    await expect(el).to.be.accessible();
  });
});
