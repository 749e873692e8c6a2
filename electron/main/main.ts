import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { openCoreHost, type CoreHost } from '../core/core-host';
import { defaultDataDir } from '../core/default-data-dir';
import { startupErrorLine } from '../core/startup-refusal';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { parseMainArgs } from './args';
import { registerApiIpc } from './ipc';
import { electronNativeBinding } from './native-binding';
import { electronKeystore } from './os-keystore';
import { hardenSession, installSecurity } from './security';
import { createMainWindow } from './window';

/** dist/electron/main.js sits two levels below the project root (or the root of app.asar). */
const ROOT = join(__dirname, '..', '..');

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
  let host: CoreHost | undefined;
  let win: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    host?.close();
    host = undefined;
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    handleAppProtocol(join(ROOT, 'dist', 'renderer'));
    const binding = nativeBinding();
    const keystore = electronKeystore();
    if (!keystore) console.warn(`系统钥匙串不可用，数据库密钥保存在数据目录旁的密钥文件中 / no OS keystore: the database key is kept in a key file beside the data folder`);
    try {
      host = openCoreHost({
        dataDir,
        program: 'electron',
        sampleDayFile: join(resourcesDir(), 'sample-day', 'sample-day.json'),
        resourcesDir: resourcesDir(),
        nativeBinding: binding,
        ...(keystore === undefined ? {} : { keystore }),
        ...(sampleStart === undefined ? {} : { sampleStart }),
        ...(clock === undefined ? {} : { clock }),
      });
    } catch (error) {
      fail(startupErrorLine(error, dataDir));
    }
    registerApiIpc(host.handlers);
    win = createMainWindow(join(__dirname, 'preload.js'));
  });
}
