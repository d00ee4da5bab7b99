// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createHomeServer, type HomeServer, type HomeServerOptions } from './home-server.js';
import { createSandbox, type Sandbox } from './server.js';

const FEP = 'https://w3id.org/fep/3b86/';
const SUBSCRIBE = 'http://ostatus.org/schema/1.0/subscribe';

interface Jrd {
  subject: string;
  links: { rel: string; href?: string; template?: string }[];
}

const started: HomeServer[] = [];
async function home(options: HomeServerOptions): Promise<HomeServer> {
  const server = await createHomeServer({ port: 0, ...options });
  started.push(server);
  return server;
}
after(async () => {
  await Promise.all(started.map((s) => s.close()));
});

async function finger(server: HomeServer, user?: string): Promise<Response> {
  const host = new URL(server.url).host;
  return fetch(
    `${server.url}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${user ?? host}@${host}`)}`,
  );
}

/** The page's text without its markup, to check what it says. */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

describe('home server: WebFinger', () => {
  test('a Mastodon 4.6-like home publishes subscribe and FEP-3b86 intents, with CORS', async () => {
    const server = await home({ software: 'mastodon', intents: true });
    const host = new URL(server.url).host;
    const r = await finger(server, 'reader');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.match(r.headers.get('content-type') ?? '', /^application\/jrd\+json/);
    assert.equal(r.headers.get('set-cookie'), null);
    const jrd = (await r.json()) as Jrd;
    assert.equal(jrd.subject, `acct:reader@${host}`);
    const rels = Object.fromEntries(jrd.links.map((l) => [l.rel, l.template ?? l.href]));
    assert.equal(rels[SUBSCRIBE], `${server.url}/authorize_interaction?uri={uri}`);
    assert.equal(
      rels[`${FEP}Create`],
      `${server.url}/share?text={content}&in_reply_to={inReplyTo}`,
    );
    assert.equal(rels[`${FEP}Object`], `${server.url}/authorize_interaction?uri={object}`);
    for (const verb of ['Follow', 'Like', 'Announce']) {
      assert.equal(
        rels[FEP + verb],
        `${server.url}/intents/${verb.toLowerCase()}?object={object}`,
        verb,
      );
    }
    // Anyone on this host, including the `host@host` name core asks for when given a bare domain.
    assert.equal((await finger(server)).status, 200);
  });

  test('subscribe is on by default, intents off; both can be switched', async () => {
    const plain = (await (await finger(await home({ software: 'friendica' }))).json()) as Jrd;
    assert.ok(plain.links.some((l) => l.rel === SUBSCRIBE));
    assert.ok(!plain.links.some((l) => l.rel.startsWith(FEP)));

    const bare = await home({ software: 'gotosocial', subscribe: false });
    const none = (await (await finger(bare)).json()) as Jrd;
    assert.ok(!none.links.some((l) => l.rel === SUBSCRIBE || l.rel.startsWith(FEP)));

    // Intents without subscribe; Create uses the family's own compose page.
    const friendica = await home({ software: 'friendica', intents: true, subscribe: false });
    const jrd = (await (await finger(friendica)).json()) as Jrd;
    assert.ok(!jrd.links.some((l) => l.rel === SUBSCRIBE));
    assert.equal(
      jrd.links.find((l) => l.rel === `${FEP}Create`)?.template,
      `${friendica.url}/compose?body={content}`,
    );
  });

  test('other hosts, other resources and no resource are 404 JSON with CORS', async () => {
    const server = await home({ software: 'mastodon' });
    for (const query of [
      'resource=acct:reader@elsewhere.example',
      `resource=${encodeURIComponent(`${server.url}/users/reader`)}`,
      'resource=reader',
      '',
    ]) {
      const r = await fetch(`${server.url}/.well-known/webfinger?${query}`);
      assert.equal(r.status, 404, query);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/, query);
      assert.equal(r.headers.get('access-control-allow-origin'), '*', query);
      assert.ok(await r.json(), query);
    }
  });

  test('answers CORS preflights on WebFinger', async () => {
    const server = await home({ software: 'mastodon' });
    const r = await fetch(`${server.url}/.well-known/webfinger?resource=x`, {
      method: 'OPTIONS',
      headers: { origin: 'http://page.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(r.status, 204);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
  });
});

describe('home server: NodeInfo', () => {
  for (const software of ['mastodon', 'misskey', 'friendica', 'hubzilla', 'gnusocial']) {
    test(`names ${software}, on the same origin`, async () => {
      const server = await home({ software });
      const wk = await fetch(`${server.url}/.well-known/nodeinfo`);
      assert.equal(wk.headers.get('access-control-allow-origin'), '*');
      const { links } = (await wk.json()) as { links: { rel: string; href: string }[] };
      assert.equal(links.length, 1);
      assert.match(links[0]!.rel, /^http:\/\/nodeinfo\.diaspora\.software\/ns\/schema\/2\.[01]$/);
      assert.ok(links[0]!.href.startsWith(`${server.url}/nodeinfo/2.`));
      const doc = await fetch(links[0]!.href);
      assert.equal(doc.headers.get('access-control-allow-origin'), '*');
      const info = (await doc.json()) as { version: string; software: { name: string } };
      assert.equal(info.software.name, software);
      assert.equal(links[0]!.href.endsWith(info.version), true);
    });
  }

  test('nodeinfoCors: false sends no CORS header on NodeInfo (WebFinger keeps it)', async () => {
    const server = await home({ software: 'friendica', nodeinfoCors: false });
    for (const path of ['/.well-known/nodeinfo', '/nodeinfo/2.0', '/nodeinfo/2.1']) {
      const r = await fetch(`${server.url}${path}`);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('access-control-allow-origin'), null, path);
    }
    assert.equal((await finger(server)).headers.get('access-control-allow-origin'), '*');
  });
});

describe('home server: intent pages', () => {
  let server: HomeServer;
  before(async () => {
    server = await home({ software: 'mastodon', intents: true });
  });

  const hostile = '<script>alert(1)</script> & "quotes" \'too\'';

  async function page(path: string): Promise<string> {
    const r = await fetch(`${server.url}${path}`);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', path);
    assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/, path);
    assert.equal(r.headers.get('set-cookie'), null, path);
    const html = await r.text();
    assert.match(html, /^<!doctype html>\n<html lang="en"><head><meta charset="utf-8">/, path);
    assert.ok(html.trimEnd().endsWith('</html>'), path);
    assert.ok(
      !/<script|<img|href="javascript:/i.test(html),
      `${path}: nothing hostile gets through`,
    );
    return html;
  }

  test('each family’s share page shows the text it received, escaped', async () => {
    const cases: [string, string][] = [
      ['/share?text=', 'Mastodon'],
      ['/compose?body=', 'Friendica'],
      ['/rpost?body=', 'Hubzilla'],
      ['/notice/new?status_textarea=', 'GNU social'],
    ];
    for (const [path, family] of cases) {
      const html = await page(`${path}${encodeURIComponent(`Hello ${hostile}`)}`);
      assert.ok(
        html.includes(
          'Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;',
        ),
        path,
      );
      assert.ok(textOf(html).includes(family), path);
      assert.ok(textOf(html).includes('here you would post'), path);
    }
    // A Misskey home names its own family on the shared `/share` path.
    const misskey = await home({ software: 'misskey' });
    const r = await fetch(`${misskey.url}/share?text=hi`);
    assert.ok(textOf(await r.text()).includes('Misskey'));
  });

  test('the Mastodon share page joins title, text and url, and shows the reply target', async () => {
    const html = await page(
      `/share?title=T&text=${encodeURIComponent('the text')}&url=${encodeURIComponent('http://blog.example/a')}&in_reply_to=${encodeURIComponent('http://127.0.0.1:4871/@alice/1')}`,
    );
    assert.ok(html.includes('T the text http://blog.example/a'));
    assert.ok(html.includes('In reply to <a href="http://127.0.0.1:4871/@alice/1"'));
    const empty = await page('/share');
    assert.ok(textOf(empty).includes('No text was given'));
  });

  test('follow, like, boost and remote interaction pages show the object as a safe link', async () => {
    const object = 'http://127.0.0.1:4871/users/alice?a=1&b="2"';
    for (const [verb, action] of [
      ['follow', 'follow'],
      ['like', 'like'],
      ['announce', 'boost'],
    ]) {
      const html = await page(`/intents/${verb}?object=${encodeURIComponent(object)}`);
      assert.ok(
        textOf(html).includes(`Sandbox: here you would ${action} `),
        `${verb}: says what it would do`,
      );
      assert.ok(
        html.includes('href="http://127.0.0.1:4871/users/alice?a=1&amp;b=&quot;2&quot;"'),
        verb,
      );
      const evil = await page(`/intents/${verb}?object=${encodeURIComponent(hostile)}`);
      assert.ok(!evil.includes('href="&lt;'), `${verb}: no link to a non-URL`);
      assert.ok(evil.includes('&lt;script&gt;'), verb);
    }
    const js = await page(`/intents/like?object=${encodeURIComponent('javascript:alert(1)')}`);
    assert.ok(!js.includes('href="javascript'));
    const auth = await page(`/authorize_interaction?uri=${encodeURIComponent(hostile)}`);
    assert.ok(textOf(auth).includes('here you would reply to, boost or like'));
    assert.equal((await fetch(`${server.url}/intents/delete?object=x`)).status, 404);
  });

  test('unknown paths are 404; other methods 405', async () => {
    assert.equal((await fetch(`${server.url}/api/v1/instance`)).status, 404);
    assert.equal((await fetch(`${server.url}/share?text=x`, { method: 'POST' })).status, 405);
  });
});

describe('home server: lifecycle', () => {
  test('close resolves promptly with a connection held open', async () => {
    const server = await createHomeServer({ software: 'mastodon' });
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n'); // an unfinished request
    socket.on('error', () => undefined);
    const started = Date.now();
    await server.close();
    assert.ok(Date.now() - started < 1000, 'closed within a second');
    socket.destroy();
  });

  test('a busy port is a ListenError EADDRINUSE', async () => {
    const first = await home({ software: 'mastodon' });
    await assert.rejects(
      createHomeServer({ software: 'mastodon', port: Number(new URL(first.url).port) }),
      (error: Error & { code?: string; port?: number }) =>
        error.name === 'ListenError' && error.code === 'EADDRINUSE',
    );
  });
});

// End to end with core's own resolver (its built output), when it has been built: every server
// shape resolves to the page the sandbox serves.
const coreIntents = fileURLToPath(new URL('../../core/dist/intents.js', import.meta.url));
const coreShare = fileURLToPath(new URL('../../core/dist/share.js', import.meta.url));
describe('core intents against the sandbox servers', { skip: !existsSync(coreIntents) }, () => {
  interface Core {
    intentUrl(home: string, verb: string, values: Record<string, string>): Promise<string>;
    shareUrl(home: string, text: string): Promise<string>;
  }
  let core: Core;
  let sandbox: Sandbox;
  before(async () => {
    core = { ...(await import(coreIntents)), ...(await import(coreShare)) } as Core;
    sandbox = await createSandbox();
  });
  after(async () => {
    await sandbox.close();
  });
  const object = 'http://127.0.0.1:4871/users/alice';

  test('a home with intents: the verb’s intent, the Create intent for sharing', async () => {
    const server = await home({ software: 'mastodon', intents: true });
    const host = new URL(server.url).host;
    const follow = await core.intentUrl(host, 'Follow', { object });
    assert.equal(follow, `${server.url}/intents/follow?object=${encodeURIComponent(object)}`);
    assert.ok(textOf(await (await fetch(follow)).text()).includes('here you would follow'));
    const share = await core.shareUrl(`@me@${host}`, 'Hi & bye');
    assert.equal(share, `${server.url}/share?text=Hi%20%26%20bye&in_reply_to=`);
    assert.ok((await (await fetch(share)).text()).includes('Hi &amp; bye'));
  });

  test('a home without intents: subscribe for follows, nodeinfo for sharing', async () => {
    const server = await home({ software: 'friendica' });
    const host = new URL(server.url).host;
    assert.equal(
      await core.intentUrl(host, 'Like', { object }),
      `${server.url}/authorize_interaction?uri=${encodeURIComponent(object)}`,
    );
    const share = await core.shareUrl(host, 'Hi');
    assert.equal(share, `${server.url}/compose?body=Hi`);
    assert.equal((await fetch(share)).status, 200);
    for (const [software, path] of [
      ['hubzilla', '/rpost?body=Hi'],
      ['gnusocial', '/notice/new?status_textarea=Hi'],
      ['misskey', '/share?text=Hi'],
    ]) {
      const other = await home({ software: software!, subscribe: false });
      assert.equal(await core.shareUrl(new URL(other.url).host, 'Hi'), `${other.url}${path}`);
    }
  });

  test('the sandbox instance itself publishes Mastodon 4.6’s intents', async () => {
    const host = new URL(sandbox.url).host;
    const reply = await core.intentUrl(`@alice@${host}`, 'Create', {
      content: 'Agreed',
      inReplyTo: object,
    });
    assert.equal(
      reply,
      `${sandbox.url}/share?text=Agreed&in_reply_to=${encodeURIComponent(object)}`,
    );
    const html = await (await fetch(reply)).text();
    assert.ok(html.includes('Agreed') && html.includes(`href="${object}"`));
  });
});
