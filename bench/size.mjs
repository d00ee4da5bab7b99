// Bundle weight side by side with peer widgets installed from npm, in one run.
// Each peer's entry is bundled with its dependencies by the same rollup + terser settings as our CDN
// build, then gzipped (level 9), CSS it needs included. Our figure is what a page downloads for
// <fedi-comment-thread> on a Mastodon post (scripts/size.mjs).
// Usage: npm run build && npm run bench      (installs the peers into bench/.peers on first run)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';

const DIR = 'bench/.peers';
const PEERS = [
  {
    name: 'emfed 1.6.0 (Mastodon post + replies, DOMPurify)',
    pkg: 'emfed@1.6.0',
    code: "import 'emfed';",
    css: 'node_modules/emfed/toots.css',
  },
  {
    name: '@idotj/mastodon-embed-timeline 4.8.2 (Mastodon timeline)',
    pkg: '@idotj/mastodon-embed-timeline@4.8.2',
    code: "import { Init } from '@idotj/mastodon-embed-timeline'; new Init();",
    css: 'node_modules/@idotj/mastodon-embed-timeline/dist/mastodon-timeline.min.css',
  },
  {
    name: 'bluesky-comments-tag 0.0.3 (Bluesky comments, no sanitizer)',
    pkg: 'bluesky-comments-tag@0.0.3',
    code: "import 'bluesky-comments-tag/load';",
  },
];

if (!existsSync(join(DIR, 'node_modules'))) {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, 'package.json'), '{"private":true}');
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...PEERS.map((p) => p.pkg)],
    {
      cwd: DIR,
      stdio: 'inherit',
    },
  );
}

const gz = (text) => gzipSync(text, { level: 9 }).length;

async function bundle(peer) {
  const entry = join(DIR, `entry-${PEERS.indexOf(peer)}.mjs`);
  writeFileSync(entry, peer.code);
  const build = await rollup({
    input: entry,
    plugins: [
      nodeResolve({ browser: true, rootDir: DIR }),
      terser({ ecma: 2022, module: true, compress: { passes: 3 } }),
    ],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  const js = output
    .filter((o) => o.type === 'chunk')
    .map((o) => o.code)
    .join('\n');
  const css = peer.css ? readFileSync(join(DIR, peer.css), 'utf8') : '';
  return gz(js) + (css ? gz(css) : 0);
}

// The first two scenarios of scripts/size.mjs: a Mastodon thread in a browser with the HTML
// Sanitizer API, and in one without it (which also downloads DOMPurify).
const [api, purify] = JSON.parse(
  execFileSync(process.execPath, ['scripts/size.mjs', '--json', '--no-fail'], { encoding: 'utf8' }),
);
console.log(`Fedikit <fedi-comment-thread>, Mastodon post, all chunks:`);
console.log(`  with the HTML Sanitizer API (Chromium 146+, Firefox 148+): ${api.bytes} B gzip`);
console.log(`  without it (DOMPurify loaded too): ${purify.bytes} B gzip`);
for (const peer of PEERS) {
  const bytes = await bundle(peer);
  const ratio = (ours) => (ours / bytes).toFixed(2);
  console.log(
    `${peer.name}: ${bytes} B gzip  (Fedikit / peer = ${ratio(api.bytes)} with the Sanitizer API, ${ratio(purify.bytes)} without)`,
  );
}
