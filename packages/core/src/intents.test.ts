import { expect } from '@open-wc/testing';
import { FediError } from './errors.js';
import { parseHome, remoteInteraction } from './intents.js';

const URI = 'https://example.social/users/alice/statuses/1?x=a&y=b#c';

function fakeFetch(answer: (url: string) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return answer(String(input));
  }) as typeof fetch;
  return { fetch: fn, calls };
}

const jrd = (links: unknown) => () =>
  new Response(JSON.stringify({ subject: 'acct:me@home.example', links }), {
    headers: { 'content-type': 'application/jrd+json; charset=utf-8' },
  });

const SUBSCRIBE = 'http://ostatus.org/schema/1.0/subscribe';

function invalidHome(input: string) {
  try {
    parseHome(input);
  } catch (error) {
    expect(error, input).to.be.instanceOf(FediError);
    expect((error as FediError).code, input).to.equal('INVALID_INPUT');
    return;
  }
  throw new Error(`parseHome(${JSON.stringify(input)}) did not throw`);
}

describe('parseHome', () => {
  it('reads a bare domain', () => {
    expect(parseHome('home.example')).to.deep.equal({
      origin: 'https://home.example',
      acct: 'home.example@home.example',
    });
    expect(parseHome('  Home.EXAMPLE  ').origin).to.equal('https://home.example');
  });

  it('reads @user@host, user@host and acct:user@host', () => {
    for (const input of ['@me@home.example', 'me@home.example', 'acct:me@home.example']) {
      expect(parseHome(input), input).to.deep.equal({
        origin: 'https://home.example',
        acct: 'me@home.example',
      });
    }
    expect(parseHome('@me@Home.Example').origin).to.equal('https://home.example');
  });

  it('reads a URL, keeping only the host', () => {
    expect(parseHome('https://home.example/@me').origin).to.equal('https://home.example');
    expect(parseHome('https://home.example/').origin).to.equal('https://home.example');
    expect(parseHome('home.example/about').origin).to.equal('https://home.example');
    // A server is always reached over https, whatever the reader typed.
    expect(parseHome('http://home.example').origin).to.equal('https://home.example');
  });

  it('keeps a port', () => {
    expect(parseHome('home.example:8443').origin).to.equal('https://home.example:8443');
  });

  it('uses http for loopback host:port (the sandbox)', () => {
    expect(parseHome('localhost:3000').origin).to.equal('http://localhost:3000');
    expect(parseHome('http://localhost:3000/').origin).to.equal('http://localhost:3000');
    expect(parseHome('127.0.0.1:4000').origin).to.equal('http://127.0.0.1:4000');
    expect(parseHome('@me@localhost:3000')).to.deep.equal({
      origin: 'http://localhost:3000',
      acct: 'me@localhost:3000',
    });
  });

  it('rejects junk with INVALID_INPUT', () => {
    for (const input of [
      '',
      '   ',
      'junk',
      'not a server',
      '@me',
      '@@',
      'me@',
      'javascript:alert(1)',
      'javascript://home.example/%0aalert(1)',
      'data:text/html,x',
      'home example',
      'home_example.com',
      '<script>.example',
      '"onmouseover=alert(1)".example',
      'home.example:99999',
      'https://',
    ]) {
      invalidHome(input);
    }
  });
});

describe('remoteInteraction', () => {
  it('uses the WebFinger subscribe template, with the uri percent-encoded', async () => {
    const { fetch, calls } = fakeFetch(
      jrd([
        { rel: 'self', type: 'application/activity+json', href: 'https://home.example/users/me' },
        { rel: SUBSCRIBE, template: 'https://home.example/authorize_interaction?uri={uri}' },
      ]),
    );
    const target = await remoteInteraction('@me@home.example', URI, { fetch });
    expect(target).to.equal(
      `https://home.example/authorize_interaction?uri=${encodeURIComponent(URI)}`,
    );
    expect(target).to.contain(
      'uri=https%3A%2F%2Fexample.social%2Fusers%2Falice%2Fstatuses%2F1%3Fx%3Da%26y%3Db%23c',
    );
    expect(calls).to.have.length(1);
    expect(calls[0]!.url).to.equal(
      'https://home.example/.well-known/webfinger?resource=acct%3Ame%40home.example',
    );
    expect(calls[0]!.init.credentials).to.equal('omit');
    expect(calls[0]!.init.referrerPolicy).to.equal('no-referrer');
  });

  it('honours a template on another path (e.g. a Misskey or Pleroma share page)', async () => {
    const { fetch } = fakeFetch(
      jrd([{ rel: SUBSCRIBE, template: 'https://home.example/share?text={uri}&x=1' }]),
    );
    expect(await remoteInteraction('home.example', 'https://a.example/$&x', { fetch })).to.equal(
      `https://home.example/share?text=${encodeURIComponent('https://a.example/$&x')}&x=1`,
    );
  });

  it('refuses a javascript: (or other unsafe) template and falls back to authorize_interaction', async () => {
    const fallback = `https://home.example/authorize_interaction?uri=${encodeURIComponent(URI)}`;
    for (const template of [
      'javascript:alert({uri})',
      'java\tscript:alert({uri})',
      'data:text/html,{uri}',
      'http://evil.example/?u={uri}',
      '//evil.example/{uri}',
      '/relative?u={uri}',
      'https://user:pw@evil.example/{uri}',
      'https://home.example/no-placeholder',
      42,
      null,
    ]) {
      const { fetch } = fakeFetch(jrd([{ rel: SUBSCRIBE, template }]));
      expect(
        await remoteInteraction('@me@home.example', URI, { fetch }),
        String(template),
      ).to.equal(fallback);
    }
  });

  it('falls back when the JRD has no usable links', async () => {
    const fallback = `https://home.example/authorize_interaction?uri=${encodeURIComponent(URI)}`;
    for (const links of [
      undefined,
      null,
      'links',
      {},
      [],
      [null, 1, 'x'],
      [{ rel: 'other', template: 'https://home.example/{uri}' }],
    ]) {
      const { fetch } = fakeFetch(jrd(links));
      expect(await remoteInteraction('home.example', URI, { fetch })).to.equal(fallback);
    }
    const { fetch } = fakeFetch(
      () => new Response('null', { headers: { 'content-type': 'application/json' } }),
    );
    expect(await remoteInteraction('home.example', URI, { fetch })).to.equal(fallback);
  });

  it('falls back on WebFinger 404, 401, 500, HTML or malformed JSON', async () => {
    const fallback = `https://home.example/authorize_interaction?uri=${encodeURIComponent(URI)}`;
    const answers = [
      () =>
        new Response('{"error":"not found"}', {
          status: 404,
          headers: { 'content-type': 'application/json' },
        }),
      () => new Response('', { status: 401 }),
      () =>
        new Response('<h1>oops</h1>', { status: 500, headers: { 'content-type': 'text/html' } }),
      () =>
        new Response('<!doctype html><p>Hello</p>', { headers: { 'content-type': 'text/html' } }),
      () => new Response('{"links":[', { headers: { 'content-type': 'application/jrd+json' } }),
    ];
    for (const answer of answers) {
      const { fetch } = fakeFetch(answer);
      expect(await remoteInteraction('@me@home.example', URI, { fetch })).to.equal(fallback);
    }
  });

  it('uses http for a loopback home server', async () => {
    const { fetch, calls } = fakeFetch(() => new Response('', { status: 404 }));
    expect(await remoteInteraction('localhost:3000', URI, { fetch })).to.equal(
      `http://localhost:3000/authorize_interaction?uri=${encodeURIComponent(URI)}`,
    );
    expect(calls[0]!.url).to.match(/^http:\/\/localhost:3000\/\.well-known\/webfinger\?resource=/);
  });

  it('throws NETWORK when the server cannot be reached (after one retry)', async () => {
    const { fetch, calls } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    try {
      await remoteInteraction('@me@home.example', URI, { fetch });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(FediError);
      expect((error as FediError).code).to.equal('NETWORK');
    }
    expect(calls).to.have.length(2);
  });

  it('throws TIMEOUT when the server does not answer in time', async () => {
    const stalled = ((_: RequestInfo | URL, init: RequestInit = {}) =>
      new Promise<Response>((_, reject) =>
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
      )) as typeof fetch;
    const start = performance.now();
    try {
      await remoteInteraction('@me@home.example', URI, { fetch: stalled, timeout: 200 });
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as FediError).code).to.equal('TIMEOUT');
    }
    expect(performance.now() - start).to.be.lessThan(1500);
  });

  it('throws INVALID_INPUT for a home that is not a server, without any request', async () => {
    const { fetch, calls } = fakeFetch(jrd([]));
    try {
      await remoteInteraction('javascript:alert(1)', URI, { fetch });
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as FediError).code).to.equal('INVALID_INPUT');
    }
    expect(calls).to.have.length(0);
  });
});
