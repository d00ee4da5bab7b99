// CDN bundles: one file per element at packages/elements/cdn/<tag>.js that a site loads with a single
// <script type="module">. Protocol providers, DOMPurify and non-English catalogues stay separate chunks
// (dynamic imports), fetched from beside the entry only when a page needs them.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const ELEMENTS = [
  'fedi-comment-thread',
  'fedi-follow-button',
  'fedi-share-button',
  'fedi-photo-gallery',
];

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
          const min = raw.replace(/\s*\n\s*/g, node.tag.name === 'css' ? '' : ' ');
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
        modules: Object.keys(chunk.modules).map((m) =>
          m.slice(m.lastIndexOf('node_modules/') + 13 || m.indexOf('packages/')),
        ),
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
    dir: 'packages/elements/cdn',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: false,
  },
  // The entry keeps the element's code itself instead of re-exporting a shared chunk.
  preserveEntrySignatures: 'allow-extension',
  plugins: [
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
