// Bundles the Node-side entry points (Electron main + preload + the core's utility process,
// browser-mode server, CLI) with esbuild. The sandboxed preload may only require('electron'), so
// everything it uses is bundled into one file. dist/electron/core.js is what main forks with
// utilityProcess.fork; it loads better-sqlite3, main does not. pdfkit and fontkit (the center's
// archive PDFs) stay in node_modules: pdfkit loads its own data files at run time, and the center
// hands it a font opened with the same fontkit.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'pdfkit', 'fontkit'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: { 'electron/main': 'electron/main/main.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { 'electron/preload': 'electron/preload/preload.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { 'electron/core': 'electron/core-process/core-main.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { server: 'electron/server/web-main.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { center: 'electron/center/center-main.ts' }, outdir: 'dist' }),
  build({
    ...common,
    entryPoints: { cli: 'electron/cli/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
