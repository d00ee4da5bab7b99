// CDN bundles: one file per element at packages/elements/cdn/<tag>.js that a site loads with a single
// <script type="module">. Protocol providers, DOMPurify and non-English catalogues stay separate chunks
// (dynamic imports), fetched from beside the entry only when a page needs them.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rmSync } from 'node:fs';

const ELEMENTS = [
  'fedi-comment-thread',
  'fedi-follow-button',
  'fedi-share-button',
  'fedi-photo-gallery',
];

/**
 * One chunk for what every page loads, whichever elements it shows: the shared tokens, the bits of
 * the element base that need no Lit, and core's errors and URL gate (the dialog and every provider
 * need them); and one for Lit with the Lit-based element base, which the buttons (written without
 * Lit) never load. Left to itself rollup would split these by which entries use them, and every
 * extra file costs a request and gzip's dictionary.
 */
const CHUNKS = {
  lit: ['/node_modules/lit', '/node_modules/@lit/', '/elements/dist/internal/fedi-element.js'],
  shared: [
    '/elements/dist/internal/element-kit.js',
    '/elements/dist/internal/go.js',
    '/elements/dist/internal/dom.js',
    '/elements/dist/i18n/locale.js',
    '/elements/dist/events/intent.js',
    '/elements/dist/styles/css.js',
    '/elements/dist/styles/tokens.styles.js',
    '/core/dist/errors.js',
    '/core/dist/url.js',
    '/core/dist/bluesky.js',
  ],
};

/**
 * CSS without comments and without the whitespace that carries no meaning: around braces,
 * semicolons, commas and `>`, after colons (a space before one is a descendant combinator, so it
 * stays), and the last semicolon of each block. Our styles hold no strings or interpolations where
 * this would matter (their only strings are `content: ''` and `'…'`).
 */
const minifyCss = (raw) =>
  raw
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/\s*!important/g, '!important')
    .replace(/;}/g, '}')
    .trim();

/**
 * Collapses the indentation inside Lit's html`` and css`` templates: whitespace between tags and
 * declarations renders the same, and our templates contain no <pre>.
 */
const minifyTemplates = {
  name: 'fedikit-minify-templates',
  transform(code, id) {
    if (!id.includes('/packages/elements/dist/')) return null;
    const edits = [];
    const walk = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (node.type === 'TaggedTemplateExpression' && ['html', 'css'].includes(node.tag.name)) {
        for (const q of node.quasi.quasis) {
          const raw = code.slice(q.start, q.end);
          const min = node.tag.name === 'css' ? minifyCss(raw) : raw.replace(/\s*\n\s*/g, ' ');
          if (min !== raw) edits.push([q.start, q.end, min]);
        }
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value.type === 'string') walk(value);
      }
    };
    walk(this.parse(code));
    let out = code;
    for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
      out = out.slice(0, start) + text + out.slice(end);
    }
    return { code: out, map: null };
  },
};

const OUT = 'packages/elements/cdn';

/**
 * Empties the output folder first: chunk names carry content hashes, so without this every build
 * would leave the previous chunks behind, and the package (which ships `cdn/`) would publish them.
 */
const clean = {
  name: 'fedikit-clean',
  buildStart: () => rmSync(OUT, { recursive: true, force: true }),
};

/** Writes cdn/manifest.json: which chunk holds which modules, for the size check. */
const manifest = {
  name: 'fedikit-manifest',
  generateBundle(_options, bundle) {
    const chunks = {};
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      chunks[chunk.fileName] = {
        entry: chunk.isEntry,
        imports: chunk.imports,
        dynamicImports: chunk.dynamicImports,
        // `dompurify/dist/…` for a dependency, `packages/core/dist/…` for ours, wherever the checkout is.
        modules: Object.keys(chunk.modules).map((m) => {
          const dependency = m.lastIndexOf('node_modules/');
          return dependency >= 0 ? m.slice(dependency + 13) : m.slice(m.indexOf('packages/'));
        }),
      };
    }
    this.emitFile({
      type: 'asset',
      fileName: 'manifest.json',
      source: JSON.stringify(chunks, null, 2),
    });
  },
};

export default {
  input: Object.fromEntries(ELEMENTS.map((tag) => [tag, `packages/elements/dist/${tag}.js`])),
  output: {
    dir: OUT,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: false,
    manualChunks: (id) =>
      Object.keys(CHUNKS).find((name) => CHUNKS[name].some((m) => id.includes(m))),
  },
  // The entry keeps the element's code itself instead of re-exporting a shared chunk.
  preserveEntrySignatures: 'allow-extension',
  plugins: [
    clean,
    nodeResolve({ browser: true }),
    minifyTemplates,
    terser({
      ecma: 2022,
      module: true,
      compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
      format: { comments: false },
    }),
    manifest,
  ],
};
