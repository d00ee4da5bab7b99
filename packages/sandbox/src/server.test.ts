// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSandbox, type Sandbox } from './server.js';
import { SEED } from './seed.js';

interface Got {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

let sandbox: Sandbox;

async function get(path: string, init: RequestInit = {}): Promise<Got> {
  const response = await fetch(new URL(path, sandbox.url), init);
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: HTML pages, images.
  }
  return { status: response.status, headers: response.headers, text, json };
}

type Status = {
  id: string;
  in_reply_to_id: string | null;
  visibility: string;
  url: string;
  account: { acct: string; avatar: string };
  media_attachments: { url: string }[];
};

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="(\w+)"/.exec(part);
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

before(async () => {
  sandbox = await createSandbox({ port: 0, log: true });
});
after(async () => {
  await sandbox.close();
});

describe('statuses', () => {
  test('a status is served with Mastodon headers and absolute URLs on the sandbox origin', async () => {
    const r = await get(`/api/v1/statuses/${SEED.thread.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(r.headers.get('x-ratelimit-limit'), '300');
    assert.match(r.headers.get('x-ratelimit-remaining') ?? '', /^\d+$/);
    assert.match(
      r.headers.get('x-ratelimit-reset') ?? '',
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
    const status = r.json as Status;
    assert.equal(status.id, SEED.thread.id);
    assert.equal(status.url, `${sandbox.url}${SEED.thread.path}`);
    assert.ok(status.account.avatar.startsWith(`${sandbox.url}/system/`));
    assert.ok(!('favourited' in status), 'anonymous responses carry no viewer fields');
  });

  test('unknown, malformed and hidden statuses are 404 Record not found', async () => {
    for (const id of ['1', 'abc', SEED.thread.hiddenIds[0]!]) {
      const r = await get(`/api/v1/statuses/${id}`);
      assert.equal(r.status, 404, id);
      assert.deepEqual(r.json, { error: 'Record not found' });
    }
  });

  test('the anonymous context is capped at 60 replies and depth 20, like Mastodon', async () => {
    const r = await get(`/api/v1/statuses/${SEED.thread.id}/context`);
    assert.equal(r.status, 200);
    const { ancestors, descendants } = r.json as { ancestors: Status[]; descendants: Status[] };
    assert.deepEqual(ancestors, []);
    assert.equal(descendants.length, SEED.thread.anonymousDescendants);
    assert.equal(descendants.length, 60);
    const ids = new Set(descendants.map((d) => d.id));
    for (const hidden of SEED.thread.hiddenIds)
      assert.ok(!ids.has(hidden), 'private/direct hidden');
    for (const hostile of SEED.thread.hostileIds)
      assert.ok(ids.has(hostile), 'hostile replies visible');
    // Depth: the 25-deep chain is cut after its 20th reply.
    const chain = SEED.thread.deepChainIds;
    assert.ok(ids.has(chain[19]!));
    assert.ok(!ids.has(chain[20]!));
    // Every reply's parent is the root or another returned reply (a well-formed subtree).
    for (const d of descendants) {
      assert.ok(d.in_reply_to_id === SEED.thread.id || ids.has(d.in_reply_to_id ?? ''), d.id);
      assert.ok(d.visibility === 'public' || d.visibility === 'unlisted');
    }
  });

  test('with an Authorization header the whole public thread comes back', async () => {
    const r = await get(`/api/v1/statuses/${SEED.thread.id}/context`, {
      headers: { authorization: 'Bearer sandbox' },
    });
    const { descendants } = r.json as { descendants: Status[] };
    assert.equal(descendants.length, SEED.thread.replies);
    assert.equal(descendants.length, 150);
    assert.ok(descendants.some((d) => d.id === SEED.thread.deepChainIds[24]));
  });

  test('a reply has its ancestors, root first', async () => {
    const leaf = SEED.thread.deepChainIds[4]!;
    const r = await get(`/api/v1/statuses/${leaf}/context`);
    const { ancestors } = r.json as { ancestors: Status[] };
    assert.deepEqual(
      ancestors.map((a) => a.id),
      [SEED.thread.id, ...SEED.thread.deepChainIds.slice(0, 4)],
    );
  });

  test('small and empty threads', async () => {
    const small = (await get(`/api/v1/statuses/${SEED.smallThread.id}/context`)).json as {
      descendants: Status[];
    };
    assert.equal(small.descendants.length, 3);
    const empty = (await get(`/api/v1/statuses/${SEED.emptyThread.id}/context`)).json;
    assert.deepEqual(empty, { ancestors: [], descendants: [] });
  });

  test('a remote post whose replies are still being fetched: Mastodon-Async-Refresh, then all of them', async () => {
    const { id, repliesBeforeRefresh, replies, retry, lateIds } = SEED.asyncThread;
    assert.equal((await get('/__reset', { method: 'DELETE' })).status, 200);
    const read = async () => {
      const r = await get(`/api/v1/statuses/${id}/context`);
      return {
        header: r.headers.get('mastodon-async-refresh'),
        exposed: r.headers.get('access-control-expose-headers') ?? '',
        ids: (r.json as { descendants: Status[] }).descendants.map((d) => d.id),
      };
    };
    // Before the first read: the fetch starts after this (for "still running"); after it: the fetch
    // started before this (for "done").
    const started = Date.now();
    const first = await read();
    const read1 = Date.now();
    // AsyncRefreshesConcern's shape: a MessageVerifier id of the Redis key, retry, result_count.
    const token = Buffer.from(JSON.stringify(`context:${id}:refresh`)).toString('base64');
    assert.equal(
      first.header,
      `id="${token}--${/--([0-9a-f]{40})"/.exec(first.header ?? '')?.[1]}", retry=${retry}, result_count=0`,
    );
    assert.equal(first.ids.length, repliesBeforeRefresh);
    assert.ok(first.ids.every((i) => !lateIds.includes(i)));
    // As on Mastodon, scripts on other origins may not read it.
    assert.doesNotMatch(first.exposed, /async-refresh/i);
    // Still running on a second read within `retry` seconds: same partial answer.
    const second = await read();
    if (Date.now() - started < retry * 1000 - 50) {
      assert.equal(second.header, first.header);
      assert.deepEqual(second.ids, first.ids);
    }
    await new Promise((r) => setTimeout(r, read1 + retry * 1000 - Date.now() + 20));
    const done = await read();
    assert.equal(done.header, null);
    assert.equal(done.ids.length, replies);
    assert.ok(lateIds.every((i) => done.ids.includes(i)));
    // The status itself is readable throughout; /__reset starts the fetch over.
    assert.equal((await get(`/api/v1/statuses/${id}`)).status, 200);
    assert.equal((await get('/__reset', { method: 'POST' })).status, 200);
    assert.equal((await read()).ids.length, repliesBeforeRefresh);
    assert.equal((await get('/__reset')).status, 405);
    const log = (await get('/__log')).json as { path: string }[];
    assert.ok(!log.some((l) => l.path === '/__reset'), '/__reset is not logged');
  });

  test('a quote post carries the quoted status, and a card comes with its status', async () => {
    type Quoted = { state: string; quoted_status: { id: string; quote: unknown; card: unknown } };
    const small = (await get(`/api/v1/statuses/${SEED.smallThread.id}`)).json as {
      quote: Quoted;
    };
    assert.equal(small.quote.state, 'accepted');
    assert.equal(small.quote.quoted_status.id, SEED.thread.id);
    // Nested one level, as Mastodon does: the quoted status's own quote would be an id only.
    assert.equal(small.quote.quoted_status.quote, null);
    assert.match(
      (small.quote.quoted_status.card as { url: string }).url,
      /^https:\/\/alice\.example\//,
    );
    const root = (await get(`/api/v1/statuses/${SEED.thread.id}`)).json as { quote: unknown };
    assert.equal(root.quote, null);
  });

  test('favourited_by lists the author on replies she liked, with a Link header', async () => {
    const r = await get(`/api/v1/statuses/${SEED.thread.id}/favourited_by`);
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.json));
    assert.ok(links(r.headers.get('link'))['prev']?.includes('since_id='));
    const ctx = (
      await get(`/api/v1/statuses/${SEED.thread.id}/context`, { headers: { authorization: 'x' } })
    ).json as { descendants: (Status & { favourites_count: number })[] };
    let liked = 0;
    for (const d of ctx.descendants.filter((x) => x.favourites_count > 0)) {
      const fav = (await get(`/api/v1/statuses/${d.id}/favourited_by`)).json as { acct: string }[];
      assert.equal(fav.length, d.favourites_count);
      if (fav.some((a) => a.acct === 'alice')) liked++;
    }
    assert.equal(liked, SEED.thread.authorFavourites);
    assert.ok(liked > 5);
  });

  test('reblogged_by', async () => {
    const r = await get(`/api/v1/statuses/${SEED.thread.id}/reblogged_by`);
    assert.equal((r.json as unknown[]).length, 4);
  });
});

describe('accounts', () => {
  test('lookup by acct, local and remote; 404 for unknown', async () => {
    const alice = await get('/api/v1/accounts/lookup?acct=alice');
    assert.equal(alice.status, 200);
    assert.equal((alice.json as { id: string }).id, SEED.accounts['alice']!.id);
    const host = new URL(sandbox.url).host;
    const again = await get(`/api/v1/accounts/lookup?acct=${encodeURIComponent(`alice@${host}`)}`);
    assert.equal((again.json as { id: string }).id, SEED.accounts['alice']!.id);
    const gus = await get('/api/v1/accounts/lookup?acct=gus@remote.example');
    assert.equal((gus.json as { url: string }).url, 'https://remote.example/@gus');
    const none = await get('/api/v1/accounts/lookup?acct=nobody');
    assert.equal(none.status, 404);
    assert.deepEqual(none.json, { error: 'Record not found' });
    assert.equal((await get('/api/v1/accounts/1')).status, 404);
  });

  test('the noindex account says so', async () => {
    const quiet = (await get('/api/v1/accounts/lookup?acct=quiet')).json as { noindex: boolean };
    assert.equal(quiet.noindex, true);
  });

  test('account statuses page with Link next/prev like Mastodon', async () => {
    const base = `/api/v1/accounts/${SEED.accounts['alice']!.id}/statuses`;
    const first = await get(`${base}?limit=5`);
    const page1 = first.json as Status[];
    assert.equal(page1.length, 5);
    const l1 = links(first.headers.get('link'));
    assert.equal(l1['next'], `${sandbox.url}${base}?limit=5&max_id=${page1[4]!.id}`);
    assert.equal(l1['prev'], `${sandbox.url}${base}?limit=5&min_id=${page1[0]!.id}`);
    const second = await get(l1['next']!);
    const page2 = second.json as Status[];
    assert.equal(page2.length, 5);
    assert.ok(BigInt(page2[0]!.id) < BigInt(page1[4]!.id));
    const back = (await get(links(second.headers.get('link'))['prev']!)).json as Status[];
    assert.deepEqual(
      back.map((s) => s.id),
      page1.map((s) => s.id),
    );
    // Default 20, max 40.
    assert.equal(((await get(base)).json as Status[]).length, 20);
    assert.equal(((await get(`${base}?limit=500`)).json as Status[]).length, 40);
    // Private posts never show to anonymous readers.
    const all = (await get(`${base}?limit=40`)).json as Status[];
    assert.ok(all.every((s) => s.visibility === 'public' || s.visibility === 'unlisted'));
  });

  test('only_media, exclude_replies, exclude_reblogs, pinned', async () => {
    const base = `/api/v1/accounts/${SEED.accounts['alice']!.id}/statuses?limit=40`;
    const media = (await get(`${base}&only_media=true`)).json as Status[];
    assert.ok(media.length >= 5);
    assert.ok(media.every((s) => s.media_attachments.length > 0));
    const noReplies = (await get(`${base}&exclude_replies=1`)).json as (Status & {
      in_reply_to_account_id: string | null;
      account: { id: string };
    })[];
    assert.ok(
      noReplies.every(
        (s) => s.in_reply_to_id === null || s.in_reply_to_account_id === s.account.id,
      ),
    );
    const all = (await get(base)).json as (Status & { reblog: unknown })[];
    assert.ok(
      all.some((s) => s.reblog !== null),
      'alice has a reblog',
    );
    const noReblogs = (await get(`${base}&exclude_reblogs=true`)).json as (Status & {
      reblog: unknown;
    })[];
    assert.ok(noReblogs.every((s) => s.reblog === null));
    const pinned = (await get(`${base}&pinned=true`)).json as Status[];
    assert.ok(pinned.some((s) => s.id === SEED.thread.id));
  });
});

describe('instance, emoji, discovery', () => {
  test('instance v1/v2, custom emoji, nodeinfo', async () => {
    const v2 = (await get('/api/v2/instance')).json as { domain: string; version: string };
    assert.equal(v2.domain, new URL(sandbox.url).host);
    assert.match(v2.version, /^4\.6\./);
    const v1 = await get('/api/v1/instance/');
    assert.equal(v1.status, 200);
    assert.equal(v1.headers.get('deprecation'), '@1668384000');
    const emoji = (await get('/api/v1/custom_emojis')).json as { shortcode: string; url: string }[];
    assert.deepEqual(
      emoji.map((e) => e.shortcode),
      ['fedikit', 'blobcat', 'party', 'coffee'],
    );
    const image = await fetch(emoji[0]!.url);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/svg+xml');
    assert.ok(image.headers.get('cache-control'));
    const wk = (await get('/.well-known/nodeinfo')).json as { links: { href: string }[] };
    const ni = (await get(wk.links[0]!.href)).json as { software: { name: string } };
    assert.equal(ni.software.name, 'mastodon');
  });

  test('webfinger: accounts, the instance actor, 404s, CORS', async () => {
    const host = new URL(sandbox.url).host;
    const r = await get(`/.well-known/webfinger?resource=acct:alice@${host}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.match(r.headers.get('content-type') ?? '', /^application\/jrd\+json/);
    const jrd = r.json as {
      subject: string;
      aliases: string[];
      links: { rel: string; type?: string; href?: string; template?: string }[];
    };
    assert.equal(jrd.subject, `acct:alice@${host}`);
    assert.ok(jrd.aliases.includes(`${sandbox.url}/@alice`));
    assert.ok(jrd.links.some((l) => l.rel === 'self' && l.type === 'application/activity+json'));
    assert.ok(jrd.links.some((l) => l.rel === 'http://webfinger.net/rel/profile-page'));
    const sub = jrd.links.find((l) => l.rel === 'http://ostatus.org/schema/1.0/subscribe');
    assert.equal(sub?.template, `${sandbox.url}/authorize_interaction?uri={uri}`);
    const actor = await get(`/.well-known/webfinger?resource=acct:${host}@${host}`);
    assert.equal(actor.status, 200);
    assert.equal((actor.json as { subject: string }).subject, `acct:${host}@${host}`);
    assert.equal((await get(`/.well-known/webfinger?resource=acct:nobody@${host}`)).status, 404);
    assert.equal(
      (await get('/.well-known/webfinger?resource=acct:alice@elsewhere.example')).status,
      404,
    );
    assert.equal(
      (await get('/.well-known/webfinger?resource=acct:gus@remote.example')).status,
      404,
    );
  });

  test('webfinger: FEP-3b86 intents next to subscribe, for accounts and the instance actor', async () => {
    const host = new URL(sandbox.url).host;
    const fep = 'https://w3id.org/fep/3b86/';
    for (const user of ['alice', host]) {
      const jrd = (await get(`/.well-known/webfinger?resource=acct:${user}@${host}`)).json as {
        links: { rel: string; template?: string }[];
      };
      const templates = Object.fromEntries(jrd.links.map((l) => [l.rel, l.template]));
      assert.equal(
        templates['http://ostatus.org/schema/1.0/subscribe'],
        `${sandbox.url}/authorize_interaction?uri={uri}`,
        user,
      );
      assert.deepEqual(
        jrd.links.filter((l) => l.rel.startsWith(fep)),
        [
          {
            rel: `${fep}Create`,
            template: `${sandbox.url}/share?text={content}&in_reply_to={inReplyTo}`,
          },
          { rel: `${fep}Object`, template: `${sandbox.url}/authorize_interaction?uri={object}` },
          { rel: `${fep}Follow`, template: `${sandbox.url}/intents/follow?object={object}` },
          { rel: `${fep}Like`, template: `${sandbox.url}/intents/like?object={object}` },
          { rel: `${fep}Announce`, template: `${sandbox.url}/intents/announce?object={object}` },
        ],
        user,
      );
    }
  });

  test('share and intent pages say what they received, escaped', async () => {
    const hostile = '<script>alert(1)</script>"&\'';
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;';
    const object = `${sandbox.url}/users/alice`;
    const shared = await get(
      `/share?text=${encodeURIComponent(`Read this ${hostile}`)}&in_reply_to=${encodeURIComponent(object)}`,
    );
    assert.equal(shared.status, 200);
    assert.match(shared.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(shared.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.ok(shared.text.includes(`Read this ${escaped}`));
    assert.ok(shared.text.includes(`In reply to <a href="${object}"`));
    assert.ok(!shared.text.includes('<script>'));
    const plain = await get('/share?text=hello');
    assert.ok(plain.text.includes('hello') && !plain.text.includes('In reply to'));
    // A hostile reply target is text, never a link.
    const evil = await get(
      `/share?text=x&in_reply_to=${encodeURIComponent('javascript:alert(1)')}`,
    );
    assert.ok(!evil.text.includes('href="javascript'));

    for (const [verb, action] of [
      ['follow', 'follow'],
      ['like', 'like'],
      ['announce', 'boost'],
    ] as const) {
      const page = await get(`/intents/${verb}?object=${encodeURIComponent(object)}`);
      assert.equal(page.status, 200, verb);
      assert.ok(
        page.text
          .replace(/<[^>]*>/g, '')
          .includes(`Sandbox: here you would ${action} ${object} from your account`),
        verb,
      );
      assert.ok(page.text.includes(`href="${object}"`), verb);
      const bad = await get(`/intents/${verb}?object=${encodeURIComponent(hostile)}`);
      assert.ok(bad.text.includes(escaped) && !bad.text.includes('<script>'), verb);
      assert.ok(!/href="[^h/]/.test(bad.text), `${verb}: no link to a non-URL`);
    }
    assert.equal((await get('/intents/block?object=x')).status, 404);
  });

  test('authorize_interaction and HTML pages', async () => {
    const uri = `${sandbox.url}/ap/users/1/statuses/2`;
    const page = await get(`/authorize_interaction?uri=${encodeURIComponent(uri)}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(page.text.includes('Sandbox: here you would reply to'));
    const xss = await get('/authorize_interaction?uri=%3Cscript%3Ealert(1)%3C/script%3E');
    assert.ok(!xss.text.includes('<script>'));
    const profile = await get('/@alice');
    assert.equal(profile.status, 200);
    assert.ok(profile.text.includes('Alice Martin'));
    const post = await get(SEED.thread.path);
    assert.equal(post.status, 200);
    assert.ok(post.text.includes('href="/@alice"'));
    const hostile = await get(`/@mallory@evil.example/${SEED.thread.hostileIds[0]}`);
    assert.ok(
      !/<script|<img/i.test(
        hostile.text.replace(/<\/?(html|head|body|main|footer|meta)[^>]*>/g, ''),
      ),
    );
  });
});

describe('CORS, cookies, log', () => {
  test('API responses expose Mastodon headers; preflights are answered like rack-cors', async () => {
    const r = await get(`/api/v1/statuses/${SEED.thread.id}`, {
      headers: { origin: 'https://blog.example' },
    });
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.equal(
      r.headers.get('access-control-expose-headers'),
      'Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id',
    );
    const pre = await fetch(`${sandbox.url}/api/v1/statuses/${SEED.thread.id}/context`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://blog.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, x-custom',
      },
    });
    assert.equal(pre.status, 200);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.equal(
      pre.headers.get('access-control-allow-methods'),
      'POST, PUT, DELETE, GET, PATCH, OPTIONS',
    );
    assert.equal(pre.headers.get('access-control-allow-headers'), 'authorization, x-custom');
    assert.ok(pre.headers.get('access-control-max-age'));
    const nodeinfo = await get('/nodeinfo/2.0');
    assert.equal(nodeinfo.headers.get('access-control-allow-origin'), '*');
  });

  test('no Set-Cookie on any kind of response', async () => {
    const paths = [
      `/api/v1/statuses/${SEED.thread.id}`,
      `/api/v1/statuses/${SEED.thread.id}/context`,
      '/api/v1/statuses/1',
      '/api/v2/instance',
      '/api/v1/custom_emojis',
      '/.well-known/nodeinfo',
      '/@alice',
      SEED.thread.path,
      '/authorize_interaction?uri=x',
      '/nope',
      '/avatars/original/missing.png',
    ];
    for (const path of paths) {
      const r = await fetch(new URL(path, sandbox.url));
      await r.arrayBuffer();
      assert.equal(r.headers.get('set-cookie'), null, path);
    }
  });

  test('/__log records requests (preflights included, /__log itself excluded)', async () => {
    const clear = await fetch(`${sandbox.url}/__log`, { method: 'DELETE' });
    assert.equal(clear.headers.get('access-control-allow-origin'), '*');
    const pre = await fetch(`${sandbox.url}/__log`, {
      method: 'OPTIONS',
      headers: { origin: 'http://x.example', 'access-control-request-method': 'DELETE' },
    });
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /DELETE/);
    await fetch(`${sandbox.url}/api/v1/statuses/${SEED.thread.id}?x=1`, {
      headers: {
        origin: 'http://page.example',
        referer: 'http://page.example/post',
        cookie: 'a=b',
      },
    });
    await fetch(`${sandbox.url}/api/v1/custom_emojis`, { method: 'OPTIONS' });
    const entries = (await (await fetch(`${sandbox.url}/__log`)).json()) as {
      method: string;
      path: string;
      origin?: string;
      cookie?: string;
      referer?: string;
    }[];
    assert.deepEqual(entries, [
      {
        method: 'GET',
        path: `/api/v1/statuses/${SEED.thread.id}?x=1`,
        origin: 'http://page.example',
        cookie: 'a=b',
        referer: 'http://page.example/post',
      },
      { method: 'OPTIONS', path: '/api/v1/custom_emojis' },
    ]);
  });

  test('without log:true, /__log is 404', async () => {
    const plain = await createSandbox();
    try {
      assert.equal((await fetch(`${plain.url}/__log`)).status, 404);
    } finally {
      await plain.close();
    }
  });
});
