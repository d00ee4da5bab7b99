// Against the hostile server started by the test runner (packages/sandbox): broken and malicious
// answers, selected by status id. Each scenario must end in a clear state within its deadline.
import {
  FediError,
  fetchJson,
  resolve,
  type FediErrorCode,
  type Post,
  type Thread,
  type ThreadNode,
} from '@fedikit/core';
import { testEnv } from '@fedikit/core/testing.js';
import { expect } from '@open-wc/testing';
import { createMastodonProvider } from './index.js';
import type { WireContext, WireStatus } from './wire.js';

const TIMEOUT = 1500;
/** Slack for timers, the browser and the server on a loaded CI machine. */
const SLACK = 1500;

let hostile: string | null = null;
let warned = false;

async function hostileOrSkip(ctx: Mocha.Context): Promise<string> {
  if (hostile === null) hostile = (await testEnv()).hostile ?? null;
  if (!hostile) {
    if (!warned)
      console.warn('skipped: the hostile server is not running (no packages/sandbox/dist)');
    warned = true;
    ctx.skip();
  }
  return hostile!;
}

const provider = createMastodonProvider();
const ref = (base: string, id: string) => resolve(`${base}/@mallory/${id}`);

async function expectCode(
  promise: Promise<unknown>,
  code: FediErrorCode,
  maxMs: number,
): Promise<{ error: FediError; elapsed: number }> {
  const start = performance.now();
  try {
    await promise;
  } catch (error) {
    const elapsed = performance.now() - start;
    expect(error, String(error)).to.be.instanceOf(FediError);
    expect((error as FediError).code, (error as Error).message).to.equal(code);
    expect(elapsed, `${code} after ${Math.round(elapsed)} ms`).to.be.lessThan(maxMs);
    return { error: error as FediError, elapsed };
  }
  throw new Error(`expected ${code}, got an answer`);
}

function nodes(thread: Thread): ThreadNode[] {
  const out: ThreadNode[] = [];
  const stack = [...thread.replies];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...n.replies);
  }
  return out;
}

function checkPostSane(post: Post) {
  if (post.createdAt !== undefined) expect(Number.isFinite(post.createdAt.getTime())).to.be.true;
  if (post.editedAt !== undefined) expect(Number.isFinite(post.editedAt.getTime())).to.be.true;
  for (const n of Object.values(post.counts)) {
    expect(Number.isSafeInteger(n) && n >= 0, `count ${n}`).to.be.true;
  }
  for (const url of [post.url, post.author.url, post.author.avatar, post.author.avatarStatic]) {
    if (url !== undefined) expect(url).to.match(/^https:\/\/|^http:\/\/(localhost|127\.|\[::1\])/);
  }
  for (const e of [...post.emojis, ...post.author.emojis]) {
    expect(e.shortcode).to.match(/^[A-Za-z0-9_]{1,64}$/);
    expect(e.url).to.match(/^https:\/\/|^http:\/\/(localhost|127\.|\[::1\])/);
  }
  for (const m of post.media) {
    if (m.width !== undefined) expect(m.width).to.be.within(1, 10_000);
    if (m.height !== undefined) expect(m.height).to.be.within(1, 10_000);
  }
}

describe('Mastodon provider against the hostile server', () => {
  beforeEach(async function () {
    const base = await hostileOrSkip(this);
    await fetch(`${base}/__reset`, { method: 'DELETE' });
  });

  for (const id of ['slowbody', 'never']) {
    it(`${id} → TIMEOUT at the deadline`, async function () {
      const base = await hostileOrSkip(this);
      const { elapsed } = await expectCode(
        provider.getThread(ref(base, id), { timeout: TIMEOUT }),
        'TIMEOUT',
        TIMEOUT + SLACK,
      );
      expect(elapsed).to.be.at.least(TIMEOUT * 0.9);
    });
  }

  for (const id of ['huge', 'hugenolength']) {
    it(`${id} → TOO_LARGE`, async function () {
      const base = await hostileOrSkip(this);
      await expectCode(
        provider.getThread(ref(base, id), { timeout: 5000 }),
        'TOO_LARGE',
        5000 + SLACK,
      );
    });
  }

  it('ratelimited → waits for the reset (≥ ~1 s), then succeeds', async function () {
    const base = await hostileOrSkip(this);
    const start = performance.now();
    const thread = await provider.getThread(ref(base, 'ratelimited'), { timeout: 5000 });
    const elapsed = performance.now() - start;
    expect(thread.root).to.exist;
    expect(elapsed, `${Math.round(elapsed)} ms`).to.be.at.least(900);
    expect(elapsed).to.be.lessThan(5000);
  });

  it('ratelimitedlong → RATE_LIMITED quickly (the reset is beyond the deadline)', async function () {
    const base = await hostileOrSkip(this);
    const { error } = await expectCode(
      provider.getThread(ref(base, 'ratelimitedlong'), { timeout: TIMEOUT }),
      'RATE_LIMITED',
      TIMEOUT,
    );
    expect(error.status).to.equal(429);
  });

  it('burst (errors, then 200) → succeeds within the retry budget', async function () {
    const base = await hostileOrSkip(this);
    const thread = await provider.getThread(ref(base, 'burst'), { timeout: 5000 });
    expect(thread.root).to.exist;
  });

  const codes: [string, FediErrorCode][] = [
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
      await expectCode(
        provider.getThread(ref(base, id), { timeout: TIMEOUT }),
        code,
        TIMEOUT + SLACK,
      );
    });
  }

  it('error500 is not retried, and neither are 401/410 (one request each)', async function () {
    const base = await hostileOrSkip(this);
    for (const id of ['error500', 'unauth', 'gone']) {
      let calls = 0;
      const counting = ((input: RequestInfo | URL, init?: RequestInit) => {
        calls++;
        return fetch(input, init);
      }) as typeof fetch;
      await fetchJson(`${base}/api/v1/statuses/${id}`, { fetch: counting, timeout: TIMEOUT }).catch(
        () => undefined,
      );
      expect(calls, id).to.equal(1);
    }
  });

  it('invalid → a Thread, no throw: bad dates undefined, counts sane, cycle handled, hostile emoji dropped', async function () {
    const base = await hostileOrSkip(this);
    const start = performance.now();
    const thread = await provider.getThread(ref(base, 'invalid'), { timeout: 5000 });
    expect(performance.now() - start).to.be.lessThan(5000);
    const all = [thread.root, ...nodes(thread).map((n) => n.post)];
    for (const post of all) checkPostSane(post);
    // Each post at most once (cycles broken), and the count matches the tree.
    const ids = nodes(thread).map((n) => n.post.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).not.to.include(thread.root.id);
    expect(thread.count).to.equal(ids.length);
    // Compare with the raw answers: invalid dates came out undefined, junk counts came out 0.
    const raw = await fetch(`${base}/api/v1/statuses/invalid/context`).then(
      (r) => r.json() as Promise<WireContext>,
    );
    const rawRoot = await fetch(`${base}/api/v1/statuses/invalid`).then(
      (r) => r.json() as Promise<WireStatus>,
    );
    const byId = new Map<string, WireStatus>();
    for (const s of [rawRoot, ...((raw.descendants as WireStatus[]) ?? [])]) {
      if (s && typeof s.id === 'string' && !byId.has(s.id)) byId.set(s.id, s);
    }
    let invalidDates = 0;
    for (const post of all) {
      const wire = byId.get(post.id);
      if (!wire) continue;
      const t = typeof wire.created_at === 'string' ? Date.parse(wire.created_at) : Number.NaN;
      if (!Number.isFinite(t)) {
        invalidDates++;
        expect(post.createdAt, `${post.id} created_at ${String(wire.created_at)}`).to.be.undefined;
      }
      if (typeof wire.favourites_count !== 'number' || wire.favourites_count < 0) {
        expect(post.counts.likes).to.equal(0);
      }
      const rawEmoji = [...(wire.emojis ?? []), ...(wire.account?.emojis ?? [])];
      const kept = post.emojis.length + post.author.emojis.length;
      expect(kept).to.be.at.most(rawEmoji.length);
    }
    console.warn(
      `hostile invalid: ${all.length} posts mapped, ${invalidDates} invalid dates → undefined`,
    );
  });

  it('ok → a thread with 2 replies', async function () {
    const base = await hostileOrSkip(this);
    const thread = await provider.getThread(ref(base, 'ok'), { timeout: TIMEOUT });
    expect(thread.count).to.equal(2);
    for (const post of [thread.root, ...nodes(thread).map((n) => n.post)]) checkPostSane(post);
  });
});
