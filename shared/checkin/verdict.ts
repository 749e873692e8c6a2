import { z } from 'zod';
import { idDocumentTypeSchema } from '../domain/types';
import { ID_PARSE_FAILURE_CODES } from '../id/id-number';

/**
 * The verdicts a door check can give (DESIGN: check-in verdicts). `awaiting-id` and
 * `awaiting-ticket` are not verdicts on the candidate yet: one of the two documents the plan asks
 * for has been scanned and the other is still needed (decide-checkin.ts).
 */
export const CHECKIN_VERDICT_KINDS = [
  'admitted',
  'wrong-room',
  'not-on-roster',
  'already-admitted',
  'invalid-id',
  'mismatch',
  'id-type-not-accepted',
  'late',
  'wrong-session',
  'withdrawn',
  'awaiting-id',
  'awaiting-ticket',
] as const;
export type CheckinVerdictKind = (typeof CHECKIN_VERDICT_KINDS)[number];

/** What a door screen may show of a candidate: never the full ID number. */
export const candidateSummarySchema = z.object({
  ticketNo: z.string(),
  name: z.string(),
  roomNo: z.string(),
  seatNo: z.number().int(),
  occupation: z.string(),
  level: z.string(),
  idMasked: z.string(),
});
export type CandidateSummary = z.infer<typeof candidateSummarySchema>;

export const checkinVerdictSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('admitted'), candidate: candidateSummarySchema }),
  z.object({ kind: z.literal('wrong-room'), candidate: candidateSummarySchema }),
  z.object({ kind: z.literal('not-on-roster'), inputMasked: z.string() }),
  z.object({
    kind: z.literal('already-admitted'),
    candidate: candidateSummarySchema,
    admittedAt: z.string(),
    admittedInRoomNo: z.string(),
    admittedByDeviceId: z.string(),
    /** The door as people name it (its enrolled name), null when the admitting device is not enrolled here. */
    admittedAtDoor: z.string().nullable(),
    /** Who admitted the candidate, null when that person is not on this device's staff list. */
    admittedByName: z.string().nullable(),
  }),
  /** `reason` in Chinese (the record's words); `code` lets a screen say it in its own language. */
  z.object({ kind: z.literal('invalid-id'), reason: z.string(), code: z.enum(ID_PARSE_FAILURE_CODES).optional(), inputMasked: z.string() }),
  /** The 准考证 and the ID scanned at this door belong to two different candidates. */
  z.object({ kind: z.literal('mismatch'), ticketCandidate: candidateSummarySchema, idCandidate: candidateSummarySchema }),
  /** The document shown is of a type the plan does not accept (plan.acceptedIdTypes). */
  z.object({
    kind: z.literal('id-type-not-accepted'),
    candidate: candidateSummarySchema.optional(),
    idType: idDocumentTypeSchema,
    accepted: z.array(idDocumentTypeSchema),
  }),
  /** After the plan's late cut-off (第十九条): not admitted unless the 主监考 approves (checkin.overridden). */
  z.object({ kind: z.literal('late'), candidate: candidateSummarySchema, lateFrom: z.string() }),
  /** On the roster of another exam day or time: `session` is theirs. */
  z.object({
    kind: z.literal('wrong-session'),
    candidate: candidateSummarySchema,
    session: z.object({ date: z.string(), startTime: z.string() }),
  }),
  /**
   * 退考: taken off the roster after the import (roster/roster-changes.ts). The row as it stood
   * (`idMasked` absent for a withdrawal folded before it was kept), when, by whom and why.
   */
  z.object({
    kind: z.literal('withdrawn'),
    candidate: candidateSummarySchema.partial({ idMasked: true }),
    withdrawnAt: z.string(),
    withdrawnByName: z.string(),
    reason: z.string(),
  }),
  /** One document seen; the other is still needed (the plan asks for both). */
  z.object({ kind: z.literal('awaiting-id'), candidate: candidateSummarySchema, expiresAt: z.string() }),
  z.object({ kind: z.literal('awaiting-ticket'), candidate: candidateSummarySchema, expiresAt: z.string() }),
]);
export type CheckinVerdict = z.infer<typeof checkinVerdictSchema>;

/** Which of a candidate's documents a scan showed. */
export const CHECKIN_DOCUMENTS = ['ticket', 'id'] as const;
export type CheckinDocument = (typeof CHECKIN_DOCUMENTS)[number];

/**
 * Why a proctor admits without a complete scan (issue 4 manual paths), or admits a late candidate
 * (第十九条: only with the 主监考's approval, `late-approved`).
 */
export const OVERRIDE_REASONS = ['document-damaged', 'scan-failed', 'temporary-id', 'late-approved', 'other'] as const;
export type OverrideReason = (typeof OVERRIDE_REASONS)[number];

/** How the door got the text: a keyboard-wedge scanner, the camera, or typed by the proctor. */
export const CHECKIN_INPUT_METHODS = ['scanner', 'camera', 'typed'] as const;
export type CheckinInputMethod = (typeof CHECKIN_INPUT_METHODS)[number];
