// The Debian packages `npm test` needs that npm cannot install: Chromium for the e2e tests (Playwright's
// own browser download is not reachable from here), a CJK font so Chinese pages render and print,
// pdftotext (the print e2e reads its PDFs back) and PostgreSQL's server binaries (initdb and pg_ctl, for
// the center's tests). `npm test` installs what is missing with apt-get when it may (root, or sudo
// without a password), and otherwise stops with one line naming the exact command.
//
//   node test/support/system-deps.mjs     checks, installs if needed, says what it did
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = process.env.EXAMDAY_CHROMIUM ?? '/usr/bin/chromium';
const POSTGRES_ROOT = '/usr/lib/postgresql';

/** Each Debian package with the probe that says it is present; the order is the install order. */
export const SYSTEM_PACKAGES = [
  { name: 'chromium', probe: 'chromium' },
  { name: 'fonts-noto-cjk', probe: 'cjkFont' },
  { name: 'poppler-utils', probe: 'pdftotext' },
  { name: 'postgresql', probe: 'postgresServer' },
];

/** The packages whose probe answers false, in install order. */
export function missingPackages(present) {
  return SYSTEM_PACKAGES.filter((pkg) => !present[pkg.probe]).map((pkg) => pkg.name);
}

function aptCommands(packages, sudo) {
  const prefix = sudo ? ['sudo', '-n'] : [];
  // sudo resets the environment, so the non-interactive front end is passed through env(1).
  const apt = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  return [
    [...apt, 'update', '-qq'],
    [...apt, 'install', '-y', '-qq', ...packages],
  ];
}

/** What a person should type to install the packages themselves. */
export function manualCommand(packages) {
  return `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
}

/**
 * What to do about the missing packages: nothing, run apt-get (as root, or through passwordless sudo),
 * or stop with one line that names the exact command.
 * @param {{ missing: string[], privilege: 'root' | 'sudo' | 'none', aptGet: boolean }} situation
 */
export function planSystemDeps({ missing, privilege, aptGet }) {
  if (missing.length === 0) return { action: 'none' };
  if (!aptGet) {
    return {
      action: 'stop',
      message: `tests need the Debian packages ${missing.join(' ')} (or your system's equivalents), and apt-get is not available here to install them`,
    };
  }
  if (privilege === 'none') {
    return {
      action: 'stop',
      message: `tests need Debian packages that are missing; install them with: ${manualCommand(missing)}`,
    };
  }
  return { action: 'install', packages: missing, commands: aptCommands(missing, privilege === 'sudo') };
}

function succeeds(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

function hasCjkFont() {
  const list = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  return list.status === 0 && /Noto Sans CJK/i.test(list.stdout);
}

/** The bin folder of an installed PostgreSQL server (newest major first), or undefined. */
export function postgresBinDir() {
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  const majors = readdirSync(POSTGRES_ROOT).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  return majors
    .map((major) => join(POSTGRES_ROOT, major, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
}

/** The probes of this machine: which packages are present, who we are, whether apt-get exists. */
export function probeMachine() {
  const present = {
    chromium: existsSync(CHROMIUM_PATH),
    cjkFont: hasCjkFont(),
    pdftotext: succeeds('pdftotext', ['-v']),
    postgresServer: postgresBinDir() !== undefined,
  };
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const privilege = root ? 'root' : succeeds('sudo', ['-n', 'true']) ? 'sudo' : 'none';
  return { present, privilege, aptGet: succeeds('apt-get', ['--version']) };
}

function runCommand(argv) {
  const [command, ...args] = argv;
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return result.status ?? 1;
}

/**
 * Makes sure the packages are there: returns { ok: true, message } when they are (or were just
 * installed), { ok: false, message } with the one line to print when they are not.
 * The probes and the command runner are parameters so that the tests can stand in for the machine.
 */
export function ensureSystemDeps({ probe = probeMachine, run = runCommand, log = console.log } = {}) {
  const machine = probe();
  const plan = planSystemDeps({ missing: missingPackages(machine.present), ...machine });
  if (plan.action === 'none') {
    return { ok: true, message: `system packages: nothing to install (${SYSTEM_PACKAGES.map((pkg) => pkg.name).join(', ')} present)` };
  }
  if (plan.action === 'stop') return { ok: false, message: plan.message };
  log(`installing Debian packages for the tests: ${plan.packages.join(' ')}`);
  for (const command of plan.commands) {
    const status = run(command);
    if (status !== 0) {
      return {
        ok: false,
        message: `${command.slice(command.indexOf('apt-get')).join(' ')} failed (exit ${status}); install them with: ${manualCommand(plan.packages)}`,
      };
    }
  }
  const stillMissing = missingPackages(probe().present);
  if (stillMissing.length > 0) {
    return { ok: false, message: `installed, yet still missing: ${stillMissing.join(' ')}; install them with: ${manualCommand(stillMissing)}` };
  }
  return { ok: true, message: `system packages: installed ${plan.packages.join(' ')}` };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = ensureSystemDeps();
  console.log(result.message);
  process.exit(result.ok ? 0 : 1);
}
