import { expect } from '@open-wc/testing';
import { FediError } from './errors.js';
import {
  fillTemplate,
  forgetHome,
  HOMES_KEY,
  intentUrl,
  parseHome,
  rememberedHomes,
  rememberHome,
  remoteInteraction,
  type IntentVerb,
} from './intents.js';
import { detectSoftware, shareUrl } from './share.js';
import { blueskyShareUrl } from './bluesky-share.js';

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

// ---------------------------------------------------------------------------------------------
// One fake home server per shape: it serves a JRD (or a broken answer) at WebFinger, nodeinfo at
// /.well-known/nodeinfo and /nodeinfo/2.0, and records every URL it is asked for.

const FEP = 'https://w3id.org/fep/3b86/';
const HOME = 'https://home.example';
const WEBFINGER = `${HOME}/.well-known/webfinger?resource=acct%3Ame%40home.example`;
const POST = 'https://site.example/users/author/statuses/1';
const enc = encodeURIComponent;
const FALLBACK = `${HOME}/authorize_interaction?uri=${enc(POST)}`;
const NODEINFO_20 = 'http://nodeinfo.diaspora.software/ns/schema/2.0';
const NODEINFO_21 = 'http://nodeinfo.diaspora.software/ns/schema/2.1';

type Answer = (url: string) => Response | Promise<Response>;

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    ...init,
    headers: { 'content-type': 'application/json; charset=utf-8', ...init.headers },
  });
const html = (status = 200) =>
  new Response('<!doctype html><title>Home</title><p>Welcome', {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
const notFound = () => new Response('Not found', { status: 404 });
const noCors = () => Promise.reject(new TypeError('Failed to fetch'));

/**
 * A home server: `webfinger` is the JRD's links (or an answer), `nodeinfo` the discovery document's
 * links (or an answer), `software` the nodeinfo document's software name (or an answer).
 */
function home(
  shape: {
    webfinger?: unknown[] | Answer;
    nodeinfo?: unknown[] | Answer;
    software?: string | Answer;
  } = {},
) {
  const { webfinger = notFound, nodeinfo = notFound, software = notFound } = shape;
  return fakeFetch((url) => {
    const { origin, pathname } = new URL(url);
    if (origin !== HOME) return noCors();
    if (pathname === '/.well-known/webfinger') {
      return typeof webfinger === 'function'
        ? webfinger(url)
        : new Response(JSON.stringify({ subject: 'acct:me@home.example', links: webfinger }), {
            headers: { 'content-type': 'application/jrd+json; charset=utf-8' },
          });
    }
    if (pathname === '/.well-known/nodeinfo') {
      return typeof nodeinfo === 'function' ? nodeinfo(url) : json({ links: nodeinfo });
    }
    if (pathname === '/nodeinfo/2.0' || pathname === '/nodeinfo/2.1') {
      return typeof software === 'function'
        ? software(url)
        : json({ version: '2.0', software: { name: software, version: '1.0' }, protocols: [] });
    }
    return notFound();
  });
}

/** A nodeinfo discovery document pointing at the 2.0 document on the same origin. */
const DISCOVERY = [{ rel: NODEINFO_20, href: `${HOME}/nodeinfo/2.0` }];

/** A fetch that never answers, but rejects on abort like the real one (even if already aborted). */
const stalled = ((_: RequestInfo | URL, init: RequestInit = {}) =>
  new Promise<Response>((_, reject) => {
    const signal = init.signal!;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason));
  })) as typeof fetch;

async function rejects(promise: Promise<unknown>, code: string): Promise<FediError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(FediError);
    expect((error as FediError).code).to.equal(code);
    return error as FediError;
  }
  throw new Error(`expected a FediError ${code}`);
}

const links = {
  href: (verb: string) => ({ rel: FEP + verb, href: `${HOME}/intents/${verb}?href={object}` }),
  template: (verb: string) => ({
    rel: FEP + verb,
    template: `${HOME}/intents/${verb}?template={object}`,
  }),
  subscribe: { rel: SUBSCRIBE, template: `${HOME}/ostatus/subscribe?profile={uri}` },
  object: { rel: FEP + 'Object', template: `${HOME}/intents/object?o={object}` },
};

describe('intentUrl', () => {
  const verbs: IntentVerb[] = ['Follow', 'Like', 'Announce', 'Object'];

  describe('each server shape', () => {
    for (const verb of verbs) {
      it(`${verb}: the FEP-3b86 intent with href`, async () => {
        const { fetch } = home({ webfinger: [links.subscribe, links.href(verb)] });
        expect(await intentUrl('@me@home.example', verb, { object: POST }, { fetch })).to.equal(
          `${HOME}/intents/${verb}?href=${enc(POST)}`,
        );
      });

      it(`${verb}: the FEP-3b86 intent with template`, async () => {
        const { fetch } = home({ webfinger: [links.subscribe, links.template(verb)] });
        expect(await intentUrl('@me@home.example', verb, { object: POST }, { fetch })).to.equal(
          `${HOME}/intents/${verb}?template=${enc(POST)}`,
        );
      });
    }

    it('subscribe template only', async () => {
      const { fetch } = home({ webfinger: [links.subscribe] });
      for (const verb of verbs) {
        expect(await intentUrl('@me@home.example', verb, { object: POST }, { fetch })).to.equal(
          `${HOME}/ostatus/subscribe?profile=${enc(POST)}`,
        );
      }
    });

    it('FEP-3b86 Object intent only', async () => {
      const { fetch } = home({ webfinger: [links.object] });
      for (const verb of verbs) {
        expect(await intentUrl('@me@home.example', verb, { object: POST }, { fetch })).to.equal(
          `${HOME}/intents/object?o=${enc(POST)}`,
        );
      }
    });

    it('nothing at all: https://home/authorize_interaction?uri=', async () => {
      for (const webfinger of [[], [{ rel: 'self', href: `${HOME}/users/me` }]]) {
        const { fetch } = home({ webfinger });
        for (const verb of verbs) {
          expect(await intentUrl('@me@home.example', verb, { object: POST }, { fetch })).to.equal(
            FALLBACK,
          );
        }
      }
    });

    it('never uses the intent of another verb', async () => {
      const { fetch } = home({ webfinger: [links.href('Follow'), links.href('Announce')] });
      expect(await intentUrl('home.example', 'Like', { object: POST }, { fetch })).to.equal(
        FALLBACK,
      );
    });
  });

  it('follows the order: verb intent, subscribe, Object intent, fallback (whatever the JRD order)', async () => {
    const like = links.href('Like');
    const all = [links.object, links.subscribe, like];
    const expected = [
      `${HOME}/intents/Like?href=${enc(POST)}`,
      `${HOME}/ostatus/subscribe?profile=${enc(POST)}`,
      `${HOME}/intents/object?o=${enc(POST)}`,
      FALLBACK,
    ];
    for (let i = 0; i < expected.length; i++) {
      // Drop the best remaining option each time: verb intent, then subscribe, then Object.
      const drop = [like, links.subscribe, links.object].slice(0, i);
      const { fetch } = home({ webfinger: all.filter((l) => !drop.includes(l)) });
      expect(await intentUrl('@me@home.example', 'Like', { object: POST }, { fetch })).to.equal(
        expected[i],
      );
    }
  });

  describe('Create for a reply', () => {
    const REPLY = {
      rel: FEP + 'Create',
      template: `${HOME}/share?text={content}&in_reply_to={inReplyTo}`,
    };

    it('uses a Create intent that takes inReplyTo', async () => {
      const { fetch } = home({ webfinger: [links.subscribe, links.object, REPLY] });
      expect(
        await intentUrl(
          '@me@home.example',
          'Create',
          { inReplyTo: POST, content: '@author hi & bye' },
          { fetch },
        ),
      ).to.equal(`${HOME}/share?text=${enc('@author hi & bye')}&in_reply_to=${enc(POST)}`);
      expect(
        await intentUrl('@me@home.example', 'Create', { inReplyTo: POST }, { fetch }),
      ).to.equal(`${HOME}/share?text=&in_reply_to=${enc(POST)}`);
    });

    it('without a Create intent, opens the post being answered (subscribe, Object, fallback)', async () => {
      const cases: [unknown[], string][] = [
        [[links.object, links.subscribe], `${HOME}/ostatus/subscribe?profile=${enc(POST)}`],
        [[links.object], `${HOME}/intents/object?o=${enc(POST)}`],
        [[], FALLBACK],
      ];
      for (const [webfinger, expected] of cases) {
        const { fetch } = home({ webfinger });
        expect(
          await intentUrl('@me@home.example', 'Create', { inReplyTo: POST }, { fetch }),
        ).to.equal(expected);
      }
    });

    it('skips a Create intent that cannot carry inReplyTo (Mastodon 4.6: share?text={content})', async () => {
      const { fetch } = home({
        webfinger: [
          links.subscribe,
          { rel: FEP + 'Create', template: `${HOME}/share?text={content}` },
          links.object,
        ],
      });
      expect(
        await intentUrl(
          '@me@home.example',
          'Create',
          { inReplyTo: POST, content: 'hi' },
          { fetch },
        ),
      ).to.equal(`${HOME}/ostatus/subscribe?profile=${enc(POST)}`);
    });
  });

  describe('values', () => {
    const TRICKY = 'a b&c=d#e?f/g+h%i ü 🎉 {object} {content}';

    it('percent-encodes every value (spaces, &, #, unicode, {)', async () => {
      const { fetch } = home({
        webfinger: [{ rel: FEP + 'Like', template: `${HOME}/like?id={object}&x=1` }],
      });
      const target = await intentUrl('home.example', 'Like', { object: TRICKY }, { fetch });
      expect(target).to.equal(`${HOME}/like?id=${enc(TRICKY)}&x=1`);
      expect(target).to.contain(
        'a%20b%26c%3Dd%23e%3Ff%2Fg%2Bh%25i%20%C3%BC%20%F0%9F%8E%89%20%7Bobject%7D',
      );
      const params = new URL(target).searchParams;
      expect(params.get('id')).to.equal(TRICKY);
      expect(params.get('x')).to.equal('1');
      expect(new URL(target).hash).to.equal('');
    });

    it('fills each placeholder once: a value that looks like a placeholder stays a value', () => {
      expect(
        fillTemplate(`${HOME}/share?text={content}&in_reply_to={inReplyTo}&u={uri}`, {
          content: '{inReplyTo} {uri}',
          inReplyTo: "it's {content}",
          object: POST,
        }),
      ).to.satisfy((url: string) => {
        const params = new URL(url).searchParams;
        return (
          params.get('text') === '{inReplyTo} {uri}' &&
          params.get('in_reply_to') === "it's {content}" &&
          params.get('u') === POST
        );
      });
    });

    it('blanks unknown placeholders ({on-success}, {foo}, even {constructor})', () => {
      expect(
        fillTemplate(
          `${HOME}/like?id={object}&ok={on-success}&cancel={on-cancel}&f={foo}&g={foo_bar}&h={x.y}&c={constructor}&t={toString}&p={__proto__}`,
          { object: POST },
        ),
      ).to.equal(`${HOME}/like?id=${enc(POST)}&ok=&cancel=&f=&g=&h=&c=&t=&p=`);
      // `{uri}` is the subscribe template's name for the object.
      expect(fillTemplate(`${HOME}/a?uri={uri}`, { object: POST })).to.equal(
        `${HOME}/a?uri=${enc(POST)}`,
      );
      expect(fillTemplate(`${HOME}/a?uri={uri}&c={content}`, {})).to.equal(`${HOME}/a?uri=&c=`);
    });

    it('blanks unknown placeholders in an intent from WebFinger', async () => {
      const { fetch } = home({
        webfinger: [
          { rel: FEP + 'Follow', href: `${HOME}/follow?o={object}&next={on-success}&z={foo}` },
        ],
      });
      expect(await intentUrl('home.example', 'Follow', { object: POST }, { fetch })).to.equal(
        `${HOME}/follow?o=${enc(POST)}&next=&z=`,
      );
    });
  });

  describe('unsafe templates', () => {
    const UNSAFE = [
      'javascript:alert({object})',
      'JavaScript:alert({object})',
      'java\tscript:alert({object})',
      ' javascript:alert({object})',
      'data:text/html,<script>alert(1)</script>{object}',
      '//evil.example/{object}',
      '/relative?o={object}',
      'http://evil.example/?o={object}',
      'https://user:pw@evil.example/{object}',
    ];

    it('fillTemplate refuses javascript:, data:, protocol-relative and relative templates', () => {
      for (const template of UNSAFE) {
        expect(fillTemplate(template, { object: POST }), template).to.equal(undefined);
      }
      // A value cannot turn a safe template into an unsafe one.
      expect(fillTemplate('{object}', { object: 'javascript:alert(1)' })).to.equal(undefined);
    });

    it('refuses an unsafe href or template and falls to the next option', async () => {
      for (const unsafe of UNSAFE) {
        for (const key of ['href', 'template']) {
          const verb = { rel: FEP + 'Like', [key]: unsafe };
          const cases: [unknown[], string][] = [
            [[verb, links.subscribe], `${HOME}/ostatus/subscribe?profile=${enc(POST)}`],
            [
              [verb, { rel: SUBSCRIBE, [key]: unsafe.replace('{object}', '{uri}') }, links.object],
              `${HOME}/intents/object?o=${enc(POST)}`,
            ],
            [[verb, { rel: FEP + 'Object', [key]: unsafe }], FALLBACK],
          ];
          for (const [webfinger, expected] of cases) {
            const { fetch } = home({ webfinger });
            expect(
              await intentUrl('home.example', 'Like', { object: POST }, { fetch }),
              `${key}: ${unsafe}`,
            ).to.equal(expected);
          }
        }
      }
    });

    it('refuses a link whose template names no object (it would open a page without the post)', async () => {
      const { fetch } = home({
        webfinger: [
          { rel: FEP + 'Like', href: `${HOME}/like` },
          { rel: SUBSCRIBE, template: `${HOME}/subscribe?text={content}` },
          links.object,
        ],
      });
      expect(await intentUrl('home.example', 'Like', { object: POST }, { fetch })).to.equal(
        `${HOME}/intents/object?o=${enc(POST)}`,
      );
    });
  });

  describe('broken WebFinger', () => {
    it('falls back silently on HTML, 404, invalid JSON, links not an array, junk link objects', async () => {
      const answers: Answer[] = [
        () => html(),
        () => html(404),
        () => notFound(),
        () => json({ error: 'not found' }, { status: 404 }),
        () => new Response('{"links": [', { headers: { 'content-type': 'application/jrd+json' } }),
        () => new Response('', { headers: { 'content-type': 'application/jrd+json' } }),
        () => json('just a string'),
        () => json([{ rel: SUBSCRIBE, template: `${HOME}/x?u={uri}` }]),
        () => json({ links: { rel: SUBSCRIBE, template: `${HOME}/x?u={uri}` } }),
        () => json({ links: 'http://ostatus.org/schema/1.0/subscribe' }),
        () => json({ links: 42 }),
        () => json({ links: null }),
        () => json({ links: [null, 'x', 1, true, [], {}] }),
        () =>
          json({ links: [null, SUBSCRIBE, { rel: [SUBSCRIBE], template: `${HOME}/x?u={uri}` }] }),
      ];
      for (const [i, answer] of answers.entries()) {
        const { fetch, calls } = home({ webfinger: answer });
        expect(
          await intentUrl('@me@home.example', 'Like', { object: POST }, { fetch }),
          `answer ${i}`,
        ).to.equal(FALLBACK);
        expect(calls.map((c) => c.url)).to.deep.equal([WEBFINGER]);
      }
    });

    it('uses the good links among junk ones', async () => {
      const { fetch } = home({ webfinger: [null, 'x', 7, links.subscribe] });
      expect(await intentUrl('home.example', 'Like', { object: POST }, { fetch })).to.equal(
        `${HOME}/ostatus/subscribe?profile=${enc(POST)}`,
      );
    });

    it('rejects with NETWORK when the server cannot be reached', async () => {
      const { fetch, calls } = home({ webfinger: noCors });
      await rejects(
        intentUrl('@me@home.example', 'Follow', { object: POST }, { fetch }),
        'NETWORK',
      );
      expect(calls.every((c) => c.url === WEBFINGER)).to.equal(true);
    });

    it('rejects with TIMEOUT within the timeout when the server stalls', async () => {
      const start = performance.now();
      await rejects(
        intentUrl('@me@home.example', 'Like', { object: POST }, { fetch: stalled, timeout: 300 }),
        'TIMEOUT',
      );
      const elapsed = performance.now() - start;
      expect(elapsed).to.be.greaterThan(250);
      expect(elapsed).to.be.lessThan(1000);
    });

    it('rejects with TIMEOUT when the headers arrive but the body stalls', async () => {
      const { fetch } = home({
        webfinger: () =>
          new Response(
            new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{')) }),
            {
              headers: { 'content-type': 'application/jrd+json' },
            },
          ),
      });
      const start = performance.now();
      await rejects(
        intentUrl('@me@home.example', 'Like', { object: POST }, { fetch, timeout: 300 }),
        'TIMEOUT',
      );
      expect(performance.now() - start).to.be.lessThan(1000);
    });

    it('rejects with ABORTED when the caller aborts, before or during the lookup', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const start = performance.now();
      await rejects(
        intentUrl(
          '@me@home.example',
          'Like',
          { object: POST },
          { fetch: stalled, signal: controller.signal },
        ),
        'ABORTED',
      );
      expect(performance.now() - start).to.be.lessThan(1000);
      await rejects(
        intentUrl(
          '@me@home.example',
          'Like',
          { object: POST },
          {
            fetch: stalled,
            signal: AbortSignal.abort(),
          },
        ),
        'ABORTED',
      );
      const { fetch } = home({ webfinger: [links.subscribe] });
      await rejects(
        shareUrl('@me@home.example', 'hi', { fetch, signal: AbortSignal.abort() }),
        'ABORTED',
      );
    });
  });

  describe('the WebFinger request', () => {
    it('asks for acct:user@home, without credentials or referrer', async () => {
      const { fetch, calls } = home({ webfinger: [] });
      await intentUrl('@user@home.example', 'Follow', { object: POST }, { fetch });
      expect(calls).to.have.length(1);
      expect(calls[0]!.url).to.equal(
        'https://home.example/.well-known/webfinger?resource=acct%3Auser%40home.example',
      );
      expect(calls[0]!.init.credentials).to.equal('omit');
      expect(calls[0]!.init.referrerPolicy).to.equal('no-referrer');
      expect(calls[0]!.init.method ?? 'GET').to.equal('GET');
    });

    it('asks for acct:home@home for a bare domain or a URL', async () => {
      for (const input of ['home.example', 'https://home.example/@someone', 'HOME.example']) {
        const { fetch, calls } = home({ webfinger: [] });
        await intentUrl(input, 'Follow', { object: POST }, { fetch });
        expect(
          calls.map((c) => c.url),
          input,
        ).to.deep.equal([
          'https://home.example/.well-known/webfinger?resource=acct%3Ahome.example%40home.example',
        ]);
      }
    });

    it('never sends the post or the site anywhere but the reader home', async () => {
      const { fetch, calls } = home({ webfinger: [links.subscribe] });
      await intentUrl('@me@home.example', 'Like', { object: POST }, { fetch });
      expect(calls.map((c) => c.url)).to.deep.equal([WEBFINGER]);
      expect(calls[0]!.url).not.to.contain('site.example');
    });
  });
});

describe('shareUrl', () => {
  const TEXT = 'Read this: https://blog.example/post?a=1&b=2#top — ça 🎉 {content}';

  it('uses a Create intent with {content}, without asking nodeinfo', async () => {
    const { fetch, calls } = home({
      webfinger: [
        links.subscribe,
        { rel: FEP + 'Create', template: `${HOME}/publish?text={content}&ok={on-success}` },
      ],
      nodeinfo: DISCOVERY,
      software: 'friendica',
    });
    expect(await shareUrl('@me@home.example', TEXT, { fetch })).to.equal(
      `${HOME}/publish?text=${enc(TEXT)}&ok=`,
    );
    expect(calls.map((c) => c.url)).to.deep.equal([WEBFINGER]);
  });

  it('ignores a Create intent without {content} (Pleroma: share?url={object}) or an unsafe one', async () => {
    for (const template of [`${HOME}/share?url={object}`, 'javascript:alert({content})']) {
      const { fetch } = home({
        webfinger: [{ rel: FEP + 'Create', template }],
        nodeinfo: DISCOVERY,
        software: 'hubzilla',
      });
      expect(await shareUrl('@me@home.example', TEXT, { fetch }), template).to.equal(
        `${HOME}/rpost?body=${enc(TEXT)}`,
      );
    }
  });

  const FAMILIES: [string, string][] = [
    ['mastodon', 'share?text='],
    ['Mastodon', 'share?text='],
    ['hometown', 'share?text='],
    ['misskey', 'share?text='],
    ['sharkey', 'share?text='],
    ['firefish', 'share?text='],
    ['pleroma', 'share?text='],
    ['akkoma', 'share?text='],
    ['gotosocial', 'share?text='],
    ['friendica', 'compose?body='],
    ['Friendica', 'compose?body='],
    ['hubzilla', 'rpost?body='],
    ['gnusocial', 'notice/new?status_textarea='],
    ['something-new', 'share?text='],
    ['constructor', 'share?text='],
    ['__proto__', 'share?text='],
  ];

  for (const [software, path] of FAMILIES) {
    it(`detects ${software} from nodeinfo: ${path}`, async () => {
      const { fetch, calls } = home({
        webfinger: [links.subscribe],
        nodeinfo: DISCOVERY,
        software,
      });
      expect(await shareUrl('@me@home.example', TEXT, { fetch })).to.equal(
        `${HOME}/${path}${enc(TEXT)}`,
      );
      expect(calls.map((c) => c.url)).to.deep.equal([
        WEBFINGER,
        `${HOME}/.well-known/nodeinfo`,
        `${HOME}/nodeinfo/2.0`,
      ]);
      for (const call of calls) expect(call.init.credentials).to.equal('omit');
    });
  }

  it('reads a nodeinfo 2.1 link too', async () => {
    const { fetch } = home({
      nodeinfo: [{ rel: NODEINFO_21, href: `${HOME}/nodeinfo/2.1` }],
      software: 'gnusocial',
    });
    expect(await shareUrl('home.example', 'x y', { fetch })).to.equal(
      `${HOME}/notice/new?status_textarea=x%20y`,
    );
  });

  it('falls back to share?text= when nodeinfo cannot be read', async () => {
    const shapes: Parameters<typeof home>[0][] = [
      { nodeinfo: notFound },
      { nodeinfo: noCors },
      { nodeinfo: () => html() },
      { nodeinfo: () => new Response('{', { headers: { 'content-type': 'application/json' } }) },
      {
        nodeinfo: [{ rel: NODEINFO_20, href: 'https://evil.example/nodeinfo/2.0' }],
        software: 'friendica',
      },
      {
        nodeinfo: [
          { rel: 'http://nodeinfo.diaspora.software/ns/schema/1.0', href: `${HOME}/nodeinfo/2.0` },
        ],
        software: 'friendica',
      },
      {
        nodeinfo: [
          { rel: 'http://nodeinfo.diaspora.software/ns/schema/3.0', href: `${HOME}/nodeinfo/2.0` },
        ],
        software: 'friendica',
      },
      { nodeinfo: DISCOVERY, software: notFound },
      { nodeinfo: DISCOVERY, software: noCors },
      { nodeinfo: DISCOVERY, software: () => html() },
      { nodeinfo: DISCOVERY, software: () => json({ software: { name: 42 } }) },
      { nodeinfo: DISCOVERY, software: () => json({}) },
    ];
    for (const [i, shape] of shapes.entries()) {
      const { fetch, calls } = home(shape);
      expect(await shareUrl('@me@home.example', TEXT, { fetch }), `shape ${i}`).to.equal(
        `${HOME}/share?text=${enc(TEXT)}`,
      );
      expect(
        calls.every((c) => c.url.startsWith(`${HOME}/`)),
        `shape ${i}`,
      ).to.equal(true);
    }
  });

  it('rejects with NETWORK or TIMEOUT when WebFinger does not answer', async () => {
    await rejects(shareUrl('home.example', 'x', home({ webfinger: noCors })), 'NETWORK');
    await rejects(shareUrl('home.example', 'x', { fetch: stalled, timeout: 300 }), 'TIMEOUT');
  });

  it('encodes the text', async () => {
    const { fetch } = home({ nodeinfo: DISCOVERY, software: 'mastodon' });
    const target = await shareUrl('home.example', TEXT, { fetch });
    expect(new URL(target).searchParams.get('text')).to.equal(TEXT);
    expect(new URL(target).hash).to.equal('');
    expect(target).to.contain('%26b%3D2%23top');
  });
});

describe('detectSoftware', () => {
  it('returns the lower-cased software name', async () => {
    const { fetch } = home({ nodeinfo: DISCOVERY, software: 'GoToSocial' });
    expect(await detectSoftware(HOME, { fetch })).to.equal('gotosocial');
  });

  it('picks the 2.x link among others', async () => {
    const { fetch, calls } = home({
      nodeinfo: [
        null,
        { rel: 'http://nodeinfo.diaspora.software/ns/schema/1.0', href: `${HOME}/nodeinfo/1.0` },
        { rel: NODEINFO_21, href: `${HOME}/nodeinfo/2.1` },
      ],
      software: 'Akkoma',
    });
    expect(await detectSoftware(HOME, { fetch })).to.equal('akkoma');
    expect(calls.map((c) => c.url)).to.deep.equal([
      `${HOME}/.well-known/nodeinfo`,
      `${HOME}/nodeinfo/2.1`,
    ]);
  });

  it('returns undefined on failures, with no retry', async () => {
    const shapes: Parameters<typeof home>[0][] = [
      { nodeinfo: notFound },
      { nodeinfo: noCors },
      { nodeinfo: () => html() },
      { nodeinfo: () => json({ links: 'nope' }) },
      { nodeinfo: () => json(null) },
      { nodeinfo: [] },
      { nodeinfo: [{ rel: NODEINFO_20 }] },
      { nodeinfo: [{ rel: NODEINFO_20, href: '/nodeinfo/2.0' }] },
      { nodeinfo: DISCOVERY, software: () => json({ software: 'mastodon' }) },
      { nodeinfo: DISCOVERY, software: () => json({ software: { name: ['mastodon'] } }) },
      { nodeinfo: DISCOVERY, software: () => new Response('x', { status: 500 }) },
    ];
    for (const [i, shape] of shapes.entries()) {
      const { fetch, calls } = home(shape);
      expect(await detectSoftware(HOME, { fetch }), `shape ${i}`).to.equal(undefined);
      expect(calls.length, `shape ${i}`).to.be.lessThan(3);
    }
  });

  it('never fetches a nodeinfo document on another origin', async () => {
    for (const href of [
      'https://evil.example/nodeinfo/2.0',
      'https://home.example.evil.example/nodeinfo/2.0',
      'https://evil.home.example/nodeinfo/2.0',
      'https://home.example:8443/nodeinfo/2.0',
      'http://home.example/nodeinfo/2.0',
      '//evil.example/nodeinfo/2.0',
      'javascript:alert(1)',
      'https://user@home.example/nodeinfo/2.0',
    ]) {
      const { fetch, calls } = home({
        nodeinfo: [{ rel: NODEINFO_20, href }],
        software: 'mastodon',
      });
      expect(await detectSoftware(HOME, { fetch }), href).to.equal(undefined);
      expect(
        calls.map((c) => c.url),
        href,
      ).to.deep.equal([`${HOME}/.well-known/nodeinfo`]);
    }
  });

  it('caps the name and rejects on abort', async () => {
    const { fetch } = home({ nodeinfo: DISCOVERY, software: 'X'.repeat(500) });
    expect(await detectSoftware(HOME, { fetch })).to.equal('x'.repeat(50));
    await rejects(detectSoftware(HOME, { fetch: stalled, signal: AbortSignal.abort() }), 'ABORTED');
    expect(await detectSoftware(HOME, { fetch: stalled, timeout: 300 })).to.equal(undefined);
  });
});

describe('blueskyShareUrl', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const graphemes = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);
  const textOf = (url: string) => {
    expect(url.startsWith('https://bsky.app/intent/compose?text=')).to.equal(true);
    return new URL(url).searchParams.get('text')!;
  };
  // One user-perceived character each, several code points each.
  const CLUSTERS = [
    '👨‍👩‍👧‍👦', // ZWJ family
    '🇫🇷', // flag (regional indicators)
    '🏳️‍🌈', // ZWJ flag with a variation selector
    'e\u0301', // e + combining acute
    'Z\u0351\u036b\u0343', // several combining marks
    '👍🏽', // skin tone modifier
    '\u1100\u1161\u11a8', // Hangul L V T jamo
    '\r\n',
    'a',
  ];
  const text = (n: number) =>
    Array.from({ length: n }, (_, i) => CLUSTERS[i % CLUSTERS.length]).join('');

  it('keeps a short text unchanged, encoded', () => {
    expect(blueskyShareUrl('Hello world & more #tag')).to.equal(
      `https://bsky.app/intent/compose?text=${enc('Hello world & more #tag')}`,
    );
    expect(blueskyShareUrl('')).to.equal('https://bsky.app/intent/compose?text=');
  });

  it('keeps exactly 300 graphemes unchanged, however many code units they take', () => {
    const input = text(300);
    expect(graphemes(input)).to.have.length(300);
    expect(input.length).to.be.greaterThan(900);
    expect(textOf(blueskyShareUrl(input))).to.equal(input);
    expect(textOf(blueskyShareUrl('x'.repeat(300)))).to.equal('x'.repeat(300));
  });

  it('cuts 301+ graphemes to 299 and an ellipsis, splitting none', () => {
    for (const n of [301, 302, 1000]) {
      const input = text(n);
      const out = textOf(blueskyShareUrl(input));
      const parts = graphemes(out);
      expect(parts, `${n}`).to.have.length(300);
      expect(parts[299]).to.equal('…');
      expect(parts.slice(0, 299)).to.deep.equal(graphemes(input).slice(0, 299));
      expect(out).to.equal(graphemes(input).slice(0, 299).join('') + '…');
    }
  });

  it('does not cut inside a cluster at the limit', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(textOf(blueskyShareUrl('a'.repeat(299) + family + 'b'))).to.equal('a'.repeat(299) + '…');
    expect(textOf(blueskyShareUrl('a'.repeat(298) + family + 'bc'))).to.equal(
      'a'.repeat(298) + family + '…',
    );
    expect(textOf(blueskyShareUrl('a'.repeat(299) + family))).to.equal('a'.repeat(299) + family);
    const flags = '🇫🇷🇩🇪'.repeat(151); // 302 flags
    const out = textOf(blueskyShareUrl(flags));
    expect(out).to.equal('🇫🇷🇩🇪'.repeat(149) + '🇫🇷…');
  });

  it('uses a custom client', () => {
    expect(blueskyShareUrl('hi there', 'https://social.example')).to.equal(
      'https://social.example/intent/compose?text=hi%20there',
    );
  });
});

describe('remembered homes', () => {
  const setItem = Storage.prototype.setItem;
  const getItem = Storage.prototype.getItem;
  const removeItem = Storage.prototype.removeItem;

  afterEach(() => {
    Storage.prototype.setItem = setItem;
    Storage.prototype.getItem = getItem;
    Storage.prototype.removeItem = removeItem;
    localStorage.removeItem(HOMES_KEY);
  });

  it('stores nothing until rememberHome is called', async () => {
    const before = localStorage.length;
    expect(rememberedHomes()).to.deep.equal([]);
    const { fetch } = home({
      webfinger: [links.subscribe],
      nodeinfo: DISCOVERY,
      software: 'mastodon',
    });
    await intentUrl('@me@home.example', 'Follow', { object: POST }, { fetch });
    await shareUrl('@me@home.example', 'hi', { fetch });
    parseHome('@me@home.example');
    expect(localStorage.getItem(HOMES_KEY)).to.equal(null);
    expect(localStorage.length).to.equal(before);
    rememberHome('@me@home.example');
    expect(JSON.parse(localStorage.getItem(HOMES_KEY)!)).to.deep.equal(['@me@home.example']);
    expect(HOMES_KEY).to.equal('fedikit:homes');
  });

  it('lists the most recent first, without duplicates, at most 5', () => {
    rememberHome('a.example');
    rememberHome('b.example');
    rememberHome('  c.example  ');
    expect(rememberedHomes()).to.deep.equal(['c.example', 'b.example', 'a.example']);
    rememberHome('a.example');
    expect(rememberedHomes()).to.deep.equal(['a.example', 'c.example', 'b.example']);
    for (const h of ['d.example', 'e.example', 'f.example', 'g.example']) rememberHome(h);
    expect(rememberedHomes()).to.deep.equal([
      'g.example',
      'f.example',
      'e.example',
      'd.example',
      'a.example',
    ]);
    expect(JSON.parse(localStorage.getItem(HOMES_KEY)!)).to.have.length(5);
  });

  it('forgets one, and removes the key with the last one', () => {
    rememberHome('a.example');
    rememberHome('b.example');
    forgetHome('a.example');
    expect(rememberedHomes()).to.deep.equal(['b.example']);
    forgetHome('not-there.example');
    expect(rememberedHomes()).to.deep.equal(['b.example']);
    forgetHome('b.example');
    expect(rememberedHomes()).to.deep.equal([]);
    expect(localStorage.getItem(HOMES_KEY)).to.equal(null);
  });

  it('reads a corrupted value as [] (and keeps only strings)', () => {
    for (const value of ['{', 'null', '"a.example"', '{"0":"a.example"}', '42', '']) {
      localStorage.setItem(HOMES_KEY, value);
      expect(rememberedHomes(), value).to.deep.equal([]);
    }
    localStorage.setItem(HOMES_KEY, JSON.stringify([1, null, 'a.example', {}, 'b.example']));
    expect(rememberedHomes()).to.deep.equal(['a.example', 'b.example']);
    localStorage.setItem(HOMES_KEY, '{');
    rememberHome('c.example');
    expect(rememberedHomes()).to.deep.equal(['c.example']);
  });

  it('does not throw when storage is blocked', () => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Storage.prototype.setItem = blocked;
    expect(() => rememberHome('a.example')).not.to.throw();
    expect(rememberedHomes()).to.deep.equal([]);
    Storage.prototype.setItem = setItem;
    rememberHome('a.example');
    Storage.prototype.removeItem = blocked;
    Storage.prototype.setItem = blocked;
    expect(() => forgetHome('a.example')).not.to.throw();
    Storage.prototype.getItem = blocked;
    expect(rememberedHomes()).to.deep.equal([]);
    expect(() => rememberHome('b.example')).not.to.throw();
  });
});
