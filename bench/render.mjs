// Render time of <fedi-comment-thread> for large threads, in real headless Chromium (Debian's).
// Usage: npm run build && node bench/render.mjs
// Serves the repository on a loopback port, opens bench/render.html for several thread sizes and
// prints the median time from inserting the element to the rendered `fedi-load` plus one frame
// (7 runs; thread building, sanitizing and rendering included, network excluded).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = process.cwd();
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };
const server = createServer((req, res) => {
  const file = normalize(join(ROOT, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});
try {
  for (const [n, limit] of [
    [60, 50],
    [1000, 50],
    [1000, 1000],
    [4096, 50],
  ]) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench/render.html?n=${n}&limit=${limit}`);
    const result = await page.waitForFunction(() => window.__bench, null, { timeout: 120_000 });
    const r = await result.jsonValue();
    console.log(
      `${String(n).padStart(5)} replies, ${String(limit).padStart(4)} shown: median ${r.median.toFixed(1)} ms (min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)})`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
