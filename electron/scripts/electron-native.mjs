// Puts an Electron-ABI better_sqlite3.node of better-sqlite3-multiple-ciphers into
// .native/better-sqlite3-multiple-ciphers-<its version>-electron-<version>-<platform>-<arch>/ (the layout
// electron/main/native-binding.ts reads), leaving node_modules/better-sqlite3-multiple-ciphers/build — the
// Node build that tests and browser mode load — untouched. Works on a copy of the package source:
// first prebuild-install (a published binary), then node-gyp against Electron's headers.
//   node electron/scripts/electron-native.mjs [--force]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const require = createRequire(join(ROOT, 'package.json'));
const force = process.argv.includes('--force');

const electronDir = dirname(require.resolve('electron'));
const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const { platform, arch } = process;
// The package and its version are in the folder's name: a plain better-sqlite3 build left there by an
// earlier checkout would open the database without encryption.
const sqlitePackage = JSON.parse(readFileSync(require.resolve('better-sqlite3-multiple-ciphers/package.json'), 'utf8'));
const targetDir = join(ROOT, '.native', `${sqlitePackage.name}-${sqlitePackage.version}-electron-${version}-${platform}-${arch}`);
const target = join(targetDir, 'better_sqlite3.node');

if (existsSync(target) && !force) process.exit(0);

function resolveNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a dependency here; try npm's own copy
  }
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((file) => file && existsSync(file));
}

/** The few lines that say why, without node-gyp's boilerplate (command, cwd, versions, stack). */
function summarize(output) {
  const boilerplate = /ERR! (System|command|cwd|node -v|node-gyp -v|not ok|stack {4}at )|^\s*$/;
  const lines = output.split('\n').filter((line) => !boilerplate.test(line));
  const telling = lines.filter((line) => /err|warn|fail/i.test(line));
  return (telling.length > 0 ? telling : lines).slice(0, 3).join('\n').trim();
}

function step(title, args, cwd, timeoutMs) {
  console.log(`better-sqlite3-multiple-ciphers → Electron ${version}: ${title}`);
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, encoding: 'utf8' });
  if (result.status === 0) return true;
  const output = summarize(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  console.log(`  failed${result.error ? ` (${result.error.message})` : ''}${output ? `:\n  ${output.replaceAll('\n', '\n  ')}` : ''}`);
  return false;
}

const source = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const work = mkdtempSync(join(tmpdir(), 'examday-native-'));
const copy = join(work, 'better-sqlite3-multiple-ciphers');
let ok = false;
try {
  cpSync(source, copy, {
    recursive: true,
    filter: (path) => {
      const inside = relative(source, path);
      return inside !== 'build' && !inside.startsWith(`build${sep}`) && !inside.split(sep).includes('node_modules');
    },
  });
  const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
  const prebuild = require.resolve('prebuild-install/bin.js');
  ok =
    step('prebuild-install', [prebuild, '--runtime=electron', `--target=${version}`, `--arch=${arch}`, `--platform=${platform}`], copy, 180_000) &&
    existsSync(built);
  if (!ok) {
    const nodeGyp = resolveNodeGyp();
    ok =
      nodeGyp !== undefined &&
      step(
        'node-gyp rebuild',
        [
          nodeGyp,
          'rebuild',
          '--release',
          `--target=${version}`,
          `--arch=${arch}`,
          '--dist-url=https://electronjs.org/headers',
          `--devdir=${join(homedir(), '.electron-gyp')}`,
        ],
        copy,
        15 * 60_000,
      ) &&
      existsSync(built);
  }
  if (ok && statSync(built).size > 0) {
    mkdirSync(targetDir, { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    copyFileSync(built, partial);
    renameSync(partial, target);
    console.log(`better-sqlite3-multiple-ciphers → Electron ${version}: ${target}`);
  } else {
    ok = false;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (!ok) {
  console.error(`无法为 Electron ${version} 构建 better-sqlite3-multiple-ciphers（需要网络下载预编译文件或 Electron 头文件） / could not build better-sqlite3-multiple-ciphers for Electron ${version}`);
  process.exit(1);
}
