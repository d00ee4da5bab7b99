// SPDX-License-Identifier: MIT
// <fedi-comment-thread> against the hostile server: every failure ends in a clear, accessible state
// within the element's deadline, never a hang or a crash.
import { testEnv } from '@fedikit/core/testing.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../fedi-comment-thread.js';
import { $$, until } from '../test/helpers.js';
import type { FediCommentThread } from './comment-thread.js';

const DEADLINE = 1500;

async function load(
  id: string,
  timeout = DEADLINE,
): Promise<{ el: FediCommentThread; ms: number }> {
  const { hostile } = await testEnv();
  const started = performance.now();
  const el = await fixture<FediCommentThread>(
    html`<fedi-comment-thread
      load="eager"
      timeout=${timeout}
      src=${`${hostile}/@x/${id}`}
    ></fedi-comment-thread>`,
  );
  await until(
    () => el.matches(':state(ready), :state(empty), :state(error)'),
    `final state for ${id}`,
    8000,
  );
  await el.updateComplete;
  return { el, ms: performance.now() - started };
}

describe('<fedi-comment-thread> on a hostile server', () => {
  beforeEach(async () => {
    const { hostile } = await testEnv();
    await fetch(`${hostile}/__reset`, { method: 'DELETE' });
  });

  const failures: [string, string, RegExp][] = [
    ['slowbody', 'TIMEOUT', /too long/],
    ['never', 'TIMEOUT', /too long/],
    ['huge', 'TOO_LARGE', /more data/],
    ['hugenolength', 'TOO_LARGE', /more data/],
    ['ratelimitedlong', 'RATE_LIMITED', /busy/],
    ['error500', 'SERVER', /problem/],
    ['html', 'INVALID_RESPONSE', /could not be read/],
    ['malformed', 'INVALID_RESPONSE', /could not be read/],
    ['login', 'AUTH_REQUIRED', /without an account/],
    ['unauth', 'AUTH_REQUIRED', /without an account/],
    ['gone', 'NOT_FOUND', /not found/],
  ];
  for (const [id, code, message] of failures) {
    it(`${id} → ${code}, shown with a retry button, within the deadline`, async () => {
      const { el, ms } = await load(id);
      expect(el.error?.code).to.equal(code);
      expect(ms).to.be.below(DEADLINE + 1000);
      const box = $$(el, '[part=error]')[0]!;
      expect(box.getAttribute('role')).to.equal('alert');
      expect(box.textContent).to.match(message);
      expect(box.querySelector('button')).to.exist;
      await expect(el).to.be.accessible();
    });
  }

  it('ratelimited: waits for X-RateLimit-Reset, then renders', async () => {
    const { el, ms } = await load('ratelimited');
    expect(el.matches(':state(ready)')).to.be.true;
    expect(ms).to.be.at.least(900);
  });

  it('burst of 503s, then 200: renders', async () => {
    // The deadline covers the retries and their back-off: a longer one, so a loaded CI machine
    // tests the retries, not its own speed.
    const { el } = await load('burst', 5000);
    expect(el.matches(':state(ready)')).to.be.true;
  });

  it('invalid dates, numbers and emoji: renders what is sane, nothing else', async () => {
    const { el } = await load('invalid');
    expect(el.matches(':state(ready)'), el.error?.message).to.be.true;
    expect($$(el, '.time').some((t) => t.textContent!.includes('unknown date'))).to.be.true;
    for (const img of $$(el, 'img')) expect(img.getAttribute('src')).to.match(/^https?:/);
    await expect(el).to.be.accessible();
  });

  it('aborts the request when removed mid-load, with no late render', async () => {
    const { hostile } = await testEnv();
    const el = await fixture<FediCommentThread>(
      html`<fedi-comment-thread load="eager" src=${`${hostile}/@x/never`}></fedi-comment-thread>`,
    );
    await new Promise((r) => setTimeout(r, 100));
    el.remove();
    await new Promise((r) => setTimeout(r, 300));
    expect(el.matches(':state(loading)')).to.be.true;
    expect(el.error).to.equal(undefined);
  });
});
