// The element bundles must not carry the Bluesky session client (@fedikit/bluesky/session) or what
// it runs (@atproto/api, about 140 KB gzip; @atproto/oauth-client-browser). Checks the CDN build:
// no chunk is built from those modules, and no chunk contains strings only they have. The strings
// are first checked to be in those packages, so the check cannot pass by looking for nothing.
// Usage: npm run build:cdn && node scripts/check-cdn-no-session.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CDN = 'packages/elements/cdn';
const manifest = JSON.parse(readFileSync(join(CDN, 'manifest.json'), 'utf8'));
const FORBIDDEN_MODULE = /@atproto\/|bluesky\/dist\/session\.js/;
// Strings of the session client's dependencies that the public read path never contains.
const MARKERS = {
  '@atproto/api': [
    'atproto-accept-labelers',
    'CredentialSession',
    'com.atproto.server.createSession',
  ],
  '@atproto/oauth-client-browser': ['BrowserOAuthClient'],
};

const failures = [];
function jsUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(m?js)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
for (const [pkg, markers] of Object.entries(MARKERS)) {
  // The workspace's copies (dev dependencies of @fedikit/bluesky, hoisted).
  const text = jsUnder(join('node_modules', pkg, 'dist'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  for (const m of markers)
    if (!text.includes(m)) failures.push(`marker "${m}" is not in ${pkg}: update this check`);
}
for (const [file, chunk] of Object.entries(manifest)) {
  for (const m of chunk.modules ?? [])
    if (FORBIDDEN_MODULE.test(m)) failures.push(`${file} is built from ${m}`);
}
for (const file of jsUnder(CDN)) {
  const text = readFileSync(file, 'utf8');
  for (const m of Object.values(MARKERS).flat())
    if (text.includes(m)) failures.push(`${file} contains "${m}"`);
}
if (failures.length) {
  console.error(`The element bundles carry the session client:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `No session client in ${CDN}: ${Object.keys(manifest).length} chunks, no @atproto module or marker.`,
);
