// SPDX-License-Identifier: MIT
// <fedi-follow-button>: no request before a click, the light-DOM fallback, the keyboard-only follow
// flow against the sandbox (WebFinger, FEP-3b86), storage, Bluesky, show-profile and languages.
import { HOMES_KEY, rememberedHomes, rememberHome } from '@fedikit/core';
import { clearSandboxLog, sandboxLog, testEnv } from '@fedikit/core/testing.js';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FediIntentEvent } from '../events/intent.js';
import '../fedi-follow-button.js';
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
import type { FediFollowButton } from './follow-button.js';

async function sandboxAccount(user = 'alice') {
  const { sandbox } = await testEnv();
  return { sandbox, host: new URL(sandbox).host, account: `@${user}@${new URL(sandbox).host}` };
}

const button = (el: Element) => $$(el, '[part=button]')[0]!;

describe('<fedi-follow-button>', () => {
  beforeEach(async () => {
    localStorage.removeItem(HOMES_KEY);
    await clearSandboxLog();
    performance.clearResourceTimings();
  });
  afterEach(() => localStorage.removeItem(HOMES_KEY));

  it('renders with no request at all, hiding the light-DOM fallback', async () => {
    const { account, host } = await sandboxAccount();
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button account=${account} name="Alice"
        ><a href="https://example.social/@alice">Follow me</a></fedi-follow-button
      >`,
    );
    await settle();
    expect(resources()).to.deep.equal([]);
    expect(await sandboxLog()).to.deep.equal([]);
    const b = button(el);
    expect(b.localName).to.equal('button');
    expect(b.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Follow Alice');
    expect(b.getAttribute('aria-label')).to.equal(`Follow Alice (@alice@${host})`);
    expect(el.shadowRoot!.querySelector('slot')).to.equal(null);
    expect(el.querySelector('a')!.checkVisibility()).to.be.false;
    expect(el.matches(':state(idle)')).to.be.true;
    expect(document.cookie).to.equal('');
    expect(localStorage.length + sessionStorage.length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows the handle when no name is given, for every account form', async () => {
    const cases: [string, string][] = [
      ['@alice@example.social', '@alice@example.social'],
      ['acct:alice@example.social', '@alice@example.social'],
      ['https://example.social/@alice', '@alice@example.social'],
      ['alice.bsky.social', '@alice.bsky.social'],
      ['@alice.bsky.social', '@alice.bsky.social'],
      ['https://bsky.app/profile/alice.bsky.social', '@alice.bsky.social'],
      ['did:plc:ewvi7nxzyoun6zhxrhs64oiz', 'did:plc:ewvi7nxzyoun6zhxrhs64oiz'],
    ];
    for (const [account, handle] of cases) {
      const el = await fixture<FediFollowButton>(
        html`<fedi-follow-button account=${account}></fedi-follow-button>`,
      );
      const b = button(el);
      expect(b.textContent!.replace(/\s+/g, ' ').trim(), account).to.equal(`Follow ${handle}`);
      expect(b.hasAttribute('aria-label'), account).to.be.false;
    }
    await settle();
    expect(resources()).to.deep.equal([]);
  });

  it('keeps the fallback for an account it does not understand', async () => {
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button account="https://example.social/@alice/123"
        ><a href="https://example.social/@alice">Follow me</a></fedi-follow-button
      >`,
    );
    expect($$(el, '[part=button]')).to.have.length(0);
    expect(el.querySelector('a')!.checkVisibility()).to.be.true;
    expect(el.matches(':state(error)')).to.be.true;
  });

  it('works with the keyboard alone: Tab, Enter, type the home server, Enter', async () => {
    const { account, sandbox, host } = await sandboxAccount();
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button account=${account} name="Alice"></fedi-follow-button>`,
    );
    const events: FediIntentEvent[] = [];
    el.addEventListener('fedi-intent', (e) => events.push(e));
    const opened = await withOpenStub(async (opened) => {
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(button(el));
      await sendKeys({ press: 'Enter' });
      await until(() => !!dialogOf(el)?.open, 'dialog open');
      expect(focused(el)?.getAttribute('name')).to.equal('home');
      expect(dialogOf(el)!.querySelector('h2')!.textContent).to.equal(
        'Follow Alice from your own account',
      );
      await expect(el).to.be.accessible();
      await sendKeys({ type: `@bob@${host}` });
      await sendKeys({ press: 'Enter' });
      await until(() => opened.length > 0, 'window.open');
    });
    expect(events).to.have.length(1);
    expect(events[0]!.verb).to.equal('Follow');
    expect(events[0]!.object).to.equal(`${sandbox}/@alice`);
    expect(events[0]!.url).to.equal(opened[0]);
    const target = new URL(opened[0]!);
    expect(target.origin).to.equal(sandbox);
    expect(decodeURIComponent(target.search)).to.contain(`${sandbox}/@alice`);
    expect(dialogOf(el)!.open).to.be.false;
    // Nothing remembered without the tick.
    expect(localStorage.length).to.equal(0);
    expect(document.cookie).to.equal('');
    // The native dialog gives focus back to the button.
    expect(focused(el)).to.equal(button(el));
  });

  it('opens nothing when a fedi-intent listener cancels; remembers the home only when asked', async () => {
    const { account, host } = await sandboxAccount();
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button account=${account}></fedi-follow-button>`,
    );
    let url = '';
    el.addEventListener('fedi-intent', (e) => {
      e.preventDefault();
      url = e.url;
    });
    const opened = await withOpenStub(async () => {
      button(el).click();
      await until(() => !!dialogOf(el)?.open, 'dialog open');
      const dialog = dialogOf(el)!;
      dialog.querySelector<HTMLInputElement>('input[name=home]')!.value = `@bob@${host}`;
      dialog.querySelector<HTMLInputElement>('input[name=remember]')!.checked = true;
      dialog.querySelector<HTMLButtonElement>('.primary')!.click();
      await until(() => !!url, 'fedi-intent');
    });
    expect(opened).to.deep.equal([]);
    expect(rememberedHomes()).to.deep.equal([`@bob@${host}`]);
    expect(document.cookie).to.equal('');
  });

  it('offers remembered servers first, and forgets each one on request, keeping the focus', async () => {
    rememberHome('older.example');
    rememberHome('@me@newer.example');
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button account="@alice@example.social"></fedi-follow-button>`,
    );
    button(el).click();
    await until(() => !!dialogOf(el)?.open, 'dialog open');
    const dialog = dialogOf(el)!;
    const input = dialog.querySelector<HTMLInputElement>('input[name=home]')!;
    expect(input.value).to.equal('@me@newer.example');
    expect(
      [...dialog.querySelectorAll('datalist option')].map((o) => o.getAttribute('value')),
    ).to.deep.equal(['@me@newer.example', 'older.example']);
    expect(dialog.querySelector<HTMLInputElement>('input[name=remember]')!.checked).to.be.true;
    const items = () => [...dialog.querySelectorAll('.homes li')];
    expect(items()).to.have.length(2);
    await expect(el).to.be.accessible();
    /** Presses a line's Forget button as the keyboard does: focused first. */
    const forget = (li: Element) => {
      const b = li.querySelector('button')!;
      b.focus();
      b.click();
    };
    forget(items()[0]!);
    expect(rememberedHomes()).to.deep.equal(['older.example']);
    expect(items().map((li) => li.firstChild!.textContent!.trim())).to.deep.equal([
      'older.example',
    ]);
    expect(focused(el) === input, 'the focus is on the input').to.be.true;
    forget(items()[0]!);
    expect(localStorage.getItem(HOMES_KEY)).to.equal(null);
    expect(dialog.querySelector('.homes')).to.equal(null);
    expect(focused(el) === input, 'the focus is on the input').to.be.true;
    dialog.close();
  });

  it('says when the home is not a server, or cannot be reached; stores nothing', async () => {
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button account="@alice@example.social"></fedi-follow-button>`,
    );
    const before = JSON.stringify(localStorage);
    button(el).click();
    await until(() => !!dialogOf(el)?.open, 'dialog open');
    const dialog = dialogOf(el)!;
    const input = dialog.querySelector<HTMLInputElement>('input[name=home]')!;
    const error = () => dialog.querySelector('.error')?.textContent ?? '';
    input.value = 'not a server';
    dialog.querySelector<HTMLButtonElement>('.primary')!.click();
    await until(() => !!error(), 'validation message');
    expect(error()).to.contain("doesn't look like a server");
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    input.value = 'http://127.0.0.1:9/';
    dialog.querySelector<HTMLButtonElement>('.primary')!.click();
    await until(() => error().includes('No such server'), 'no such server');
    expect(JSON.stringify(localStorage)).to.equal(before);
    expect(document.cookie).to.equal('');
    await sendKeys({ press: 'Escape' });
    expect(dialog.open).to.be.false;
  });

  it('Bluesky: opens the profile on bsky.app, with no dialog and no request', async () => {
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button
        account="https://bsky.app/profile/Alice.bsky.social"
      ></fedi-follow-button>`,
    );
    const events: FediIntentEvent[] = [];
    el.addEventListener('fedi-intent', (e) => events.push(e));
    const opened = await withOpenStub(async (opened) => {
      button(el).click();
      await until(() => opened.length > 0, 'window.open');
    });
    expect(opened).to.deep.equal(['https://bsky.app/profile/alice.bsky.social']);
    expect(events[0]!.verb).to.equal('Follow');
    expect(events[0]!.object).to.equal('alice.bsky.social');
    expect(dialogOf(el)).to.equal(undefined);
    await settle();
    expect(foreign()).to.deep.equal([]);
  });

  it('Bluesky: `client` picks another web client', async () => {
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button
        client="https://client.example/"
        account="did:plc:ewvi7nxzyoun6zhxrhs64oiz"
      ></fedi-follow-button>`,
    );
    const opened = await withOpenStub(async (opened) => {
      button(el).click();
      await until(() => opened.length > 0, 'window.open');
    });
    expect(opened).to.deep.equal([
      'https://client.example/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz',
    ]);
    expect($$(el, '[part=profile], [part=load-button]')).to.have.length(0);
    await settle();
    expect(foreign()).to.deep.equal([]);
  });

  it('Bluesky show-profile: one getProfile read on the AppView, linked to the chosen client', async () => {
    const { sandbox, bluesky } = await testEnv();
    const did = bluesky.thread.uri.split('/')[2]!;
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button
        show-profile
        load="eager"
        appview=${sandbox}
        client="https://client.example"
        account=${did}
      ></fedi-follow-button>`,
    );
    await until(() => el.matches(':state(ready), :state(error)'), 'a final state');
    await el.updateComplete;
    expect(el.matches(':state(ready)'), String(el.profile)).to.be.true;
    const profile = $$(el, '[part=profile]')[0]!;
    expect(profile.textContent).to.contain(`@${el.profile!.author.handle}`);
    expect(profile.textContent).to.match(/\d+ followers?/);
    expect(profile.querySelector('a')!.href).to.match(/^https:\/\/client\.example\/profile\//);
    const log = await sandboxLog();
    expect(
      log.filter((r) => r.path.startsWith('/xrpc/')).map((r) => r.path.split('?')[0]),
    ).to.deep.equal(['/xrpc/app.bsky.actor.getProfile']);
    expect(log.filter((r) => r.method === 'OPTIONS' || r.cookie || r.referer)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('Bluesky show-profile with an appview that is no https URL reads nothing; the button works', async () => {
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button
        show-profile
        load="eager"
        appview="javascript:alert(1)"
        account="alice.bsky.social"
      ></fedi-follow-button>`,
    );
    await settle();
    expect(resources()).to.deep.equal([]);
    expect($$(el, '[part=load-button], [part=profile], [part=error]')).to.have.length(0);
    expect(button(el).textContent!.trim()).to.equal('Follow @alice.bsky.social');
  });

  it('Bluesky show-profile by default waits for a click that names the AppView', async () => {
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button show-profile account="alice.bsky.social"></fedi-follow-button>`,
    );
    await settle();
    expect($$(el, '[part=load-button]')[0]!.textContent!.trim()).to.equal(
      'Show profile from public.api.bsky.app',
    );
    expect(resources()).to.deep.equal([]);
    expect(el.matches(':state(idle)')).to.be.true;
  });

  it('show-profile load="eager": avatar, name with custom emoji, handle and followers', async () => {
    const { account, host } = await sandboxAccount();
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button show-profile load="eager" account=${account}></fedi-follow-button>`,
    );
    await until(() => el.matches(':state(ready), :state(error)'), 'a final state');
    await el.updateComplete;
    expect(el.matches(':state(ready)')).to.be.true;
    const profile = $$(el, '[part=profile]')[0]!;
    expect(profile.textContent).to.contain('Alice Martin');
    expect(profile.textContent).to.contain(`@alice@${host}`);
    expect(profile.textContent).to.contain('1.3K followers');
    expect(profile.querySelector('img.emoji')!.getAttribute('alt')).to.equal(':fedikit:');
    const avatar = profile.querySelector('[part=avatar]')!;
    expect(avatar.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(avatar.getAttribute('loading')).to.equal('lazy');
    expect(avatar.getAttribute('alt')).to.equal('');
    const name = profile.querySelector('a')!;
    expect(name.rel).to.equal('noopener noreferrer nofollow ugc');
    const api = (await sandboxLog()).filter((r) => r.path.startsWith('/api/'));
    expect(api.map((r) => r.path)).to.deep.equal(['/api/v1/accounts/lookup?acct=alice']);
    const all = await sandboxLog();
    expect(all.filter((r) => r.cookie || r.referer)).to.have.length(0);
    expect(all.filter((r) => r.method === 'OPTIONS')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('show-profile: the profile view brings its styles; the dialog adds its own after them', async () => {
    const { account } = await sandboxAccount();
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button show-profile load="eager" account=${account}></fedi-follow-button>`,
    );
    await until(() => el.matches(':state(ready)'), 'ready');
    await el.updateComplete;
    const who = el.shadowRoot!.querySelector('.who')!;
    expect(getComputedStyle(who).flexDirection).to.equal('column');
    expect(getComputedStyle(button(el)).fontWeight).to.equal('600');
    button(el).click();
    await until(() => !!dialogOf(el)?.open, 'dialog open');
    expect(getComputedStyle(dialogOf(el)!.querySelector('.row')!).display).to.equal('flex');
    expect(getComputedStyle(who).flexDirection).to.equal('column');
    expect(getComputedStyle(button(el)).fontWeight).to.equal('600');
    dialogOf(el)!.close();
  });

  it('show-profile on another host (default load="click") fetches nothing before the click', async () => {
    const { account, host } = await sandboxAccount();
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button show-profile account=${account}></fedi-follow-button>`,
    );
    await settle();
    // Late avatar images of an earlier test may still arrive (in resource timing and the sandbox
    // log); this element cannot know an avatar's address without the API read checked below.
    const own = resources().filter((url) => !new URL(url).pathname.startsWith('/system/'));
    expect(own, 'resources').to.deep.equal([]);
    const log = (await sandboxLog()).filter((r) => !r.path.startsWith('/system/'));
    expect(log, 'sandbox log').to.deep.equal([]);
    expect(el.matches(':state(idle)')).to.be.true;
    const load = $$(el, '[part=load-button]')[0]!;
    expect(load.textContent).to.contain(host);
    await expect(el).to.be.accessible();
    load.click();
    await until(() => el.matches(':state(ready)'), 'ready');
    expect((await sandboxLog()).filter((r) => r.path.startsWith('/api/'))).to.have.length(1);
  });

  it('show-profile: an unknown account says so and keeps the button working', async () => {
    const { account } = await sandboxAccount('nobody');
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button show-profile load="eager" account=${account}></fedi-follow-button>`,
    );
    await until(() => el.matches(':state(error)'), 'error');
    await el.updateComplete;
    expect($$(el, '[part=error]')[0]!.textContent).to.contain('This account was not found.');
    await expect(el).to.be.accessible();
    button(el).click();
    await until(() => !!dialogOf(el)?.open, 'dialog open');
    dialogOf(el)!.close();
  });

  it('show-profile: an unreachable server says so and offers to try again', async () => {
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button
        show-profile
        load="eager"
        timeout="2000"
        account="@alice@127.0.0.1:9"
      ></fedi-follow-button>`,
    );
    await until(() => el.matches(':state(error)'), 'error');
    await el.updateComplete;
    const error = $$(el, '[part=error]')[0]!;
    expect(error.textContent).to.contain('The profile could not be loaded.');
    expect(button(el)).to.exist;
    let retried = 0;
    el.fetchProfile = async () => void retried++;
    el.requestUpdate();
    await el.updateComplete;
    error.querySelector('button')!.click();
    expect(retried).to.equal(1);
  });

  it('stops the profile read when removed, and reads again when put back', async () => {
    const { account } = await sandboxAccount();
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button show-profile load="eager" account=${account}></fedi-follow-button>`,
    );
    const parent = el.parentElement!;
    el.remove();
    await settle();
    expect(el.matches(':state(ready)')).to.be.false;
    expect(el.profile).to.equal(undefined);
    parent.append(el);
    await until(() => el.matches(':state(ready)'), 'ready once back');
    expect(el.profile!.author.handle).to.contain('alice');
  });

  it('show-profile speaks French too: its strings come with the profile view', async () => {
    const { account } = await sandboxAccount();
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="fr">
        <fedi-follow-button show-profile load="eager" account=${account}></fedi-follow-button>
        <fedi-follow-button
          show-profile
          load="eager"
          account=${account.replace('alice', 'nobody')}
        ></fedi-follow-button>
      </div>`,
    );
    const [found, missing] = [...wrapper.querySelectorAll('fedi-follow-button')];
    await until(() => found!.matches(':state(ready)'), 'profile ready');
    await until(() => missing!.matches(':state(error)'), 'unknown account');
    await found!.updateComplete;
    await missing!.updateComplete;
    expect($$(found!, '[part=profile]')[0]!.textContent).to.match(/1,3\s?k abonné·e·s/);
    expect($$(missing!, '[part=error]')[0]!.textContent!.trim()).to.equal(
      'Ce compte est introuvable.',
    );
  });

  it('speaks French inside lang="fr", and hides with the hidden attribute', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="fr">
        <fedi-follow-button account="@alice@example.social" name="Alice"></fedi-follow-button>
      </div>`,
    );
    const el = wrapper.querySelector('fedi-follow-button')!;
    await until(() => button(el).textContent!.includes('Suivre'), 'French');
    expect(button(el).getAttribute('aria-label')).to.equal('Suivre Alice (@alice@example.social)');
    button(el).click();
    await until(() => !!dialogOf(el)?.open, 'dialog open');
    expect(dialogOf(el)!.querySelector('h2')!.textContent).to.equal(
      'Suivre Alice depuis votre propre compte',
    );
    dialogOf(el)!.close();
    el.hidden = true;
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('theme="dark" forces the dark scheme', async () => {
    const el = await fixture<FediFollowButton>(
      html`<fedi-follow-button theme="dark" account="@alice@example.social"></fedi-follow-button>`,
    );
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
  });
});
