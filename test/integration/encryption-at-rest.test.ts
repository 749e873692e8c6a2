import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVerifyCommand } from '../../electron/cli/verify-command';
import { DATABASE_FILE, openCore, type Core } from '../../electron/core/core';
import { DATABASE_KEY_ENV, DatabaseKey, keyFileBeside, SEALED_KEY_FILE, type OsKeystore } from '../../electron/core/database-key';
import { readDeviceKeyFile } from '../../electron/core/device-key';
import { MIGRATIONS } from '../../electron/core/migrations';
import { StartupRefusal } from '../../electron/core/startup-refusal';
import { copyDataDirAtVersion } from '../support/database-at-version';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { databaseKeyOf, openRawDatabase } from '../support/raw-database';
import { makeTempDir } from '../support/temp-dir';

const day = fixtureDay(30);
const sample = day.candidates[7]!;
const NOW = () => new Date(2026, 10, 25, 8, 10);
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Every byte the folder's database keeps on disk: the file and, while the core is open, its -wal. */
const databaseBytes = (dir: string): Buffer =>
  Buffer.concat(['', '-wal'].map((suffix) => join(dir, `${DATABASE_FILE}${suffix}`)).filter(existsSync).map((file) => readFileSync(file)));
const holds = (bytes: Buffer, text: string): boolean => bytes.includes(Buffer.from(text, 'utf8'));
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function refusalOf(open: () => Core): string {
  try {
    open().close();
  } catch (error) {
    if (error instanceof StartupRefusal) return error.message;
    throw error;
  }
  throw new Error('the folder was opened, not refused');
}

function withEnvKey<T>(hex: string, run: () => T): T {
  const before = process.env[DATABASE_KEY_ENV];
  process.env[DATABASE_KEY_ENV] = hex;
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env[DATABASE_KEY_ENV];
    else process.env[DATABASE_KEY_ENV] = before;
  }
}

async function verify(dir: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runVerifyCommand(['--data', dir], (line) => lines.push(line));
  return { code, lines };
}

function seed(dir: string): Core {
  const core = openCore({ dataDir: dir, now: NOW });
  core.commit(fixtureDayEvents(day));
  const scan = core.handlers.checkIn({ roomNo: sample.roomNo, input: sample.ticketNo, method: 'scanner', actorStaffId: 'P0002' });
  if (!scan.ok) throw new Error(scan.error.message);
  return core;
}

describe('a data folder at rest', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('holds no ID number and no name in the database or its -wal, open or closed; reads them with the key', () => {
    const core = seed(temp.dir);
    expect(existsSync(join(temp.dir, `${DATABASE_FILE}-wal`))).toBe(true);
    const whileOpen = databaseBytes(temp.dir);
    core.close();
    const closed = databaseBytes(temp.dir);
    for (const bytes of [whileOpen, closed]) {
      expect(bytes.subarray(0, 16).equals(PLAIN_HEADER)).toBe(false);
      expect(holds(bytes, sample.idNumber)).toBe(false);
      expect(holds(bytes, sample.name)).toBe(false);
      expect(holds(bytes, sample.ticketNo)).toBe(false);
    }
    // The search itself finds them in SQLite's bytes once the same row is written in the clear.
    const control = join(temp.dir, 'control.sqlite');
    const raw = openRawDatabase(temp.dir);
    raw.prepare("ATTACH DATABASE ? AS plain KEY ''").run(control);
    raw.exec('CREATE TABLE plain.candidates AS SELECT * FROM main.proj_candidates');
    raw.exec('DETACH DATABASE plain');
    raw.close();
    const plainBytes = readFileSync(control);
    expect(holds(plainBytes, sample.idNumber) && holds(plainBytes, sample.name)).toBe(true);
    rmSync(control);

    // Nor does the device's signing key lie in the clear.
    expect(readFileSync(join(temp.dir, 'device-key.pem'), 'utf8')).not.toContain('BEGIN PRIVATE KEY');

    const reopened = openCore({ dataDir: temp.dir, now: NOW });
    try {
      expect(reopened.handlers.getRoomRoster({ roomNo: sample.roomNo })).toMatchObject({ ok: true, value: { room: { admitted: 1 } } });
    } finally {
      reopened.close();
    }
  });

  it('keeps the key beside the folder, owner-only, so a copy of the folder alone carries none', () => {
    seed(temp.dir).close();
    const keyFile = keyFileBeside(temp.dir);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(temp.dir).some((name) => readFileSync(join(temp.dir, name)).includes(readFileSync(keyFile, 'utf8').trim()))).toBe(false);

    const copy = makeTempDir();
    try {
      cpSync(temp.dir, copy.dir, { recursive: true });
      const before = sha256(join(copy.dir, DATABASE_FILE));
      const message = refusalOf(() => openCore({ dataDir: copy.dir }));
      expect(message).toBe(
        `数据目录 ${copy.dir} 中的记录已加密，但找不到数据库密钥，考务现场不会启动：程序不会用新密钥覆盖已加密的记录。请把原来的密钥文件放回 ${keyFileBeside(copy.dir)}（仅限本人读取），或设置环境变量 ${DATABASE_KEY_ENV}。`,
      );
      // Nothing made in its place: no new key, no new database.
      expect(existsSync(keyFileBeside(copy.dir))).toBe(false);
      expect(sha256(join(copy.dir, DATABASE_FILE))).toBe(before);
    } finally {
      copy.remove();
    }
  });

  it('refuses a wrong key in one line and leaves the database as it was', () => {
    seed(temp.dir).close();
    const file = join(temp.dir, DATABASE_FILE);
    const before = sha256(file);
    const message = withEnvKey(DatabaseKey.generate().hex(), () => refusalOf(() => openCore({ dataDir: temp.dir })));
    expect(message).toBe(`无法用数据库密钥打开 ${file}：密钥不是这份数据的，或文件已损坏。程序不会新建数据库覆盖它；请找回与这个数据目录一起保存的密钥。`);
    expect(sha256(file)).toBe(before);
    expect(withEnvKey('not-a-key', () => refusalOf(() => openCore({ dataDir: temp.dir })))).toBe(
      `环境变量 ${DATABASE_KEY_ENV} 应为 64 位十六进制数（256 位密钥），考务现场不会启动。`,
    );
    // The right key in the environment opens it as the file beside does.
    const core = withEnvKey(databaseKeyOf(temp.dir).hex(), () => openCore({ dataDir: temp.dir }));
    core.close();
  });

  it('encrypts a folder an earlier version wrote in the clear, in place, and it still verifies', async () => {
    const source = makeTempDir();
    let deviceId: string;
    let events: number;
    try {
      const core = seed(source.dir);
      deviceId = core.deviceId;
      events = (core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      core.close();
      copyDataDirAtVersion(source.dir, temp.dir, MIGRATIONS.length);
    } finally {
      source.remove();
    }
    const file = join(temp.dir, DATABASE_FILE);
    expect(readFileSync(file).subarray(0, 16).equals(PLAIN_HEADER)).toBe(true);
    expect(holds(readFileSync(file), sample.idNumber)).toBe(true);
    expect(readFileSync(join(temp.dir, 'device-key.pem'), 'utf8')).toContain('BEGIN PRIVATE KEY');
    // An earlier version's folder audits as it is, without a key.
    expect(existsSync(keyFileBeside(temp.dir))).toBe(false);
    expect((await verify(temp.dir)).code).toBe(0);
    // A copy left by an encryption that crashed before its rename is dropped.
    writeFileSync(`${file}.encrypting`, 'half an encrypted copy');

    const core = openCore({ dataDir: temp.dir, now: NOW });
    try {
      expect(core.deviceId).toBe(deviceId);
      expect((core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(events);
    } finally {
      core.close();
    }
    expect(readdirSync(temp.dir).filter((name) => name.includes('encrypting') || name.includes('.tmp'))).toEqual([]);
    const bytes = databaseBytes(temp.dir);
    expect(bytes.subarray(0, 16).equals(PLAIN_HEADER)).toBe(false);
    expect(holds(bytes, sample.idNumber) || holds(bytes, sample.name)).toBe(false);
    // The signing key is the same key, now sealed.
    expect(readFileSync(join(temp.dir, 'device-key.pem'), 'utf8')).toMatch(/^-----BEGIN EXAMDAY SEALED PRIVATE KEY-----/);
    const sealed = readDeviceKeyFile(temp.dir, databaseKeyOf(temp.dir));
    expect(sealed).toMatchObject({ state: 'ok', sealed: true, key: { deviceId } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const { code, lines } = await verify(temp.dir);
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('来源：本机密钥文件');
  });

  it('verify reads an encrypted folder with its key; a tampered one is still exit 1, without the key exit 2', async () => {
    seed(temp.dir).close();
    const intact = await verify(temp.dir);
    expect(intact.code).toBe(0);
    expect(intact.lines.join('\n')).toContain('来源：本机密钥文件');

    const raw = openRawDatabase(temp.dir);
    raw.exec('DROP TRIGGER events_refuse_update');
    raw.prepare("UPDATE events SET sig = ? WHERE seq = (SELECT MAX(seq) FROM events)").run('0'.repeat(128));
    raw.close();
    expect((await verify(temp.dir)).code).toBe(1);

    rmSync(keyFileBeside(temp.dir));
    const noKey = await verify(temp.dir);
    expect(noKey.code).toBe(2);
    expect(noKey.lines).toEqual([
      `无法读取数据库 ${join(temp.dir, DATABASE_FILE)}：数据已加密，找不到数据库密钥（应在 ${keyFileBeside(temp.dir)}，或设置环境变量 ${DATABASE_KEY_ENV}）`,
    ]);
    const wrongKey = await withEnvKey(DatabaseKey.generate().hex(), () => verify(temp.dir));
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.lines[0]).toMatch(/不是用这个数据库密钥加密的/);
  });
});

/**
 * A keystore the way Electron's safeStorage behaves: what it seals only the same keystore unseals.
 * (safeStorage itself needs a running Electron and the user's keyring.)
 */
function testKeystore(): OsKeystore {
  const secret = randomBytes(32);
  return {
    name: '测试钥匙串',
    seal: (text) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    unseal: (sealed) => {
      const decipher = createDecipheriv('aes-256-gcm', secret, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('the database key in the operating system keystore (Electron)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('keeps the key sealed in the folder, no key file beside; another keystore or none is refused', () => {
    const keystore = testKeystore();
    openCore({ dataDir: temp.dir, keystore }).close();
    expect(existsSync(join(temp.dir, SEALED_KEY_FILE))).toBe(true);
    expect(existsSync(keyFileBeside(temp.dir))).toBe(false);
    openCore({ dataDir: temp.dir, keystore }).close();

    expect(refusalOf(() => openCore({ dataDir: temp.dir, keystore: testKeystore() }))).toMatch(/^无法用本机测试钥匙串解开数据库密钥 .*database-key\.sealed：它由另一个系统账户或另一台计算机保存，或已损坏，考务现场不会启动。$/);
    expect(refusalOf(() => openCore({ dataDir: temp.dir }))).toContain(`它的密钥保存在 Electron 应用的系统钥匙串中（${SEALED_KEY_FILE}）`);
    expect(existsSync(keyFileBeside(temp.dir))).toBe(false);
  });

  it('takes over the key of a folder browser mode encrypted', () => {
    seed(temp.dir).close();
    const keystore = testKeystore();
    const core = openCore({ dataDir: temp.dir, keystore });
    try {
      expect(core.handlers.getRoomRoster({ roomNo: sample.roomNo })).toMatchObject({ ok: true, value: { room: { admitted: 1 } } });
    } finally {
      core.close();
    }
    expect(existsSync(join(temp.dir, SEALED_KEY_FILE))).toBe(true);
  });
});
