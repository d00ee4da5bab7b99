// SPDX-License-Identifier: MIT
// A real OAuth sign-in with @fedikit/bluesky/session against the local PDS, in Chromium: the site's
// page (oauth-flow.html, on 127.0.0.1 as loopback OAuth clients require) calls createOAuthSignIn,
// is sent to the PDS's own sign-in page, where this test plays the reader (password, then
// "Authorize"), comes back with a DPoP-bound session and likes a post with it. Run through
// `npm run test:atproto`.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { AtprotoFixtures } from './fixtures.js';

interface TabState {
  readonly url: string;
  readonly result: string | null;
  readonly error: string | null;
  readonly buttons: readonly string[];
  readonly log: readonly string[];
}

const fx = (await (await fetch('/__fedikit/atproto.json')).json()) as AtprotoFixtures | null;
const tab = <T = boolean>(payload: Record<string, unknown>) =>
  executeServerCommand<T, Record<string, unknown>>('atproto-tab', payload) as Promise<T>;
const state = () => tab<TabState>({ action: 'state' });

async function untilTab(ok: (s: TabState) => boolean, what: string): Promise<TabState> {
  let s = await state();
  for (const end = Date.now() + 15_000; !ok(s); s = await state()) {
    if (s.error) throw new Error(`the page failed: ${s.error}`);
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; at ${s.url}; ${s.log.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return s;
}

describe('@fedikit/bluesky/session: OAuth sign-in against the local PDS', function () {
  before(function () {
    if (!fx) {
      console.warn('[atproto] no local AT Protocol network: skipped (run npm run test:atproto)');
      this.skip();
    }
  });
  afterEach(() => tab({ action: 'close' }));

  it('signs in on the PDS’s own page, comes back with a session and likes a post', async function () {
    this.timeout(60_000);
    const f = fx!;
    const bob = f.users.bob;
    const flow = { handle: bob.handle, post: f.posts.image.uri, pds: f.urls.pds, plc: f.urls.plc };
    await tab({
      action: 'open',
      url: `/test/atproto/oauth-flow.html?flow=${encodeURIComponent(JSON.stringify(flow))}`,
    });
    // The reader is on the PDS now (another origin): the site never sees the password.
    const signIn = await untilTab(
      (s) => s.url.startsWith(`${f.urls.pds}/oauth/authorize`) && s.buttons.includes('Sign in'),
      'the PDS sign-in page',
    );
    expect(new URL(signIn.url).searchParams.get('client_id')).to.match(/^http:\/\/localhost\?/);
    await tab({ action: 'fill', selector: 'input[name=password]', value: bob.password });
    await tab({ action: 'click', name: 'Sign in' });
    await untilTab((s) => s.buttons.includes('Authorize'), 'the consent page');
    await tab({ action: 'click', name: 'Authorize' });
    const done = await untilTab((s) => s.result !== null, 'the page to come back and like');
    expect(new URL(done.url).origin).to.equal(location.origin);
    const { did, like } = JSON.parse(done.result!) as { did: string; like: string };
    expect(did).to.equal(bob.did);
    expect(like.startsWith(`at://${bob.did}/app.bsky.feed.like/`)).to.be.true;

    // The like is in Bob's repository, naming the post's exact version.
    const [, , repo, collection, rkey] = like.split('/');
    const params = new URLSearchParams({ repo: repo!, collection: collection!, rkey: rkey! });
    const res = await fetch(`${f.urls.pds}/xrpc/com.atproto.repo.getRecord?${params}`);
    expect(res.status).to.equal(200);
    const record = (await res.json()) as { value: { subject: { uri: string; cid: string } } };
    expect(record.value.subject).to.deep.equal({ uri: f.posts.image.uri, cid: f.posts.image.cid });
  });
});
