import type { KeyObject } from 'node:crypto';
import type { VerifyProblem, VerifyReport } from '../../shared/api/contract';
import { GENESIS_HASH, parseEvent, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import type { Db } from './database';
import { verifySignature } from './device-key';
import { eventHash, rowToRawEvent, type EventRow } from './event-log';
import { MIGRATIONS } from './migrations';
import { checkDeviceKeys } from './verify-devices';
import { checkPhotos, type PhotoClaim } from './verify-photos';
import { checkProjections } from './verify-projection';
import { checkSchema, expectedSchemaDb } from './verify-schema';

export interface VerifyOptions {
  /**
   * The public key of this data folder's device-key.pem (readOwnPublicKey), when there is one: the
   * only key the audit trusts on its own; every other key is reported with its fingerprint.
   */
  ownPublicKeyHex?: string;
}

type Checked = { reason: string } | { event: ExamDayEvent };

/** One event on its own: JSON, schema, the hash over the stored bytes, the signature. */
function checkContent(row: EventRow, publicKey: KeyObject | undefined, keyUntrusted: boolean): Checked {
  let raw: Record<string, unknown>;
  try {
    raw = rowToRawEvent(row);
  } catch {
    return { reason: '事件内容不是有效的 JSON（已被改动）' };
  }
  const parsed = parseEvent(raw);
  if (!parsed.ok) return { reason: parsed.reason };
  // Hash what is stored, not the parsed copy: parsing may normalise, the signature covers the bytes.
  if (eventHash(raw as unknown as UnsignedEvent) !== row.hash) return { reason: '哈希不符：事件内容在签名后被改动' };
  if (keyUntrusted) return { reason: '该设备的公钥记录不可信（与设备标识不符或无法读取），签名无从核对' };
  if (!publicKey) return { reason: '未知设备：没有该设备的公钥' };
  if (!verifySignature(publicKey, row.hash, row.sig)) return { reason: '签名无效' };
  return { event: parsed.event };
}

/** The schema version the file says it has, and whether this app can read it. */
export function logSchemaVersion(db: Db): { version: number; latest: number } {
  return { version: Number(db.pragma('user_version', { simple: true })), latest: MIGRATIONS.length };
}

/**
 * Audits a device's database (第二十九条: records traceable, 可追溯、可倒查) without writing to it:
 * each device's chain in seq order (numbering, links, payload schemas, hashes, signatures against a
 * key that matches its device id), storage order, the schema and its append-only triggers, photo bytes
 * against the hashes their events sign, and every projection table against one rebuilt in memory from
 * the events. `firstBroken` is the first broken link; `problems` carries every finding.
 * Reads in one transaction, so a live core's log and projection are compared at the same instant.
 * The caller checks the schema version first (logSchemaVersion): a newer file is not this app's to read.
 */
export function verifyEventLog(db: Db, options: VerifyOptions = {}): VerifyReport {
  return db.transaction(() => audit(db, options))();
}

function audit(db: Db, options: VerifyOptions): VerifyReport {
  const { version, latest } = logSchemaVersion(db);
  const expected = expectedSchemaDb(Math.min(version, latest));
  try {
    const problems: VerifyProblem[] = [...checkSchema(db, expected)];
    const notes: string[] = [];
    const keys = checkDeviceKeys(db, options.ownPublicKeyHex);
    problems.push(...keys.problems);

    const rows = db.prepare('SELECT * FROM events ORDER BY local_order').all() as EventRow[];
    const bySeq = rows.map((_, i) => i).sort((a, b) => {
      const x = rows[a]!;
      const y = rows[b]!;
      return x.device_id < y.device_id ? -1 : x.device_id > y.device_id ? 1 : x.seq - y.seq;
    });
    const events: (ExamDayEvent | undefined)[] = new Array<ExamDayEvent | undefined>(rows.length);
    const eventCounts = new Map<string, number>();
    let firstBroken: VerifyReport['firstBroken'];
    let checked = 0;
    let deviceId: string | undefined;
    let expectedSeq = 1;
    let expectedPrev = GENESIS_HASH;
    let lastLocalOrder = 0;
    let deviceBroken = false;
    let orderReported = false;
    for (const index of bySeq) {
      const row = rows[index]!;
      if (row.device_id !== deviceId) {
        deviceId = row.device_id;
        expectedSeq = 1;
        expectedPrev = GENESIS_HASH;
        lastLocalOrder = 0;
        deviceBroken = false;
        orderReported = false;
      }
      eventCounts.set(deviceId, (eventCounts.get(deviceId) ?? 0) + 1);
      // After a device's first broken link every later link of it would fail too: one finding per device.
      if (deviceBroken) continue;
      checked += 1;
      if (row.local_order < lastLocalOrder && !orderReported) {
        orderReported = true;
        problems.push({
          kind: 'storage-order',
          deviceId,
          seq: row.seq,
          eventId: row.id,
          message: `设备 ${deviceId} 第 ${row.seq} 号事件存放在第 ${row.seq - 1} 号之前：存储顺序被调换，投影会按错误的顺序重建`,
        });
      }
      lastLocalOrder = row.local_order;
      let reason: string | undefined;
      if (row.seq !== expectedSeq) reason = `序号不连续：应为 ${expectedSeq}，实为 ${row.seq}`;
      else if (row.prev_hash !== expectedPrev) reason = '链接断裂：prevHash 与上一事件的哈希不符';
      else {
        const result = checkContent(row, keys.usable.get(deviceId), keys.untrusted.has(deviceId));
        if ('reason' in result) reason = result.reason;
        else events[index] = result.event;
      }
      if (reason) {
        deviceBroken = true;
        const broken = { deviceId, seq: row.seq, eventId: row.id, reason };
        firstBroken ??= broken;
        problems.push({ kind: 'chain', ...broken, message: `设备 ${deviceId} 第 ${row.seq} 号事件（${row.id}）：${reason}` });
        continue;
      }
      expectedSeq = row.seq + 1;
      expectedPrev = row.hash;
    }

    const intact = events.filter((e): e is ExamDayEvent => e !== undefined);
    const claims: PhotoClaim[] = intact.flatMap((e) => (e.type === 'candidate.photo-attached' ? [e.payload] : []));
    problems.push(...checkPhotos(db, claims));

    if (intact.length !== rows.length) {
      notes.push('事件链有损坏，投影未与重建结果比较');
    } else if (version < latest) {
      notes.push(`数据库为第 ${version} 版（本程序为第 ${latest} 版），投影由旧版程序生成，未与重建结果比较`);
    } else {
      problems.push(...checkProjections(db, expected, intact));
    }

    const deviceKeys = keys.entries.map((entry) => ({ ...entry, events: eventCounts.get(entry.deviceId) ?? 0 }));
    const report: VerifyReport = {
      ok: problems.length === 0,
      eventsChecked: checked,
      devices: eventCounts.size,
      problems,
      deviceKeys,
      notes,
      schemaVersion: version,
    };
    if (firstBroken) report.firstBroken = firstBroken;
    return report;
  } finally {
    expected.close();
  }
}
