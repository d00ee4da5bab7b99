// Per-module weight of the CDN build: every module in a chunk of its own, minified as the real build
// is, gzip level 9. The figures overstate each module a little (every file pays gzip's header and
// loses the shared dictionary; imports/exports between chunks cost bytes), but they show where the
// bytes are. `npm run size` stays the measure of what a page downloads.
// Usage: npx tsc -b && node bench/modules.mjs [filter]   (filter: a substring of the module path)
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import config from '../rollup.config.mjs';

const filter = process.argv[2] ?? '';
const name = (id) =>
  id
    .replace(/.*node_modules\//, '')
    .replace(/.*packages\//, '')
    .replace(/[^a-z0-9]/gi, '_');
const bundle = await rollup({
  ...config,
  onwarn: () => {},
  // Neither empty the real output folder nor write its manifest: this build is only measured.
  plugins: config.plugins.filter((p) => !['fedikit-clean', 'fedikit-manifest'].includes(p.name)),
});
const { output } = await bundle.generate({ ...config.output, manualChunks: name });
const rows = output
  .filter((c) => c.type === 'chunk' && c.code.length > 1 && c.fileName.includes(filter))
  .map((c) => [gzipSync(c.code, { level: 9 }).length, c.code.length, c.fileName])
  .sort((a, b) => b[0] - a[0]);
console.log('  gzip     min  module');
for (const [g, m, f] of rows)
  console.log(`${String(g).padStart(6)} ${String(m).padStart(7)}  ${f}`);
