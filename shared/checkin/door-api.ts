import { z } from 'zod';
import { DOUBT_OUTCOMES, DOUBT_REASONS } from './doubt';
import { REVERIFY_RESULTS } from './reverify';
import { REVOKE_REASONS } from './revoke-admission';
import { candidateSummarySchema, checkinVerdictSchema, OVERRIDE_REASONS } from './verdict';
import { TEXT_LIMITS, multilineText, text } from '../text/text-field';
import { badgePinSchema } from '../staffing/proof-input';

const roomNo = text(TEXT_LIMITS.code).min(1, '请选择考场');
const actorStaffId = text(TEXT_LIMITS.code).min(1, '请先选择值守人员');
const ticketNo = text(TEXT_LIMITS.ticketNo).min(1, '请先选择考生');
const note = multilineText(200);

/** A candidate found by the door's search, with where they stand. */
export const candidateMatchSchema = z.object({
  candidate: candidateSummarySchema,
  /** What the query matched: 姓名, 拼音首字母, 座位号, 准考证号后5位, 证件号后6位. */
  matchedBy: z.enum(['name', 'initials', 'seat', 'ticket-tail', 'id-tail']),
  admittedAt: z.string().nullable(),
});
export type CandidateMatch = z.infer<typeof candidateMatchSchema>;

/**
 * The door's API methods beyond checkIn (issue 4): admission with a reason, the manual search, and
 * the door's half pair after a reload. Spread into ExamDayApi (api/contract.ts).
 */
export const doorApiSpec = {
  /**
   * Admits without a complete scan (by the door's `actorStaffId`), or a late candidate with the
   * 主监考's approval, given by their badge and PIN at that moment (`approver`, who is then the
   * event's actor; the 主考's for a candidate already confirmed absent): one 'checkin.overridden'
   * event. Refused (a result) for someone already in, of another room or session, or late without
   * a proven approval.
   */
  admitWithReason: {
    input: z
      .object({
        roomNo,
        ticketNo,
        reason: z.enum(OVERRIDE_REASONS, { error: '请选择入场原因' }),
        note: note.optional(),
        actorStaffId,
        approver: badgePinSchema.optional(),
      })
      .strict()
      .refine((v) => v.reason !== 'other' || (v.note ?? '') !== '', { message: '选择"其他"时请写明原因', path: ['note'] })
      .refine((v) => v.reason !== 'late-approved' || v.approver !== undefined, { message: '迟到入场须由本考场主监考扫描胸卡并输入 PIN 批准', path: ['approver'] }),
    output: z.object({ verdict: checkinVerdictSchema, eventId: z.string(), committedAt: z.string() }),
  },
  /**
   * Finds candidates by name (汉字 or 拼音首字母), seat number, the last 5 digits of the 准考证号 or the
   * last 6 of the ID number: this room's first, then the others. At most 12.
   */
  searchCandidates: {
    input: z.object({ roomNo, query: text(40).min(1, '请输入姓名、座位号或号码') }).strict(),
    output: z.object({ matches: z.array(candidateMatchSchema.extend({ inThisRoom: z.boolean() })) }),
  },
  /** The door's half pair, if any (a reload shows it again). */
  getDoorState: {
    input: z.object({ roomNo }).strict(),
    output: z.object({ pending: checkinVerdictSchema.nullable() }),
  },
  /**
   * 存疑入场: seats the candidate (admits them if not yet in) and flags them as in doubt, with the
   * reason: one 'candidate.doubt-raised' event with the actor. Refused for another room or session,
   * for a doubt already open, or (not yet in) after the late cut-off.
   */
  admitInDoubt: {
    input: z
      .object({
        roomNo,
        ticketNo,
        reason: z.enum(DOUBT_REASONS, { error: '请选择存疑原因' }),
        note: note.optional(),
        actorStaffId,
      })
      .strict()
      .refine((v) => v.reason !== 'other' || (v.note ?? '') !== '', { message: '选择"其他"时请写明原因', path: ['note'] }),
    output: z.object({ verdict: checkinVerdictSchema, eventId: z.string(), committedAt: z.string() }),
  },
  /**
   * Clears (本人无误) or confirms (存疑属实) an open doubt: by the 主考 alone, or by both proctors of
   * the room (`signer` and `secondSigner`, two different people, each by badge and PIN at that
   * moment; both recorded in one event).
   */
  resolveDoubt: {
    input: z
      .object({
        roomNo,
        ticketNo,
        outcome: z.enum(DOUBT_OUTCOMES, { error: '请选择解除或确认' }),
        signer: badgePinSchema,
        secondSigner: badgePinSchema.optional(),
        note: note.optional(),
      })
      .strict(),
    output: z.object({ eventId: z.string(), committedAt: z.string() }),
  },
  /**
   * Re-verification at 开考: marks one seat of the walk (verified, suspected impostor, seat empty),
   * one 'seat.reverified' event with the actor. Refused before 开考, for a seat with no candidate, or
   * "verified" for a candidate who never came in.
   */
  markReverify: {
    input: z
      .object({
        roomNo,
        seatNo: z.number().int().min(1, '座位号无效'),
        result: z.enum(REVERIFY_RESULTS, { error: '请选择核对结果' }),
        note: note.optional(),
        actorStaffId,
      })
      .strict(),
    output: z.object({ eventId: z.string(), committedAt: z.string() }),
  },
  /**
   * Takes an admission back before 开考 (checkin/revoke-admission.ts): one 'checkin.revoked' event
   * with the reason and the actor; the seat is free again and the candidate may be admitted again.
   */
  revokeAdmission: {
    input: z
      .object({
        roomNo,
        ticketNo,
        reason: z.enum(REVOKE_REASONS, { error: '请选择撤销原因' }),
        note: note.optional(),
        actorStaffId,
      })
      .strict()
      .refine((v) => v.reason !== 'other' || (v.note ?? '') !== '', { message: '选择"其他"时请写明原因', path: ['note'] }),
    output: z.object({ eventId: z.string(), committedAt: z.string() }),
  },
  /**
   * 缺考: the room's 主监考 (or the 主考 / 副主考) confirms, after the late cut-off, the absentee list
   * as it stood on screen, by badge and PIN (`confirmer`): one 'absentees.confirmed' event. Refused
   * before the cut-off, a second time, by anyone else, or when the list has changed since (someone
   * came in late).
   */
  confirmAbsentees: {
    input: z
      .object({
        roomNo,
        ticketNos: z.array(text(TEXT_LIMITS.ticketNo).min(1)).max(1000, '缺考名单过长'),
        note: note.optional(),
        confirmer: badgePinSchema,
      })
      .strict(),
    output: z.object({ eventId: z.string(), committedAt: z.string() }),
  },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
