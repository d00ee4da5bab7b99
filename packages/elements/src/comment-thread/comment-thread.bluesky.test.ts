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
    // No sanitizer (neither engine) on a Bluesky-only page: no post carries HTML.
    expect(
      performance.getEntriesByType('resource').some((e) => /purify|sanitize-engines/i.test(e.name)),
    ).to.be.false;
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
    // A reply the author hid is kept, collapsed (see below).
    expect(ids).to.include(bluesky.thread.replyUris['hidden']);
    expect($$(el, '[part~=comment]').length).to.be.greaterThan(3);
    // Bluesky avatars have no separate static variant: the avatar itself is shown.
    expect($$(el, 'img[part=avatar]').length).to.be.greaterThan(3);
    await expect(el).to.be.accessible();
  });

  it('shows blocked and deleted replies as placeholders, and a hidden one collapsed until asked', async () => {
    const { sandbox, bluesky } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        limit="500"
        src=${bluesky.thread.uri}
        appview=${sandbox}
      ></fedi-comment-thread>`,
    );
    await until(() => el.matches(':state(ready), :state(error)'), 'final state');
    await el.updateComplete;
    const ids = JSON.stringify(el.thread);
    for (const k of ['hidden', 'blocked', 'notFound'])
      expect(ids).to.include(bluesky.thread.replyUris[k]);
    const stubs = $$(el, '[part~=comment][part~=placeholder]');
    const text = (n: Element) => n.textContent!.replace(/\s+/g, ' ').trim();
    expect(stubs.map(text).sort()).to.deep.equal([
      'The author hid this reply. Show reply',
      'This reply is from an account you cannot see here.',
      'This reply was deleted.',
    ]);
    for (const stub of stubs) {
      expect(stub.querySelector('img, [part=actions], [part=author]')).to.equal(null);
    }
    // The hidden reply's text is not in the page until the reader asks.
    const all = () => text(el.shadowRoot as unknown as Element);
    expect(all()).to.not.include('Nobody reads blogs anymore');
    expect(all()).to.not.include('You should not see this reply');
    await expect(el).to.be.accessible();
    const stub = stubs.find((s) => text(s).startsWith('The author hid'))!;
    const button = stub.querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const revealed = stub.nextElementSibling!;
    expect(revealed.getAttribute('part')).to.equal('comment');
    expect(text(revealed)).to.include('Nobody reads blogs anymore');
    expect(revealed.querySelector('[part=actions]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(all()).to.not.include('Nobody reads blogs anymore');
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

  it('merges a Mastodon and a Bluesky thread into one conversation, each comment marked', async () => {
    const { sandbox, seed, bluesky } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread load="eager" appview=${sandbox} sort="newest" limit="200">
        <fedi-source href=${sandbox + seed.smallThread.path}></fedi-source>
        <fedi-source href=${bluesky.thread.uri}></fedi-source>
      </fedi-comment-thread>`,
    );
    await until(() => el.matches(':state(ready), :state(error)'), 'final state');
    await el.updateComplete;
    const thread = el.thread!;
    expect(thread.sources!.map((p) => p.protocol)).to.deep.equal(['mastodon', 'bluesky']);
    const nets = $$(el, '[part~=comment] .net').map((n) => n.textContent);
    expect(nets).to.include('Mastodon').and.include('Bluesky');
    expect($$(el, '[part=summary]')[0]!.textContent).to.match(/across Mastodon and Bluesky/);
    const replyButtons = $$(el, '[part=summary] [part=reply-button]').map((b) =>
      b.textContent!.trim(),
    );
    expect(replyButtons).to.deep.equal(['Reply on Mastodon', 'Reply on Bluesky']);
    // Sorted together, newest first, across networks; undated placeholders (blocked, deleted) last.
    const dated = thread.replies.filter((n) => n.post.createdAt);
    const times = dated.map((n) => n.post.createdAt!.getTime());
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    expect(thread.replies.slice(dated.length).every((n) => n.post.placeholder)).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('one failing source is said inline; the other renders', async () => {
    const { sandbox, hostile, bluesky } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread
        load="eager"
        appview=${sandbox}
        src=${`${hostile}/@x/gone ${bluesky.thread.uri}`}
      ></fedi-comment-thread>`,
    );
    await until(() => el.matches(':state(ready), :state(error)'), 'final state');
    await el.updateComplete;
    expect(el.matches(':state(ready)')).to.be.true;
    const errors = $$(el, '[part=error]');
    expect(errors).to.have.length(1);
    expect(errors[0]!.textContent).to.contain(new URL(hostile).host).and.contain('not found');
    expect($$(el, '[part~=comment]').length).to.be.greaterThan(3);
  });

  it('applies the owner filters: min-likes, hide-empty, mute-users, mute-words', async function () {
    // Four full loads from the sandbox: more than mocha's default 10 s on a busy machine.
    this.timeout(40_000);
    const { sandbox, bluesky } = await testEnv();
    const load = async (attrs: Record<string, string>) => {
      const el = await fixture<FediCommentThread>(
        html`<fedi-comment-thread
          load="eager"
          appview=${sandbox}
          src=${bluesky.thread.uri}
        ></fedi-comment-thread>`,
      );
      await until(() => el.matches(':state(ready)'), 'ready');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      await until(() => el.matches(':state(idle), :state(loading)'), 'restart').catch(() => {});
      await until(() => el.matches(':state(ready), :state(empty)'), 'ready again');
      return JSON.stringify(el.thread);
    };
    const all = await load({});
    expect(all).to.include(bluesky.thread.replyUris['emojiOnly']);
    expect(await load({ 'hide-empty': '' })).to.not.include(bluesky.thread.replyUris['emojiOnly']);
    const liked = await load({ 'min-likes': '50' });
    expect(liked).to.include(bluesky.thread.replyUris['mostLiked']);
    expect(liked).to.not.include(bluesky.thread.replyUris['japanese']);
  });
});
