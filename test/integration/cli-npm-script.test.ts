import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCore } from '../../electron/core/core';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const ROOT = resolve(import.meta.dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The README's command-line form, `npm run examday -- …`, run the way a reader would: in a checkout
 * without dist/ (as right after `npm install`), from the folder the reader is in.
 */
describe('npm run examday in a fresh checkout', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let checkout: string;

  beforeAll(() => {
    temp = makeTempDir('examday-checkout-');
    checkout = join(temp.dir, 'examday');
    mkdirSync(checkout);
    for (const entry of ['package.json', 'tsconfig.json', 'electron', 'shared']) {
      cpSync(join(ROOT, entry), join(checkout, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  });
  afterAll(() => temp.remove());

  function examday(cwd: string, ...args: string[]) {
    const result = spawnSync(npm, ['run', 'examday', '--', ...args], { cwd, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('builds dist/cli.js when it is missing and prints the timetable', () => {
    expect(existsSync(join(checkout, 'dist', 'cli.js'))).toBe(false);
    const run = examday(checkout, 'timetable', '--start', '08:30', '--end', '10:00');
    expect(run.stderr).not.toContain('not found');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('08:05  S−25  查证入场');
    expect(existsSync(join(checkout, 'dist', 'cli.js'))).toBe(true);
  });

  it('keeps --json output a single JSON document under npm run -s', () => {
    const result = spawnSync(npm, ['run', '-s', 'examday', '--', 'timetable', '--start', '08:30', '--end', '10:00', '--json'], {
      cwd: checkout,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(12);
  });

  it('verify: 0 for an intact log given relative to the folder the reader is in (a subfolder), 2 when there is none', () => {
    const work = join(checkout, 'work');
    mkdirSync(join(work, 'day-data'), { recursive: true });
    const core = openCore({ dataDir: join(work, 'day-data') });
    core.commit(fixtureDayEvents(fixtureDay(5)));
    core.close();

    const intact = examday(work, 'verify', '--data', 'day-data');
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('完好');

    const missing = examday(work, 'verify', '--data', 'no-such-folder');
    expect(missing.status).toBe(2);
    expect(missing.stdout).toContain('无法读取数据库');
  });
});
