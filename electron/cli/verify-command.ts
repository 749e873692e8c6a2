import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { VerifyReport } from '../../shared/api/contract';
import { openAuditSnapshot, type AuditSnapshot } from '../core/audit-snapshot';
import { DATABASE_FILE } from '../core/core';
import { REHEARSALS_FOLDER } from '../core/core-host';
import { ARCHIVE_FOLDER } from '../core/day-archive';
import { WrongDatabaseKey } from '../core/database';
import { DATABASE_KEY_ENV, findDatabaseKey, isEncryptedDatabaseFile, type DatabaseKey } from '../core/database-key';
import { readOwnPublicKey } from '../core/device-key';
import { quickCheckAside } from '../core/quick-check-aside';
import { logSchemaVersion, verifyEventLogInParallel } from '../core/verify-log';

/** Exit codes of `examday verify`, as the README documents them. */
export const VERIFY_EXIT = { intact: 0, tampered: 1, unreadable: 2 } as const;

const USAGE = '用法：examday verify --data 数据目录 [--json]（退出码：0 完好，1 被改动，2 无法读取或用法错误）';

const TRUST_ZH: Record<NonNullable<VerifyReport['deviceKeys']>[number]['trust'], string> = {
  'own-key-file': '本机密钥文件',
  learned: '导入数据包或配对时记下，请与考务办的设备指纹核对',
};

const KIND_ZH: Record<NonNullable<VerifyReport['problems']>[number]['kind'], string> = {
  chain: '事件链',
  'device-key': '设备公钥',
  'storage-order': '存储顺序',
  schema: '数据库结构',
  photo: '照片',
  projection: '投影',
  receipt: '同步收据',
};

function printReport(report: VerifyReport, out: (line: string) => void): void {
  const b = report.firstBroken;
  if (report.ok) out(`完好：${report.devices} 台设备，${report.eventsChecked} 个事件，哈希链、签名、照片、投影与数据库结构全部正确`);
  else if (b) out(`已损坏：设备 ${b.deviceId} 第 ${b.seq} 号事件（${b.eventId}）：${b.reason}`);
  else out(`已被改动：发现 ${report.problems?.length ?? 0} 处问题`);
  for (const key of report.deviceKeys ?? []) {
    out(`设备 ${key.deviceId}：${key.events} 个事件，公钥指纹 ${key.fingerprint}（来源：${TRUST_ZH[key.trust]}）`);
  }
  for (const problem of report.problems ?? []) out(`问题［${KIND_ZH[problem.kind]}］${problem.message}`);
  for (const note of report.notes ?? []) out(`说明：${note}`);
}

/** One line for a file that cannot be audited: what it is, never a stack trace. */
function unreadable(file: string, why: string, out: (line: string) => void, json = false): number {
  const line = `无法读取数据库 ${file}：${why}`;
  out(json ? JSON.stringify({ ok: false, unreadable: line }) : line);
  return VERIFY_EXIT.unreadable;
}

const SQLITE_REASON_ZH: Record<string, string> = {
  SQLITE_NOTADB: '不是 SQLite 数据库，或文件头已损坏',
  SQLITE_CORRUPT: '文件已损坏（可能被截断或改写）',
  SQLITE_CANTOPEN: '无法打开文件',
  SQLITE_IOERR_SHORT_READ: '文件不完整（被截断）',
};

function sqliteReason(error: InstanceType<typeof Database.SqliteError>): string {
  const known = SQLITE_REASON_ZH[error.code] ?? (error.code.startsWith('SQLITE_CORRUPT') ? SQLITE_REASON_ZH.SQLITE_CORRUPT : undefined);
  return `${known ?? '文件无法读取'}（${error.code}）`;
}

/**
 * Whose key opens `dataDir`: its own, or for an archived day or a rehearsal (<data>/archive/…,
 * <data>/rehearsals/…) the folder that holds it, whose key they were written with.
 */
function keyFolderOf(dataDir: string): string {
  const parent = dirname(resolve(dataDir));
  return [ARCHIVE_FOLDER, REHEARSALS_FOLDER].includes(basename(parent)) ? dirname(parent) : dataDir;
}

/**
 * `examday verify --data DIR [--json]`: audits the folder's log without writing to it (audit-snapshot.ts).
 * Exit 0 when intact, 1 when anything was changed (every finding printed, the first broken link first),
 * 2 when the file cannot be read as this app's database (or its database key is missing or wrong) or
 * on a usage error. An encrypted folder is opened with the key the app uses (database-key.ts): the
 * environment's EXAMDAY_DATABASE_KEY, else the key file beside the folder; an earlier version's plain
 * folder without one.
 */
export async function runVerifyCommand(argv: string[], out: (line: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { data: { type: 'string' }, json: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    out(`${USAGE}（${error instanceof Error ? error.message : ''}）`);
    return VERIFY_EXIT.unreadable;
  }
  if (!values.data) {
    out(USAGE);
    return VERIFY_EXIT.unreadable;
  }
  const file = join(values.data, DATABASE_FILE);
  if (!existsSync(file)) return unreadable(file, '文件不存在', out, values.json);
  let key: DatabaseKey | undefined;
  if (isEncryptedDatabaseFile(file)) {
    const found = findDatabaseKey(keyFolderOf(values.data));
    if (found.state === 'unusable') return unreadable(file, found.problem, out, values.json);
    if (found.state === 'missing') {
      return unreadable(file, `数据已加密，找不到数据库密钥（应在 ${found.whereToPut}，或设置环境变量 ${DATABASE_KEY_ENV}）`, out, values.json);
    }
    key = found.key;
  }
  let snapshot: AuditSnapshot | undefined;
  try {
    snapshot = openAuditSnapshot(file, key);
    const { db } = snapshot;
    const { version, latest } = logSchemaVersion(db);
    if (version > latest) return unreadable(file, `数据库为第 ${version} 版，比本程序支持的第 ${latest} 版新，请用新版程序校验`, out, values.json);
    const hasLog = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'devices')").pluck().get() === 2;
    if (version === 0 || !hasLog) return unreadable(file, '不是考务现场的数据库（没有事件日志）', out, values.json);
    // SQLite's own check of every page runs on another core meanwhile; a damaged file's audit is discarded.
    const checking = quickCheckAside(snapshot.file, key);
    const audited = await verifyEventLogInParallel(db, { ownPublicKeyHex: readOwnPublicKey(values.data, key) }).then(
      (report) => ({ report }),
      (error: unknown) => ({ error }),
    );
    const damage = (await checking) ?? db.pragma('quick_check', { simple: true });
    if (damage !== 'ok') return unreadable(file, `文件已损坏（${String(damage)}）`, out, values.json);
    if ('error' in audited) throw audited.error;
    const { report } = audited;
    if (values.json) out(JSON.stringify(report));
    else printReport(report, out);
    return report.ok ? VERIFY_EXIT.intact : VERIFY_EXIT.tampered;
  } catch (error) {
    if (error instanceof WrongDatabaseKey) return unreadable(file, '不是 SQLite 数据库，或不是用这个数据库密钥加密的，或文件头已损坏（SQLITE_NOTADB）', out, values.json);
    if (error instanceof Database.SqliteError) return unreadable(file, sqliteReason(error), out, values.json);
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') return unreadable(file, `文件无法访问（${error.code}）`, out, values.json);
    throw error;
  } finally {
    snapshot?.close();
  }
}
