// Lint: typescript-eslint strict, plus the safety rules of DESIGN.md: remote HTML becomes DOM only in
// packages/elements/src/internal/render-content.ts, through core's sanitizer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_HTML_SINKS = [
  {
    selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
    message:
      'No innerHTML/outerHTML: remote HTML goes through renderContent() and core’s sanitizer only.',
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln|createContextualFragment)$/]',
    message:
      'No HTML string sinks: remote HTML goes through renderContent() and core’s sanitizer only.',
  },
  {
    selector: "CallExpression[callee.name='eval']",
    message: 'No eval: Fedikit runs under a strict CSP.',
  },
  {
    selector: "NewExpression[callee.name='Function']",
    message: 'No new Function: Fedikit runs under a strict CSP.',
  },
];
const NO_UNSAFE_IMPORTS = {
  paths: [],
  patterns: [
    {
      group: ['lit/directives/unsafe-*', 'lit-html/directives/unsafe-*'],
      message:
        'No unsafeHTML/unsafeSVG: remote HTML goes through renderContent() and core’s sanitizer only.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/elements/cdn/**',
      'docs/api/**',
      'bench/.peers/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      // TypeScript checks names in .ts; the few .js/.mjs scripts run in Node or in a benchmark page.
      'no-undef': 'off',
      'no-restricted-syntax': ['error', ...NO_HTML_SINKS],
      'no-restricted-imports': ['error', NO_UNSAFE_IMPORTS],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Tests may build hostile markup on purpose, to prove it is neutralised.
    files: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: [
      'scripts/**',
      'bench/**',
      '*.mjs',
      'packages/sandbox/src/cli.ts',
      'packages/proxy/src/cli.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
