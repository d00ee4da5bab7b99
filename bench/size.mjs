// Bundle weight side by side with peer widgets installed from npm, in one run.
// Each peer's entry is bundled with its dependencies by the same rollup + terser settings as our CDN
// build, then gzipped (level 9), CSS it needs included. Our figure is what a page downloads for the
// matching Fedikit element, everything included (scripts/size.mjs): <fedi-comment-thread> on a
// Mastodon post for the comment widgets, <fedi-share-button> with its dialog for the share button.
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
  {
    name: '@justinribeiro/share-to-mastodon 2.0.1 (Lit share button with an instance dialog)',
    pkg: '@justinribeiro/share-to-mastodon@2.0.1',
    code: "import '@justinribeiro/share-to-mastodon';",
    ours: 'share',
  },
];

// Peers not installed yet (the first run, or a peer added since): one install for all of them.
const missing = PEERS.filter(
  (p) => !existsSync(join(DIR, 'node_modules', p.pkg.slice(0, p.pkg.lastIndexOf('@')))),
);
if (missing.length) {
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(join(DIR, 'package.json')))
    writeFileSync(join(DIR, 'package.json'), '{"private":true}');
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...missing.map((p) => p.pkg)],
    { cwd: DIR, stdio: 'inherit' },
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

// From scripts/size.mjs: its first two scenarios, a Mastodon thread in a browser with the HTML
// Sanitizer API and in one without it (which also downloads DOMPurify), and the share button.
const scenarios = JSON.parse(
  execFileSync(process.execPath, ['scripts/size.mjs', '--json', '--no-fail'], { encoding: 'utf8' }),
);
const [api, purify] = scenarios;
const share = scenarios.find((s) => s.name.startsWith('<fedi-share-button>, everything'));
const shareShown = scenarios.find((s) => s.name.startsWith('<fedi-share-button> as the page'));
console.log(`Fedikit <fedi-comment-thread>, Mastodon post, all chunks:`);
console.log(`  with the HTML Sanitizer API (Chromium 146+, Firefox 148+): ${api.bytes} B gzip`);
console.log(`  without it (DOMPurify loaded too): ${purify.bytes} B gzip`);
console.log(
  `Fedikit <fedi-share-button>: ${shareShown.bytes} B gzip as the page loads, ${share.bytes} B with its dialog and lookups`,
);
for (const peer of PEERS) {
  const bytes = await bundle(peer);
  const ratio = (ours) => (ours / bytes).toFixed(2);
  console.log(
    peer.ours === 'share'
      ? `${peer.name}: ${bytes} B gzip  (Fedikit share button / peer = ${ratio(shareShown.bytes)} as the page loads, ${ratio(share.bytes)} with everything)`
      : `${peer.name}: ${bytes} B gzip  (Fedikit / peer = ${ratio(api.bytes)} with the Sanitizer API, ${ratio(purify.bytes)} without)`,
  );
}
