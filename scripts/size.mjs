// The size check: gzip bytes (level 9) of what a page downloads for each element, from the CDN
// build's manifest. Fails when a budget set by an issue is exceeded.
// Usage: npm run build:cdn && npm run size   (add --json for machine-readable output)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const CDN = 'packages/elements/cdn';
const KB = 1024;
const manifest = JSON.parse(readFileSync(join(CDN, 'manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(CDN, file)), { level: 9 }).length;

/** The chunks a page loads: the entry, its static imports, and the dynamic imports `wanted` picks. */
function closure(entry, wanted) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const chunk = manifest[file];
    chunk.imports.forEach(visit);
    chunk.dynamicImports.filter((d) => wanted(manifest[d].modules)).forEach(visit);
  };
  visit(entry);
  return [...seen];
}

const has = (pattern) => (modules) => modules.some((m) => pattern.test(m));
const scenarios = [
  {
    name: '<fedi-comment-thread> on a Mastodon post (Lit, provider, DOMPurify)',
    entry: 'fedi-comment-thread.js',
    wanted: has(/mastodon\/dist|dompurify/),
    budget: 24 * KB,
  },
  {
    name: '  + the reply dialog, after a click on "Reply"',
    entry: 'fedi-comment-thread.js',
    wanted: has(/mastodon\/dist|dompurify|reply-dialog/),
  },
  {
    name: '  + the French catalogue, on a lang="fr" page',
    entry: 'fedi-comment-thread.js',
    wanted: has(/mastodon\/dist|dompurify|i18n\/fr/),
  },
];

const rows = scenarios.map((s) => {
  const files = closure(s.entry, s.wanted);
  const bytes = files.reduce((sum, f) => sum + gz(f), 0);
  return { ...s, files, bytes, ok: s.budget === undefined || bytes <= s.budget };
});

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      rows.map((r) => ({ ...r, wanted: undefined })),
      null,
      2,
    ),
  );
} else {
  for (const r of rows) {
    const budget = r.budget
      ? ` / budget ${r.budget} (${r.budget / KB} KB) ${r.ok ? 'OK' : 'OVER'}`
      : '';
    console.log(`${r.name}: ${r.bytes} B gzip in ${r.files.length} files${budget}`);
    for (const f of r.files) console.log(`    ${String(gz(f)).padStart(6)}  ${f}`);
  }
}
if (rows.some((r) => !r.ok) && !process.argv.includes('--no-fail')) {
  console.error('Size budget exceeded.');
  process.exit(1);
}
