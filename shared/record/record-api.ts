import { z } from 'zod';
import { LEAVE_REASONS } from './hand-ins';
import { INCIDENT_ACTIONS, INCIDENT_CORRECTIONS, incidentKindSchema } from './incidents';
import { paperCountSchema } from './paper-counts';
import { resultRowSchema } from './results';
import { SIGNATURE_SLOTS } from './signatures';
import { TEXT_LIMITS, multilineText, text } from '../text/text-field';
import { badgePinSchema } from '../staffing/proof-input';

const roomNo = text(TEXT_LIMITS.code).min(1, '请选择考场');
const ticketNo = text(TEXT_LIMITS.ticketNo).min(1, '请先选择考生');
const actorStaffId = text(TEXT_LIMITS.code).min(1, '请选择记录人');
/** Required once the record is signed (signatures.ts changeRefusal): the change is an amendment. */
const amendmentReason = multilineText(200).max(200, '更正原因不超过 200 字').optional();
const written = z.object({ eventId: z.string(), committedAt: z.string() });
const incidentFields = {
  kindId: text(40).min(1, '请选择违纪类别'),
  cheating: z.boolean(),
  actions: z.array(z.enum(INCIDENT_ACTIONS)).max(INCIDENT_ACTIONS.length),
  description: multilineText(500).max(500, '情况说明不超过 500 字'),
};

/**
 * The 主监考's record of the room (issue 12): incidents, hand-ins and leaves, 收卷, paper counts,
 * signatures by badge, and the results preview. Spread into ExamDayApi (api/contract.ts).
 */
export const recordApiSpec = {
  /** The incident kinds (resources/incident-kinds, or the organisation's copy in the data folder). */
  getIncidentKinds: {
    input: z.object({}).strict(),
    output: z.object({ kinds: z.array(incidentKindSchema) }),
  },
  /**
   * 违纪/舞弊 about a candidate of this room, or a problem with the papers at 启封: one
   * 'incident.recorded' event. `occurredAt` is "HH:MM" on the exam day (default: now).
   */
  recordIncident: {
    input: z
      .object({
        roomNo,
        subject: z.discriminatedUnion('kind', [z.object({ kind: z.literal('candidate'), ticketNo }).strict(), z.object({ kind: z.literal('papers') }).strict()]),
        ...incidentFields,
        /** The witness's own badge and PIN at that moment (issue 11 item 2); none for no witness. */
        witness: badgePinSchema.optional(),
        occurredAt: text(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM').optional(),
        actorStaffId,
        amendmentReason,
      })
      .strict(),
    output: written,
  },
  /**
   * Withdraws or amends an incident, with the reason, by the corrector's badge and PIN at that
   * moment (issue 11 item 2): a new event, the first one stays.
   */
  correctIncident: {
    input: z
      .object({
        roomNo,
        incidentEventId: text(TEXT_LIMITS.identifier).min(1),
        correction: z.enum(INCIDENT_CORRECTIONS),
        reason: multilineText(200).min(1, '请写明更正原因').max(200, '更正原因不超过 200 字'),
        amended: z.object(incidentFields).strict().optional(),
        corrector: badgePinSchema,
      })
      .strict()
      .refine((v) => v.correction !== 'amended' || v.amended !== undefined, { message: '更正须给出更正后的内容', path: ['amended'] }),
    output: written,
  },
  /** 交卷退场, inside S+30 … E−15 only. */
  recordHandIn: {
    input: z.object({ roomNo, ticketNo, actorStaffId, amendmentReason }).strict(),
    output: written,
  },
  /** 暂离 (就医、如厕) with the 流动监考 who goes along; recordReturn when back. */
  recordLeave: {
    input: z
      .object({
        roomNo,
        ticketNo,
        reason: z.enum(LEAVE_REASONS, { error: '请选择暂离原因' }),
        note: multilineText(200).max(200, '说明不超过 200 字').optional(),
        /** The 流动监考 who goes along, by their badge and PIN at that moment. */
        companion: badgePinSchema,
        actorStaffId,
        amendmentReason,
      })
      .strict(),
    output: written,
  },
  recordReturn: {
    input: z.object({ roomNo, ticketNo, actorStaffId, amendmentReason }).strict(),
    output: written,
  },
  /** 收卷 at E: every candidate still seated, in one 'papers.collected' event. */
  collectPapers: {
    input: z.object({ roomNo, actorStaffId, amendmentReason }).strict(),
    output: written.extend({ collected: z.number().int() }),
  },
  /** One kind's counts; refused when they cannot be true (a negative balance). */
  recordPaperCount: {
    input: z.object({ roomNo, count: paperCountSchema, actorStaffId, amendmentReason }).strict(),
    output: written,
  },
  /** A signature by badge and PIN: the badge must be this room's 主监考 or 副监考. */
  signRecord: {
    input: z.object({ roomNo, signer: badgePinSchema }).strict(),
    output: written.extend({ slot: z.enum(SIGNATURE_SLOTS), name: z.string(), frozen: z.boolean() }),
  },
  /** The 主考's exception (by badge and PIN, with a reason) letting the record be signed while not in order. */
  signRecordException: {
    input: z.object({ roomNo, examiner: badgePinSchema, reason: multilineText(200).min(1, '请写明例外的原因').max(200, '原因不超过 200 字') }).strict(),
    output: written.extend({ name: z.string() }),
  },
  /** 参考/缺考/舞弊 per candidate, for one room or (no roomNo) the whole day. */
  getResults: {
    input: z.object({ roomNo: roomNo.optional() }).strict(),
    output: z.object({ rows: z.array(resultRowSchema), generatedAt: z.string() }),
  },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
