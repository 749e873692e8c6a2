import { describe, expect, it } from 'vitest';
import { ensureSystemDeps, missingPackages, planSystemDeps, type Machine, type Probe } from '../support/system-deps.mjs';

const ALL_PRESENT: Record<Probe, boolean> = { chromium: true, cjkFont: true, pdftotext: true, postgresServer: true };

function machine(overrides: Partial<Machine> & { absent?: Probe[] } = {}): Machine {
  const present = { ...ALL_PRESENT };
  for (const probe of overrides.absent ?? []) present[probe] = false;
  return { present, privilege: overrides.privilege ?? 'root', aptGet: overrides.aptGet ?? true };
}

describe('which Debian packages the tests miss', () => {
  it.each([
    [[], []],
    [['chromium'], ['chromium']],
    [['cjkFont'], ['fonts-noto-cjk']],
    [['pdftotext'], ['poppler-utils']],
    [['postgresServer'], ['postgresql']],
    [['postgresServer', 'chromium', 'pdftotext', 'cjkFont'], ['chromium', 'fonts-noto-cjk', 'poppler-utils', 'postgresql']],
  ] as [Probe[], string[]][])('absent %j → %j', (absent, packages) => {
    expect(missingPackages(machine({ absent }).present)).toEqual(packages);
  });
});

describe('what to do about them', () => {
  it('does nothing when nothing is missing, whoever runs it', () => {
    for (const privilege of ['root', 'sudo', 'none'] as const) {
      expect(planSystemDeps({ missing: [], privilege, aptGet: false })).toEqual({ action: 'none' });
    }
  });

  it('as root: apt-get update once, then one install of every missing package', () => {
    expect(planSystemDeps({ missing: ['chromium', 'postgresql'], privilege: 'root', aptGet: true })).toEqual({
      action: 'install',
      packages: ['chromium', 'postgresql'],
      commands: [
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', 'chromium', 'postgresql'],
      ],
    });
  });

  it('with passwordless sudo: the same commands through sudo -n, which never asks for a password', () => {
    const plan = planSystemDeps({ missing: ['poppler-utils'], privilege: 'sudo', aptGet: true });
    expect(plan).toEqual({
      action: 'install',
      packages: ['poppler-utils'],
      commands: [
        ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq'],
        ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', 'poppler-utils'],
      ],
    });
  });

  it('neither root nor sudo: stops with one line naming the exact apt-get command', () => {
    const plan = planSystemDeps({ missing: ['chromium', 'fonts-noto-cjk'], privilege: 'none', aptGet: true });
    expect(plan.action).toBe('stop');
    const message = plan.action === 'stop' ? plan.message : '';
    expect(message).not.toContain('\n');
    expect(message).toContain('sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk');
  });

  it('without apt-get: stops with one line naming the packages', () => {
    const plan = planSystemDeps({ missing: ['postgresql'], privilege: 'root', aptGet: false });
    expect(plan.action).toBe('stop');
    expect(plan.action === 'stop' && plan.message).toMatch(/^[^\n]*postgresql[^\n]*apt-get is not available/);
  });
});

describe('ensureSystemDeps on a stand-in machine', () => {
  it('runs the planned commands, then probes again and reports what it installed', () => {
    const ran: string[][] = [];
    let installed = false;
    const result = ensureSystemDeps({
      probe: () => machine({ absent: installed ? [] : ['chromium'] }),
      run: (argv) => {
        ran.push(argv);
        if (argv.includes('install')) installed = true;
        return 0;
      },
      log: () => {},
    });
    expect(ran.map((argv) => argv.slice(3, 5))).toEqual([['update', '-qq'], ['install', '-y']]);
    expect(result).toEqual({ ok: true, message: 'system packages: installed chromium' });
  });

  it('stops with the manual command when apt-get fails', () => {
    const ran: string[][] = [];
    const result = ensureSystemDeps({
      probe: () => machine({ absent: ['pdftotext'], privilege: 'sudo' }),
      run: (argv) => (ran.push(argv), argv.includes('install') ? 100 : 0),
      log: () => {},
    });
    expect(ran).toHaveLength(2);
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      'apt-get install -y -qq poppler-utils failed (exit 100); install them with: sudo apt-get update && sudo apt-get install -y poppler-utils',
    );
  });

  it('never runs a command when it may not', () => {
    const result = ensureSystemDeps({
      probe: () => machine({ absent: ['chromium'], privilege: 'none' }),
      run: () => {
        throw new Error('must not run');
      },
      log: () => {},
    });
    expect(result.ok).toBe(false);
  });

  it('says when a package is still missing after installing it', () => {
    const result = ensureSystemDeps({ probe: () => machine({ absent: ['cjkFont'] }), run: () => 0, log: () => {} });
    expect(result).toEqual({
      ok: false,
      message: 'installed, yet still missing: fonts-noto-cjk; install them with: sudo apt-get update && sudo apt-get install -y fonts-noto-cjk',
    });
  });
});
