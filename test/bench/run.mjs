// `npm run bench`: runs each benchmark in its own process and prints its BENCH lines.
// `node test/bench/run.mjs scan-bench` runs one (after `npm run build`).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..', '..');
// In the checkout, not node_modules/.cache: worktrees may share one node_modules.
const OUT = resolve(ROOT, '.bench-data', 'build');
mkdirSync(OUT, { recursive: true });

const ALL = ['core-bench', 'dashboard-bench', 'verify-bench', 'event-costs', 'sync-bench', 'camera-bench', 'roster-import-bench', 'scan-bench', 'record-bench', 'custody-bench', 'signin-bench', 'center-bench'];
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !ALL.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (one of ${ALL.join(', ')})`);
  process.exit(2);
}
const BENCHMARKS = chosen.length > 0 ? chosen : ALL;

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
    external: ['better-sqlite3-multiple-ciphers', 'pdfkit', 'fontkit', 'playwright-core', '@playwright/test'],
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, [outfile], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
