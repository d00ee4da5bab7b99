import { expect } from '@open-wc/testing';
import { FediError, type FediErrorCode } from './errors.js';
import { fetchJson, retryDelay } from './http.js';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
  readonly at: number;
}

type Step = (init: RequestInit) => Response | Promise<Response>;

/** A `fetch` that plays `steps` in order and records every call. */
function scripted(...steps: Step[]): typeof fetch & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init, at: performance.now() });
    const step = steps[Math.min(calls.length, steps.length) - 1];
    if (!step) throw new Error('no step');
    return step(init);
  }) as typeof fetch & { calls: Call[] };
  fn.calls = calls;
  return fn;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const json =
  (body: unknown, init: ResponseInit = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      ...init,
      headers: { ...JSON_TYPE, ...(init.headers as Record<string, string>) },
    });
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify({ error: `status ${code}` }), {
      status: code,
      headers: { ...JSON_TYPE, ...headers },
    });
const html =
  (body: string, props: { redirected?: boolean; url?: string } = {}) =>
  () => {
    const res = new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    if (props.redirected) Object.defineProperty(res, 'redirected', { value: true });
    if (props.url) Object.defineProperty(res, 'url', { value: props.url });
    return res;
  };
/** A fetch step that, like the real one, rejects when the signal aborts and never answers otherwise. */
const never: Step = (init) =>
  new Promise((_, reject) => {
    const signal = init.signal!;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
const networkError: Step = () => Promise.reject(new TypeError('Failed to fetch'));

const URL_ = 'https://example.social/api/v1/statuses/1';

async function failure(promise: Promise<unknown>, code: FediErrorCode): Promise<FediError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(FediError);
    expect((error as FediError).code, (error as Error).message).to.equal(code);
    return error as FediError;
  }
  throw new Error(`expected a ${code} FediError, got a result`);
}

const encoder = new TextEncoder();

describe('fetchJson', () => {
  describe('answers', () => {
    it('returns parsed JSON, the status and the headers', async () => {
      const fetch = scripted(json({ id: '1', nested: { ok: true } }, { headers: { 'x-a': 'b' } }));
      const res = await fetchJson(URL_, { fetch });
      expect(res.data).to.deep.equal({ id: '1', nested: { ok: true } });
      expect(res.status).to.equal(200);
      expect(res.headers.get('x-a')).to.equal('b');
      expect(fetch.calls).to.have.length(1);
      expect(fetch.calls[0]!.url).to.equal(URL_);
    });

    it('accepts JSON variants such as application/activity+json', async () => {
      const fetch = scripted(
        () =>
          new Response('{"type":"Note"}', {
            headers: { 'content-type': 'application/activity+json' },
          }),
      );
      expect((await fetchJson(URL_, { fetch })).data).to.deep.equal({ type: 'Note' });
    });

    it('decodes multi-byte UTF-8 split across chunks', async () => {
      const bytes = encoder.encode('{"name":"Zoë 🐘 日本"}');
      const fetch = scripted(
        () =>
          new Response(
            new ReadableStream({
              start(c) {
                for (const b of bytes) c.enqueue(new Uint8Array([b]));
                c.close();
              },
            }),
            { headers: JSON_TYPE },
          ),
      );
      expect((await fetchJson(URL_, { fetch })).data).to.deep.equal({ name: 'Zoë 🐘 日本' });
    });

    it('refuses to fetch URLs that are not https (or http on loopback) without calling fetch', async () => {
      for (const url of [
        'http://example.social/api',
        'javascript:alert(1)',
        'data:application/json,{}',
        '/relative',
        'file:///etc/passwd',
      ]) {
        const fetch = scripted(json({}));
        await failure(fetchJson(url, { fetch }), 'INVALID_INPUT');
        expect(fetch.calls, url).to.have.length(0);
      }
      const fetch = scripted(json({ ok: 1 }));
      expect((await fetchJson('http://127.0.0.1:3000/api', { fetch })).data).to.deep.equal({
        ok: 1,
      });
    });
  });

  describe('privacy', () => {
    it("passes credentials: 'omit', referrerPolicy: 'no-referrer' and only an accept header on every call", async () => {
      const fetch = scripted(status(503), networkError, json({ ok: true }));
      await fetchJson(URL_, { fetch });
      expect(fetch.calls).to.have.length(3);
      for (const { init } of fetch.calls) {
        expect(init.credentials).to.equal('omit');
        expect(init.referrerPolicy).to.equal('no-referrer');
        expect(init.method ?? 'GET').to.equal('GET');
        expect(init.body ?? null).to.equal(null);
        expect(init.signal).to.be.instanceOf(AbortSignal);
        const headers = [...new Headers(init.headers).keys()];
        expect(headers).to.deep.equal(['accept']);
        expect(new Headers(init.headers).get('accept')).to.match(/^application\/json/);
        expect(init.cache).to.equal(undefined);
      }
    });

    it("fresh: past the browser's cache (cache: 'no-cache'), still no header of ours", async () => {
      const fetch = scripted(json({ ok: true }));
      await fetchJson(URL_, { fetch, fresh: true });
      expect(fetch.calls[0]!.init.cache).to.equal('no-cache');
      expect([...new Headers(fetch.calls[0]!.init.headers).keys()]).to.deep.equal(['accept']);
    });
  });

  describe('content type and status', () => {
    it('an HTML page where JSON was expected is INVALID_RESPONSE', async () => {
      const fetch = scripted(html('<!doctype html><h1>Hello</h1>'));
      const error = await failure(fetchJson(URL_, { fetch }), 'INVALID_RESPONSE');
      expect(error.status).to.equal(200);
      expect(error.url).to.equal(URL_);
      expect(fetch.calls).to.have.length(1);
    });

    it('JSON text under a non-JSON content type (or none) is INVALID_RESPONSE', async () => {
      await failure(
        fetchJson(URL_, {
          fetch: scripted(
            () => new Response('{"a":1}', { headers: { 'content-type': 'text/plain' } }),
          ),
        }),
        'INVALID_RESPONSE',
      );
      await failure(
        fetchJson(URL_, {
          fetch: scripted(() => {
            const res = new Response(encoder.encode('{"a":1}'));
            res.headers.delete('content-type');
            return res;
          }),
        }),
        'INVALID_RESPONSE',
      );
    });

    it('an HTML login page is AUTH_REQUIRED (by its form, its URL or a redirect)', async () => {
      await failure(
        fetchJson(URL_, {
          fetch: scripted(
            html(
              '<html><form action="/auth/sign_in" method="post"><input type="password" name="p"></form></html>',
            ),
          ),
        }),
        'AUTH_REQUIRED',
      );
      await failure(
        fetchJson(URL_, {
          fetch: scripted(html('<html>Welcome</html>', { url: 'https://example.social/login' })),
        }),
        'AUTH_REQUIRED',
      );
      await failure(
        fetchJson(URL_, {
          fetch: scripted(html('<html>Welcome</html>', { redirected: true })),
        }),
        'AUTH_REQUIRED',
      );
    });

    for (const code of [401, 403, 422]) {
      it(`${code} is AUTH_REQUIRED and not retried`, async () => {
        const fetch = scripted(status(code), json({}));
        const error = await failure(fetchJson(URL_, { fetch }), 'AUTH_REQUIRED');
        expect(error.status).to.equal(code);
        expect(fetch.calls).to.have.length(1);
      });
    }

    it('401 with an HTML body is AUTH_REQUIRED too', async () => {
      const fetch = scripted(
        () =>
          new Response('<h1>Unauthorized</h1>', {
            status: 401,
            headers: { 'content-type': 'text/html' },
          }),
      );
      await failure(fetchJson(URL_, { fetch }), 'AUTH_REQUIRED');
    });

    for (const code of [404, 410]) {
      it(`${code} is NOT_FOUND and not retried`, async () => {
        const fetch = scripted(status(code), json({}));
        const error = await failure(fetchJson(URL_, { fetch }), 'NOT_FOUND');
        expect(error.status).to.equal(code);
        expect(fetch.calls).to.have.length(1);
      });
    }

    for (const code of [500, 400, 418, 501]) {
      it(`${code} is SERVER and not retried`, async () => {
        const fetch = scripted(status(code), json({}));
        const error = await failure(fetchJson(URL_, { fetch }), 'SERVER');
        expect(error.status).to.equal(code);
        expect(fetch.calls).to.have.length(1);
      });
    }

    it('malformed JSON is INVALID_RESPONSE and keeps the parse error as cause', async () => {
      for (const body of ['{"a":', '<html>', "{'a':1}", '', 'undefined', '{"a":1}}']) {
        const fetch = scripted(() => new Response(body, { headers: JSON_TYPE }));
        const error = await failure(fetchJson(URL_, { fetch }), 'INVALID_RESPONSE');
        expect(error.cause, body).to.be.instanceOf(SyntaxError);
        expect(fetch.calls).to.have.length(1);
      }
    });

    it('does not overflow the stack on deeply nested JSON', async () => {
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const fetch = scripted(() => new Response(deep, { headers: JSON_TYPE }));
      // Either parsed or rejected as INVALID_RESPONSE, but never a raw RangeError.
      try {
        await fetchJson(URL_, { fetch });
      } catch (error) {
        expect(error).to.be.instanceOf(FediError);
        expect((error as FediError).code).to.equal('INVALID_RESPONSE');
      }
    });
  });

  describe('byte cap', () => {
    it('rejects by Content-Length before reading the body', async () => {
      let pulled = 0;
      const fetch = scripted(
        () =>
          new Response(
            new ReadableStream({
              pull(c) {
                pulled++;
                c.enqueue(encoder.encode('{}'));
                c.close();
              },
            }),
            { headers: { ...JSON_TYPE, 'content-length': '5000000' } },
          ),
      );
      const error = await failure(fetchJson(URL_, { fetch, maxBytes: 1000 }), 'TOO_LARGE');
      expect(error.status).to.equal(200);
      expect(pulled).to.be.at.most(1);
      expect(fetch.calls).to.have.length(1);
    });

    it('rejects while streaming when the body grows past the cap, and cancels the stream', async () => {
      let pulled = 0;
      let cancelled = false;
      const chunk = new Uint8Array(16 * 1024).fill(32);
      const fetch = scripted(
        () =>
          new Response(
            new ReadableStream({
              pull(c) {
                pulled++;
                c.enqueue(chunk);
              },
              cancel() {
                cancelled = true;
              },
            }),
            // A lying Content-Length does not help.
            { headers: { ...JSON_TYPE, 'content-length': '10' } },
          ),
      );
      await failure(fetchJson(URL_, { fetch, maxBytes: 100_000 }), 'TOO_LARGE');
      expect(pulled * chunk.byteLength).to.be.lessThan(100_000 + 4 * chunk.byteLength);
      await new Promise((r) => setTimeout(r, 0));
      expect(cancelled).to.be.true;
      expect(fetch.calls).to.have.length(1);
    });

    it('applies the default cap (2 MiB)', async () => {
      const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(32);
      await failure(
        fetchJson(URL_, { fetch: scripted(() => new Response(big, { headers: JSON_TYPE })) }),
        'TOO_LARGE',
      );
    });

    it('accepts a body of exactly maxBytes', async () => {
      const body = JSON.stringify({ pad: 'x'.repeat(100) });
      const fetch = scripted(() => new Response(body, { headers: JSON_TYPE }));
      const res = await fetchJson<{ pad: string }>(URL_, { fetch, maxBytes: body.length });
      expect(res.data.pad).to.have.length(100);
      await failure(
        fetchJson(URL_, {
          fetch: scripted(() => new Response(body, { headers: JSON_TYPE })),
          maxBytes: body.length - 1,
        }),
        'TOO_LARGE',
      );
    });

    it('caps error bodies too', async () => {
      const big = new Uint8Array(5000).fill(32);
      const fetch = scripted(
        () => new Response(big, { status: 500, headers: { 'content-type': 'text/html' } }),
      );
      await failure(fetchJson(URL_, { fetch, maxBytes: 1000 }), 'TOO_LARGE');
    });
  });

  describe('deadline and abort', () => {
    it('a fetch that never answers ends in TIMEOUT at the deadline', async () => {
      const fetch = scripted(never);
      const start = performance.now();
      const error = await failure(fetchJson(URL_, { fetch, timeout: 300 }), 'TIMEOUT');
      const elapsed = performance.now() - start;
      expect(elapsed).to.be.within(280, 1000);
      expect(error.message).to.contain('300');
      expect(fetch.calls).to.have.length(1);
      expect(fetch.calls[0]!.init.signal!.aborted).to.be.true;
    });

    it('a body that trickles and then stalls ends in TIMEOUT (the signal aborts the stream)', async () => {
      const fetch = scripted((init) => {
        let timer: ReturnType<typeof setInterval>;
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(encoder.encode('{"a":"'));
            timer = setInterval(() => c.enqueue(encoder.encode('x')), 50);
            // What a real fetch does: the body errors when the request is aborted.
            init.signal!.addEventListener('abort', () => {
              clearInterval(timer);
              c.error(init.signal!.reason);
            });
          },
          cancel() {
            clearInterval(timer);
          },
        });
        return new Response(body, { headers: JSON_TYPE });
      });
      const start = performance.now();
      await failure(fetchJson(URL_, { fetch, timeout: 400 }), 'TIMEOUT');
      expect(performance.now() - start).to.be.within(380, 1200);
    });

    it('a stalled body ends in TIMEOUT even when the fetch does not wire the signal to it', async () => {
      let cancelled = false;
      const fetch = scripted(
        () =>
          new Response(
            new ReadableStream({
              start(c) {
                c.enqueue(encoder.encode('{"a":'));
              },
              cancel() {
                cancelled = true;
              },
            }),
            { headers: JSON_TYPE },
          ),
      );
      const start = performance.now();
      await failure(fetchJson(URL_, { fetch, timeout: 300 }), 'TIMEOUT');
      expect(performance.now() - start).to.be.within(280, 1000);
      expect(cancelled).to.be.true;
    });

    it('a caller abort during a stalled body is ABORTED, even when the fetch does not wire the signal', async () => {
      const controller = new AbortController();
      const fetch = scripted(
        () =>
          new Response(
            new ReadableStream({
              start(c) {
                c.enqueue(encoder.encode('{"a":'));
              },
            }),
            { headers: JSON_TYPE },
          ),
      );
      setTimeout(() => controller.abort(), 100);
      const start = performance.now();
      await failure(
        fetchJson(URL_, { fetch, signal: controller.signal, timeout: 5000 }),
        'ABORTED',
      );
      expect(performance.now() - start).to.be.lessThan(1000);
    });

    it('the deadline covers retries and their waits', async () => {
      const fetch = scripted(status(503, { 'retry-after': '1' }), never);
      const start = performance.now();
      const error = await failure(fetchJson(URL_, { fetch, timeout: 600 }), 'SERVER');
      expect(error.status).to.equal(503);
      // Wait of 1 s does not fit in 600 ms: fail fast with the last error, not after the wait.
      expect(performance.now() - start).to.be.lessThan(500);
      expect(fetch.calls).to.have.length(1);
    });

    it('a caller abort during the request is ABORTED', async () => {
      const controller = new AbortController();
      const fetch = scripted(never);
      setTimeout(() => controller.abort(), 50);
      const start = performance.now();
      await failure(
        fetchJson(URL_, { fetch, signal: controller.signal, timeout: 5000 }),
        'ABORTED',
      );
      expect(performance.now() - start).to.be.lessThan(1000);
      expect(fetch.calls).to.have.length(1);
    });

    it('an already aborted signal is ABORTED', async () => {
      const fetch = scripted(never);
      await failure(fetchJson(URL_, { fetch, signal: AbortSignal.abort() }), 'ABORTED');
    });

    it('a caller abort while waiting to retry is ABORTED, with no further request', async () => {
      const controller = new AbortController();
      const fetch = scripted(status(503, { 'retry-after': '2' }), json({}));
      setTimeout(() => controller.abort(), 100);
      const start = performance.now();
      await failure(fetchJson(URL_, { fetch, signal: controller.signal }), 'ABORTED');
      expect(performance.now() - start).to.be.lessThan(1000);
      expect(fetch.calls).to.have.length(1);
    });
  });

  describe('retries', () => {
    it('503, 503, 200 → the answer, with exactly 3 calls', async () => {
      const fetch = scripted(status(503), status(503), json({ ok: true }));
      const res = await fetchJson(URL_, { fetch });
      expect(res.data).to.deep.equal({ ok: true });
      expect(fetch.calls).to.have.length(3);
      // Backoff between attempts, without a reset header: at least 250 ms then 500 ms.
      expect(fetch.calls[1]!.at - fetch.calls[0]!.at).to.be.at.least(240);
      expect(fetch.calls[2]!.at - fetch.calls[1]!.at).to.be.at.least(490);
    });

    it('retries 502 and 504 and network errors', async () => {
      const fetch = scripted(status(502), networkError, json({ ok: 1 }));
      expect((await fetchJson(URL_, { fetch })).data).to.deep.equal({ ok: 1 });
      expect(fetch.calls).to.have.length(3);
      const fetch504 = scripted(status(504, { 'retry-after': '0' }), json({ ok: 2 }));
      expect((await fetchJson(URL_, { fetch: fetch504 })).data).to.deep.equal({ ok: 2 });
      expect(fetch504.calls).to.have.length(2);
    });

    it('a body that breaks mid-stream is a network error and is retried', async () => {
      const fetch = scripted(
        () =>
          new Response(
            new ReadableStream({
              start(c) {
                c.enqueue(encoder.encode('{"a":'));
                c.error(new TypeError('connection reset'));
              },
            }),
            { headers: JSON_TYPE },
          ),
        json({ a: 1 }),
      );
      expect((await fetchJson(URL_, { fetch })).data).to.deep.equal({ a: 1 });
      expect(fetch.calls).to.have.length(2);
    });

    it('429 with X-RateLimit-Reset (ISO 8601) waits until the reset, then succeeds', async () => {
      const reset = () => new Date(Date.now() + 300).toISOString();
      const fetch = scripted(
        () =>
          new Response('{"error":"Too many requests"}', {
            status: 429,
            headers: { ...JSON_TYPE, 'x-ratelimit-reset': reset() },
          }),
        json({ ok: true }),
      );
      const start = performance.now();
      const res = await fetchJson(URL_, { fetch, timeout: 3000 });
      expect(res.data).to.deep.equal({ ok: true });
      expect(fetch.calls).to.have.length(2);
      expect(fetch.calls[1]!.at - start).to.be.at.least(290);
      expect(fetch.calls[1]!.at - start).to.be.lessThan(1500);
    });

    it('at most 2 retries (3 calls), then RATE_LIMITED', async () => {
      const past = new Date(Date.now() - 60_000).toISOString();
      const fetch = scripted(status(429, { 'x-ratelimit-reset': past }));
      const error = await failure(fetchJson(URL_, { fetch }), 'RATE_LIMITED');
      expect(error.status).to.equal(429);
      expect(fetch.calls).to.have.length(3);
    });

    it('the same bound holds for network errors: 3 calls, then NETWORK', async () => {
      const fetch = scripted(networkError);
      const error = await failure(fetchJson(URL_, { fetch }), 'NETWORK');
      expect(error.cause).to.be.instanceOf(TypeError);
      expect(fetch.calls).to.have.length(3);
    });

    it('retries: 0 makes one call; more than 2 is clamped to 2', async () => {
      const once = scripted(status(503, { 'retry-after': '0' }));
      await failure(fetchJson(URL_, { fetch: once, retries: 0 }), 'SERVER');
      expect(once.calls).to.have.length(1);
      const clamped = scripted(status(503, { 'retry-after': '0' }));
      await failure(fetchJson(URL_, { fetch: clamped, retries: 10 }), 'SERVER');
      expect(clamped.calls).to.have.length(3);
      const negative = scripted(status(503, { 'retry-after': '0' }));
      await failure(fetchJson(URL_, { fetch: negative, retries: -3 }), 'SERVER');
      expect(negative.calls).to.have.length(1);
    });

    it('500 is not retried', async () => {
      const fetch = scripted(status(500), json({}));
      await failure(fetchJson(URL_, { fetch }), 'SERVER');
      expect(fetch.calls).to.have.length(1);
    });

    it('404 is not retried', async () => {
      const fetch = scripted(status(404), json({}));
      await failure(fetchJson(URL_, { fetch }), 'NOT_FOUND');
      expect(fetch.calls).to.have.length(1);
    });

    it('fails fast with RATE_LIMITED when the reset is beyond the deadline', async () => {
      const fetch = scripted(
        status(429, { 'x-ratelimit-reset': new Date(Date.now() + 5000).toISOString() }),
        json({ ok: true }),
      );
      const start = performance.now();
      await failure(fetchJson(URL_, { fetch, timeout: 1000 }), 'RATE_LIMITED');
      expect(performance.now() - start).to.be.lessThan(300);
      expect(fetch.calls).to.have.length(1);
    });
  });
});

describe('retryDelay', () => {
  // A whole second, so HTTP dates (second precision) are exact.
  const now = Math.floor(Date.now() / 1000) * 1000;
  const h = (init: Record<string, string>) => new Headers(init);

  it('is undefined without a readable header', () => {
    expect(retryDelay(h({}), now)).to.be.undefined;
    expect(retryDelay(h({ 'retry-after': 'soon' }), now)).to.be.undefined;
    expect(retryDelay(h({ 'x-ratelimit-reset': 'not a date' }), now)).to.be.undefined;
    expect(retryDelay(h({ 'ratelimit-reset': 'abc' }), now)).to.be.undefined;
    expect(retryDelay(h({ 'ratelimit-reset': '1.5' }), now)).to.be.undefined;
  });

  it('reads Retry-After in seconds', () => {
    expect(retryDelay(h({ 'retry-after': '5' }), now)).to.equal(5000);
    expect(retryDelay(h({ 'retry-after': '0' }), now)).to.equal(0);
    expect(retryDelay(h({ 'retry-after': ' 12 ' }), now)).to.equal(12_000);
  });

  it('reads Retry-After as an HTTP date', () => {
    const date = new Date(now + 10_000).toUTCString();
    expect(retryDelay(h({ 'retry-after': date }), now)).to.equal(10_000);
    expect(retryDelay(h({ 'retry-after': new Date(now - 10_000).toUTCString() }), now)).to.equal(0);
  });

  it('reads X-RateLimit-Reset as ISO 8601 (Mastodon), past, future and invalid', () => {
    expect(
      retryDelay(h({ 'x-ratelimit-reset': new Date(now + 2500).toISOString() }), now),
    ).to.equal(2500);
    expect(
      retryDelay(
        h({ 'x-ratelimit-reset': '2026-04-11T23:15:00.996774Z' }),
        Date.parse('2026-04-11T23:14:59.000Z'),
      ),
    ).to.be.within(1996, 1997);
    expect(
      retryDelay(h({ 'x-ratelimit-reset': new Date(now - 2500).toISOString() }), now),
    ).to.equal(0);
    expect(retryDelay(h({ 'x-ratelimit-reset': 'garbage' }), now)).to.be.undefined;
  });

  it('reads RateLimit-Reset as a delta in seconds or as epoch seconds (AT Protocol)', () => {
    expect(retryDelay(h({ 'ratelimit-reset': '30' }), now)).to.equal(30_000);
    expect(retryDelay(h({ 'ratelimit-reset': String(now / 1000 + 20) }), now)).to.equal(20_000);
    expect(retryDelay(h({ 'ratelimit-reset': String(now / 1000 - 20) }), now)).to.equal(0);
  });

  it('clamps to [0, 60 000] ms', () => {
    expect(retryDelay(h({ 'retry-after': '120' }), now)).to.equal(60_000);
    expect(retryDelay(h({ 'retry-after': '99999999999999999999' }), now)).to.equal(60_000);
    expect(retryDelay(h({ 'ratelimit-reset': '3600' }), now)).to.equal(60_000);
    expect(
      retryDelay(h({ 'x-ratelimit-reset': new Date(now + 86_400_000).toISOString() }), now),
    ).to.equal(60_000);
    expect(
      retryDelay(h({ 'retry-after': new Date(now + 86_400_000).toUTCString() }), now),
    ).to.equal(60_000);
    for (const value of ['-5', '-99999', new Date(0).toUTCString()]) {
      const delay = retryDelay(h({ 'retry-after': value }), now);
      if (delay !== undefined) expect(delay, value).to.be.within(0, 60_000);
    }
  });

  it('takes the latest of several headers', () => {
    expect(
      retryDelay(
        h({
          'retry-after': '2',
          'x-ratelimit-reset': new Date(now + 7000).toISOString(),
          'ratelimit-reset': '4',
        }),
        now,
      ),
    ).to.equal(7000);
    expect(retryDelay(h({ 'retry-after': 'garbage', 'ratelimit-reset': '3' }), now)).to.equal(3000);
  });

  it('defaults `now` to the current time', () => {
    const delay = retryDelay(h({ 'x-ratelimit-reset': new Date(Date.now() + 5000).toISOString() }));
    expect(delay).to.be.within(4900, 5000);
  });
});
