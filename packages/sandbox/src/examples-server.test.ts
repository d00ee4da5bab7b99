// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  createExamplesServer,
  DEFAULT_HOME_ORIGINS,
  examplesCsp,
  safeJoin,
  type ExamplesServer,
} from './examples-server.js';
import { parseArgs } from './cli-args.js';

let dir: string;
let site: ExamplesServer;

/** A raw GET: fetch() would normalise `..` away before the server sees it. */
function raw(
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(site.url);
    const req = request({ host: '127.0.0.1', port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fedikit-examples-'));
  mkdirSync(join(dir, 'examples', 'blog-comments'), { recursive: true });
  mkdirSync(join(dir, 'cdn'));
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  writeFileSync(
    join(dir, 'examples', 'blog-comments', 'index.html'),
    '<!doctype html><img src="http://127.0.0.1:4871/x.svg" alt="">',
  );
  writeFileSync(join(dir, 'examples', 'blog-comments', 'style.css'), 'body{}');
  writeFileSync(join(dir, 'cdn', 'fedi-comment-thread.js'), 'export {};');
  site = await createExamplesServer({
    root: join(dir, 'examples'),
    cdn: join(dir, 'cdn'),
    sandboxOrigin: 'http://127.0.0.1:5999',
    port: 0,
    hostname: '127.0.0.1',
  });
});
after(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples server', () => {
  test('redirects / and serves pages with the strict CSP, no caching', async () => {
    const root = await raw('/');
    assert.equal(root.status, 302);
    assert.equal(root.headers['location'], '/blog-comments/');
    const page = await raw('/blog-comments/');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(page.headers['content-security-policy'], examplesCsp('http://127.0.0.1:5999'));
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.ok(page.body.includes('http://127.0.0.1:5999/x.svg'), 'sandbox origin follows --port');
    assert.equal((await raw('/blog-comments')).status, 301);
    assert.equal(
      (await raw('/blog-comments/style.css')).headers['content-type'],
      'text/css; charset=utf-8',
    );
    const js = await raw('/cdn/fedi-comment-thread.js');
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
  });

  test('refuses path traversal', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/cdn/..%2f..%2fsecret.txt',
      '/a%00b',
      '/..%5csecret.txt',
    ]) {
      const r = await raw(path);
      assert.ok(r.status === 403 || r.status === 404, `${path}: ${r.status}`);
      assert.ok(!r.body.includes('secret'), path);
    }
    assert.equal(safeJoin('/srv/x', '/../y'), null);
    assert.equal(safeJoin('/srv/x', '/a/b.html'), '/srv/x/a/b.html');
  });

  test('the strict policy names only the sandbox', () => {
    assert.equal(
      examplesCsp('http://127.0.0.1:4871'),
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' http://127.0.0.1:4871; connect-src 'self' http://127.0.0.1:4871; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  test('with home servers, connect-src names them too and nothing else changes', () => {
    assert.equal(
      examplesCsp('http://127.0.0.1:4871', DEFAULT_HOME_ORIGINS),
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' http://127.0.0.1:4871; connect-src 'self' http://127.0.0.1:4871 http://127.0.0.1:4872 http://127.0.0.1:4873; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  test('CLI arguments', () => {
    assert.deepEqual(parseArgs([]), {
      port: 4871,
      examples: false,
      examplesPort: 4870,
      homePort: 4872,
      home2Port: 4873,
      pixelfedPort: 4874,
      pixelfedOpen: false,
      help: false,
    });
    assert.deepEqual(
      parseArgs([
        '--port',
        '5000',
        '--examples',
        '--examples-port=5001',
        '--home-port',
        '5002',
        '--home2-port=5003',
        '--pixelfed-port',
        '5004',
        '--pixelfed-open',
      ]),
      {
        port: 5000,
        examples: true,
        examplesPort: 5001,
        homePort: 5002,
        home2Port: 5003,
        pixelfedPort: 5004,
        pixelfedOpen: true,
        help: false,
      },
    );
    assert.throws(() => parseArgs(['--port', 'x']), /--port/);
    assert.throws(() => parseArgs(['--home-port']), /--home-port/);
    assert.throws(() => parseArgs(['--home2-port', '70000']), /--home2-port/);
    assert.throws(() => parseArgs(['--pixelfed-port', '-1']), /--pixelfed-port/);
  });
});

describe('examples server with moved servers', () => {
  test('the pages follow the sandbox, the homes and the site itself to their ports', async () => {
    const moved = await createExamplesServer({
      root: join(dir, 'examples'),
      cdn: join(dir, 'cdn'),
      sandboxOrigin: 'http://127.0.0.1:5999',
      homeOrigins: ['http://127.0.0.1:4873', 'http://127.0.0.1:6001'],
      pixelfedOrigin: 'http://127.0.0.1:6002',
      port: 0,
      hostname: '127.0.0.1',
    });
    try {
      writeFileSync(
        join(dir, 'examples', 'moved.html'),
        '<p>@alice@127.0.0.1:4871 http://localhost:4870/blog-comments/ 127.0.0.1:4872 127.0.0.1:4873 @mara@127.0.0.1:4874</p>',
      );
      const r = await fetch(`${moved.url}/moved.html`);
      assert.equal(
        r.headers.get('content-security-policy'),
        examplesCsp('http://127.0.0.1:5999', ['http://127.0.0.1:4873', 'http://127.0.0.1:6001']),
      );
      // One pass: the first home moved onto the second's default port is not moved again.
      assert.equal(
        await r.text(),
        `<p>@alice@127.0.0.1:5999 ${moved.url}/blog-comments/ 127.0.0.1:4873 127.0.0.1:6001 @mara@127.0.0.1:6002</p>`,
      );
    } finally {
      await moved.close();
    }
  });
});

describe('examples server with a request hook', () => {
  test('the hook sees requests first and answers the ones it takes', async () => {
    const hooked = await createExamplesServer({
      root: join(dir, 'examples'),
      cdn: join(dir, 'cdn'),
      sandboxOrigin: 'http://127.0.0.1:5999',
      port: 0,
      hostname: '127.0.0.1',
      intercept(req, res) {
        if (!req.url?.startsWith('/fedikit/')) return false;
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(`{"method":"${req.method}"}`);
        return true;
      },
    });
    try {
      const taken = await fetch(`${hooked.url}/fedikit/thread?ref=x`, { method: 'OPTIONS' });
      assert.deepEqual(await taken.json(), { method: 'OPTIONS' });
      const passed = await fetch(`${hooked.url}/blog-comments/style.css`);
      assert.equal(passed.status, 200);
      assert.equal(await passed.text(), 'body{}');
    } finally {
      await hooked.close();
    }
  });
});

describe('the examples in the repository', () => {
  test('name the seeded threads by their current ids', async () => {
    const { readFileSync } = await import('node:fs');
    const { SEED } = await import('./seed.js');
    const repo = new URL('../../../', import.meta.url);
    const html = readFileSync(new URL('examples/blog-comments/index.html', repo), 'utf8');
    for (const path of [SEED.thread.path, SEED.smallThread.path, SEED.emptyThread.path]) {
      assert.ok(html.includes(`http://127.0.0.1:4871${path}`), path);
    }
    // The cross-posted announcement on Bluesky, read from the sandbox's AppView side.
    const { BLUESKY_SEED, BLUESKY_SEED_DATA } = await import('./seed-bluesky.js');
    // The Bluesky follow button's profile (show-profile) is Alice's account on the AppView side.
    assert.ok(BLUESKY_SEED_DATA.accounts.some((a) => a.handle === 'alice.bsky.sandbox'));
    assert.ok(html.includes(`src="${BLUESKY_SEED.thread.uri}"`), BLUESKY_SEED.thread.uri);
    assert.ok(html.includes('appview="http://127.0.0.1:4871"'), 'appview attribute');
    assert.ok(!/<script(?![^>]*\bsrc=)/i.test(html), 'no inline scripts');
    // The follow and share buttons, each with its no-JavaScript link, and their bundles.
    for (const fragment of [
      '<fedi-follow-button account="@alice@127.0.0.1:4871"',
      '<a href="http://127.0.0.1:4871/@alice"',
      'account="alice.bsky.sandbox"',
      'show-profile',
      '<a href="https://bsky.app/profile/alice.bsky.sandbox"',
      '<fedi-share-button',
      'url="http://localhost:4870/blog-comments/"',
      'href="http://127.0.0.1:4871/share?text=',
      '<script type="module" src="/cdn/fedi-follow-button.js"></script>',
      '<script type="module" src="/cdn/fedi-share-button.js"></script>',
      '<code>127.0.0.1:4872</code>',
      '<code>127.0.0.1:4873</code>',
    ]) {
      assert.ok(html.includes(fragment), fragment);
    }
    assert.ok(!/\sstyle=/i.test(html) && !/<style/i.test(html), 'no inline styles');
  });

  test('the portfolio reads the Pixelfed sandbox through the proxy, by current paths', async () => {
    const { readFileSync } = await import('node:fs');
    const { PIXELFED_SEED } = await import('./seed-pixelfed.js');
    const repo = new URL('../../../', import.meta.url);
    const html = readFileSync(new URL('examples/portfolio-gallery/index.html', repo), 'utf8');
    const galleries = html.match(/<fedi-photo-gallery\b[^>]*>/g) ?? [];
    assert.ok(galleries.length >= 3, 'galleries');
    // Every gallery goes through the proxy: the page's CSP does not even allow the sandbox.
    for (const tag of galleries) assert.match(tag, /\sproxy="\/fedikit"/);
    const pixelfed = 'http://127.0.0.1:4874';
    for (const fragment of [
      `account="${pixelfed}${PIXELFED_SEED.account.profilePath}"`,
      `account="${pixelfed}${PIXELFED_SEED.collection.path}"`,
      ' show-profile',
      '<script type="module" src="/cdn/fedi-photo-gallery.js"></script>',
    ]) {
      assert.ok(html.includes(fragment), fragment);
    }
    assert.ok(!/<script(?![^>]*\bsrc=)/i.test(html), 'no inline scripts');
    assert.ok(!/\sstyle=/i.test(html) && !/<style/i.test(html), 'no inline styles');
  });
});
