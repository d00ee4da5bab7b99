// SPDX-License-Identifier: MIT
// <fedi-share-button>: no request before a click, the light-DOM fallback, the keyboard-only share
// flow against the sandbox, storage, Bluesky and languages.
import { HOMES_KEY, rememberedHomes } from '@fedikit/core';
import { clearSandboxLog, sandboxLog, testEnv } from '@fedikit/core/testing.js';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FediIntentEvent } from '../events/intent.js';
import '../fedi-share-button.js';
import {
  $$,
  dialogOf,
  focused,
  foreign,
  resources,
  settle,
  until,
  withOpenStub,
} from '../test/helpers.js';
import type { FediShareButton } from './share-button.js';

const button = (el: Element) => $$(el, '[part=button]')[0]!;

describe('<fedi-share-button>', () => {
  beforeEach(async () => {
    localStorage.removeItem(HOMES_KEY);
    await clearSandboxLog();
    performance.clearResourceTimings();
  });
  afterEach(() => localStorage.removeItem(HOMES_KEY));

  it('renders with no request at all, hiding the light-DOM fallback', async () => {
    const el = await fixture<FediShareButton>(
      html`<fedi-share-button text="A post" url="https://blog.example/post"
        ><a href="https://mastodon.social/share?text=A%20post">Share</a></fedi-share-button
      >`,
    );
    await settle();
    expect(resources()).to.deep.equal([]);
    expect(await sandboxLog()).to.deep.equal([]);
    expect(button(el).localName).to.equal('button');
    expect(button(el).textContent!.trim()).to.equal('Share');
    expect(el.shadowRoot!.querySelector('slot')).to.equal(null);
    expect(el.querySelector('a')!.checkVisibility()).to.be.false;
    expect(localStorage.length + sessionStorage.length).to.equal(0);
    expect(document.cookie).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('works with the keyboard alone: Tab, Enter, type the home server, Enter', async () => {
    const { sandbox } = await testEnv();
    const host = new URL(sandbox).host;
    const el = await fixture<FediShareButton>(
      html`<fedi-share-button
        text="Hello there"
        url="https://blog.example/post"
      ></fedi-share-button>`,
    );
    const events: FediIntentEvent[] = [];
    el.addEventListener('fedi-intent', (e) => events.push(e));
    const opened = await withOpenStub(async (opened) => {
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(button(el));
      await sendKeys({ press: 'Enter' });
      await until(() => !!dialogOf(el)?.open, 'dialog open');
      expect(focused(el)?.getAttribute('name')).to.equal('home');
      expect(dialogOf(el)!.getAttribute('part')).to.equal('dialog');
      expect(dialogOf(el)!.querySelector('h2')!.textContent).to.equal(
        'Share from your own account',
      );
      await expect(el).to.be.accessible();
      await sendKeys({ type: `@bob@${host}` });
      await sendKeys({ press: 'Enter' });
      await until(() => opened.length > 0, 'window.open');
    });
    expect(events).to.have.length(1);
    expect(events[0]!.verb).to.equal('Share');
    expect(events[0]!.url).to.equal(opened[0]);
    const target = new URL(opened[0]!);
    expect(target.origin).to.equal(sandbox);
    expect(decodeURIComponent(target.search.replace(/\+/g, ' '))).to.contain(
      'Hello there https://blog.example/post',
    );
    expect(dialogOf(el)!.open).to.be.false;
    expect(localStorage.length).to.equal(0);
    expect(document.cookie).to.equal('');
    expect(focused(el)).to.equal(button(el));
  });

  it('shares the page title and address (without #fragment) by default', async () => {
    const { sandbox } = await testEnv();
    const el = await fixture<FediShareButton>(html`<fedi-share-button></fedi-share-button>`);
    let url = '';
    el.addEventListener('fedi-intent', (e) => {
      e.preventDefault();
      url = e.url;
    });
    const title = document.title;
    document.title = 'My page';
    history.replaceState(null, '', '#section');
    try {
      const opened = await withOpenStub(async () => {
        button(el).click();
        await until(() => !!dialogOf(el)?.open, 'dialog open');
        const dialog = dialogOf(el)!;
        dialog.querySelector<HTMLInputElement>('input[name=home]')!.value = sandbox;
        dialog.querySelector<HTMLInputElement>('input[name=remember]')!.checked = true;
        dialog.querySelector<HTMLButtonElement>('.primary')!.click();
        await until(() => !!url, 'fedi-intent');
      });
      // Cancelled: nothing opened.
      expect(opened).to.deep.equal([]);
      const shared = decodeURIComponent(new URL(url).search.replace(/\+/g, ' '));
      expect(shared).to.contain(`My page ${location.href.split('#')[0]}`);
      expect(shared).to.not.contain('#section');
      // Remembered, because the reader ticked the box.
      expect(rememberedHomes()).to.deep.equal([sandbox]);
    } finally {
      document.title = title;
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('says when the home is not a server, or cannot be reached; stores nothing', async () => {
    const el = await fixture<FediShareButton>(
      html`<fedi-share-button text="Hi" url="https://blog.example/"></fedi-share-button>`,
    );
    const before = JSON.stringify(localStorage);
    button(el).click();
    await until(() => !!dialogOf(el)?.open, 'dialog open');
    const dialog = dialogOf(el)!;
    const input = dialog.querySelector<HTMLInputElement>('input[name=home]')!;
    const error = () => dialog.querySelector('.error')?.textContent ?? '';
    input.value = '%%%';
    dialog.querySelector<HTMLButtonElement>('.primary')!.click();
    await until(() => !!error(), 'validation message');
    expect(error()).to.contain("doesn't look like a server");
    await expect(el).to.be.accessible();
    input.value = 'http://127.0.0.1:9/';
    dialog.querySelector<HTMLButtonElement>('.primary')!.click();
    await until(() => error().includes('No such server'), 'no such server');
    expect(JSON.stringify(localStorage)).to.equal(before);
    expect(document.cookie).to.equal('');
    dialog.close();
  });

  it('"Share on Bluesky" opens the compose intent and closes the dialog, with no request', async () => {
    const el = await fixture<FediShareButton>(
      html`<fedi-share-button
        text="Hello & bye"
        url="https://blog.example/p?a=1"
      ></fedi-share-button>`,
    );
    const events: FediIntentEvent[] = [];
    el.addEventListener('fedi-intent', (e) => events.push(e));
    const opened = await withOpenStub(async (opened) => {
      button(el).click();
      await until(() => !!dialogOf(el)?.open, 'dialog open');
      $$(el, '[part=bluesky-button]')[0]!.click();
      await until(() => opened.length > 0, 'window.open');
    });
    expect(opened).to.deep.equal([
      `https://bsky.app/intent/compose?text=${encodeURIComponent('Hello & bye https://blog.example/p?a=1')}`,
    ]);
    expect(events[0]!.verb).to.equal('Share');
    expect(dialogOf(el)!.open).to.be.false;
    await settle();
    expect(foreign()).to.deep.equal([]);
    expect(await sandboxLog()).to.deep.equal([]);
  });

  it('`client` picks another Bluesky web client; cancelling opens nothing', async () => {
    const el = await fixture<FediShareButton>(
      html`<fedi-share-button
        client="https://client.example"
        text="Hi"
        url="https://blog.example/"
      ></fedi-share-button>`,
    );
    let url = '';
    el.addEventListener('fedi-intent', (e) => {
      e.preventDefault();
      url = e.url;
    });
    const opened = await withOpenStub(async () => {
      button(el).click();
      await until(() => !!dialogOf(el)?.open, 'dialog open');
      $$(el, '[part=bluesky-button]')[0]!.click();
      await until(() => !!url, 'fedi-intent');
    });
    expect(url).to.match(/^https:\/\/client\.example\/intent\/compose\?text=Hi%20https/);
    expect(opened).to.deep.equal([]);
  });

  it('speaks French inside lang="fr"; theme and hidden work', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="fr">
        <fedi-share-button
          theme="dark"
          text="Salut"
          url="https://blog.example/"
        ></fedi-share-button>
      </div>`,
    );
    const el = wrapper.querySelector('fedi-share-button')!;
    await until(() => button(el).textContent!.includes('Partager'), 'French');
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    button(el).click();
    await until(() => !!dialogOf(el)?.open, 'dialog open');
    expect(dialogOf(el)!.querySelector('h2')!.textContent).to.equal(
      'Partager depuis votre propre compte',
    );
    expect($$(el, '[part=bluesky-button]')[0]!.textContent!.trim()).to.equal(
      'Partager sur Bluesky',
    );
    await expect(el).to.be.accessible();
    dialogOf(el)!.close();
    el.hidden = true;
    expect(getComputedStyle(el).display).to.equal('none');
  });
});
