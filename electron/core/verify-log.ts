import type { KeyObject } from 'node:crypto';
import type { VerifyProblem, VerifyReport } from '../../shared/api/contract';
import { linkKindOf } from '../../shared/events/chain-link';
import { parseEvent, type ExamDayEvent, type UnsignedEvent } from '../../shared/events/event';
import type { Db } from './database';
import { deviceIdFor, sha256Hex, verifySignature } from './device-key';
import type { PurgedEvent } from '../../shared/privacy/privacy-events';
import { canonicalRowHash, eventHash, rowToRawEvent, type EventRow } from './event-log';
import { MIGRATIONS } from './migrations';
import { readMeta } from './record-meta';
import { PreverifiedSignatures, SIGNATURE_BATCH, sharedSignaturePool, type SignaturePool, type SignatureTask } from './signature-pool';
import { checkDeviceKeys } from './verify-devices';
import { checkPhotos, type PhotoClaim } from './verify-photos';
import { checkProjections } from './verify-projection';
import { checkReceipts } from './verify-receipts';
import { checkSchema, expectedSchemaDb } from './verify-schema';

export interface VerifyOptions {
  /**
   * The public key of this data folder's device-key.pem (readOwnPublicKey), when there is one: the
   * only key the audit trusts on its own; every other key is reported with its fingerprint.
   */
  ownPublicKeyHex?: string;
  /** Signatures already checked on the worker pool (verifyEventLogInParallel); any other is checked here. */
  preverified?: PreverifiedSignatures;
  /**
   * Signatures the worker pool is checking while this audit runs: taken as valid here, and the
   * caller uses the report only if the pool confirms every one taken (verifyEventLogInParallel).
   */
  beingChecked?: (publicKeyHex: string, hash: string, sig: string) => boolean;
}

/** A signature check: the pre-verified result for exactly this (key, hash, sig), else a check now. */
type SignatureCheck = (deviceId: string, key: KeyObject, hash: string, sig: string) => boolean;

/** Fewer signatures to check on their own than this are checked here, with no worker to start (~100 µs each). */
const FEW_SIGNATURES = 100;

/** sync_receipts exists from migration 0010 on, meta from 0009. */
const RECEIPTS_SINCE = 10;
const META_SINCE = 9;

type Checked = { reason: string } | { event: ExamDayEvent; purged: boolean };

const SIGNATURE_INVALID = '签名无效';

/** Each event a signed 'privacy.purged' names, by id: what its stored payload must hash to now. */
type PurgeRecords = ReadonlyMap<string, PurgedEvent & { purgeEventId: string }>;

/**
 * One event on its own: JSON, schema, the hash over the stored bytes, and the signature unless
 * `signature` is 'later' (the chain walk checks it, or has a sealed link vouch for it). An event a
 * purge redacted (issue 11 item 5) no longer hashes to its hash: it passes as purged when its stored
 * payload is exactly what the purge's signed record says it left, and its signature still holds.
 */
function checkContent(
  row: EventRow,
  publicKey: KeyObject | undefined,
  keyUntrusted: boolean,
  signatureValid: SignatureCheck,
  purges: PurgeRecords = new Map(),
  signature: 'now' | 'later' = 'now',
): Checked {
  let raw: Record<string, unknown>;
  try {
    raw = rowToRawEvent(row);
  } catch {
    return { reason: '事件内容不是有效的 JSON（已被改动）' };
  }
  const parsed = parseEvent(raw);
  if (!parsed.ok) return { reason: parsed.reason };
  // Hash what is stored, not the parsed copy: parsing may normalise, the signature covers the bytes.
  // The stored text is canonical as written (canonicalRowHash, no second canonicalisation); a row
  // that is not gets the full canonical hash of its parse, as every earlier version checked it.
  let purged = false;
  if (canonicalRowHash(row) !== row.hash && fullCanonicalHash(raw) !== row.hash) {
    const purge = purges.get(row.id);
    if (purge === undefined) return { reason: '哈希不符：事件内容在签名后被改动' };
    if (sha256Hex(row.payload) !== purge.redactedSha256) return { reason: `哈希不符：事件内容与清除记录（${purge.purgeEventId}）所留的不符，在清除后被改动` };
    purged = true;
  }
  if (keyUntrusted) return { reason: '该设备的公钥记录不可信（与设备标识不符或无法读取），签名无从核对' };
  if (!publicKey) return { reason: '未知设备：没有该设备的公钥' };
  if (signature === 'now' && !signatureValid(row.device_id, publicKey, row.hash, row.sig)) return { reason: SIGNATURE_INVALID };
  return { event: parsed.event, purged };
}

/** eventHash of a stored event, or undefined for one that has no canonical JSON (it was never signed so). */
function fullCanonicalHash(raw: Record<string, unknown>): string | undefined {
  try {
    return eventHash(raw as unknown as UnsignedEvent);
  } catch {
    return undefined;
  }
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

/**
 * verifyEventLog with the signatures it needs checked on their own (each device's last, and every
 * one before a plain link: all of a log written before sealed links, one per device of a log written
 * since) sent to the worker pool (signature-pool.ts) as the audit meets them, a batch at a time, so
 * the workers check them while the audit goes on: the CLI's audit. Each signature is taken as valid
 * for now; the report stands only if every one taken is. Else (a bad signature) the audit runs again
 * with the pool's answers, and checks those itself. A handful are checked here, starting no worker.
 */
export async function verifyEventLogInParallel(db: Db, options: VerifyOptions = {}, pool: SignaturePool = sharedSignaturePool()): Promise<VerifyReport> {
  const taken: SignatureTask[] = [];
  const checking: Promise<boolean[]>[] = [];
  let batch: SignatureTask[] = [];
  const beingChecked = (publicKeyHex: string, hash: string, sig: string): boolean => {
    const task = { publicKeyHex, hash, sig };
    taken.push(task);
    batch.push(task);
    if (batch.length >= SIGNATURE_BATCH) {
      checking.push(pool.verify(batch));
      batch = [];
    }
    return true;
  };
  const optimistic = verifyEventLog(db, { ...options, beingChecked });
  if (checking.length === 0 && batch.length < FEW_SIGNATURES) {
    if (batch.every(({ publicKeyHex, hash, sig }) => verifySignature(publicKeyHex, hash, sig))) return optimistic;
  } else {
    checking.push(pool.verify(batch));
    if ((await Promise.all(checking)).every((verdicts) => verdicts.every(Boolean))) return optimistic;
  }
  return verifyEventLog(db, { ...options, preverified: await PreverifiedSignatures.check(pool, taken) });
}

function audit(db: Db, options: VerifyOptions): VerifyReport {
  const { version, latest } = logSchemaVersion(db);
  const expected = expectedSchemaDb(Math.min(version, latest));
  try {
    const problems: VerifyProblem[] = [...checkSchema(db, expected)];
    const notes: string[] = [];
    const keys = checkDeviceKeys(db, options.ownPublicKeyHex);
    problems.push(...keys.problems);
    const keyHexOf = new Map(db.prepare('SELECT device_id, public_key FROM devices').raw().all() as [string, string][]);
    const { preverified, beingChecked } = options;
    const signatureValid: SignatureCheck = (id, key, hash, sig) => {
      const hex = keyHexOf.get(id);
      if (hex !== undefined && preverified !== undefined && preverified.has(hex, hash, sig)) return true;
      if (hex !== undefined && beingChecked !== undefined && beingChecked(hex, hash, sig)) return true;
      return verifySignature(key, hash, sig);
    };

    // In chain order, each device's events by seq (the unique index's order); storage order is
    // checked along the way from local_order, and the projection is rebuilt in canonical order.
    const rows = db.prepare('SELECT * FROM events ORDER BY device_id, seq').all() as EventRow[];
    // Without the key file (an auditor's copy) the folder's own device is the one its meta names.
    const ownDeviceId = options.ownPublicKeyHex !== undefined ? deviceIdFor(options.ownPublicKeyHex) : version >= META_SINCE ? readMeta(db, 'own_device_id') : undefined;
    // Purge records first: they vouch for the events they redacted wherever those sit in the log,
    // but only this device's own: another device's purge, synced here, redacted nothing here.
    const purges = new Map<string, PurgedEvent & { purgeEventId: string }>();
    const purgedPhotos = new Set<string>();
    for (const row of rows) {
      if (row.type !== 'privacy.purged' || row.device_id !== ownDeviceId) continue;
      const result = checkContent(row, keys.usable.get(row.device_id), keys.untrusted.has(row.device_id), signatureValid);
      if (!('event' in result) || result.event.type !== 'privacy.purged') continue;
      for (const record of result.event.payload.events) purges.set(record.eventId, { ...record, purgeEventId: row.id });
      for (const sha256 of result.event.payload.photos) purgedPhotos.add(sha256);
    }
    let purgedEvents = 0;
    const purgedIds = new Set<string>();
    const events: (ExamDayEvent | undefined)[] = new Array<ExamDayEvent | undefined>(rows.length);
    const eventCounts = new Map<string, number>();
    const heldSeq = new Map<string, number>();
    let firstBroken: VerifyReport['firstBroken'];
    let checked = 0;
    let deviceId: string | undefined;
    let expectedSeq = 1;
    /** The device's last event that checked out, its signature not yet checked: a sealed link from the next may vouch for it. */
    let previous: { index: number; row: EventRow } | undefined;
    let lastLocalOrder = 0;
    let deviceBroken = false;
    let orderReported = false;
    const breakAt = (index: number, row: EventRow, reason: string): void => {
      deviceBroken = true;
      const broken = { deviceId: row.device_id, seq: row.seq, eventId: row.id, reason };
      firstBroken ??= broken;
      problems.push({ kind: 'chain', ...broken, message: `设备 ${row.device_id} 第 ${row.seq} 号事件（${row.id}）：${reason}` });
      if (events[index] !== undefined && purgedIds.has(row.id)) purgedEvents -= 1;
      events[index] = undefined;
    };
    /** The previous event's own signature check (nothing vouches for it): false when it fails, and the chain breaks there. */
    const previousSigned = (): boolean => {
      if (previous === undefined) return true;
      const { index, row } = previous;
      previous = undefined;
      const key = keys.usable.get(row.device_id);
      if (key && signatureValid(row.device_id, key, row.hash, row.sig)) return true;
      breakAt(index, row, SIGNATURE_INVALID);
      return false;
    };
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index]!;
      if (row.device_id !== deviceId) {
        if (!deviceBroken) previousSigned();
        deviceId = row.device_id;
        expectedSeq = 1;
        previous = undefined;
        lastLocalOrder = 0;
        deviceBroken = false;
        orderReported = false;
      }
      eventCounts.set(deviceId, (eventCounts.get(deviceId) ?? 0) + 1);
      heldSeq.set(deviceId, Math.max(heldSeq.get(deviceId) ?? 0, row.seq));
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
      const link = linkKindOf(row.prev_hash, previous?.row, sha256Hex);
      if (row.seq !== expectedSeq) reason = `序号不连续：应为 ${expectedSeq}，实为 ${row.seq}`;
      else if (link === undefined) reason = '链接断裂：prevHash 与上一事件的哈希不符';
      else {
        const result = checkContent(row, keys.usable.get(deviceId), keys.untrusted.has(deviceId), signatureValid, purges, 'later');
        if ('reason' in result) reason = result.reason;
        else {
          events[index] = result.event;
          if (result.purged) {
            purgedEvents += 1;
            purgedIds.add(row.id);
          }
        }
      }
      // A plain link vouches for the previous hash only, a broken one for nothing: the previous
      // signature is then checked on its own (and a bad one is the break, not this event).
      if ((reason !== undefined || link !== 'sealed') && !previousSigned()) continue;
      if (reason) {
        breakAt(index, row, reason);
        continue;
      }
      expectedSeq = row.seq + 1;
      previous = { index, row };
    }
    if (!deviceBroken) previousSigned();

    const intact = events.filter((e): e is ExamDayEvent => e !== undefined);
    const claims: PhotoClaim[] = intact.flatMap((e) => (e.type === 'candidate.photo-attached' ? [e.payload] : []));
    const photos = checkPhotos(db, claims, purgedPhotos);
    problems.push(...photos.problems);
    if (purgedEvents > 0 || photos.purged > 0) {
      notes.push(
        `个人信息已清除：${purgedEvents} 条事件中的证件号码已替换为脱敏形式（哈希与签名保留，内容按签名的清除记录核对），${photos.purged} 张照片已删除（哈希保留在记录中）`,
      );
    }
    if (version >= RECEIPTS_SINCE) {
      problems.push(...checkReceipts(db, keys.usable, ownDeviceId, heldSeq));
    }

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
