// `npm test`: every check the project has, in order, then one closing line that any CI can read:
// "tests: N passed, N failed, N skipped". Exits non-zero if any step failed. First it makes sure the
// Debian packages the tests use are installed (test/support/system-deps.mjs), or stops with one line
// saying what to install.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureSystemDeps } from './support/system-deps.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = resolve(ROOT, 'test-results');

function run(title, command, args) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const systemDeps = ensureSystemDeps();
console.log(systemDeps.message);
if (!systemDeps.ok) process.exit(1);

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const steps = [];
steps.push(run('typecheck', npm, ['run', '--silent', 'typecheck']));
steps.push(run('lint', npm, ['run', '--silent', 'lint']));
const built = run('build', npm, ['run', '--silent', 'build']);
steps.push(built);
steps.push(
  run('unit + integration (vitest)', npx, [
    'vitest', 'run', '-c', '.config/vitest.config.mts',
    '--reporter=default', '--reporter=json', `--outputFile.json=${resolve(RESULTS, 'vitest.json')}`,
  ]),
);
if (built) {
  steps.push(run('e2e (Playwright, Chromium, browser mode)', npx, ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts']));
} else {
  steps.push(false);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = readJson(resolve(RESULTS, 'vitest.json'));
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const playwright = readJson(resolve(RESULTS, 'playwright.json'));
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
}
const failedSteps = steps.filter((ok) => !ok).length;
if (failedSteps > 0 && failed === 0) failed = failedSteps;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps > 0 ? 1 : 0);
