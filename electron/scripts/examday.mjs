// `npm run examday -- <command> …`: the examday command from a source checkout. It bundles
// dist/cli.js first when it is missing or older than the sources, then runs it with this Node and
// exits with its code. (`npx examday` cannot be used: npm does not link a project's own bin, and npx
// would then look for a package of that name on the registry.)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SOURCE_DIRS = ['electron', 'shared'].map((dir) => join(ROOT, dir));

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (/\.(ts|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(CLI)) return true;
  const built = statSync(CLI).mtimeMs;
  return SOURCE_DIRS.some((dir) => existsSync(dir) && newestSourceMtime(dir) > built);
}

if (isStale()) {
  // stderr, so that `--json` output on stdout stays one clean document
  console.error('构建命令行 dist/cli.js … / building dist/cli.js …');
  const build = spawnSync(process.execPath, [join(ROOT, 'electron', 'scripts', 'bundle.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0 || !existsSync(CLI)) {
    console.error('无法构建 dist/cli.js / could not build dist/cli.js (npm run build:node)');
    process.exit(2);
  }
}

// npm runs scripts in the project folder; relative paths (--data DIR, FILE) mean the reader's folder.
const cli = spawnSync(process.execPath, [CLI, ...process.argv.slice(2)], { cwd: process.env.INIT_CWD ?? process.cwd(), stdio: 'inherit' });
process.exit(cli.status ?? 2);
