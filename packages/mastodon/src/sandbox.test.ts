// SPDX-License-Identifier: MIT
// The provider in the browser against the sandbox (started by the test runner), on a remote post
// whose replies the instance is still fetching: what a page reading Mastodon directly can know.
import { resolve } from '@fedikit/core';
import { resetSandbox, testEnv } from '@fedikit/core/testing.js';
import { expect } from '@open-wc/testing';
import { createMastodonProvider } from './index.js';

describe('createMastodonProvider on the sandbox', () => {
  it('cannot see Mastodon-Async-Refresh across origins: the partial thread has no pending, the next read after the refresh has every reply', async () => {
    const { sandbox, seed } = await testEnv();
    const { path, replies, repliesBeforeRefresh, retry } = seed.asyncThread;
    await resetSandbox();
    const provider = createMastodonProvider();
    const ref = resolve(sandbox + path);
    const first = await provider.getThread(ref);
    // Taken after the first read: the sandbox's fetch started before it.
    const read1 = Date.now();
    // The sandbox sent the header with this partial answer (its own tests and the proxy's check
    // that), but Mastodon does not expose it, so the browser hides it from the provider.
    expect(first.count).to.equal(repliesBeforeRefresh);
    expect(first.pending).to.equal(undefined);
    await new Promise((r) => setTimeout(r, read1 + retry * 1000 + 50 - Date.now()));
    const done = await provider.getThread(ref, { fresh: true });
    expect(done.count).to.equal(replies);
    expect(done.pending).to.equal(undefined);
  });
});
