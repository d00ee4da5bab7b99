// Browser tests: real headless Chromium (Debian's, never a downloaded one) against real local servers:
// the sandbox (a Mastodon-API instance), its Pixelfed mode and the hostile server (broken and
// malicious answers).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromium } from './scripts/chromium.mjs';
import {
  BLUESKY_SEED,
  createHostileServer,
  createPixelfedSandbox,
  createSandbox,
  PIXELFED_SEED,
  SEED,
} from './packages/sandbox/dist/index.js';
import { createProxyHandler } from './packages/proxy/dist/index.js';
import { createGuardedFetch, toNodeListener } from './packages/proxy/dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '..', 'shared');
const hasShared = existsSync(join(shared, 'data'));
if (!hasShared) {
  console.warn(
    '[fedikit] ../shared is absent: tests that use its corpora and recordings are skipped.',
  );
}

const sandbox = await createSandbox({ port: 0, log: true });
const hostile = await createHostileServer({ port: 0 });
// Pixelfed mode, three ways: the token wall with CORS on its API (as instances that fixed their CORS
// answer), an open instance, and the token wall with Pixelfed's default CORS (/.well-known/ only).
const pixelfed = await createPixelfedSandbox({ port: 0, cors: true, log: true });
const pixelfedOpen = await createPixelfedSandbox({ port: 0, cors: true, open: true });
const pixelfedStrict = await createPixelfedSandbox({ port: 0 });

// The proxy on the test pages' own origin, at /fedikit (as `npm start` mounts it on the examples
// site): it reads the sandbox only, through the address-checking fetch with the sandbox opted in.
const PROXY_BASE = '/fedikit';
const sandboxHost = new URL(sandbox.url).host;
const pixelfedHost = new URL(pixelfed.url).host;
const proxyListener = toNodeListener(
  createProxyHandler({
    basePath: PROXY_BASE,
    // The Pixelfed sandbox with its token wall: the proxy holds the read token.
    hosts: [sandboxHost, pixelfedHost, 'bsky.app'],
    tokens: { [pixelfedHost]: pixelfed.token },
    appview: sandbox.url,
    allowPrivateAddresses: [sandboxHost, pixelfedHost],
    fetch: createGuardedFetch({ allowPrivateAddresses: [sandboxHost, pixelfedHost] }),
    media: true,
  }),
);
/** Hands `/fedikit/…` to the proxy, everything else to the test server. */
const proxyMiddleware = (ctx, next) => {
  if (!ctx.path.startsWith(`${PROXY_BASE}/`)) return next();
  ctx.respond = false;
  proxyListener(ctx.req, ctx.res);
  return undefined;
};

/** Serves the servers' addresses to the tests, and ../shared (read-only) when present. */
const envPlugin = {
  name: 'fedikit-env',
  serve(context) {
    if (context.path === '/__fedikit/env.json') {
      const body = {
        sandbox: sandbox.url,
        hostile: hostile.url,
        proxy: PROXY_BASE,
        shared: hasShared ? '/__shared' : null,
        seed: SEED,
        bluesky: BLUESKY_SEED,
        pixelfed: {
          url: pixelfed.url,
          token: pixelfed.token,
          open: pixelfedOpen.url,
          strict: pixelfedStrict.url,
          seed: PIXELFED_SEED,
        },
      };
      return { body: JSON.stringify(body), type: 'json' };
    }
    if (hasShared && context.path.startsWith('/__shared/')) {
      const file = normalize(
        join(shared, decodeURIComponent(context.path.slice('/__shared/'.length))),
      );
      if (file.startsWith(shared) && existsSync(file)) {
        return { body: readFileSync(file, 'utf8'), type: file.endsWith('.json') ? 'json' : 'txt' };
      }
    }
    return undefined;
  },
  async serverStop() {
    await Promise.all(
      [sandbox, hostile, pixelfed, pixelfedOpen, pixelfedStrict].map((server) => server.close()),
    );
  },
};

export default {
  files: ['packages/{core,mastodon,pixelfed,bluesky,elements}/src/**/*.test.ts'],
  nodeResolve: true,
  middleware: [proxyMiddleware],
  plugins: [
    envPlugin,
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.base.json', target: 'es2022' }),
  ],
  browsers: [chromium()],
  concurrency: 1,
  testsFinishTimeout: 300_000,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 10_000 } },
};
