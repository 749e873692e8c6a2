// `npm run bench`: runs each benchmark in its own process and prints its BENCH lines.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = resolve(ROOT, 'node_modules', '.cache', 'examday-bench');
mkdirSync(OUT, { recursive: true });

const BENCHMARKS = ['core-bench', 'camera-bench', 'roster-import-bench', 'scan-bench', 'record-bench'];

let failed = false;
for (const name of BENCHMARKS) {
  const outfile = resolve(OUT, `${name}.cjs`);
  await build({
    entryPoints: [resolve(ROOT, 'test', 'bench', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3', 'playwright-core', '@playwright/test'],
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, [outfile], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
