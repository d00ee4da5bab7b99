// SPDX-License-Identifier: MIT
import { FediError, HOMES_KEY } from '@fedikit/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../fedi-comment-thread.js';
import type { FediErrorEvent } from '../events/error.js';
import type { FediLoadEvent } from '../events/load.js';
import type { FediCommentThread } from './comment-thread.js';
import { $$, author, memoryProvider, post, until } from '../test/helpers.js';

const SRC = 'https://example.social/@alice/root';

async function ready(el: FediCommentThread) {
  await until(() => el.matches(':state(ready), :state(empty), :state(error)'), 'a final state');
  await el.updateComplete;
}

/** A thread: root, two replies, one nested reply. */
function sample() {
  const root = post({ id: 'root', content: '<p>The blog post</p>' });
  const a = post({
    id: 'a',
    inReplyTo: 'root',
    author: author({ id: 'b', name: 'Bob', handle: 'bob@example.social' }),
  });
  const b = post({ id: 'b', inReplyTo: 'root', lang: 'fr', content: '<p>Bonjour</p>' });
  const c = post({ id: 'c', inReplyTo: 'a' });
  return { root, replies: [a, b, c] };
}

describe('<fedi-comment-thread>', () => {
  afterEach(() => localStorage.removeItem(HOMES_KEY));

  it('waits for a click before contacting a third-party server, naming it', async () => {
    const { root, replies } = sample();
    const provider = memoryProvider(root, replies);
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread src=${SRC} .provider=${provider}></fedi-comment-thread>`,
    );
    expect(el.matches(':state(idle)')).to.be.true;
    expect($$(el, '[part=placeholder]')[0]!.textContent).to.contain('example.social');
    await new Promise((r) => setTimeout(r, 100));
    expect(provider.calls).to.have.length(0);
    await expect(el).to.be.accessible();
    $$(el, '[part=load-button]')[0]!.click();
    await ready(el);
    expect(provider.calls).to.have.length(1);
    expect(el.matches(':state(ready)')).to.be.true;
  });

  it('renders the replies as nested lists of comments, with lang, times and counts', async () => {
    const { root, replies } = sample();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${SRC}
        .provider=${memoryProvider(root, replies)}
      ></fedi-comment-thread>`,
    );
    const loaded = (await oneEvent(el, 'fedi-load')) as unknown as FediLoadEvent;
    expect(loaded.thread.count).to.equal(3);
    await el.updateComplete;
    const comments = $$(el, '[part~=comment]');
    expect(comments).to.have.length(3);
    expect($$(el, '[part~=root]')).to.have.length(1);
    expect($$(el, 'ol ol [part~=comment]')).to.have.length(1);
    expect(comments.map((c) => c.getAttribute('lang'))).to.deep.equal(['en', 'en', 'fr']);
    const time = comments[0]!.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.match(/^2026-01-01T12:00/);
    expect(time.title).to.match(/2026/);
    expect(comments[0]!.textContent).to.contain('Bob').and.contain('@bob@example.social');
    expect(comments[0]!.querySelector('[part=content]')!.textContent).to.contain('Post a');
    expect($$(el, '[part=summary]')[0]!.textContent).to.contain('3 comments');
    await expect(el).to.be.accessible();
  });

  it('hides the root with hide-root, and sorts by likes', async () => {
    const root = post({ id: 'root' });
    const replies = [
      post({ id: 'few', inReplyTo: 'root', counts: { replies: 0, reposts: 0, likes: 1 } }),
      post({ id: 'many', inReplyTo: 'root', counts: { replies: 0, reposts: 0, likes: 9 } }),
    ];
    const provider = memoryProvider(root, replies);
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        hide-root
        sort="likes"
        load="eager"
        src=${SRC}
        .provider=${provider}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    expect($$(el, '[part~=root]')).to.have.length(0);
    expect(provider.calls[0]!.options!.sort).to.equal('likes');
    expect($$(el, '[part~=comment] [part=content]').map((c) => c.textContent)).to.deep.equal([
      'Post many',
      'Post few',
    ]);
  });

  it('keeps content warnings and sensitive media closed until asked, by keyboard-reachable buttons', async () => {
    const root = post({ id: 'root' });
    const cw = post({
      id: 'cw',
      inReplyTo: 'root',
      spoiler: 'Spoilers for the finale',
      sensitive: true,
      media: [
        {
          id: 'm',
          type: 'image',
          url: 'https://example.social/m.png',
          previewUrl: 'https://example.social/s.png',
          alt: 'A cat',
          width: 400,
          height: 300,
        },
      ],
    });
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${SRC}
        .provider=${memoryProvider(root, [cw])}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    const comment = $$(el, '[part~=comment]')[0]!;
    const body = comment.querySelector<HTMLElement>('.body')!;
    expect(body.hidden).to.be.true;
    const cwButton = comment.querySelector<HTMLButtonElement>('.cw button')!;
    expect(cwButton.getAttribute('aria-expanded')).to.equal('false');
    cwButton.click();
    await el.updateComplete;
    expect(body.hidden).to.be.false;
    expect(cwButton.getAttribute('aria-expanded')).to.equal('true');
    // Sensitive media: not even requested until revealed.
    expect(comment.querySelectorAll('img[src*="s.png"]')).to.have.length(0);
    const mediaButton = [...comment.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Show media'),
    )!;
    mediaButton.click();
    await el.updateComplete;
    const img = comment.querySelector<HTMLImageElement>('[part=media] img')!;
    expect(img.alt).to.equal('A cat');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.getAttribute('width')).to.equal('400');
    await expect(el).to.be.accessible();
  });

  it('renders hostile names and warnings as text, and emoji as images built in code', async () => {
    const root = post({ id: 'root' });
    const evil = post({
      id: 'evil',
      inReplyTo: 'root',
      spoiler: '<img src=x onerror=alert(1)>',
      author: author({
        name: '<script>alert(1)</script> :blob:',
        emojis: [
          {
            shortcode: 'blob',
            url: 'https://example.social/blob.png',
            staticUrl: 'https://example.social/blob.png',
          },
        ],
      }),
    });
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${SRC}
        .provider=${memoryProvider(root, [evil])}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    const comment = $$(el, '[part~=comment]')[0]!;
    expect(comment.querySelector('.name')!.textContent).to.contain('<script>alert(1)</script>');
    expect(comment.querySelectorAll('script')).to.have.length(0);
    expect(comment.querySelector<HTMLImageElement>('.name img.emoji')!.alt).to.equal(':blob:');
    expect(comment.querySelector('.cw')!.textContent).to.contain('<img src=x onerror=alert(1)>');
  });

  it('names an author without a profile URL as plain text, not a link', async () => {
    const root = post({ id: 'root' });
    const reply = post({
      id: 'r',
      inReplyTo: 'root',
      author: author({ id: 'c', name: 'Carol', handle: 'carol@example.social', url: undefined }),
    });
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${SRC}
        .provider=${memoryProvider(root, [reply])}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    const [rootName, name] = $$(el, '[part=author]');
    expect(rootName!.getAttribute('href')).to.equal('https://example.social/@alice');
    expect(name!.textContent!.trim()).to.equal('Carol');
    expect(name!.hasAttribute('href')).to.be.false;
    expect(name!.matches(':any-link')).to.be.false;
  });

  it('flattens replies below max-depth and survives a 10,000-deep chain, with "show more"', async () => {
    const root = post({ id: 'root' });
    const chain = Array.from({ length: 10_000 }, (_, i) =>
      post({ id: `n${i}`, inReplyTo: i ? `n${i - 1}` : 'root', content: `<p>${i}</p>` }),
    );
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        max-depth="3"
        limit="40"
        src=${SRC}
        .provider=${memoryProvider(root, chain)}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    expect(el.thread!.count).to.equal(1000); // core's size cap
    expect($$(el, '[part~=comment]')).to.have.length(40);
    expect($$(el, 'ol ol ol ol')).to.have.length(0);
    expect($$(el, '.reply-to').length).to.be.greaterThan(30);
    const more = $$(el, '[part=show-more]')[0]!;
    expect(more.textContent).to.contain('Show 40 more replies');
    more.click();
    await el.updateComplete;
    expect($$(el, '[part~=comment]')).to.have.length(80);
  });

  it('shows the empty state, and an error state with retry and fedi-error', async () => {
    const empty = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${SRC}
        .provider=${memoryProvider(post({ id: 'root' }), [])}
      ></fedi-comment-thread>`,
    );
    await ready(empty);
    expect(empty.matches(':state(empty)')).to.be.true;
    expect($$(empty, '[part=empty]')[0]!.textContent).to.contain('No replies yet');
    await expect(empty).to.be.accessible();

    let calls = 0;
    const failing = {
      async getThread() {
        calls++;
        throw new FediError('gone', { code: 'NOT_FOUND', status: 404 });
      },
    };
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread src=${SRC} .provider=${failing}></fedi-comment-thread>`,
    );
    setTimeout(() => $$(el, '[part=load-button]')[0]!.click());
    const event = (await oneEvent(el, 'fedi-error')) as unknown as FediErrorEvent;
    expect(event.error.code).to.equal('NOT_FOUND');
    await el.updateComplete;
    expect(el.matches(':state(error)')).to.be.true;
    expect($$(el, '[part=error]')[0]!.textContent).to.contain('not found');
    await expect(el).to.be.accessible();
    $$(el, '[part=error] button')[0]!.click();
    await until(() => calls === 2, 'retry');
  });

  it('"Check for new replies" reads again with the thread still shown, and says what it found', async () => {
    const { root, replies } = sample();
    let reads = 0;
    let fail = false;
    const provider = memoryProvider(root, replies);
    const grow = {
      async getThread(...args: Parameters<typeof provider.getThread>) {
        reads++;
        if (fail) throw new FediError('busy', { code: 'RATE_LIMITED', status: 429 });
        // The second read finds two more replies, as after a server fetched them.
        if (reads === 2)
          replies.push(
            post({ id: `n${reads}a`, inReplyTo: 'root' }),
            post({ id: `n${reads}b`, inReplyTo: 'a' }),
          );
        return provider.getThread(...args);
      },
    };
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread load="eager" src=${SRC} .provider=${grow}></fedi-comment-thread>`,
    );
    await ready(el);
    expect(el.thread!.count).to.equal(3);
    const button = () => $$(el, '[part=refresh]')[0] as HTMLButtonElement;
    const status = () => $$(el, '[part=refresh-status]')[0]!;
    expect(status().getAttribute('role')).to.equal('status');
    expect(status().textContent!.trim()).to.equal('');
    let loads = 0;
    el.addEventListener('fedi-load', () => loads++);

    button().click();
    await el.updateComplete;
    // No skeleton: the comments stay while the check runs.
    expect(el.matches(':state(ready)')).to.be.true;
    expect($$(el, '[part~=comment]').length).to.be.greaterThan(0);
    await until(() => status().textContent!.includes('2 new replies.'), 'announced');
    expect(el.thread!.count).to.equal(5);
    // Past the browser's HTTP cache: a reader who asks to look again must not get the same answer.
    expect(provider.calls.map((c) => c.options?.fresh ?? false)).to.deep.equal([false, true]);
    expect(loads).to.equal(1);
    expect(button().disabled).to.be.false;

    button().click();
    await until(() => status().textContent!.includes('No new replies.'), 'nothing new');

    fail = true;
    button().click();
    await until(() => status().textContent!.includes('The server is busy'), 'failure said');
    expect(el.matches(':state(ready)')).to.be.true;
    expect(el.thread!.count).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('a thread its server is still completing is read once more after retryAfter, quietly', async () => {
    for (const grows of [true, false]) {
      const { root, replies } = sample();
      let reads = 0;
      const provider = memoryProvider(root, replies);
      const pending = {
        async getThread(...args: Parameters<typeof provider.getThread>) {
          reads++;
          if (reads === 2 && grows) replies.push(post({ id: 'late', inReplyTo: 'root' }));
          // The server says "read again in 1 s" every time: the element still looks only once.
          return { ...(await provider.getThread(...args)), pending: { retryAfter: 1 } };
        },
      };
      const el = await fixture<FediCommentThread>(
        html`<fedi-comment-thread
          load="eager"
          src=${SRC}
          .provider=${pending}
        ></fedi-comment-thread>`,
      );
      await ready(el);
      expect(reads).to.equal(1);
      await until(() => reads === 2, 'the second look', 3000);
      const status = () => $$(el, '[part=refresh-status]')[0]!.textContent!.trim();
      if (grows) {
        await until(() => status() === '1 new reply.', 'announced');
        expect(el.thread!.count).to.equal(4);
      } else {
        await new Promise((r) => setTimeout(r, 300));
        // Nothing new: an automatic look says nothing.
        expect(status()).to.equal('');
      }
      await new Promise((r) => setTimeout(r, 1300));
      expect(reads, 'one automatic look only').to.equal(2);
    }
  });

  it('reports a bad src clearly without fetching anything', async () => {
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread src="javascript:alert(1)"></fedi-comment-thread>`,
    );
    await ready(el);
    expect(el.error!.code).to.equal('INVALID_INPUT');
    expect($$(el, '[part=error] button')).to.have.length(0);
  });

  it('says when the thread is truncated and links to the whole conversation', async () => {
    const { root, replies } = sample();
    const provider = memoryProvider(root, replies, {
      truncated: 'server-limit',
      fullThreadUrl: 'https://example.social/@alice/root',
    });
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${SRC}
        .provider=${provider}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    expect(el.matches(':state(truncated)')).to.be.true;
    const link = $$(el, '[part=notice] a')[0] as HTMLAnchorElement;
    expect(link.href).to.equal('https://example.social/@alice/root');
    expect(link.rel).to.equal('noopener noreferrer nofollow ugc');
    expect(link.textContent).to.contain('example.social');
  });

  it('speaks French in a lang="fr" page', async () => {
    const { root, replies } = sample();
    const wrapper = await fixture(
      html`<div lang="fr">
        <fedi-comment-thread
          load="eager"
          src=${SRC}
          .provider=${memoryProvider(root, replies)}
        ></fedi-comment-thread>
      </div>`,
    );
    const el = wrapper.querySelector('fedi-comment-thread')!;
    await ready(el);
    expect($$(el, '[part=summary]')[0]!.textContent).to.contain('3 commentaires');
    expect($$(el, '[part=reply-button]')[1]!.textContent).to.contain('Répondre');
  });

  it('follows theme and passes options to the provider', async () => {
    const { root, replies } = sample();
    const provider = memoryProvider(root, replies);
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        theme="dark"
        load="eager"
        favourites-only
        timeout="1234"
        src=${SRC}
        .provider=${provider}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    expect(provider.calls[0]!.options).to.include({ favouritesOnly: true, timeout: 1234 });
  });

  it('reply dialog: asks for the home server, validates, stores nothing unless asked', async () => {
    const { root, replies } = sample();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${SRC}
        .provider=${memoryProvider(root, replies)}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    const before = JSON.stringify(localStorage);
    $$(el, '[part~=comment] [part=reply-button]')[0]!.click();
    await until(() => !!$$(el, 'dialog[open]').length, 'dialog open');
    const dialog = $$(el, 'dialog')[0] as HTMLDialogElement;
    const input = dialog.querySelector('input')!;
    expect(el.shadowRoot!.activeElement).to.equal(input);
    expect(dialog.querySelector<HTMLInputElement>('#fedi-link')!.value).to.equal(replies[0]!.url);
    await expect(el).to.be.accessible();
    input.value = 'not a server';
    dialog.querySelector<HTMLButtonElement>('.primary')!.click();
    await until(() => !!dialog.querySelector('.error')?.textContent, 'validation message');
    expect(dialog.querySelector('.error')!.textContent).to.contain("doesn't look like a server");
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(JSON.stringify(localStorage)).to.equal(before);
    expect(document.cookie).to.equal('');
    dialog.querySelector<HTMLButtonElement>('.row .btn:not(.primary)')!.click();
    expect(dialog.open).to.be.false;
  });

  it('the reply dialog outlives re-renders of the thread, and each Reply opens one dialog', async () => {
    const { root, replies } = sample();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        src=${SRC}
        .provider=${memoryProvider(root, replies)}
      ></fedi-comment-thread>`,
    );
    await ready(el);
    $$(el, '[part~=comment] [part=reply-button]')[0]!.click();
    await until(() => !!$$(el, 'dialog[open]').length, 'dialog open');
    const dialog = $$(el, 'dialog')[0] as HTMLDialogElement;
    dialog.querySelector('input')!.value = 'typed.example';
    // The dialog is built outside Lit's template: a re-render must leave it (and what was typed) be.
    el.setAttribute('sort', 'newest');
    await el.updateComplete;
    await ready(el);
    expect(dialog.isConnected && dialog.open).to.be.true;
    expect(dialog.querySelector('input')!.value).to.equal('typed.example');
    dialog.close();
    $$(el, '[part~=comment] [part=reply-button]')[1]!.click();
    await until(() => !!$$(el, 'dialog[open]').length, 'dialog open again');
    expect($$(el, 'dialog')).to.have.length(1);
  });
});
