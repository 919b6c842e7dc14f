// Attune runs on Node 24 LTS. The devDependency `node` puts it first on PATH for npm scripts;
// this guard stops early, with a clear message, when that did not happen.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Attune needs Node 24 or newer, but npm scripts run on Node ${process.versions.node}.\n` +
      'Run `npm install` (without --ignore-scripts or --omit=dev) so that the project installs its own Node 24,\n' +
      'or install Node 24 LTS yourself.',
  );
  process.exit(1);
}
