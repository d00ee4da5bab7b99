// The size check: gzip bytes (level 9) of what a page downloads for each element, from the CDN
// build's manifest. Each scenario may carry:
// - `budget`: the figure an issue set. A miss is printed loudly as OVER BUDGET and fails the check,
//   unless the scenario also has
// - `besides`: another scenario's `{ entry, wanted }` already on the page; only the files it does not
//   load are counted (what an element costs beyond another).
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
// The sanitizer is a chunk of its own (sanitize-engines). Where the browser has the HTML Sanitizer
// API (Chromium 146+, Firefox 148+) that is all a page needs; elsewhere (Safari) it also loads
// DOMPurify. Pages whose content carries HTML are measured both ways.
const API = 'sanitize-engines';
const PURIFY = 'sanitize-engines|dompurify';
/** The comment thread on a Mastodon post, as a page loads it (the base of the "beyond" figures). */
const THREAD = {
  entry: 'fedi-comment-thread.js',
  wanted: has(/mastodon\/dist|sanitize-engines|dompurify/),
};
/** The photo gallery with everything it may load: reader, sanitizer (captions, bio), follow dialog. */
const galleryAll = (sanitizer) =>
  has(
    new RegExp(
      `mastodon/dist/(?!account\\.js)|pixelfed/dist|follow-button/follow-button\\.js|home-dialog|${sanitizer}`,
    ),
  );
const scenarios = [
  {
    name: '<fedi-comment-thread> on a Mastodon post, with the HTML Sanitizer API (Lit, provider, sanitizer)',
    entry: 'fedi-comment-thread.js',
    wanted: has(new RegExp(`mastodon/dist|${API}`)),
    budget: 24 * KB,
  },
  {
    name: '<fedi-comment-thread> on a Mastodon post, without it: + DOMPurify (Lit, provider, DOMPurify)',
    entry: 'fedi-comment-thread.js',
    wanted: has(new RegExp(`mastodon/dist|${PURIFY}`)),
    budget: 24 * KB,
    // Issue #2 sets 24 KB with DOMPurify. DOMPurify (11.1 KB) and Lit (5.6 KB) leave 7.3 KB for
    // everything else: the element (with its catalogue and styles), core (resolution, thread builder,
    // hardened HTTP), the sanitizer's own chunk and the Mastodon provider measure about 16 KB.
    // Measured 33,227 B on 2026-11-26 (was 32,747 B before Lit became a chunk of its own, which the
    // Lit-free buttons skip: one more file for the thread, about 450 B).
    ceiling: 33355,
    why: 'issue #2 budget not met in browsers without the Sanitizer API (DOMPurify + Lit are 16.7 KB of it); see the issue note',
  },
  {
    name: '  + the "from your own server" dialog, after a click on Reply, Boost or Like',
    entry: 'fedi-comment-thread.js',
    wanted: has(new RegExp(`mastodon/dist|${API}|home-dialog`)),
  },
  {
    name: '  + a preview card or a quote post (the embeds chunk, when a thread has one)',
    entry: 'fedi-comment-thread.js',
    wanted: has(new RegExp(`mastodon/dist|${API}|internal/embeds|i18n/embeds\\.js|embeds-en`)),
  },
  {
    name: '  + the French catalogue, on a lang="fr" page',
    entry: 'fedi-comment-thread.js',
    wanted: has(new RegExp(`mastodon/dist|${API}|i18n/fr`)),
  },
  {
    name: '<fedi-comment-thread> on a Bluesky post (Lit, provider; no DOMPurify)',
    entry: 'fedi-comment-thread.js',
    wanted: has(/bluesky\/dist/),
    budget: 12 * KB,
    // Lit (5.6 KB) + the element (~6 KB with its catalogue and styles) + core (~3.8 KB) + the
    // Bluesky provider (~4.7 KB: facets, moderation, mapping incl. embeds, the thread read).
    // Measured 23,026 B on 2026-11-26 (22,533 B before the Lit chunk split, see above).
    ceiling: 23154,
    why: 'issue #3 budget not met yet (the element layer is ~17 KB beyond Lit); see the issue note',
  },
  {
    name: '  + link cards, quoted posts and facepiles (their own chunk, when a thread has one)',
    entry: 'fedi-comment-thread.js',
    wanted: has(/bluesky\/dist|internal\/embeds|i18n\/embeds\.js|embeds-en/),
  },
  {
    name: '<fedi-comment-thread> merging a Mastodon and a Bluesky thread, with the Sanitizer API',
    entry: 'fedi-comment-thread.js',
    wanted: has(new RegExp(`mastodon/dist|bluesky/dist|${API}`)),
    budget: 28 * KB,
  },
  {
    name: '<fedi-comment-thread> merging a Mastodon and a Bluesky thread, without it: + DOMPurify',
    entry: 'fedi-comment-thread.js',
    wanted: has(new RegExp(`mastodon/dist|bluesky/dist|${PURIFY}`)),
    budget: 28 * KB,
    // Measured 37,951 B on 2026-11-26 (37,464 B before the Lit chunk split, see above).
    ceiling: 38079,
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
    // Built without Lit: the element with its own account reader, the plain element base and the
    // buttons' strings, what every element shares (tokens, errors, safeUrl), then after a click the
    // dialog with the intent lookup, and the hardened HTTP client. Measured 9,087 B on 2026-11-26.
  },
  {
    name: '<fedi-follow-button> beyond a <fedi-comment-thread> on the same page (everything included)',
    entry: 'fedi-follow-button.js',
    wanted: has(/home-dialog/),
    besides: THREAD,
  },
  {
    name: '<fedi-share-button> beyond a <fedi-comment-thread> on the same page (everything included)',
    entry: 'fedi-share-button.js',
    wanted: has(/home-dialog|share-url/),
    besides: THREAD,
  },
  {
    name: '<fedi-share-button> as the page shows it (no request)',
    entry: 'fedi-share-button.js',
    wanted: () => false,
  },
  {
    name: '<fedi-share-button>, everything included (dialog and intents after a click)',
    entry: 'fedi-share-button.js',
    wanted: has(/home-dialog|share-url/),
    budget: 9 * KB,
    // As the follow button, with the share lookup (nodeinfo, share pages) in place of the account
    // reader: a chunk of its own that only sharing loads. Measured 8,388 B on 2026-11-26.
  },
  {
    name: '<fedi-photo-gallery> on a Pixelfed or Mastodon account, as the page shows it (grid, no lightbox yet)',
    entry: 'fedi-photo-gallery.js',
    wanted: has(/mastodon\/dist|pixelfed\/dist/),
  },
  {
    name: '<fedi-photo-gallery>, everything included, with the Sanitizer API (captions and bio; follow dialog)',
    entry: 'fedi-photo-gallery.js',
    wanted: galleryAll(API),
    budget: 14 * KB,
    // Lit (5.6 KB) + the gallery's own code (element, styles, strings, blurhash: ~6.8 KB, the entry
    // file) + the Pixelfed reads (WebFinger, paging, collections: 2.9 KB) on the Mastodon mapping
    // + the header's follow button (built without Lit, on its own small base) and dialog. Measured
    // 31,803 B on 2026-11-26.
    ceiling: 31931,
    why: 'issue #4 budget not met (Lit + the element + the Pixelfed reads + the follow dialog); see the issue note',
  },
  {
    name: '<fedi-photo-gallery>, everything included, without it: + DOMPurify',
    entry: 'fedi-photo-gallery.js',
    wanted: galleryAll(PURIFY),
    budget: 14 * KB,
    // Lit (5.6 KB) and DOMPurify (11.1 KB) alone exceed 14 KB. Measured 42,894 B on 2026-11-26.
    ceiling: 43022,
    why: 'issue #4 budget not met (DOMPurify + Lit are 16.7 KB of it); see the issue note',
  },
  {
    name: '<fedi-photo-gallery> through a proxy (no protocol code; the sanitizer for captions)',
    entry: 'fedi-photo-gallery.js',
    wanted: has(new RegExp(`proxy-source|${API}`)),
  },
  {
    name: '<fedi-photo-gallery> beyond a <fedi-comment-thread> on the same page (everything included)',
    entry: 'fedi-photo-gallery.js',
    wanted: galleryAll(PURIFY),
    besides: THREAD,
    budget: 3 * KB,
    // The gallery's entry (element, styles, strings, blurhash decoder: ~6.7 KB), the Pixelfed reads
    // (2.8 KB), the follow button of its header with its plain element base (~3 KB) and, after a
    // click on Follow, the dialog (~3.2 KB). Measured 15,499 B on 2026-11-26.
    ceiling: 15627,
    why: 'issue #4 budget not met (the element, its styles and strings, blurhash, follow button and dialog); see the issue note',
  },
];

const rows = scenarios.map((s) => {
  const before = s.besides ? closure(s.besides.entry, s.besides.wanted) : [];
  const files = closure(s.entry, s.wanted).filter((f) => !before.includes(f));
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
      rows.map((r) => ({ ...r, wanted: undefined, besides: undefined })),
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
