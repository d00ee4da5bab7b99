// Browser tests: real headless Chromium (Debian's, never a downloaded one) against real local servers:
// the sandbox (a Mastodon-API instance) and the hostile server (broken and malicious answers).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import {
  BLUESKY_SEED,
  createHostileServer,
  createSandbox,
  SEED,
} from './packages/sandbox/dist/index.js';
import { fakeProxy } from './packages/elements/src/test/fake-proxy.mjs';

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

const executablePath =
  process.env.CHROME_PATH ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

/** Serves the servers' addresses to the tests, and ../shared (read-only) when present. */
const envPlugin = {
  name: 'fedikit-env',
  serve(context) {
    if (context.path === '/__fedikit/env.json') {
      const body = {
        sandbox: sandbox.url,
        hostile: hostile.url,
        shared: hasShared ? '/__shared' : null,
        seed: SEED,
        bluesky: BLUESKY_SEED,
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
    await Promise.all([sandbox.close(), hostile.close()]);
  },
};

export default {
  files: ['packages/{core,mastodon,bluesky,elements}/src/**/*.test.ts'],
  nodeResolve: true,
  plugins: [
    envPlugin,
    fakeProxy,
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.base.json', target: 'es2022' }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-default-apps',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
  concurrency: 1,
  testsFinishTimeout: 300_000,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 10_000 } },
};
