// The size check: gzip bytes (level 9) of what a page downloads for each element, from the CDN
// build's manifest. Each scenario may carry:
// - `budget`: the figure an issue set. A miss is printed loudly as OVER BUDGET and fails the check,
//   unless the scenario also has
// - `ceiling` + `why`: a known, documented miss. Then the check fails only above the ceiling, so the
//   miss cannot grow while it is being worked on. Remove both once the budget is met.
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
    // Issue #2 sets 24 KB. DOMPurify with our allowlist (11.7 KB, its own chunk) and Lit (5.6 KB)
    // leave 6.7 KB for everything else; the element, its catalogue and styles, core (resolution,
    // thread builder, hardened HTTP) and the Mastodon provider measure about 13.4 KB (since issues #5
    // and #3: reply/boost/like buttons, rich text, merged threads, chunks shared with the other
    // elements and protocols). Measured 30,721 B on 2026-11-26 (was 31,224 B).
    ceiling: 30849,
    why: 'issue #2 budget not met yet (DOMPurify + Lit are 17.3 KB of it); see the issue note',
  },
  {
    name: '  + the "from your own server" dialog, after a click on Reply, Boost or Like',
    entry: 'fedi-comment-thread.js',
    wanted: has(/mastodon\/dist|dompurify|home-dialog/),
  },
  {
    name: '  + the French catalogue, on a lang="fr" page',
    entry: 'fedi-comment-thread.js',
    wanted: has(/mastodon\/dist|dompurify|i18n\/fr/),
  },
  {
    name: '<fedi-comment-thread> on a Bluesky post (Lit, provider; no DOMPurify)',
    entry: 'fedi-comment-thread.js',
    wanted: has(/bluesky\/dist/),
    budget: 12 * KB,
    // Lit (5.6 KB) + the element (5.9 KB with its catalogue and styles) + core (resolution, thread
    // builder, hardened HTTP: ~3.8 KB) + the Bluesky provider (4.5 KB: facets, moderation, mapping).
    // Measured 21,586 B on 2026-11-26 (was 22,474 B).
    ceiling: 21714,
    why: 'issue #3 budget not met yet (the element layer is ~16 KB beyond Lit); see the issue note',
  },
  {
    name: '<fedi-comment-thread> merging a Mastodon and a Bluesky thread',
    entry: 'fedi-comment-thread.js',
    wanted: has(/mastodon\/dist|bluesky\/dist|dompurify/),
    budget: 28 * KB,
    // Measured 35,257 B on 2026-11-26 (was 35,881 B).
    ceiling: 35385,
    why: 'issue #3 budget not met yet (both providers + DOMPurify + Lit); see the issue note',
  },
  {
    name: '<fedi-follow-button> as the page shows it (no request)',
    entry: 'fedi-follow-button.js',
    wanted: () => false,
  },
  {
    name: '<fedi-follow-button>, everything included (dialog and intents after a click)',
    entry: 'fedi-follow-button.js',
    wanted: has(/home-dialog/),
    budget: 9 * KB,
    // Lit (5.6 KB) + the dialog flow (dialog and its strings, intents, hardened HTTP: ~4.8 KB) + the
    // element with reference resolution and the profile view. Measured 15,906 B on 2026-11-26 (was
    // 16,067 B).
    ceiling: 16034,
    why: 'issue #5 budget not met yet (Lit + dialog + intents + hardened HTTP); see the issue note',
  },
  {
    name: '<fedi-share-button> as the page shows it (no request)',
    entry: 'fedi-share-button.js',
    wanted: () => false,
  },
  {
    name: '<fedi-share-button>, everything included (dialog and intents after a click)',
    entry: 'fedi-share-button.js',
    wanted: has(/home-dialog/),
    budget: 9 * KB,
    // Lit (5.6 KB) + the dialog flow (dialog and its strings, intents, hardened HTTP: ~4.8 KB) + the
    // element. Measured 13,201 B on 2026-11-26 (was 14,007 B).
    ceiling: 13329,
    why: 'issue #5 budget not met yet (Lit + dialog + intents + hardened HTTP); see the issue note',
  },
];

const rows = scenarios.map((s) => {
  const files = closure(s.entry, s.wanted);
  const bytes = files.reduce((sum, f) => sum + gz(f), 0);
  const withinBudget = s.budget === undefined || bytes <= s.budget;
  return {
    ...s,
    files,
    bytes,
    withinBudget,
    ok: withinBudget || (!!s.ceiling && bytes <= s.ceiling),
  };
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
    let verdict = '';
    if (r.budget && r.withinBudget) verdict = ` / budget ${r.budget} B (${r.budget / KB} KB): OK`;
    else if (r.budget) {
      verdict = ` / budget ${r.budget} B (${r.budget / KB} KB): OVER BUDGET by ${r.bytes - r.budget} B`;
      if (r.ceiling) verdict += `; ceiling ${r.ceiling} B: ${r.ok ? 'OK' : 'OVER'} (${r.why})`;
    }
    console.log(`${r.name}: ${r.bytes} B gzip in ${r.files.length} files${verdict}`);
    for (const f of r.files) console.log(`    ${String(gz(f)).padStart(6)}  ${f}`);
  }
}
if (rows.some((r) => !r.ok) && !process.argv.includes('--no-fail')) {
  console.error('Size check failed: a budget (or the ceiling of a known miss) is exceeded.');
  process.exit(1);
}
