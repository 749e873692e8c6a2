import type { Db } from './database';
import { GENESIS_HASH, parseEvent, type UnsignedEvent } from '../../shared/events/event';
import type { VerifyReport } from '../../shared/api/contract';
import type { KeyObject } from 'node:crypto';
import { publicKeyFromHex, verifySignature } from './device-key';
import { eventHash, rowToRawEvent, type EventRow } from './event-log';

type Broken = NonNullable<VerifyReport['firstBroken']>;

function checkRow(row: EventRow, expectedSeq: number, expectedPrev: string, publicKey: KeyObject | undefined): string | undefined {
  if (row.seq !== expectedSeq) return `序号不连续：应为 ${expectedSeq}，实为 ${row.seq}`;
  if (row.prev_hash !== expectedPrev) return '链接断裂：prevHash 与上一事件的哈希不符';
  let raw: Record<string, unknown>;
  try {
    raw = rowToRawEvent(row);
  } catch {
    return '事件内容不是有效的 JSON（已被改动）';
  }
  const parsed = parseEvent(raw);
  if (!parsed.ok) return parsed.reason;
  // Hash what is stored, not the parsed copy: parsing may normalise, the signature covers the bytes.
  if (eventHash(raw as unknown as UnsignedEvent) !== row.hash) return '哈希不符：事件内容在签名后被改动';
  if (!publicKey) return '未知设备：没有该设备的公钥（或公钥已损坏）';
  if (!verifySignature(publicKey, row.hash, row.sig)) return '签名无效';
  return undefined;
}

/**
 * Walks every device's chain in seq order and checks numbering, links, hashes, payload schemas
 * and signatures (第二十九条: records traceable, 可追溯、可倒查). Reports the first broken link.
 */
export function verifyEventLog(db: Db): VerifyReport {
  const keys = new Map(
    (db.prepare('SELECT device_id, public_key FROM devices').all() as { device_id: string; public_key: string }[]).map(
      // Parsed once per device, not once per event: key parsing costs more than the check itself.
      (r) => [r.device_id, publicKeyFromHex(r.public_key)],
    ),
  );
  const rows = db.prepare('SELECT * FROM events ORDER BY device_id, seq').iterate() as IterableIterator<EventRow>;
  let checked = 0;
  let deviceId: string | undefined;
  let expectedSeq = 1;
  let expectedPrev = GENESIS_HASH;
  const devices = new Set<string>();
  let firstBroken: Broken | undefined;
  for (const row of rows) {
    if (row.device_id !== deviceId) {
      deviceId = row.device_id;
      devices.add(deviceId);
      expectedSeq = 1;
      expectedPrev = GENESIS_HASH;
    }
    checked += 1;
    const reason = checkRow(row, expectedSeq, expectedPrev, keys.get(row.device_id));
    if (reason) {
      firstBroken = { deviceId: row.device_id, seq: row.seq, eventId: row.id, reason };
      break;
    }
    expectedSeq = row.seq + 1;
    expectedPrev = row.hash;
  }
  const report: VerifyReport = { ok: firstBroken === undefined, eventsChecked: checked, devices: devices.size };
  if (firstBroken) report.firstBroken = firstBroken;
  return report;
}
