// SPDX-License-Identifier: MIT
// The handler against a real local upstream server whose every answer the test chooses, reached
// through the real guarded fetch: allow-lists, tokens, caching, 429s, caps, deadlines, redirects.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createMemoryCache } from './cache.js';
import { createProxyHandler, type ProxyConfig } from './handler.js';
import { createGuardedFetch } from './node.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A local server standing in for an instance: routes by path, and a log of what it was asked. */
async function upstreamServer() {
  const routes = new Map<string, Route>();
  const log: { path: string; authorization?: string; cookie?: string; range?: string }[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const { authorization, cookie, range } = req.headers;
    log.push({ path, authorization, cookie, range });
    const route = routes.get(path);
    if (route) return route(req, res);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Record not found"}');
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  return {
    routes,
    log,
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

type Upstream = Awaited<ReturnType<typeof upstreamServer>>;
let up: Upstream;
let other: Upstream;

const TOKEN = 'sekret-token-7f3a9c';

function status(origin: string, id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    uri: `${origin}/users/alice/statuses/${id}`,
    url: `${origin}/@alice/${id}`,
    account: {
      id: '9',
      username: 'alice',
      acct: 'alice',
      display_name: 'Alice',
      url: `${origin}/@alice`,
      avatar: `${origin}/media/avatar.png`,
      avatar_static: `${origin}/media/avatar.png`,
      emojis: [],
    },
    content: '<p>Hello</p>',
    created_at: '2026-01-01T00:00:00.000Z',
    visibility: 'public',
    media_attachments: [
      {
        id: 'm1',
        type: 'image',
        url: `${origin}/media/photo.png`,
        preview_url: `${origin}/media/photo-small.png`,
        description: 'A photo',
      },
    ],
    emojis: [],
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    ...extra,
  };
}

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}): Route =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

/** Serves status `id` and an empty context, like Mastodon. */
function serveStatus(u: Upstream, id: string, extra?: Record<string, unknown>) {
  u.routes.set(`/api/v1/statuses/${id}`, json(status(u.origin, id, extra)));
  u.routes.set(`/api/v1/statuses/${id}/context`, json({ ancestors: [], descendants: [] }));
}

function handler(config: Partial<ProxyConfig> = {}) {
  const optIn = [up.host, other.host];
  return createProxyHandler({
    hosts: [up.host],
    allowPrivateAddresses: optIn,
    fetch: createGuardedFetch({ allowPrivateAddresses: optIn }),
    timeout: 2000,
    ...config,
  });
}

const get = (h: (r: Request) => Promise<Response>, path: string, headers: HeadersInit = {}) =>
  h(new Request(`http://site.example${path}`, { headers }));
const q = (ref: string) => `?ref=${encodeURIComponent(ref)}`;

before(async () => {
  up = await upstreamServer();
  other = await upstreamServer();
});
after(async () => {
  await up.close();
  await other.close();
});
beforeEach(() => {
  up.routes.clear();
  up.log.length = 0;
  other.routes.clear();
  other.log.length = 0;
});

describe('reads', () => {
  test('serves a thread as the core model, with JSON headers', async () => {
    serveStatus(up, '1');
    const res = await get(handler(), `/fedikit/thread${q(`${up.origin}/@alice/1`)}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/json/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const body = await res.json();
    assert.equal(body.root.id, '1');
    assert.equal(body.root.author.handle, `alice@${up.host}`);
    assert.equal(body.root.createdAt, '2026-01-01T00:00:00.000Z');
  });

  test('a base path of its own, and 404 outside the reads', async () => {
    serveStatus(up, '1');
    const h = handler({ basePath: '/api/social/' });
    assert.equal((await get(h, `/api/social/post${q(`${up.origin}/@alice/1`)}`)).status, 200);
    const none = await get(h, '/api/social/nothing');
    assert.equal(none.status, 404);
    assert.deepEqual(await none.json(), { error: { code: 'NOT_FOUND', message: 'No such read' } });
    assert.equal((await get(h, `/fedikit/post${q(`${up.origin}/@alice/1`)}`)).status, 404);
  });

  test('bad input is a 400 with the contract error body', async () => {
    const h = handler();
    for (const path of [
      '/fedikit/thread',
      `/fedikit/thread${q('not a thing')}`,
      `/fedikit/profile${q(`${up.origin}/@alice/1`)}`,
      `/fedikit/thread${q(`${up.origin}/@alice/1`)}&sort=random`,
      `/fedikit/posts${q(`@alice@${up.host}`)}&limit=5000`,
      `/fedikit/thread${q(`${up.origin}/@alice/1`)}&filters=%7Bnope`,
    ]) {
      const res = await get(h, path);
      assert.equal(res.status, 400, path);
      assert.equal((await res.json()).error.code, 'INVALID_INPUT', path);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
    assert.equal(up.log.length, 0, 'nothing was asked upstream');
  });

  test('only GET, HEAD and OPTIONS', async () => {
    const res = await handler()(
      new Request('http://site.example/fedikit/thread', { method: 'POST' }),
    );
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS');
  });

  test('upstream 404 and a token-only server map to the contract statuses', async () => {
    up.routes.set('/api/v1/statuses/7', (_req, res) =>
      res.writeHead(302, { location: '/login' }).end(),
    );
    up.routes.set('/login', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<form><input type=password>'),
    );
    const h = handler();
    const missing = await get(h, `/fedikit/post${q(`${up.origin}/@alice/404`)}`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.code, 'NOT_FOUND');
    const login = await get(h, `/fedikit/post${q(`${up.origin}/@alice/7`)}`);
    assert.equal(login.status, 403);
    assert.equal((await login.json()).error.code, 'AUTH_REQUIRED');
  });
});

describe('runtime neutrality', () => {
  test('the handler and what it imports use no Node built-in (edge runtimes run them)', () => {
    for (const file of ['index.js', 'handler.js', 'upstream.js', 'cache.js', 'address.js']) {
      // Without comments: the TSDoc examples show Node usage on purpose.
      const code = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      assert.doesNotMatch(code, /from ['"]node:|import\(['"]node:|require\(/, file);
      assert.doesNotMatch(code, /\bBuffer\b|\bprocess\./, file);
    }
  });

  test('HEAD answers the headers without a body', async () => {
    serveStatus(up, '1');
    const res = await handler()(
      new Request(`http://site.example/fedikit/post${q(`${up.origin}/@alice/1`)}`, {
        method: 'HEAD',
      }),
    );
    assert.equal(res.status, 200);
    assert.ok(res.headers.get('etag'));
    assert.equal(await res.text(), '');
  });
});

describe('allow-lists', () => {
  test('a host not on the list is refused before any request', async () => {
    const res = await get(handler(), `/fedikit/thread${q(`${other.origin}/@alice/1`)}`);
    assert.equal(res.status, 400);
    assert.match((await res.json()).error.message, /allow-list/);
    assert.equal(other.log.length, 0);
  });

  test('wildcards match subdomains only', async () => {
    const h = handler({ hosts: ['*.example.org'] });
    const res = await get(h, `/fedikit/thread${q('https://example.org/@a/1')}`);
    assert.equal(res.status, 400);
  });

  test('accounts: other authors refused, by name before reading and by the answer after', async () => {
    serveStatus(up, '1');
    const h = handler({ accounts: [`@bob@${up.host}`] });
    const byName = await get(h, `/fedikit/profile${q(`@alice@${up.host}`)}`);
    assert.equal(byName.status, 400);
    assert.equal(up.log.length, 0);
    // `/ap/users/…` URLs name no account: the author is only known from the answer.
    const byAnswer = await get(h, `/fedikit/thread${q(`${up.origin}/ap/users/9/statuses/1`)}`);
    assert.equal(byAnswer.status, 400);
    assert.match((await byAnswer.json()).error.message, /account/);
    const allowed = handler({ accounts: [`@alice@${up.host}`] });
    assert.equal((await get(allowed, `/fedikit/thread${q(`${up.origin}/@alice/1`)}`)).status, 200);
  });
});

describe('allow-lists: pages', () => {
  test("a page keeps only the listed accounts' posts", async () => {
    const bob = { id: '10', username: 'bob', acct: 'bob', url: `${up.origin}/@bob`, emojis: [] };
    // Account reads go through WebFinger first (the Pixelfed provider serves the Mastodon family).
    up.routes.set('/.well-known/webfinger', json({ subject: `acct:alice@${up.host}`, links: [] }));
    up.routes.set('/api/v1/accounts/lookup', json(status(up.origin, '1').account));
    up.routes.set(
      '/api/v1/accounts/9/statuses',
      json([status(up.origin, '2'), status(up.origin, '3', { account: bob })]),
    );
    const h = handler({ accounts: [`alice@${up.host}`] });
    const res = await get(h, `/fedikit/posts${q(`@alice@${up.host}`)}&media=1`);
    assert.equal(res.status, 200);
    const page = await res.json();
    assert.deepEqual(
      page.posts.map((p: { id: string }) => p.id),
      ['2'],
    );
    assert.equal(new URL(up.log.at(-1)!.path, up.origin).pathname, '/api/v1/accounts/9/statuses');
  });
});

describe('caching', () => {
  test('a second read comes from the cache; ETag and 304', async () => {
    serveStatus(up, '1');
    const h = handler();
    const path = `/fedikit/post${q(`${up.origin}/@alice/1`)}`;
    const first = await get(h, path);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+"$/);
    const second = await get(h, path);
    assert.equal(second.headers.get('etag'), etag);
    assert.equal(await second.text(), await first.text());
    assert.equal(up.log.filter((l) => l.path === '/api/v1/statuses/1').length, 1);
    const revalidated = await get(h, path, { 'if-none-match': `W/"zzz", ${etag}` });
    assert.equal(revalidated.status, 304);
    assert.equal(await revalidated.text(), '');
    assert.equal(revalidated.headers.get('etag'), etag);
    const changed = await get(h, path, { 'if-none-match': '"other"' });
    assert.equal(changed.status, 200);
  });

  test('a thread the server is still completing (Mastodon-Async-Refresh) is cached only until then', async () => {
    serveStatus(up, '1');
    up.routes.set(
      '/api/v1/statuses/1/context',
      json({ ancestors: [], descendants: [] }, 200, {
        'mastodon-async-refresh': 'id="ImNvbnRleHQi--c526", retry=5, result_count=0',
      }),
    );
    let now = 0;
    const h = handler({ cache: createMemoryCache({ now: () => now }) });
    const path = `/fedikit/thread${q(`${up.origin}/@alice/1`)}`;
    const res = await get(h, path);
    assert.deepEqual((await res.json()).pending, { retryAfter: 5 });
    assert.equal(res.headers.get('cache-control'), 'public, max-age=5');
    const reads = () => up.log.filter((l) => l.path === '/api/v1/statuses/1/context').length;
    now = 4_000;
    await get(h, path);
    assert.equal(reads(), 1);
    now = 5_000;
    await get(h, path);
    assert.equal(reads(), 2);
  });

  test('entries expire after the ttl; the same ref spelled another way shares the entry', async () => {
    serveStatus(up, '1');
    let now = 0;
    const h = handler({ ttl: 30, cache: createMemoryCache({ now: () => now }) });
    await get(h, `/fedikit/post${q(`${up.origin}/@alice/1`)}`);
    await get(h, `/fedikit/post${q(`${up.origin}/@alice/1/`)}`);
    assert.equal(up.log.filter((l) => l.path === '/api/v1/statuses/1').length, 1);
    now = 30_000;
    await get(h, `/fedikit/post${q(`${up.origin}/@alice/1`)}`);
    assert.equal(up.log.filter((l) => l.path === '/api/v1/statuses/1').length, 2);
  });

  test('concurrent identical reads share one upstream read', async () => {
    serveStatus(up, '1');
    const h = handler();
    const path = `/fedikit/post${q(`${up.origin}/@alice/1`)}`;
    const all = await Promise.all([get(h, path), get(h, path), get(h, path)]);
    assert.deepEqual(
      all.map((r) => r.status),
      [200, 200, 200],
    );
    assert.equal(up.log.length, 1);
  });

  test('errors are not cached', async () => {
    const h = handler();
    const path = `/fedikit/post${q(`${up.origin}/@alice/5`)}`;
    assert.equal((await get(h, path)).status, 404);
    serveStatus(up, '5');
    assert.equal((await get(h, path)).status, 200);
  });
});

describe('CORS', () => {
  const path = () => `/fedikit/post${q(`${up.origin}/@alice/1`)}`;
  test('an allowed origin gets the CORS headers; others are refused', async () => {
    serveStatus(up, '1');
    const h = handler({ origins: ['https://blog.example'] });
    const ok = await get(h, path(), { origin: 'https://blog.example' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://blog.example');
    assert.match(ok.headers.get('access-control-expose-headers')!, /ETag/);
    assert.match(ok.headers.get('vary')!, /Origin/);
    const foreign = await get(h, path(), { origin: 'https://evil.example' });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    // Same-origin requests (no Origin header, or the proxy's own) need no listing.
    assert.equal((await get(h, path())).status, 200);
    assert.equal((await get(h, path(), { origin: 'http://site.example' })).status, 200);
  });

  test('preflight', async () => {
    const h = handler({ origins: ['https://blog.example'] });
    const pre = await h(
      new Request(`http://site.example${path()}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://blog.example', 'access-control-request-method': 'GET' },
      }),
    );
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://blog.example');
    assert.match(pre.headers.get('access-control-allow-methods')!, /GET/);
    assert.match(pre.headers.get('access-control-allow-headers')!, /If-None-Match/);
    const refused = await h(
      new Request(`http://site.example${path()}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example' },
      }),
    );
    assert.equal(refused.status, 400);
    assert.equal(up.log.length, 0);
  });
});

describe('tokens', () => {
  test('sent to their host only, and never in any response', async () => {
    // A hostile upstream that echoes whatever Authorization it got, everywhere it can.
    const echo =
      (status: number): Route =>
      (req, res) => {
        const auth = req.headers.authorization ?? '';
        res.writeHead(status, { 'content-type': 'application/json', 'x-echo': auth });
        res.end(JSON.stringify({ error: auth, ...(status === 200 ? status1(auth) : {}) }));
      };
    const status1 = (auth: string) => status(up.origin, '1', { content: `<p>${auth}</p>` });
    up.routes.set('/api/v1/statuses/1', echo(200));
    up.routes.set('/api/v1/statuses/1/context', json({ ancestors: [], descendants: [] }));
    up.routes.set('/api/v1/statuses/2', echo(500));
    up.routes.set('/api/v1/statuses/3', echo(429));
    up.routes.set('/api/v1/statuses/4', echo(404));
    up.routes.set('/api/v1/statuses/5', (_req, res) =>
      res.writeHead(302, { location: `${other.origin}/api/v1/statuses/5` }).end(),
    );
    other.routes.set('/api/v1/statuses/5', echo(200));
    up.routes.set('/api/v1/statuses/6', (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id": "6", "broken": "${req.headers.authorization}`);
    });
    up.routes.set('/api/v1/accounts/lookup', echo(403));
    const h = handler({
      hosts: [up.host, other.host],
      tokens: { [up.host]: TOKEN },
      ttl: 0,
    });
    const responses = await Promise.all([
      ...['1', '2', '3', '4', '5', '6'].map((id) =>
        get(h, `/fedikit/thread${q(`${up.origin}/@alice/${id}`)}`),
      ),
      get(h, `/fedikit/profile${q(`@alice@${up.host}`)}`),
      get(h, `/fedikit/posts${q(`@alice@${up.host}`)}&media=1`),
      get(h, `/fedikit/post${q(`${up.origin}/@alice/1`)}`, { origin: 'https://evil.example' }),
    ]);
    for (const res of responses) {
      const text = await res.text();
      assert.ok(!text.includes(TOKEN), `body of a ${res.status}: ${text}`);
      res.headers.forEach((value, name) =>
        assert.ok(!value.includes(TOKEN), `header ${name} of a ${res.status}`),
      );
    }
    // The token went to its host (so the test proves something), never to the redirect target.
    assert.ok(up.log.some((l) => l.authorization === `Bearer ${TOKEN}`));
    assert.ok(other.log.length > 0);
    assert.ok(other.log.every((l) => l.authorization === undefined));
    // The echoing 200 became a 500 rather than pass the token on.
    assert.equal(responses[0]!.status, 500);
  });

  test('no cookie goes upstream, and no Set-Cookie comes back', async () => {
    up.routes.set('/api/v1/statuses/1', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'id=1' });
      res.end(JSON.stringify(status(up.origin, '1')));
    });
    const res = await get(handler(), `/fedikit/post${q(`${up.origin}/@alice/1`)}`, {
      cookie: 'session=reader',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('set-cookie'), null);
    assert.equal(up.log[0]!.cookie, undefined);
  });
});

describe('upstream limits', () => {
  test('a 429 is passed on with its reset, and the server is left alone until then', async () => {
    up.routes.set(
      '/api/v1/statuses/1',
      json({ error: 'Too many requests' }, 429, { 'retry-after': '120' }),
    );
    const h = handler();
    const res = await get(h, `/fedikit/post${q(`${up.origin}/@alice/1`)}`);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '120');
    assert.equal((await res.json()).error.code, 'RATE_LIMITED');
    const asked = up.log.length;
    const again = await get(h, `/fedikit/post${q(`${up.origin}/@alice/2`)}`);
    assert.equal(again.status, 429);
    assert.ok(Number(again.headers.get('retry-after')) > 100);
    assert.equal(up.log.length, asked, 'no request before the reset');
  });

  test("Mastodon's X-RateLimit-Reset date is passed on as seconds", async () => {
    const reset = new Date(Date.now() + 300_000).toISOString();
    up.routes.set('/api/v1/statuses/1', json({}, 429, { 'x-ratelimit-reset': reset }));
    const res = await get(handler(), `/fedikit/post${q(`${up.origin}/@alice/1`)}`);
    assert.equal(res.status, 429);
    const seconds = Number(res.headers.get('retry-after'));
    assert.ok(seconds > 290 && seconds <= 300, String(seconds));
  });

  test('an AT Protocol RateLimit-Reset in epoch seconds is passed on as seconds', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 90);
    up.routes.set('/api/v1/statuses/1', json({}, 429, { 'ratelimit-reset': reset }));
    const res = await get(handler(), `/fedikit/post${q(`${up.origin}/@alice/1`)}`);
    const seconds = Number(res.headers.get('retry-after'));
    assert.ok(seconds > 80 && seconds <= 91, String(seconds));
  });

  test('an answer over the byte cap is a 502 TOO_LARGE', async () => {
    up.routes.set('/api/v1/statuses/1', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // 3 MiB, over core's 2 MiB cap, without a Content-Length.
      res.end(JSON.stringify({ id: '1', content: 'x'.repeat(3 * 1024 * 1024) }));
    });
    const res = await get(handler(), `/fedikit/post${q(`${up.origin}/@alice/1`)}`);
    assert.equal(res.status, 502);
    assert.equal((await res.json()).error.code, 'TOO_LARGE');
  });

  test('the guarded fetch caps bodies itself too', async () => {
    up.routes.set('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(200_000));
    });
    const f = createGuardedFetch({ allowPrivateAddresses: true, maxBytes: 100_000 });
    const res = await f(`${up.origin}/big`);
    await assert.rejects(res.arrayBuffer());
  });

  test('a server that never answers hits the deadline: 504', async () => {
    up.routes.set('/api/v1/statuses/1', () => undefined);
    const started = Date.now();
    const res = await get(handler({ timeout: 600 }), `/fedikit/post${q(`${up.origin}/@alice/1`)}`);
    const took = Date.now() - started;
    assert.equal(res.status, 504);
    assert.equal((await res.json()).error.code, 'TIMEOUT');
    assert.ok(took < 1500, `${took} ms`);
  });

  test('a body that trickles hits the deadline too', async () => {
    up.routes.set('/api/v1/statuses/1', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id": "1",');
      // …and nothing more.
    });
    const res = await get(handler({ timeout: 600 }), `/fedikit/post${q(`${up.origin}/@alice/1`)}`);
    assert.equal(res.status, 504);
  });
});

describe('SSRF', () => {
  const strict = (config: Partial<ProxyConfig> = {}) =>
    createProxyHandler({ hosts: ['*'], fetch: createGuardedFetch(), timeout: 2000, ...config });

  test('loopback, private and link-local literals are refused before connecting', async () => {
    serveStatus(up, '1');
    const h = strict();
    for (const origin of [
      up.origin,
      `http://localhost:${up.origin.split(':')[2]}`,
      'http://[::1]',
      'http://[::ffff:127.0.0.1]',
      'https://169.254.169.254',
      'https://10.0.0.1',
      'https://192.168.0.1',
      'https://0x7f000001',
    ]) {
      const res = await get(h, `/fedikit/post${q(`${origin}/@alice/1`)}`);
      // Plain http off loopback is no post URL at all (core refuses it): also a 400.
      assert.equal(res.status, 400, origin);
      assert.equal((await res.json()).error.code, 'INVALID_INPUT', origin);
    }
    assert.equal(up.log.length, 0);
  });

  test('a DNS name resolving to a private address is refused at connect time', async () => {
    const fake = (addresses: { address: string; family: number }[]) =>
      ((_host: string, _o: unknown, cb: (e: null, a: typeof addresses) => void) =>
        cb(null, addresses)) as never;
    for (const addresses of [
      [{ address: '127.0.0.1', family: 4 }],
      [{ address: '::ffff:169.254.169.254', family: 6 }],
      // One private address among public ones is enough to refuse.
      [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ],
    ]) {
      const f = createGuardedFetch({ lookup: fake(addresses) });
      await assert.rejects(f('https://rebind.example/'), /private address/);
      const h = strict({ fetch: f });
      const res = await get(h, `/fedikit/post${q('https://rebind.example/@alice/1')}`);
      assert.equal(res.status, 400);
      assert.match((await res.json()).error.message, /private address/);
    }
  });

  test('the real resolver: localhost is refused', async () => {
    const port = up.origin.split(':')[2];
    await assert.rejects(createGuardedFetch()(`http://localhost:${port}/`), /private address/);
    assert.equal(up.log.length, 0);
  });

  test('redirects: to a private address, to file: or javascript:, more than 2 hops', async () => {
    const hop =
      (location: string): Route =>
      (_req, res) =>
        res.writeHead(302, { location }).end();
    up.routes.set('/api/v1/statuses/1', hop('http://169.254.169.254/latest/meta-data/'));
    up.routes.set('/api/v1/statuses/2', hop(`http://127.0.0.1:1/`));
    up.routes.set('/api/v1/statuses/3', hop('file:///etc/passwd'));
    up.routes.set('/api/v1/statuses/4', hop('javascript:alert(1)'));
    up.routes.set('/api/v1/statuses/5', hop('/api/v1/statuses/6'));
    up.routes.set('/api/v1/statuses/6', hop('/api/v1/statuses/7'));
    up.routes.set('/api/v1/statuses/7', hop('/api/v1/statuses/8'));
    up.routes.set('/api/v1/statuses/8', json(status(up.origin, '8')));
    up.routes.set('/api/v1/statuses/9', hop('/api/v1/statuses/10'));
    up.routes.set('/api/v1/statuses/10', hop('/api/v1/statuses/8'));
    up.routes.set('/api/v1/statuses/11', hop(`${other.origin}/x`));
    const h = handler();
    const read = async (id: string) => {
      const res = await get(h, `/fedikit/post${q(`${up.origin}/@alice/${id}`)}`);
      return { status: res.status, body: await res.json() };
    };
    for (const [id, reason] of [
      ['1', /private address/],
      ['2', /private address/],
      ['3', /file:/],
      ['4', /javascript:/],
      ['5', /More than 2 redirects/],
      ['11', /allow-list/],
    ] as const) {
      const { status: code, body } = await read(id);
      assert.equal(code, 400, id);
      assert.match(body.error.message, reason, id);
    }
    assert.equal(other.log.length, 0);
    // Two hops are fine.
    assert.equal((await read('9')).status, 200);
  });

  test('the guarded fetch alone follows at most 2 redirects, re-checking each', async () => {
    up.routes.set('/a', (_req, res) => res.writeHead(301, { location: '/b' }).end());
    up.routes.set('/b', (_req, res) => res.writeHead(301, { location: '/c' }).end());
    up.routes.set('/c', (_req, res) => res.writeHead(301, { location: '/d' }).end());
    up.routes.set('/d', (_req, res) => res.writeHead(200).end('done'));
    up.routes.set('/p', (_req, res) => res.writeHead(301, { location: 'http://[::1]:1/' }).end());
    const f = createGuardedFetch({ allowPrivateAddresses: [up.host] });
    assert.equal(await (await f(`${up.origin}/b`)).text(), 'done');
    await assert.rejects(f(`${up.origin}/a`), /More than 2 redirects/);
    await assert.rejects(f(`${up.origin}/p`), /private address/);
    await assert.rejects(f('file:///etc/passwd'), /only http and https/);
  });
});

describe('media', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const servePng: Route = (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
    res.end(png);
  };

  test('answers point media at the proxy, signed; only those URLs are served', async () => {
    serveStatus(up, '1');
    serveStatus(up, '2', { quote: { state: 'accepted', quoted_status: status(up.origin, '1') } });
    serveStatus(up, '3', {
      media_attachments: [],
      card: { url: 'https://news.example/story', title: 'T', image: `${up.origin}/media/card.png` },
    });
    up.routes.set('/media/photo.png', servePng);
    up.routes.set('/secret.json', json({ secret: true }));
    const h = handler({ media: { secret: 'k' } });
    const body = await (await get(h, `/fedikit/post${q(`${up.origin}/@alice/1`)}`)).json();
    const photo = new URL(body.media[0].url);
    assert.equal(photo.origin, 'http://site.example');
    assert.equal(photo.pathname, '/fedikit/media');
    assert.equal(photo.searchParams.get('url'), `${up.origin}/media/photo.png`);
    assert.match(body.media[0].previewUrl, /^http:\/\/site\.example\/fedikit\/media\?/);
    assert.match(body.author.avatar, /^http:\/\/site\.example\/fedikit\/media\?/);
    // The post's own link is a link, not a file: unchanged.
    assert.equal(body.url, `${up.origin}/@alice/1`);
    // A quoted post's media and a card's picture are files too.
    const quoted = await (await get(h, `/fedikit/post${q(`${up.origin}/@alice/2`)}`)).json();
    assert.match(quoted.embed.post.media[0].url, /^http:\/\/site\.example\/fedikit\/media\?/);
    const carded = await (await get(h, `/fedikit/post${q(`${up.origin}/@alice/3`)}`)).json();
    assert.equal(carded.embed.url, 'https://news.example/story');
    assert.match(carded.embed.image, /^http:\/\/site\.example\/fedikit\/media\?/);
    const file = await get(h, photo.pathname + photo.search);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.match(file.headers.get('content-security-policy')!, /sandbox/);
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), png);
    // Unsigned, or signed for another URL: refused without a request.
    const before = up.log.length;
    for (const search of [
      `?url=${encodeURIComponent(`${up.origin}/secret.json`)}`,
      `?url=${encodeURIComponent(`${up.origin}/secret.json`)}&sig=${photo.searchParams.get('sig')}`,
    ]) {
      const res = await get(h, `/fedikit/media${search}`);
      assert.equal(res.status, 400);
    }
    assert.equal(up.log.length, before);
  });

  test('allowed media hosts need no signature; only images and videos; a byte cap', async () => {
    up.routes.set('/a.png', servePng);
    up.routes.set('/page.html', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>'),
    );
    up.routes.set('/big.png', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.alloc(5000));
    });
    const h = handler({ media: { hosts: [up.host], maxBytes: 1000 } });
    const m = (path: string) =>
      get(h, `/fedikit/media?url=${encodeURIComponent(up.origin + path)}`);
    assert.equal((await m('/a.png')).status, 200);
    const html = await m('/page.html');
    assert.equal(html.status, 502);
    assert.equal((await html.json()).error.code, 'INVALID_RESPONSE');
    const big = await m('/big.png');
    await assert.rejects(big.arrayBuffer());
  });

  test('byte ranges are passed on, so videos play and seek (Safari needs them)', async () => {
    const video = Buffer.from('0123456789abcdefghij');
    up.routes.set('/v.mp4', (req, res) => {
      const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (!m) {
        res.writeHead(200, {
          'content-type': 'video/mp4',
          'accept-ranges': 'bytes',
          'content-length': String(video.length),
        });
        res.end(video);
        return;
      }
      const start = Number(m[1]);
      const end = m[2] ? Number(m[2]) : video.length - 1;
      if (start >= video.length) {
        res.writeHead(416, { 'content-range': `bytes */${video.length}` }).end();
        return;
      }
      res.writeHead(206, {
        'content-type': 'video/mp4',
        'accept-ranges': 'bytes',
        'content-range': `bytes ${start}-${end}/${video.length}`,
        'content-length': String(end - start + 1),
      });
      res.end(video.subarray(start, end + 1));
    });
    up.routes.set('/no-range.mp4', (_req, res) =>
      res.writeHead(206, { 'content-type': 'video/mp4' }).end('garbage'),
    );
    const h = handler({ media: { hosts: [up.host] } });
    const path = (p: string) => `/fedikit/media?url=${encodeURIComponent(up.origin + p)}`;

    const part = await get(h, path('/v.mp4'), { range: 'bytes=4-7' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), 'bytes 4-7/20');
    assert.equal(part.headers.get('accept-ranges'), 'bytes');
    assert.equal(await part.text(), '4567');
    assert.equal(up.log.at(-1)!.range, 'bytes=4-7');

    const whole = await get(h, path('/v.mp4'));
    assert.equal(whole.status, 200);
    assert.equal(await whole.text(), video.toString());

    // Several ranges, or junk, are not passed on: the whole file comes back.
    for (const range of ['bytes=0-1,4-5', 'bytes=a-b', 'items=0-1']) {
      const res = await get(h, path('/v.mp4'), { range });
      assert.equal(res.status, 200, range);
      assert.equal(up.log.at(-1)!.range, undefined, range);
      await res.arrayBuffer();
    }

    const beyond = await get(h, path('/v.mp4'), { range: 'bytes=100-' });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), 'bytes */20');

    // A 206 that does not say which bytes it holds is refused.
    const bad = await get(h, path('/no-range.mp4'), { range: 'bytes=0-1' });
    assert.equal(bad.status, 502);
    assert.equal((await bad.json()).error.code, 'INVALID_RESPONSE');
  });

  test('no /media unless enabled', async () => {
    up.routes.set('/a.png', servePng);
    const res = await get(
      handler(),
      `/fedikit/media?url=${encodeURIComponent(`${up.origin}/a.png`)}`,
    );
    assert.equal(res.status, 404);
    assert.equal(up.log.length, 0);
  });
});
