// Browser tests against a real local AT Protocol network (see test/atproto/README.md): headless
// Debian Chromium; <fedi-comment-thread> reading from the network's own AppView, cross-origin; a
// real OAuth sign-in on the network's PDS. Run through `npm run test:atproto`, which starts the
// network and sets ATPROTO_FIXTURES.
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';
import { chromium } from './scripts/chromium.mjs';

const file = process.env.ATPROTO_FIXTURES;
const fixtures = file ? JSON.parse(readFileSync(file, 'utf8')) : null;
if (!fixtures) {
  console.warn('[fedikit] ATPROTO_FIXTURES is not set: the AT Protocol network tests are skipped.');
}

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

/**
 * `atproto-tab`: a second tab in the test's browser that the test drives, step by step (each WTR
 * command must answer within 20 s): `open` a URL, read its `state` (URL, the page's
 * `data-result`/`data-error`, visible form fields and buttons), `fill` a field, `click` a button by
 * its text, `close`. The OAuth test plays the reader on the PDS's own sign-in page with it.
 */
let tab;
const tabLog = [];
const tabPlugin = {
  name: 'fedikit-atproto-tab',
  async executeCommand({ command, payload, session }) {
    if (command !== 'atproto-tab') return undefined;
    const { action } = payload;
    if (action === 'open') {
      const testPage = session.browser.getPage(session.id);
      tab = await testPage.context().newPage();
      tabLog.length = 0;
      tab.on('console', (m) => tabLog.push(`${m.type()}: ${m.text()}`));
      tab.on('pageerror', (e) => tabLog.push(`pageerror: ${e.message}`));
      tab.on('requestfailed', (r) => tabLog.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
      await tab.goto(new URL(payload.url, testPage.url()).href);
      return true;
    }
    if (action === 'state') {
      const log = [...tabLog];
      // Mid-navigation the page has no context to evaluate in: say where it is going, nothing more.
      const state = await tab
        .evaluate(() => ({
          url: location.href,
          result: document.body?.dataset.result ?? null,
          error: document.body?.dataset.error ?? null,
          fields: [...document.querySelectorAll('input')].map((i) => ({
            name: i.name,
            type: i.type,
            label: i.labels?.[0]?.textContent ?? i.getAttribute('aria-label') ?? i.placeholder,
          })),
          buttons: [...document.querySelectorAll('button')].map((b) => b.textContent.trim()),
          text: document.body?.innerText.slice(0, 2000) ?? '',
        }))
        .catch(() => ({
          url: tab.url(),
          result: null,
          error: null,
          fields: [],
          buttons: [],
          text: '',
        }));
      return { ...state, log };
    }
    if (action === 'fill') {
      await tab.locator(payload.selector).first().fill(payload.value, { timeout: 10_000 });
      return true;
    }
    if (action === 'click') {
      await tab.getByRole('button', { name: payload.name }).first().click({ timeout: 10_000 });
      return true;
    }
    if (action === 'close') {
      await tab?.close();
      tab = undefined;
      return true;
    }
    return undefined;
  },
};

/**
 * The OAuth page's script, bundled by esbuild on request: the session client's dependencies mix
 * CommonJS, JSON modules and `browser` field swaps that the dev server does not serve as they are.
 */
const oauthPagePlugin = {
  name: 'fedikit-atproto-oauth-page',
  async serve(context) {
    if (context.path !== '/__fedikit/oauth-flow.js') return undefined;
    const { outputFiles } = await build({
      entryPoints: ['test/atproto/oauth-flow.ts'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
    });
    return { body: outputFiles[0].text, type: 'js' };
  },
};

export default {
  files: ['test/atproto/*.test.ts'],
  nodeResolve: true,
  // OAuth loopback clients redirect to 127.0.0.1 (never `localhost`), so the pages are served there.
  hostname: '127.0.0.1',
  plugins: [
    atprotoPlugin,
    tabPlugin,
    oauthPagePlugin,
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.base.json', target: 'es2022' }),
  ],
  browsers: [chromium()],
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 15_000 } },
};
