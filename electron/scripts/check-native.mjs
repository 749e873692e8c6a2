// postinstall: (a) better-sqlite3-multiple-ciphers (SQLite with SQLCipher-compatible encryption) must load under this Node — npm 11 may have held back its install
// script, or left a binary for another ABI — so rebuild it once if not; (b) fetch the Electron
// runtime, whose download npm does not run (allowScripts), without ever failing the install for it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ELECTRON_DOWNLOAD_TIMEOUT_MS = 60_000;

function loadsUnderNode() {
  const probe = "const Database = require('better-sqlite3-multiple-ciphers'); new Database(':memory:').close();";
  return spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, stdio: 'ignore' }).status === 0;
}

function npm(args) {
  // Inside `npm install`, npm_execpath is npm's own CLI; run it with this Node.
  const execPath = process.env.npm_execpath;
  const [command, commandArgs] =
    execPath && /\.[cm]?js$/.test(execPath)
      ? [process.execPath, [execPath, ...args]]
      : [process.platform === 'win32' ? 'npm.cmd' : 'npm', args];
  return spawnSync(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', shell: process.platform === 'win32' && command === 'npm.cmd' });
}

if (!loadsUnderNode()) {
  console.log(`better-sqlite3-multiple-ciphers does not load under Node ${process.version}; running npm rebuild better-sqlite3-multiple-ciphers …`);
  const rebuild = npm(['rebuild', 'better-sqlite3-multiple-ciphers']);
  if (!loadsUnderNode()) {
    const why = `${rebuild.stderr ?? ''}`.trim().split('\n').filter(Boolean).slice(-1)[0] ?? rebuild.error?.message ?? '';
    console.error(`better-sqlite3-multiple-ciphers 无法在 Node ${process.version} 下加载，重建也未成功 / better-sqlite3-multiple-ciphers does not load and could not be rebuilt${why ? `: ${why}` : ''}`);
    process.exit(1);
  }
  console.log('better-sqlite3-multiple-ciphers rebuilt for this Node.');
}

function electronInstalled() {
  try {
    const path = spawnSync(process.execPath, ['-p', "require('electron')"], { cwd: ROOT, encoding: 'utf8' });
    return path.status === 0 && existsSync(path.stdout.trim());
  } catch {
    return false;
  }
}

if (!process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !electronInstalled()) {
  const install = resolve(ROOT, 'node_modules', 'electron', 'install.js');
  const result = existsSync(install)
    ? spawnSync(process.execPath, [install], { cwd: resolve(ROOT, 'node_modules', 'electron'), stdio: 'ignore', timeout: ELECTRON_DOWNLOAD_TIMEOUT_MS })
    : { status: 1 };
  if (result.status !== 0 || !electronInstalled()) {
    console.log('无法下载 Electron 运行时，npm start 将使用浏览器模式 / Electron runtime could not be downloaded; npm start will use browser mode');
  }
}
