import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { openDataFolderKey } from '../core/data-folder-key';
import { defaultDataDir } from '../core/default-data-dir';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { parseMainArgs } from './args';
import { launchCore, type LaunchedCore } from './core-launcher';
import { registerApiIpc } from './ipc';
import { electronNativeBinding } from './native-binding';
import { electronKeystore } from './os-keystore';
import { hardenSession, installSecurity } from './security';
import { createMainWindow } from './window';

/** dist/electron/main.js sits two levels below the project root (or the root of app.asar). */
const ROOT = join(__dirname, '..', '..');
/** How long quitting waits for the core process to close the database before it is killed. */
const CORE_CLOSE_GRACE_MS = 3000;

function fail(message: string): never {
  console.error(message);
  dialog.showErrorBox('考务现场无法启动', message);
  app.exit(1);
  throw new Error(message);
}

/** Shipped resources: beside the asar when packaged (electron-builder.yml extraResources), else the project's. */
function resourcesDir(): string {
  return app.isPackaged ? process.resourcesPath : join(ROOT, 'resources');
}

function nativeBinding(): string | undefined {
  const file = electronNativeBinding({
    isPackaged: app.isPackaged,
    projectRoot: ROOT,
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    sqlitePackage: JSON.parse(readFileSync(require.resolve('better-sqlite3-multiple-ciphers/package.json'), 'utf8')) as { name: string; version: string },
  });
  if (file !== undefined && !existsSync(file)) {
    fail(`缺少适用于 Electron 的 better-sqlite3-multiple-ciphers：${file}\n请先运行 node electron/scripts/electron-native.mjs（npm start 会自动运行）。`);
  }
  return file;
}

let args;
try {
  args = parseMainArgs(process.argv.slice(1), Date.now(), { packaged: app.isPackaged });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
if (args.ignoredClockSwitches.length > 0) {
  console.warn(`安装版不接受 ${args.ignoredClockSwitches.join('、')}，使用本机时钟 / clock switches are ignored in the packaged app`);
}
const dataDir = args.dataDir === undefined ? defaultDataDir() : resolve(args.dataDir);
const sampleStart = args.sampleStart;
const clock = args.clock;

// The same data folder as browser mode and the CLI. Pointing userData at it makes the
// single-instance lock a lock on this folder: two processes appending to one device's chain
// would fork it. Chromium's own files go to a subfolder, away from the event log.
app.setPath('userData', dataDir);
app.setPath('sessionData', join(dataDir, 'chromium'));
registerAppScheme();
installSecurity(app);

if (!app.requestSingleInstanceLock()) {
  console.error(`考务现场已在运行（数据目录 ${dataDir}）/ ExamDay is already running on this data folder`);
  app.quit();
} else {
  let core: LaunchedCore | undefined;
  let coreClosed = false;
  let win: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('window-all-closed', () => app.quit());
  // The core closes its database (and releases the folder's lock) before the app ends.
  app.on('will-quit', (event) => {
    if (!core || coreClosed) return;
    event.preventDefault();
    const closing = core;
    core = undefined;
    void closing.close(CORE_CLOSE_GRACE_MS).finally(() => {
      coreClosed = true;
      app.quit();
    });
  });

  /** Said in the window's own dialog: every call since then was refused with the same words (core-client.ts). */
  const coreStopped = (code: number): void => {
    console.error(`examday: the core process ended unexpectedly (exit code ${code})`);
    core = undefined;
    const options = {
      type: 'error' as const,
      title: '考务核心已停止',
      message: '考务核心进程意外停止，当前无法记录或查询。',
      detail: '已记录的事件保存在数据目录中。请重新启动考务现场，再核对最后几项操作是否已记录。',
      buttons: ['重新启动考务现场', '退出'],
      defaultId: 0,
      noLink: true,
    };
    const shown = win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
    void shown.then(({ response }) => {
      if (response === 0) app.relaunch();
      app.exit(response === 0 ? 0 : 1);
    });
  };

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    handleAppProtocol(join(ROOT, 'dist', 'renderer'));
    const binding = nativeBinding();
    const keystore = electronKeystore();
    if (!keystore) console.warn(`系统钥匙串不可用，数据库密钥保存在数据目录旁的密钥文件中 / no OS keystore: the database key is kept in a key file beside the data folder`);
    core = launchCore({
      script: join(__dirname, 'core.js'),
      init: {
        dataDir,
        sampleDayFile: join(resourcesDir(), 'sample-day', 'sample-day.json'),
        resourcesDir: resourcesDir(),
        ...(binding === undefined ? {} : { nativeBinding: binding }),
        ...(sampleStart === undefined ? {} : { sampleStart }),
        ...(clock === undefined ? {} : { clock }),
      },
      // The keystore stays here (safeStorage is the main process's); the core holds the folder's lock by now.
      openKey: () => openDataFolderKey({ dataDir, keystore }).hex(),
      onUnexpectedExit: coreStopped,
    });
    const started = await core.started;
    if (!started.ok) fail(started.message);
    registerApiIpc(core.client);
    win = createMainWindow(join(__dirname, 'preload.js'));
  });
}
