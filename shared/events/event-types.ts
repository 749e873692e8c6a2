import { z } from 'zod';
import { ACTOR_PROOFS, actorSchema, candidateSchema, examPlanSchema, roomSchema, staffMemberSchema } from '../domain/types';
import { DOUBT_OUTCOMES, DOUBT_REASONS } from '../checkin/doubt';
import { REVERIFY_RESULTS } from '../checkin/reverify';
import { REVOKE_REASONS } from '../checkin/revoke-admission';
import { CHECKIN_DOCUMENTS, CHECKIN_INPUT_METHODS, CHECKIN_VERDICT_KINDS, OVERRIDE_REASONS } from '../checkin/verdict';
import { CONFIRMATION_IDS } from '../timetable/confirmations';
import { MAX_PHOTO_BYTES, PHOTO_MIMES } from '../photos/photo';
import { INCIDENT_ACTIONS, INCIDENT_CORRECTIONS } from '../record/incidents';
import { LEAVE_REASONS } from '../record/hand-ins';
import { paperCountSchema } from '../record/paper-counts';
import { SIGNATURE_SLOTS } from '../record/signatures';
import { TEXT_LIMITS, multilineText, scanText, text } from '../text/text-field';
import { custodyEventSchemas } from '../custody/custody-events';
import { pinEventSchemas } from '../staffing/pin-events';
import { privacyEventSchemas } from '../privacy/privacy-events';
import { centerEventSchemas } from '../center/center-events';
import { signedEncryptionKeySchema } from '../sync/enrolment';

const roomNo = text(TEXT_LIMITS.code).min(1);
const ticketNo = text(TEXT_LIMITS.ticketNo).min(1);
/** Notes were capped at 200 characters when first written; the cap stays, so every stored note still parses. */
const note = multilineText(200);
/** A correction's, an amendment's or an exception's reason, as the record prints it. */
const recordReason = multilineText(200);

/**
 * Every kind of event and the schema of its payload. Adding an event type: add its schema here,
 * handle it in projection/apply-event.ts (the switch is exhaustive), and write a test.
 */
export const eventPayloadSchemas = {
  /** The exam plan (计划) the day runs. */
  'plan.set': z.object({ plan: examPlanSchema }),
  'room.defined': z.object({ room: roomSchema }),
  'staff.registered': z.object({ staff: staffMemberSchema }),
  /** One roster row (花名册). */
  'candidate.registered': z.object({ candidate: candidateSchema }),
  /**
   * Up to 500 roster rows in one event: an imported roster is a few of these in one transaction, so a
   * 10 000-row import signs 20 events rather than 10 000. Folds exactly like as many 'candidate.registered'.
   */
  'candidates.registered': z.object({ candidates: z.array(candidateSchema).min(1).max(500) }),
  /**
   * A roster row corrected after the import (issue 15 item 2): the whole row as it now stands, same
   * 准考证号; refused by the core once the candidate is admitted (roster/roster-changes.ts).
   */
  'candidate.corrected': z.object({ candidate: candidateSchema, note: note.optional() }),
  /**
   * 退考: the candidate comes off the roster with the reason (a re-import that no longer lists them
   * says so); the door then finds no such candidate. A later registration puts them back.
   */
  'candidate.withdrawn': z.object({ ticketNo, reason: note.min(1) }),
  /**
   * A candidate's photo, by its sha256: the bytes stay in the device database (candidate_photos),
   * never in the log, which still proves which photo belonged to whom. A later one replaces it.
   */
  'candidate.photo-attached': z.object({
    ticketNo,
    sha256: z.string().max(64).regex(/^[0-9a-f]{64}$/),
    mime: z.enum(PHOTO_MIMES),
    byteLength: z.number().int().min(1).max(MAX_PHOTO_BYTES),
  }),
  /**
   * Every door attempt, admitted or not (DESIGN: every attempt is an event). `input` is what was
   * scanned or typed; `ticketNo` names the candidate it resolved to, when it did.
   */
  'checkin.attempted': z.object({
    roomNo,
    input: z.object({ method: z.enum(CHECKIN_INPUT_METHODS), value: scanText(TEXT_LIMITS.scan) }),
    verdict: z.enum(CHECKIN_VERDICT_KINDS),
    ticketNo: ticketNo.optional(),
    /**
     * Which document the scan showed, when it resolved to a candidate. With verdict awaiting-id or
     * awaiting-ticket the door now waits for the other one; any other verdict naming a candidate
     * ends the wait (checkin/decide-checkin.ts).
     */
    document: z.enum(CHECKIN_DOCUMENTS).optional(),
  }),
  /**
   * Admitted without a complete scan, or late with the 主监考's approval: the reason from a short
   * list (`note` says more, required for 'other'); `actor` answers for it.
   */
  'checkin.overridden': z.object({
    roomNo,
    ticketNo,
    reason: z.enum(OVERRIDE_REASONS),
    note: note.optional(),
  }),
  /**
   * An admission taken back before 开考 (checkin/revoke-admission.ts): `admission` names the event that
   * admitted the candidate (its device and seq), `actor` answers for it, `note` says more (required
   * for 'other'). The seat is free again; the admission itself stays in the log.
   */
  'checkin.revoked': z.object({
    roomNo,
    ticketNo,
    admission: z.object({ deviceId: text(16).regex(/^[0-9a-f]{16}$/), seq: z.number().int().min(1) }),
    reason: z.enum(REVOKE_REASONS),
    note: note.optional(),
  }),
  /**
   * 存疑考生: admitted (if not already in) and flagged, by `actor`, because the photo does not match
   * the face or a document looks wrong (`note` says more; required for 'other'). Stays open until a
   * 'candidate.doubt-resolved'.
   */
  'candidate.doubt-raised': z.object({
    roomNo,
    ticketNo,
    reason: z.enum(DOUBT_REASONS),
    note: note.optional(),
  }),
  /**
   * A doubt cleared (本人无误) or confirmed (存疑属实, an incident for the room record): by the 主考
   * alone (`actor`), or by both proctors of the room, `actor` and `countersignedBy`, both recorded.
   */
  'candidate.doubt-resolved': z.object({
    roomNo,
    ticketNo,
    outcome: z.enum(DOUBT_OUTCOMES),
    countersignedBy: actorSchema.optional(),
    note: note.optional(),
  }),
  /**
   * Re-verification at 开考 (附件5 副监考 再次核对): one seat of the walk marked by `actor`: the
   * candidate verified, a suspected impostor (an incident for the room record), or the seat empty.
   * The latest mark on a seat stands.
   */
  'seat.reverified': z.object({
    roomNo,
    seatNo: z.number().int().min(1),
    ticketNo,
    result: z.enum(REVERIFY_RESULTS),
    note: note.optional(),
  }),
  /**
   * 缺考 (附件5 9:00, the room record): after the late cut-off the room's 主监考 (or the 主考 / 副主考,
   * `actor`) confirms the candidates not admitted, as the list stood on screen. Once per room; the
   * first confirmation stands.
   */
  'absentees.confirmed': z.object({
    roomNo,
    absentees: z.array(z.object({ ticketNo, seatNo: z.number().int().min(1) })).max(1000),
    note: note.optional(),
  }),
  /**
   * A 附件5 moment answered for by the person in `actor` (timetable/confirmations.ts): once for
   * the site (no roomNo) or once per room.
   */
  'step.confirmed': z.object({
    confirmationId: z.enum(CONFIRMATION_IDS),
    roomNo: roomNo.optional(),
  }),
  /**
   * This device's clock compared with the office's (附件5 核对时间). offsetMs = device − reference:
   * positive when this device runs fast. Times shown afterwards are corrected by it.
   */
  'clock.checked': z.object({
    method: z.enum(['time-code', 'typed']),
    referenceDeviceId: z.string().max(16).regex(/^[0-9a-f]{16}$/).optional(),
    referenceMs: z.number().int(),
    deviceMs: z.number().int(),
    offsetMs: z.number().int(),
  }),
  /**
   * 违纪、舞弊 (the room record, issue 12): about a candidate of the room, or about the papers at 启封
   * (kindId one of PAPER_PROBLEMS). kindLabel is the kind's name as the list said when recorded, so the
   * record reads the same whatever the list says later. `amendmentReason`, on this and every record
   * event below, is given when the record was already signed (the change is an amendment).
   */
  'incident.recorded': z.object({
    roomNo,
    subject: z.discriminatedUnion('kind', [z.object({ kind: z.literal('candidate'), ticketNo }), z.object({ kind: z.literal('papers') })]),
    kindId: text(40).min(1),
    kindLabel: text(20).min(1),
    cheating: z.boolean(),
    actions: z.array(z.enum(INCIDENT_ACTIONS)).max(INCIDENT_ACTIONS.length),
    description: multilineText(),
    witnessStaffId: text(TEXT_LIMITS.code).min(1).optional(),
    /** How the witness was proven; absent on events from before witnesses gave their badge and PIN. */
    witnessProof: z.literal('badge+pin').optional(),
    occurredAt: text(40).min(1),
    amendmentReason: recordReason.optional(),
  }),
  /** A recorded incident withdrawn or amended: a new event naming the first, never an erasure. */
  'incident.corrected': z.object({
    roomNo,
    incidentEventId: text(TEXT_LIMITS.identifier).min(1),
    correction: z.enum(INCIDENT_CORRECTIONS),
    reason: recordReason.min(1),
    amended: z
      .object({
        kindId: text(40).min(1),
        kindLabel: text(20).min(1),
        cheating: z.boolean(),
        actions: z.array(z.enum(INCIDENT_ACTIONS)).max(INCIDENT_ACTIONS.length),
        description: multilineText(),
      })
      .optional(),
  }),
  /** 交卷退场 inside the timetable's window (S+30 … E−15). */
  'candidate.handed-in': z.object({ roomNo, ticketNo, amendmentReason: recordReason.optional() }),
  /** A leave that is not a hand-in (就医、如厕), with the 流动监考 who went along. */
  'candidate.left': z.object({
    roomNo,
    ticketNo,
    reason: z.enum(LEAVE_REASONS),
    note: note.optional(),
    accompaniedByStaffId: text(TEXT_LIMITS.code).min(1),
    /** How the 流动监考 was proven; absent on events from before they gave their badge and PIN. */
    companionProof: z.literal('badge+pin').optional(),
    amendmentReason: recordReason.optional(),
  }),
  'candidate.returned': z.object({ roomNo, ticketNo, amendmentReason: recordReason.optional() }),
  /** 收卷 at E: the candidates still seated, all in one action. */
  'papers.collected': z.object({ roomNo, ticketNos: z.array(ticketNo).max(1000), amendmentReason: recordReason.optional() }),
  /** One kind's counts (paper-counts.ts); the latest per kind stands, earlier ones stay in the log. */
  'papers.counted': z.object({ roomNo, count: paperCountSchema, amendmentReason: recordReason.optional() }),
  /** A signature on the record by `actor`, proven by the badge (and, since issue 11, the PIN) given at this device. */
  'record.signed': z.object({ roomNo, slot: z.enum(SIGNATURE_SLOTS), proof: z.enum(ACTOR_PROOFS) }),
  /** The 主考 (`actor`, by badge) lets the record be signed although `problems` remain. */
  'record.exception-signed': z.object({
    roomNo,
    reason: recordReason.min(1),
    problems: z.array(text(300)).max(20),
  }),
  /**
   * 日结: the 主考 (`actor`) closes the day (DESIGN "Custody"). Any event written after it, on any
   * device, is a finding (sync/findings.ts); nothing is refused, since a door may not know yet.
   */
  'day.closed': z.object({ note: multilineText().optional() }),
  /**
   * The 主考 (`actor`) answers a finding (sync/findings.ts) by its id, with a reason. Nothing is
   * deleted: the events behind the finding stay, the finding is shown as resolved.
   */
  'finding.resolved': z.object({
    findingId: text(1_000).min(1),
    reason: multilineText().min(1),
  }),
  /**
   * The center (issue 14 item 5): a reviewer lets the day's results be exported while the findings
   * named here are still open, with a reason. Written only in the center's own signed chain; the
   * findings stay open (nothing is decided about them), and one that arrives later is not covered.
   */
  'results.export-overridden': z.object({
    reason: multilineText().min(1),
    findingIds: z.array(text(1_000).min(1)).min(1).max(10_000),
  }),
  /**
   * Site sync (issue 10): a device this one pairs with. On the office, a door enrolled with a one-time
   * code (its key, the TLS certificate it presents, its name and room); on a door, the office it paired
   * with (and where it listens). Every later sync request is known by `tlsFingerprint`; the key checks
   * the device's events. A later enrolment of the same device replaces the earlier one.
   */
  'device.enrolled': z.object({
    deviceId: text(16).regex(/^[0-9a-f]{16}$/),
    publicKey: text(200).regex(/^[0-9a-f]{20,200}$/),
    tlsFingerprint: text(64).regex(/^[0-9a-f]{64}$/),
    name: text(TEXT_LIMITS.roomName + 10).min(1),
    kind: z.enum(['door', 'office']),
    roomNo: text(TEXT_LIMITS.code).min(1).optional(),
    address: z.object({ host: text(100).min(1), port: z.number().int().min(1).max(65535) }).optional(),
    /** Its X25519 key for sealed files, signed by its device key (issue 11 item 4); absent for an older device. */
    encryptionKey: signedEncryptionKeySchema.optional(),
  }),
  /**
   * The office stops syncing with a door it enrolled (lost laptop, wrong room); its events so far
   * stay in the record.
   */
  'device.revoked': z.object({
    deviceId: text(16).regex(/^[0-9a-f]{16}$/),
    reason: multilineText().min(1),
  }),
  /**
   * A 同步包 (USB file) from another device was imported here by `actor`: who sent it, how many
   * events it carried, how many were new, how many forks it showed. `fingerprintConfirmed` says the
   * sender's key was pinned on this import because the person compared its fingerprint (a device
   * known only by a file has no TLS certificate, so it is not a 'device.enrolled'). Written only
   * when the import changed something: importing the same file again writes nothing.
   */
  'sync.file-imported': z.object({
    fromDeviceId: text(16).regex(/^[0-9a-f]{16}$/),
    fingerprintConfirmed: z.boolean(),
    events: z.number().int().min(0),
    stored: z.number().int().min(0),
    forks: z.number().int().min(0),
  }),
  /** Custody of the sealed paper bags (issue 13): custody/custody-events.ts. */
  ...custodyEventSchemas,
  /** Signing in by badge and PIN (issue 11 item 1): staffing/pin-events.ts. */
  ...pinEventSchemas,
  /** Purging ID numbers and photos, showing a full ID number (issue 11 item 5): privacy/privacy-events.ts. */
  ...privacyEventSchemas,
  /** Retention settings and photo purges, in the center's own chain (issue 14 item 6): center/center-events.ts. */
  ...centerEventSchemas,
} as const;

export type EventType = keyof typeof eventPayloadSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloadSchemas)[T]>;
export const EVENT_TYPES = Object.keys(eventPayloadSchemas) as EventType[];
