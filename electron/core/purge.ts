import { refuse } from '../../shared/api/refusal';
import { ok, type ApiResult } from '../../shared/api/result';
import type { StaffMember } from '../../shared/domain/types';
import { canonicalJson } from '../../shared/events/canonical-json';
import type { UnsignedEvent } from '../../shared/events/event';
import { redactPersonalFields } from '../../shared/privacy/redact-personal';
import type { PurgedEvent } from '../../shared/privacy/privacy-events';
import { headsSchema, PROTOCOL_VERSION, receiptIsAuthentic } from '../../shared/sync/protocol';
import { actorOf } from '../../shared/staffing/who-acts';
import { commitEvents, type CoreContext } from './core-context';
import { sha256Hex, verifySignature } from './device-key';
import { eventHash, rowToRawEvent, type EventRow } from './event-log';
import { ensureIdNumberKey, keyedIdNumber } from './id-number-key';
import { rebuildProjections } from './projection';

/** Event types whose payloads may carry an ID number (shared/privacy/redact-personal.ts says how). */
const PERSONAL_TYPES = ['candidate.registered', 'candidate.corrected', 'candidates.registered', 'checkin.attempted'];

interface Coverage {
  receiverDeviceId: string;
  receiptAt: string;
  seq: number;
}

/**
 * The furthest authentic receipt another device signed for this device's log. Doors sync only
 * with their office and sites only with the center, so any other signer is one of those two.
 */
function furthestReceipt(ctx: CoreContext, ownDeviceId: string): Coverage | undefined {
  const keyOf = new Map(ctx.db.prepare('SELECT device_id, public_key FROM devices').raw().all() as [string, string][]);
  const rows = ctx.db.prepare('SELECT receiver_device_id, heads, at, sig FROM sync_receipts WHERE receiver_device_id != ?').all(ownDeviceId) as {
    receiver_device_id: string;
    heads: string;
    at: string;
    sig: string;
  }[];
  let furthest: Coverage | undefined;
  for (const row of rows) {
    const heads = headsSchema.safeParse(JSON.parse(row.heads));
    const key = keyOf.get(row.receiver_device_id);
    if (!heads.success || key === undefined) continue;
    const receipt = { kind: 'receipt' as const, protocolVersion: PROTOCOL_VERSION, receiverDeviceId: row.receiver_device_id, heads: heads.data, at: row.at, sig: row.sig };
    if (!receiptIsAuthentic(receipt, { sha256Hex, verifySig: (_id, hash, sig) => verifySignature(key, hash, sig) })) continue;
    const seq = heads.data[ownDeviceId]?.seq ?? 0;
    if (!furthest || seq > furthest.seq) furthest = { receiverDeviceId: row.receiver_device_id, receiptAt: row.at, seq };
  }
  return furthest;
}

export interface PurgeOutcome {
  eventsRedacted: number;
  photosRemoved: number;
  eventId: string;
}

/**
 * Issue 11 item 5: removes the photos and full ID numbers from this door laptop in one action, once
 * a receipt from the office (or the center) covers this device's log up to its head. Each event
 * that carries a number keeps its hash and signature; its stored payload is replaced by the
 * redacted form (the mask and a keyed hash for matching), and the signed 'privacy.purged' event
 * lists each one's payload hash before and after, which is what verify checks instead.
 * Refused on the office laptop, which keeps the day's full record until the center has it.
 */
export function purgePersonalData(ctx: CoreContext, examiner: StaffMember): ApiResult<PurgeOutcome> {
  const { db } = ctx;
  const ownDeviceId = ctx.writer.deviceId;
  const writesPlan = db.prepare("SELECT 1 FROM events WHERE device_id = ? AND type = 'plan.set' LIMIT 1").get(ownDeviceId);
  if (writesPlan) return refuse('purge-office-device');
  const head = (db.prepare('SELECT IFNULL(MAX(seq), 0) AS seq FROM events WHERE device_id = ?').get(ownDeviceId) as { seq: number }).seq;
  const covered = furthestReceipt(ctx, ownDeviceId);
  if (!covered) return refuse('purge-no-receipt');
  if (covered.seq < head) {
    return refuse('purge-receipt-behind', { seq: covered.seq, head });
  }

  // Secure delete overwrites freed pages, and the checkpoint below empties the WAL, so the numbers
  // do not linger in the database file's free space (which is encrypted at rest in any case).
  db.pragma('secure_delete = ON');
  try {
    const outcome = db.transaction((): ApiResult<PurgeOutcome> => {
      const keyed = keyedIdNumber(ensureIdNumberKey(db));
      const rows = db.prepare(`SELECT * FROM events WHERE type IN (${PERSONAL_TYPES.map(() => '?').join(', ')}) ORDER BY local_order`).all(...PERSONAL_TYPES) as EventRow[];
      const redactions: { row: EventRow; text: string; record: PurgedEvent }[] = [];
      for (const row of rows) {
        const redacted = redactPersonalFields(row.type, JSON.parse(row.payload) as unknown, keyed);
        if (redacted === undefined) continue;
        // Only an intact event is redacted: the purge's record vouches for what it replaced.
        if (eventHash(rowToRawEvent(row) as unknown as UnsignedEvent) !== row.hash) {
          return refuse('purge-record-altered', { id: row.id });
        }
        const text = canonicalJson(redacted);
        redactions.push({ row, text, record: { eventId: row.id, payloadSha256: sha256Hex(row.payload), redactedSha256: sha256Hex(text) } });
      }
      const photos = (db.prepare('SELECT sha256 FROM candidate_photos ORDER BY sha256').pluck().all() as string[]);
      if (redactions.length === 0 && photos.length === 0) return refuse('purge-nothing-left');

      const [event] = commitEvents(ctx, () => ({
        events: [
          {
            type: 'privacy.purged',
            payload: { coveredBy: covered, headSeq: head, events: redactions.map((r) => r.record), photos },
            actor: actorOf(examiner),
          },
        ],
        result: (committed) => committed,
      }));
      // The trigger (migration 0015) lets exactly these payloads change, now that the purge names them.
      const replace = db.prepare('UPDATE events SET payload = ? WHERE id = ?');
      for (const { row, text } of redactions) replace.run(text, row.id);
      db.prepare('DELETE FROM candidate_photos').run();
      rebuildProjections(db);
      ctx.folder.resync();
      return ok({ eventsRedacted: redactions.length, photosRemoved: photos.length, eventId: event!.id });
    })();
    if (outcome.ok) db.pragma('wal_checkpoint(TRUNCATE)');
    return outcome;
  } catch (error) {
    ctx.writer.resync();
    ctx.folder.resync();
    throw error;
  } finally {
    db.pragma('secure_delete = OFF');
  }
}
