// The Pixelfed provider's post read against the hostile server started by the test runner
// (packages/sandbox): broken and malicious answers, picked by status id. Each must end in a clear
// state within its deadline; a token wall must say to use the proxy.
import { FediError, type FediErrorCode, type Ref } from '@fedikit/core';
import { testEnv } from '@fedikit/core/testing.js';
import { expect } from '@open-wc/testing';
import { createPixelfedProvider } from './index.js';

const TIMEOUT = 1500;
/** Slack for timers, the browser and the server on a loaded machine. */
const SLACK = 1500;

let hostile: string | null = null;
let warned = false;

async function hostileOrSkip(ctx: Mocha.Context): Promise<string> {
  if (hostile === null) hostile = (await testEnv()).hostile ?? null;
  if (!hostile) {
    if (!warned) console.warn('skipped: the hostile server is not running');
    warned = true;
    ctx.skip();
  }
  return hostile!;
}

/** A post ref on the hostile server: its status ids are scenario names, not numbers. */
const ref = (base: string, id: string): Ref => ({
  protocol: 'pixelfed',
  kind: 'post',
  origin: base,
  host: new URL(base).host,
  id,
});

const provider = createPixelfedProvider();

async function expectCode(read: Promise<unknown>, code: FediErrorCode, maxMs: number) {
  const start = performance.now();
  try {
    await read;
  } catch (error) {
    const elapsed = performance.now() - start;
    expect(error, String(error)).to.be.instanceOf(FediError);
    expect((error as FediError).code, (error as Error).message).to.equal(code);
    expect(elapsed, `${code} after ${Math.round(elapsed)} ms`).to.be.lessThan(maxMs);
    return error as FediError;
  }
  throw new Error(`expected ${code}, got an answer`);
}

describe('Pixelfed provider against the hostile server', () => {
  beforeEach(async function () {
    const base = await hostileOrSkip(this);
    await fetch(`${base}/__reset`, { method: 'DELETE' });
  });

  const codes: [string, FediErrorCode][] = [
    ['slowbody', 'TIMEOUT'],
    ['never', 'TIMEOUT'],
    ['huge', 'TOO_LARGE'],
    ['hugenolength', 'TOO_LARGE'],
    ['ratelimitedlong', 'RATE_LIMITED'],
    ['error500', 'SERVER'],
    ['html', 'INVALID_RESPONSE'],
    ['login', 'AUTH_REQUIRED'],
    ['unauth', 'AUTH_REQUIRED'],
    ['gone', 'NOT_FOUND'],
    ['malformed', 'INVALID_RESPONSE'],
  ];
  for (const [id, code] of codes) {
    it(`${id} → ${code}`, async function () {
      const base = await hostileOrSkip(this);
      const timeout = code === 'TOO_LARGE' ? 5000 : TIMEOUT;
      const error = await expectCode(
        provider.getPost(ref(base, id), { timeout }),
        code,
        timeout + SLACK,
      );
      if (code === 'AUTH_REQUIRED') expect(error.message).to.contain('@fedikit/proxy');
    });
  }

  it('ratelimited and burst → succeed within the retry budget', async function () {
    const base = await hostileOrSkip(this);
    for (const id of ['ratelimited', 'burst']) {
      const post = await provider.getPost(ref(base, id), { timeout: 5000 });
      expect(post.id, id).to.be.a('string');
    }
  });

  it('invalid → a post with sane values, no throw', async function () {
    const base = await hostileOrSkip(this);
    const post = await provider.getPost(ref(base, 'invalid'), { timeout: 5000 });
    for (const n of Object.values(post.counts))
      expect(Number.isSafeInteger(n) && n >= 0, `count ${n}`).to.equal(true);
    if (post.createdAt) expect(Number.isFinite(post.createdAt.getTime())).to.equal(true);
    for (const m of post.media) {
      if (m.width !== undefined) expect(m.width).to.be.within(1, 10_000);
      for (const url of [m.url, m.previewUrl, m.license?.url])
        if (url) expect(url).to.match(/^https:\/\/|^http:\/\/(localhost|127\.|\[::1\])/);
    }
  });
});
