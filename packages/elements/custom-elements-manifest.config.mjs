// custom-elements.json for editors and docs. The analyzer guesses event names from the first argument
// of `new SomeEvent(...)`; ours are typed Event subclasses whose names are documented with @fires,
// so keep only the documented `fedi-*` names.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  plugins: [
    {
      name: 'fedikit-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((e) => e.name?.startsWith('fedi-'));
          }
        }
      },
    },
  ],
};
