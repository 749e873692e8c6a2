import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openCore } from '../../electron/core/core';
import { openCoreHost } from '../../electron/core/core-host';
import { StartupRefusal } from '../../electron/core/startup-refusal';
import { runVerifyCommand } from '../../electron/cli/verify-command';
import { bundleForTest } from '../support/bundle-for-test';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

/** Starts the lock holder on `dataDir` and resolves once it holds the folder. */
async function startHolder(script: string, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('READY')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`lock holder ended (${code}): ${stderr}`)));
  });
  return child;
}

const refusalOf = (open: () => unknown): StartupRefusal => {
  try {
    open();
  } catch (error) {
    if (error instanceof StartupRefusal) return error;
    throw error;
  }
  throw new Error('the second open was not refused');
};

describe('one process writes a data folder', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let holder: ChildProcess | undefined;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => {
    if (holder && holder.exitCode === null && holder.signalCode === null) holder.kill('SIGKILL');
    holder = undefined;
    temp.remove();
  });

  it('refuses a second core in the same process, and frees the folder on close', () => {
    const first = openCoreHost({ dataDir: temp.dir });
    const refusal = refusalOf(() => openCore({ dataDir: temp.dir }));
    expect(refusal.message).toContain(`数据目录 ${temp.dir} 正由另一个 ExamDay 程序使用`);
    expect(refusal.message).toContain(`进程 ${process.pid}`);
    expect(refusal.message).toContain('请先关闭它');
    first.close();
    openCore({ dataDir: temp.dir }).close();
  });

  it('refuses another process naming the holder, lets verify read meanwhile, and takes over after kill -9', async () => {
    const seeded = openCore({ dataDir: temp.dir });
    seeded.commit(fixtureDayEvents(fixtureDay(3)));
    seeded.close();
    const script = await bundleForTest('test/support/lock-holder.ts', 'lock-holder');
    holder = await startHolder(script, temp.dir);

    const refusal = refusalOf(() => openCore({ dataDir: temp.dir }));
    expect(refusal.message).toMatch(new RegExp(`正由另一个 ExamDay 程序使用（浏览器模式服务器，进程 ${holder.pid}，自 \\d\\d:\\d\\d 起）；请先关闭它。$`));
    // verify only reads: it works while the folder is held.
    const lines: string[] = [];
    expect(runVerifyCommand(['--data', temp.dir], (line) => lines.push(line))).toBe(0);

    holder.kill('SIGKILL');
    await once(holder, 'exit');
    const after = openCore({ dataDir: temp.dir });
    expect((after.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBeGreaterThan(0);
    after.close();
  });

  it('the browser-mode server prints one line and exits 1 when the folder is held', async () => {
    const holderScript = await bundleForTest('test/support/lock-holder.ts', 'lock-holder');
    const serverScript = await bundleForTest('electron/server/web-main.ts', 'lock-test-web-main');
    holder = await startHolder(holderScript, temp.dir);
    const server = spawn(process.execPath, [serverScript, '--port', '0', '--data', temp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    server.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = (await once(server, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(`浏览器模式服务器，进程 ${holder.pid}`)]);
  });
});
