// `npm start` (after `npm run build`): the Electron window when the Electron runtime is installed,
// otherwise browser mode, announced in one line, opened in the default browser (not with --no-open
// or EXAMDAY_NO_BROWSER=1). Other arguments pass through to either:
//   npm start -- [--no-open] [--data DIR] [--sample-start HH:MM]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const NO_OPEN = '--no-open';
const noOpen = process.argv.includes(NO_OPEN) || Boolean(process.env.EXAMDAY_NO_BROWSER);
const args = process.argv.slice(2).filter((arg) => arg !== NO_OPEN);

/** The `electron` package exports its binary's path, and throws when the binary never arrived. */
function electronBinary() {
  try {
    const path = createRequire(resolve(ROOT, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort only: a missing opener or a headless machine never stops the start. */
function openInBrowser(url) {
  if (noOpen) return;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const [command, commandArgs] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : [process.platform === 'darwin' ? 'open' : 'xdg-open', [url]];
  try {
    const opener = spawn(command, commandArgs, { stdio: 'ignore', detached: true, windowsHide: true });
    opener.on('error', () => {});
    opener.unref();
  } catch {
    // the URL is printed; the user can open it by hand
  }
}

function run(command, commandArgs, { watchForUrl = false } = {}) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(command, commandArgs, { cwd: ROOT, env, stdio: ['inherit', watchForUrl ? 'pipe' : 'inherit', 'inherit'] });
  if (watchForUrl) {
    let seen = '';
    let opened = false;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (opened) return;
      seen += chunk.toString();
      const match = /https?:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(seen);
      if (match) {
        opened = true;
        openInBrowser(match[0]);
      }
    });
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`无法启动 / cannot start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startBrowserMode(reason) {
  console.log(reason);
  const server = resolve(ROOT, 'dist', 'server.js');
  if (!existsSync(server)) {
    console.error('缺少 dist/server.js，请先运行 npm run build / run `npm run build` first');
    process.exit(1);
  }
  run(process.execPath, [server, ...args], { watchForUrl: true });
}

const electron = electronBinary();
if (electron === undefined) {
  startBrowserMode('未安装 Electron 运行时（npm 无法下载其二进制文件），改用浏览器模式 / Electron runtime not installed — starting browser mode');
} else {
  const native = spawnSync(process.execPath, [resolve(ROOT, 'electron', 'scripts', 'electron-native.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (native.status === 0) {
    run(electron, ['.', ...args]);
  } else {
    startBrowserMode('无法为 Electron 准备 better-sqlite3-multiple-ciphers，改用浏览器模式 / no Electron build of better-sqlite3-multiple-ciphers — starting browser mode');
  }
}
