// custom-elements.json for editors and docs. The analyzer guesses event names from the first argument
// of `new SomeEvent(...)`; ours are typed Event subclasses whose names are documented with @fires,
// so keep only the documented `fedi-*` names.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  plugins: [
    {
      // The buttons are built without Lit: their attributes are the keys of `static props`
      // (`showProfile: Boolean` is the attribute `show-profile`), which the analyzer cannot see.
      name: 'fedikit-plain-props',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const props = node.members.find(
          (m) =>
            ts.isPropertyDeclaration(m) &&
            m.name.getText() === 'props' &&
            m.initializer &&
            ts.isObjectLiteralExpression(m.initializer),
        );
        const decl = moduleDoc.declarations?.find((d) => d.name === node.name.getText());
        if (!props || !decl) return;
        decl.attributes = props.initializer.properties.map((p) => {
          const fieldName = p.name.getText();
          const field = decl.members?.find((m) => m.name === fieldName);
          return {
            name: fieldName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
            fieldName,
            type: { text: p.initializer.getText().toLowerCase() },
            ...(field?.description ? { description: field.description } : {}),
          };
        });
        for (const a of decl.attributes) {
          const field = decl.members?.find((m) => m.name === a.fieldName);
          if (field) field.attribute = a.name;
        }
      },
    },
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
