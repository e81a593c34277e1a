// Bundles each app's main.ts (and the workspace libs it imports) into dist/apps/<app>/main.js.
// Packages from node_modules stay external, so the bundle runs from the repository root.
import { build } from 'esbuild';

const ALL_APPS = ['publisher-proxy', 'subscription-controller', 'dispatcher'];
const apps = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL_APPS;

for (const app of apps) {
  if (!ALL_APPS.includes(app)) {
    console.error(`unknown app: ${app} (known: ${ALL_APPS.join(', ')})`);
    process.exit(2);
  }
  await build({
    entryPoints: [`apps/${app}/src/main.ts`],
    outfile: `dist/apps/${app}/main.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    sourcemap: true,
    tsconfig: 'tsconfig.base.json',
    logLevel: 'warning',
  });
  console.log(`built dist/apps/${app}/main.js`);
}
