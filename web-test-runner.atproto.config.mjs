// Browser tests against a real local AT Protocol network (see test/atproto/README.md): headless
// Debian Chromium, <fedi-comment-thread> reading from the network's own AppView, cross-origin.
// Run through `npm run test:atproto`, which starts the network and sets ATPROTO_FIXTURES.
import { existsSync, readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const file = process.env.ATPROTO_FIXTURES;
const fixtures = file ? JSON.parse(readFileSync(file, 'utf8')) : null;
if (!fixtures) {
  console.warn('[fedikit] ATPROTO_FIXTURES is not set: the AT Protocol network tests are skipped.');
}

const executablePath =
  process.env.CHROME_PATH ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

/**
 * Serves the fixtures, and the AppView's request log (through this server, so the page needs no
 * CORS on the log): what the AppView's HTTP server received; `?clear` forgets it.
 */
const atprotoPlugin = {
  name: 'fedikit-atproto',
  async serve(context) {
    if (context.path === '/__fedikit/atproto.json') {
      return { body: JSON.stringify(fixtures), type: 'json' };
    }
    if (context.path === '/__fedikit/atproto-log' && fixtures) {
      const clear = context.URL.searchParams.has('clear');
      const res = await fetch(fixtures.urls.requestLog, { method: clear ? 'DELETE' : 'GET' });
      return { body: await res.text(), type: 'json' };
    }
    return undefined;
  },
};

export default {
  files: ['test/atproto/*.test.ts'],
  nodeResolve: true,
  plugins: [
    atprotoPlugin,
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
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 15_000 } },
};
