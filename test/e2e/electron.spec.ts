import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { API_METHODS } from '../../shared/api/contract';
import { DoorPage } from './support/door-page';
import { loadSampleDay } from './support/sample-day';
import { removeDataDir } from '../support/temp-dir';

/*
 * The real app in the real Electron runtime: app:// protocol, preload bridge, IPC, core. The
 * runtime's binary comes from outside the npm registry; where it could not be fetched this file is
 * reported as skipped, and the browser-mode specs cover the same renderer and core. On Linux CI
 * without a display, run under xvfb-run.
 */
const ROOT = resolve(__dirname, '..', '..');

function electronExecutable(): string | undefined {
  try {
    const path: unknown = createRequire(join(ROOT, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const executablePath = electronExecutable();
const electronRuntimeInstalled = executablePath !== undefined;

const sample = loadSampleDay();
const first = sample.candidates.find((c) => c.roomNo === '01')!;
const doorProctor = sample.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '01')!;

test.describe('Electron window', () => {
  test.skip(!electronRuntimeInstalled, 'Electron 运行时未安装：npm 无法下载其二进制文件，此处只运行浏览器模式的端到端测试');

  let app: ElectronApplication;
  let dataDir: string;

  test.beforeAll(() => {
    // What `npm start` does first: an Electron-ABI better-sqlite3-multiple-ciphers in .native/ (no-op when present).
    const native = spawnSync(process.execPath, [join(ROOT, 'electron', 'scripts', 'electron-native.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (native.status !== 0) throw new Error(`electron-native.mjs failed:\n${native.stdout}${native.stderr}`);
  });

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'examday-electron-'));
    // Chromium refuses to run as root with its OS sandbox on (CI containers); the renderer's own
    // sandbox, context isolation and the rest of webPreferences still apply.
    const chromiumSwitches = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({
      executablePath: executablePath!,
      args: [...chromiumSwitches, ROOT, '--data', dataDir, '--sample-start', '08:30'],
      cwd: ROOT,
    });
  });

  test.afterEach(async () => {
    await app?.close();
    removeDataDir(dataDir);
  });

  test('opens 考务现场 on app:// and admits a scanned candidate', async () => {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/考务现场/);
    expect(page.url()).toMatch(/^app:\/\/examday\//);

    const exposed = await page.evaluate(() => {
      const g = globalThis as { require?: unknown; process?: unknown; examDayBridge?: object };
      return { require: typeof g.require, process: typeof g.process, bridge: Object.keys(g.examDayBridge ?? {}).sort() };
    });
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: [...API_METHODS].sort() });

    const door = new DoorPage(page);
    await door.chooseRoomAndStaff('01', doorProctor.staffId);
    await door.checkInBoth(first);
    await expect(door.verdict).toContainText(first.name);

    // The main process's answer, not a wait: a listener added after the app's guard sees, in the same
    // 'will-navigate' dispatch, whether the guard cancelled the navigation.
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      (globalThis as { navigationVerdict?: Promise<unknown> }).navigationVerdict = new Promise((resolve) => {
        contents.once('will-navigate', (event) => resolve({ url: event.url, prevented: event.defaultPrevented }));
      });
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    expect(await app.evaluate(() => (globalThis as { navigationVerdict?: Promise<unknown> }).navigationVerdict)).toEqual({ url: 'https://example.com/', prevented: true });
    expect(page.url()).toMatch(/^app:\/\/examday\//);
  });

  test('runs the core in its own process: the folder\'s lock is held by another pid than the main process', async () => {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/考务现场/);
    const mainPid = await app.evaluate(() => process.pid);
    const holder = JSON.parse(readFileSync(join(dataDir, 'examday.lock.json'), 'utf8')) as { program: string; pid: number };
    expect(holder.program).toBe('electron');
    expect(holder.pid).not.toBe(mainPid);
    const processNames = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().map((metric) => metric.name ?? ''));
    expect(processNames).toContain('ExamDay 考务核心');
  });
});
