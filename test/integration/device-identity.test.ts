import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core/core';
import { openCoreHost } from '../../electron/core/core-host';
import { StartupRefusal } from '../../electron/core/startup-refusal';
import { FIXTURE_PLAN_FORM, fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { readDeviceKeyFile, sealDeviceKeyFile } from '../../electron/core/device-key';
import { databaseKeyOf } from '../support/raw-database';

const KEY = 'device-key.pem';

const refusalOf = (open: () => Core): string => {
  try {
    open().close();
  } catch (error) {
    if (error instanceof StartupRefusal) return error.message;
    throw error;
  }
  throw new Error('the folder was opened, not refused');
};

describe('the device key of a data folder', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let deviceId: string;
  beforeEach(() => {
    temp = makeTempDir();
    const core = openCore({ dataDir: temp.dir });
    core.commit(fixtureDayEvents(fixtureDay(2)));
    deviceId = core.deviceId;
    core.close();
  });
  afterEach(() => temp.remove());

  const keyFile = (): string => join(temp.dir, KEY);
  const open = (): Core => openCore({ dataDir: temp.dir });
  const eventCount = (): number => {
    const core = open();
    try {
      return (core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      core.close();
    }
  };

  it('is written whole: mode 0600, no temporary file left, a leftover one from a crash ignored', () => {
    // Sealed with the folder's database key (device-key.ts): no plain PKCS#8 on disk.
    expect(readFileSync(keyFile(), 'utf8')).toMatch(/^-----BEGIN EXAMDAY SEALED PRIVATE KEY-----\n[\s\S]+-----END EXAMDAY SEALED PRIVATE KEY-----\n$/);
    if (process.platform !== 'win32') expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(readdirSync(temp.dir).filter((name) => name.includes('.tmp'))).toEqual([]);

    // A crash before the rename leaves only a cut temporary file: the next first start makes a whole key.
    const fresh = makeTempDir();
    try {
      writeFileSync(join(fresh.dir, `${KEY}.tmp-4242`), '-----BEGIN PRIVATE KEY-----\nMC4CAQAw');
      const core = openCore({ dataDir: fresh.dir });
      core.close();
      expect(readdirSync(fresh.dir).filter((name) => name.includes('.tmp'))).toEqual([]);
      expect(readFileSync(join(fresh.dir, KEY), 'utf8')).toContain('-----END EXAMDAY SEALED PRIVATE KEY-----');
    } finally {
      fresh.remove();
    }
  });

  it('refuses an empty key file, saying what happened and what to do', () => {
    writeFileSync(keyFile(), '');
    const message = refusalOf(open);
    expect(message).toContain('已损坏（文件是空的）');
    expect(message).toContain('请从备份恢复');
    expect(message).toContain(`examday verify --data ${temp.dir}`);
    expect(message).not.toContain('\n');
    expect(readFileSync(keyFile(), 'utf8')).toBe('');
  });

  it('refuses a cut key file', () => {
    const pem = readFileSync(keyFile(), 'utf8');
    writeFileSync(keyFile(), pem.slice(0, pem.length / 2));
    expect(refusalOf(open)).toContain('已损坏（内容不完整或已损坏');
  });

  it('refuses a deleted key rather than giving the folder a new identity', () => {
    rmSync(keyFile());
    const message = refusalOf(open);
    expect(message).toContain(`缺少设备密钥 ${KEY}，而这里的记录属于设备 ${deviceId}`);
    expect(existsSync(keyFile())).toBe(false);
  });

  it('refuses the key of another device', () => {
    const other = makeTempDir();
    try {
      const core = openCore({ dataDir: other.dir });
      const otherId = core.deviceId;
      core.close();
      // Copied as it is, the other folder's key file is sealed with the other folder's database key.
      copyFileSync(join(other.dir, KEY), keyFile());
      expect(refusalOf(open)).toContain('已损坏（内容不完整或已损坏，或不是用本数据目录的数据库密钥加密的）');
      // Sealed with this folder's database key, it opens, and is still another device's.
      const otherKey = readDeviceKeyFile(other.dir, databaseKeyOf(other.dir));
      if (otherKey.state !== 'ok') throw new Error(otherKey.state);
      sealDeviceKeyFile(temp.dir, otherKey.privateKey, databaseKeyOf(temp.dir));
      expect(refusalOf(open)).toContain(`设备密钥属于设备 ${otherId}，而这里的记录属于设备 ${deviceId}`);
    } finally {
      other.remove();
    }
  });

  it('opens again once the key is restored', () => {
    const backup = readFileSync(keyFile());
    rmSync(keyFile());
    refusalOf(open);
    writeFileSync(keyFile(), backup, { mode: 0o600 });
    expect(eventCount()).toBeGreaterThan(0);
  });
});

describe('a door laptop that only imported the office’s package', () => {
  it('still refuses a deleted key: the record names its own device', () => {
    const office = makeTempDir();
    const door = makeTempDir();
    try {
      const day = fixtureDay(4);
      const officeHost = openCoreHost({ dataDir: office.dir });
      officeHost.handlers.savePlan({ plan: FIXTURE_PLAN_FORM });
      officeHost.handlers.importRoster({ rooms: day.rooms, candidates: day.candidates });
      const exported = officeHost.handlers.exportDayPackage({});
      officeHost.close();
      if (!exported.ok) throw new Error(exported.error.message);
      const doorHost = openCoreHost({ dataDir: door.dir });
      const doorId = doorHost.real.deviceId;
      expect(doorHost.handlers.importDayPackage({ content: exported.value.content, passphrase: exported.value.passphrase })).toMatchObject({ ok: true });
      const own = doorHost.real.db.prepare('SELECT COUNT(*) AS n FROM events WHERE device_id = ?').get(doorId) as { n: number };
      expect(own.n).toBe(0);
      doorHost.close();
      rmSync(join(door.dir, KEY));
      expect(refusalOf(() => openCore({ dataDir: door.dir }))).toContain(`属于设备 ${doorId}`);
    } finally {
      office.remove();
      door.remove();
    }
  });
});
