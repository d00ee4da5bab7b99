// SPDX-License-Identifier: MIT
// End to end: the real sandbox instance, the real proxy server, and core's browser half of the
// contract (createProxyProvider) reading through it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { createProxyProvider, resolve, type Thread } from '@fedikit/core';
import { createMastodonProvider } from '@fedikit/mastodon';
import { BLUESKY_SEED, createSandbox, SEED, type Sandbox } from '@fedikit/sandbox';
import { createProxyServer, type ProxyServer } from './node.js';

let sandbox: Sandbox;
let proxy: ProxyServer;
let host: string;

before(async () => {
  sandbox = await createSandbox({ port: 0, log: true });
  host = new URL(sandbox.url).host;
  proxy = await createProxyServer({
    port: 0,
    hosts: [host],
    // The sandbox is on loopback: allowed at its own address only.
    allowPrivateAddresses: [host],
    media: true,
  });
});
after(async () => {
  await proxy.close();
  await sandbox.close();
});

/** What the sandbox was asked, and by whom (the log records every request). */
async function sandboxLog(): Promise<{ path: string }[]> {
  return (await (await fetch(`${sandbox.url}/__log`)).json()) as { path: string }[];
}

describe('through the proxy, against the sandbox', () => {
  test('a thread, as createProxyProvider reads it', async () => {
    const provider = createProxyProvider(`${proxy.url}/fedikit`);
    const ref = resolve(new URL(SEED.thread.path, sandbox.url).href);
    const thread = await provider.getThread(ref);
    assert.equal(thread.root.id, SEED.thread.id);
    assert.ok(thread.root.createdAt instanceof Date, 'dates revived');
    assert.equal(thread.truncated, 'server-limit');
    assert.ok(thread.count > 0 && thread.count <= SEED.thread.anonymousDescendants);
    // Media and avatars now point at the proxy.
    assert.ok(thread.root.author.avatar?.startsWith(`${proxy.url}/fedikit/media?`));
  });

  test('a profile', async () => {
    const provider = createProxyProvider(`${proxy.url}/fedikit`);
    const profile = await provider.getProfile(resolve(`@alice@${host}`));
    assert.equal(profile.author.handle, `alice@${host}`);
    assert.ok(profile.counts.posts > 0);
  });

  test('a media page, paged, and its files through /media', async () => {
    const provider = createProxyProvider(`${proxy.url}/fedikit`);
    const ref = resolve(`@alice@${host}`);
    const first = await provider.getAuthorPosts(ref, { onlyMedia: true, limit: 4 });
    assert.equal(first.posts.length, 4);
    assert.ok(first.posts.every((p) => p.media.length > 0));
    assert.ok(first.next);
    const second = await provider.getAuthorPosts(ref, {
      onlyMedia: true,
      limit: 4,
      maxId: first.next,
    });
    // A gallery shows posts, not replies: alice has 7 media posts in the seed, 5 of them not replies.
    assert.equal(second.posts.length, 1);
    assert.ok(first.posts.concat(second.posts).every((p) => !p.inReplyTo));
    assert.ok(!second.posts.some((p) => first.posts.some((q) => q.id === p.id)));
    const file = first.posts[0]!.media[0]!.url!;
    assert.ok(file.startsWith(`${proxy.url}/fedikit/media?`));
    const res = await fetch(file);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    assert.match(await res.text(), /<svg/);
    const path = new URL(new URL(file).searchParams.get('url')!).pathname;
    assert.ok(
      (await sandboxLog()).some((l) => l.path === path),
      'the proxy fetched it',
    );
  });

  test('the proxy answers 304 to a revalidation, without asking the sandbox', async () => {
    const url = `${proxy.url}/fedikit/post?ref=${encodeURIComponent(new URL(SEED.smallThread.path, sandbox.url).href)}`;
    const first = await fetch(url);
    assert.equal(first.status, 200);
    const count = (await sandboxLog()).length;
    const again = await fetch(url, { headers: { 'if-none-match': first.headers.get('etag')! } });
    assert.equal(again.status, 304);
    assert.equal((await sandboxLog()).length, count);
  });

  test('a Bluesky thread, with the sandbox as the AppView', async () => {
    const bsky = await createProxyServer({
      port: 0,
      hosts: ['bsky.app'],
      appview: sandbox.url,
      allowPrivateAddresses: [host],
    });
    try {
      const provider = createProxyProvider(`${bsky.url}/fedikit`);
      const ref = resolve(BLUESKY_SEED.thread.uri);
      const thread = await provider.getThread(ref, { appview: sandbox.url });
      assert.equal(thread.root.protocol, 'bluesky');
      assert.ok(thread.count > 0);
      // The proxy's own AppView when the reader names none.
      assert.equal((await provider.getThread(ref)).root.uri, thread.root.uri);
      // Facepiles too: who liked and who reposted, as the element asks for them.
      const likes = await provider.getFacepile!(ref, { kind: 'likes', limit: 5 });
      assert.ok(likes.authors.length > 0 && likes.authors.length <= 5);
      assert.ok(likes.authors.every((a) => a.handle && a.url));
      const reposts = await provider.getFacepile!(ref, { kind: 'reposts', limit: 5 });
      assert.ok(reposts.authors.length <= 5);
      await assert.rejects(
        fetch(
          `${bsky.url}/fedikit/facepile?ref=${encodeURIComponent(BLUESKY_SEED.thread.uri)}&kind=quotes`,
        ).then(async (r) => {
          assert.equal(r.status, 400);
          throw new Error(((await r.json()) as { error: { message: string } }).error.message);
        }),
        /kind must be likes or reposts/,
      );
      // Without `bsky.app` on the list, Bluesky is refused before any request.
      await assert.rejects(
        createProxyProvider(`${proxy.url}/fedikit`).getThread(ref),
        (e: { code?: string }) => e.code === 'INVALID_INPUT',
      );
    } finally {
      await bsky.close();
    }
  });

  test('a facepile only for the posts of the listed accounts', async () => {
    const serve = (accounts: string[]) =>
      createProxyServer({
        port: 0,
        hosts: ['bsky.app'],
        appview: sandbox.url,
        allowPrivateAddresses: [host],
        accounts,
      });
    const ref = resolve(BLUESKY_SEED.thread.uri);
    const [listed, other] = await Promise.all([
      serve(['alice.bsky.sandbox']),
      serve(['someone-else.bsky.sandbox']),
    ]);
    try {
      const pile = await createProxyProvider(`${listed.url}/fedikit`).getFacepile!(ref);
      assert.ok(pile.authors.length > 0);
      await assert.rejects(
        createProxyProvider(`${other.url}/fedikit`).getFacepile!(ref),
        (e: { code?: string }) => e.code === 'INVALID_INPUT',
      );
    } finally {
      await Promise.all([listed.close(), other.close()]);
    }
  });

  test('a proxy without the opt-in refuses the sandbox', async () => {
    const strict = await createProxyServer({ port: 0, hosts: [host] });
    try {
      const provider = createProxyProvider(`${strict.url}/fedikit`);
      await assert.rejects(
        provider.getPost(resolve(new URL(SEED.smallThread.path, sandbox.url).href)),
        (e: { code?: string }) => e.code === 'INVALID_INPUT',
      );
    } finally {
      await strict.close();
    }
  });
});

/**
 * Waits until `retry` seconds after `since` (a `Date.now()` taken after the first read returned,
 * so after the sandbox started its fetch and the proxy cached the answer), and a little more.
 */
const retryPassed = (since: number, retry: number) =>
  new Promise((r) => setTimeout(r, Math.max(0, since + retry * 1000 - Date.now()) + 50));

/** Starts the sandbox's reply fetch (Mastodon-Async-Refresh) over, and empties its log. */
async function resetSandbox(): Promise<void> {
  assert.equal((await fetch(`${sandbox.url}/__reset`, { method: 'DELETE' })).status, 200);
  await fetch(`${sandbox.url}/__log`, { method: 'DELETE' });
}

describe('a thread the sandbox is still fetching replies for (Mastodon-Async-Refresh)', () => {
  const { id, path, replies, repliesBeforeRefresh, retry } = SEED.asyncThread;
  const contextReads = async () =>
    (await sandboxLog()).filter((l) => l.path === `/api/v1/statuses/${id}/context`).length;

  test('the Mastodon provider, reading server-side, sees pending.retryAfter, then the whole thread', async () => {
    await resetSandbox();
    // Server-side, as the proxy reads: no CORS, so the header is readable.
    const provider = createMastodonProvider();
    const ref = resolve(new URL(path, sandbox.url).href);
    const first = await provider.getThread(ref);
    const read1 = Date.now();
    assert.deepEqual(first.pending, { retryAfter: retry });
    assert.equal(first.count, repliesBeforeRefresh);
    await retryPassed(read1, retry);
    const done = await provider.getThread(ref);
    assert.equal(done.pending, undefined);
    assert.equal(done.count, replies);
    assert.equal(await contextReads(), 2);
  });

  test('the proxy keeps the pending thread retry seconds, then the whole one for its ttl', async () => {
    await resetSandbox();
    const url = `${proxy.url}/fedikit/thread?ref=${encodeURIComponent(new URL(path, sandbox.url).href)}`;
    const read = async () => {
      const res = await fetch(url);
      assert.equal(res.status, 200);
      return { cache: res.headers.get('cache-control'), thread: (await res.json()) as Thread };
    };
    const started = Date.now();
    const first = await read();
    const read1 = Date.now();
    assert.deepEqual(first.thread.pending, { retryAfter: retry });
    assert.equal(first.thread.count, repliesBeforeRefresh);
    assert.equal(first.cache, `public, max-age=${retry}`);
    // Within those seconds (counted from before the first read, so surely within), readers get
    // the cached answer.
    const again = await read();
    if (Date.now() - started < retry * 1000) {
      assert.deepEqual(again.thread, first.thread);
      assert.equal(await contextReads(), 1);
    }
    await retryPassed(read1, retry);
    const done = await read();
    assert.equal(done.thread.pending, undefined);
    assert.equal(done.thread.count, replies);
    // The whole thread is kept for the proxy's ttl (60 s by default).
    assert.equal(done.cache, 'public, max-age=60');
    assert.equal(await contextReads(), 2);
    await read();
    assert.equal(await contextReads(), 2, 'the whole thread came from the cache');
  });
});

describe('npm start', () => {
  test('mounts the proxy at /fedikit on the examples site, reading the sandbox', async () => {
    const script = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));
    const ports = ['--port', '0', '--pixelfed-port', '0', '--examples-port', '0'];
    ports.push('--home-port', '0', '--home2-port', '0');
    const child = spawn(process.execPath, [script, '--examples', ...ports], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let out = '';
      const banner = /examples: (http:\/\/\S+)\/ {2}\(sandbox instance: (http:\/\/\S+)\)/;
      // A child that exits early (a busy port) fails the test instead of leaving it waiting.
      const exited = once(child, 'exit').then(([code]) => {
        throw new Error(`npm start's script exited (${String(code)}) before its banner: ${out}`);
      });
      while (!banner.test(out) || !out.includes('/fedikit/')) {
        const [chunk] = (await Promise.race([once(child.stdout, 'data'), exited])) as [Buffer];
        out += chunk.toString();
      }
      const [, site, instance] = banner.exec(out)!;
      const provider = createProxyProvider(`${site}/fedikit`);
      const profile = await provider.getProfile(resolve(`@alice@${new URL(instance!).host}`));
      assert.equal(profile.author.handle, `alice@${new URL(instance!).host}`);
      assert.ok(profile.author.avatar?.startsWith(`${site}/fedikit/media?`));
      assert.equal((await fetch(profile.author.avatar!)).status, 200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
