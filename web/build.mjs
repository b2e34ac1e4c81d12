// Builds the web workspace into OUT (index.html, app.js, app.css) with esbuild.
// Usage: node web/build.mjs OUT NODE_MODULES
// CMake runs it (see web/web.cmake) after `npm ci` in the build tree, so the
// source tree never gets a node_modules folder.
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [out, nodeModules] = process.argv.slice(2);
if (!out || !nodeModules) {
  console.error('usage: node web/build.mjs OUT NODE_MODULES');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(nodeModules, 'noop.js'));
const esbuild = require('esbuild');

mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outfile: join(out, 'app.js'),
  nodePaths: [nodeModules],
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'src', 'app.css'), join(out, 'app.css'));
