// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createHostileServer, type HostileServer } from './hostile.js';

let hostile: HostileServer;

before(async () => {
  hostile = await createHostileServer();
});
after(async () => {
  await hostile.close();
});

const status = (id: string): string => `${hostile.url}/api/v1/statuses/${id}`;

describe('hostile server', () => {
  test('every answer is CORS-readable, including the rate-limit headers', async () => {
    const r = await fetch(status('ok'));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.match(r.headers.get('access-control-expose-headers') ?? '', /X-RateLimit-Reset/);
    assert.match(r.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    const ctx = (await (await fetch(`${status('ok')}/context`)).json()) as {
      descendants: unknown[];
    };
    assert.equal(ctx.descendants.length, 2);
  });

  test('ratelimited: 429 with an ISO reset one second ahead, then 200; /__reset restarts it', async () => {
    await fetch(`${hostile.url}/__reset`, { method: 'DELETE' });
    const first = await fetch(status('ratelimited'));
    assert.equal(first.status, 429);
    assert.deepEqual(await first.json(), { error: 'Too many requests' });
    assert.equal(first.headers.get('x-ratelimit-remaining'), '0');
    const reset = Date.parse(first.headers.get('x-ratelimit-reset') ?? '');
    assert.match(first.headers.get('x-ratelimit-reset') ?? '', /\.\d{3}Z$/);
    assert.ok(reset > Date.now() && reset <= Date.now() + 1500);
    // The context endpoint has its own counter.
    assert.equal((await fetch(`${status('ratelimited')}/context`)).status, 429);
    const second = await fetch(status('ratelimited'));
    assert.equal(second.status, 200);
    assert.equal(((await second.json()) as { id: string }).id, 'ratelimited');
    await fetch(`${hostile.url}/__reset`, { method: 'DELETE' });
    assert.equal((await fetch(status('ratelimited'))).status, 429);
  });

  test('ratelimitedlong: always 429, reset two minutes ahead', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await fetch(status('ratelimitedlong'));
      await r.arrayBuffer();
      assert.equal(r.status, 429);
      const reset = Date.parse(r.headers.get('x-ratelimit-reset') ?? '');
      assert.ok(reset > Date.now() + 100_000);
    }
  });

  test('burst: 503, 503, then 200', async () => {
    await fetch(`${hostile.url}/__reset`, { method: 'DELETE' });
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${status('burst')}/context`);
      await r.arrayBuffer();
      codes.push(r.status);
    }
    assert.deepEqual(codes, [503, 503, 200]);
  });

  test('error bodies and non-JSON answers', async () => {
    const e500 = await fetch(status('error500'));
    assert.equal(e500.status, 500);
    assert.deepEqual(await e500.json(), { error: 'boom' });
    const html = await fetch(status('html'));
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(!(await html.text()).includes('password'));
    const unauth = await fetch(status('unauth'));
    assert.equal(unauth.status, 401);
    assert.deepEqual(await unauth.json(), { error: 'This method requires an authenticated user' });
    const gone = await fetch(status('gone'));
    assert.equal(gone.status, 404);
    assert.deepEqual(await gone.json(), { error: 'Record not found' });
    const malformed = await fetch(status('malformed'));
    assert.equal(await malformed.text(), '{"id": "1", ');
  });

  test('login: a redirect to a Pixelfed-style login page', async () => {
    const manual = await fetch(status('login'), { redirect: 'manual' });
    assert.equal(manual.status, 302);
    assert.equal(manual.headers.get('location'), `${hostile.url}/login`);
    const followed = await fetch(status('login'));
    assert.equal(followed.status, 200);
    assert.ok(followed.redirected);
    assert.match(followed.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await followed.text(), /type="password"/);
  });

  test('invalid: wrong types, impossible values, cycles, null entries and hostile emoji', async () => {
    const s = (await (await fetch(status('invalid'))).json()) as Record<string, unknown>;
    assert.equal(s['created_at'], 'yesterday');
    assert.equal(s['edited_at'], 'garbage');
    assert.equal(s['replies_count'], -5);
    assert.equal(s['reblogs_count'], 1e308);
    assert.equal(s['favourites_count'], '12');
    const ctx = (await (await fetch(`${status('invalid')}/context`)).json()) as {
      descendants: ({ id?: string; in_reply_to_id?: string; created_at?: string } | null)[];
    };
    const d = ctx.descendants;
    assert.ok(d.includes(null));
    assert.ok(d.some((x) => x !== null && !('id' in x)));
    assert.ok(d.some((x) => x?.created_at === ''));
    assert.ok(d.some((x) => x?.id === '301' && x.in_reply_to_id === '301'));
    assert.ok(d.some((x) => x?.id === '201' && x.in_reply_to_id === '202'));
    assert.ok(d.some((x) => x?.id === '202' && x.in_reply_to_id === '201'));
  });

  test('huge: a 50 MB content-length the client can abort without the server allocating it', async () => {
    const controller = new AbortController();
    const r = await fetch(status('huge'), { signal: controller.signal });
    assert.equal(r.headers.get('content-length'), String(50 * 1024 * 1024));
    const reader = r.body!.getReader();
    let received = 0;
    while (received < 1024 * 1024) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value.length;
    }
    controller.abort();
    assert.ok(received >= 1024 * 1024);
  });

  test('hugenolength: ~10 MB without content-length', async () => {
    const r = await fetch(`${status('hugenolength')}/context`);
    assert.equal(r.headers.get('content-length'), null);
    const body = await r.text();
    assert.ok(body.length > 9 * 1024 * 1024);
    const parsed = JSON.parse(body) as { descendants: unknown[] };
    assert.ok(parsed.descendants.length > 100);
  });

  test('close() resolves promptly while never/slowbody clients hang', async () => {
    const server = await createHostileServer();
    const hang = (path: string): Promise<string> =>
      new Promise((resolve) => {
        const req = request(`${server.url}${path}`, (res) => {
          res.on('data', () => undefined);
          res.on('error', () => resolve('error'));
          res.on('close', () => resolve('closed'));
        });
        req.on('error', () => resolve('error'));
        req.end();
      });
    const never = hang('/api/v1/statuses/never');
    const slow = hang('/api/v1/statuses/slowbody/context');
    await new Promise((r) => setTimeout(r, 1200));
    const started = Date.now();
    await server.close();
    assert.ok(Date.now() - started < 1000, 'close() did not wait for hanging clients');
    assert.ok(['closed', 'error'].includes(await never));
    assert.ok(['closed', 'error'].includes(await slow));
  });
});
