import { z } from 'zod';
import { DOUBT_REASONS, DOUBT_STATUSES } from '../checkin/doubt';
import { OVERRIDE_REASONS } from '../checkin/verdict';
import { REVOKE_REASONS } from '../checkin/revoke-admission';
import { examPlanSchema, staffRoleSchema } from '../domain/types';
import { CONFIRMATION_IDS } from '../timetable/confirmations';
import { LEAVE_REASONS } from './hand-ins';
import { INCIDENT_ACTIONS, INCIDENT_CORRECTIONS } from './incidents';
import { paperCountSchema } from './paper-counts';

/**
 * 考场情况记录单 (附件5 9:00: 主监考将缺考、作弊人员信息填入): what the day's events say about one room,
 * for the 主监考 to read, print and sign. Every line names who recorded it and when; nothing here is
 * typed in by hand, so the paper and the log cannot disagree.
 */
const personSchema = z.object({ name: z.string(), role: z.union([staffRoleSchema, z.literal('system')]) });
const seatedSchema = z.object({ seatNo: z.number().int(), ticketNo: z.string(), name: z.string() });
const stampSchema = z.object({ at: z.string(), by: personSchema });
const signatureSchema = z.object({ name: z.string(), at: z.string() });

export const roomRecordSchema = z.object({
  room: z.object({ roomNo: z.string(), name: z.string(), location: z.string() }),
  expected: z.number().int(),
  admitted: z.number().int(),
  absentees: z.object({
    due: z.boolean(),
    confirmed: z.object({ at: z.string(), by: personSchema }).nullable(),
    /** The confirmed list (less anyone the 主考 admitted since), or the pending one. */
    list: z.array(seatedSchema),
  }),
  /** Admitted after the cut-off with the approval of `by`. */
  lateAdmissions: z.array(seatedSchema.extend({ at: z.string(), by: personSchema, note: z.string().nullable() })),
  /** Admitted without a complete scan, with the reason given. */
  manualAdmissions: z.array(
    seatedSchema.extend({ at: z.string(), by: personSchema, reason: z.enum(OVERRIDE_REASONS).exclude(['late-approved']), note: z.string().nullable() }),
  ),
  /** Admissions taken back before 开考 (checkin.revoked): who, when, why; the candidate may be in again. */
  revocations: z.array(seatedSchema.extend({ at: z.string(), by: personSchema, reason: z.enum(REVOKE_REASONS), note: z.string().nullable() })),
  doubts: z.array(
    seatedSchema.extend({
      reason: z.enum(DOUBT_REASONS),
      note: z.string().nullable(),
      status: z.enum(DOUBT_STATUSES),
      raisedAt: z.string(),
      raisedBy: personSchema,
      resolvedAt: z.string().nullable(),
      resolvedBy: z.array(personSchema),
    }),
  ),
  /** 开考核对: seats marked of seats to walk; the suspected impostors and empty seats with who marked them. */
  reverify: z.object({
    marked: z.number().int(),
    total: z.number().int(),
    impostors: z.array(seatedSchema.extend({ at: z.string(), by: z.string() })),
    emptySeats: z.array(seatedSchema.extend({ at: z.string(), by: z.string() })),
  }),
  confirmations: z.array(z.object({ confirmationId: z.enum(CONFIRMATION_IDS), at: z.string(), by: personSchema })),
  /**
   * 违纪、舞弊 and problems with the papers, with their corrections; a 疑似替考 from 开考核对 and a
   * 存疑属实 from check-in appear here too (source), linked to the event that marked them.
   */
  incidents: z.array(
    z.object({
      eventId: z.string(),
      source: z.enum(['recorded', 'reverify', 'doubt']),
      subject: z.enum(['candidate', 'papers']),
      seatNo: z.number().int().nullable(),
      ticketNo: z.string().nullable(),
      name: z.string().nullable(),
      /** The kind's id in the list (or a PAPER_PROBLEMS id); null for one linked from 开考核对 or 存疑. */
      kindId: z.string().nullable(),
      kindLabel: z.string(),
      cheating: z.boolean(),
      actions: z.array(z.enum(INCIDENT_ACTIONS)),
      description: z.string(),
      witness: personSchema.nullable(),
      occurredAt: z.string(),
      recorded: stampSchema,
      withdrawn: z.boolean(),
      corrections: z.array(stampSchema.extend({ correction: z.enum(INCIDENT_CORRECTIONS), reason: z.string() })),
      /** Recorded after both signatures. */
      amendment: z.boolean(),
    }),
  ),
  handIns: z.array(seatedSchema.extend({ at: z.string(), by: personSchema })),
  leaves: z.array(
    seatedSchema.extend({ reason: z.enum(LEAVE_REASONS), note: z.string().nullable(), accompaniedBy: personSchema.nullable(), leftAt: z.string(), returnedAt: z.string().nullable() }),
  ),
  collected: stampSchema.extend({ count: z.number().int() }).nullable(),
  paperCounts: z.array(paperCountSchema.extend({ at: z.string(), by: personSchema, problems: z.array(z.string()) })),
  balance: z.enum(['unknown', 'balanced', 'mismatch']),
  /** 验封、启封 (附件5 8:25): from the room's 'seal-shown' confirmation until bag custody lands. */
  seal: z.object({ shownAt: z.string().nullable(), openedAt: z.string().nullable(), by: personSchema.nullable() }),
  signatures: z.object({
    chief: signatureSchema.nullable(),
    second: signatureSchema.nullable(),
    exception: signatureSchema.extend({ reason: z.string() }).nullable(),
    frozenAt: z.string().nullable(),
  }),
  /** Why the record cannot be signed yet (empty when it can, or the 主考 signed an exception). */
  signingProblems: z.array(z.string()),
  amendments: z.array(stampSchema.extend({ what: z.string(), reason: z.string() })),
  generatedAt: z.string(),
});
export type RoomRecord = z.infer<typeof roomRecordSchema>;

/** What the record's heading shows of the day's plan (the same on the site's print and the center's page). */
export const recordPlanSchema = examPlanSchema.pick({ organisation: true, planName: true, date: true, startTime: true, endTime: true, subject: true });
export type RecordPlan = z.infer<typeof recordPlanSchema>;
