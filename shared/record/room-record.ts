import { z } from 'zod';
import { DOUBT_REASONS, DOUBT_STATUSES } from '../checkin/doubt';
import { OVERRIDE_REASONS } from '../checkin/verdict';
import { staffRoleSchema } from '../domain/types';
import { CONFIRMATION_IDS } from '../timetable/confirmations';

/**
 * 考场情况记录单 (附件5 9:00: 主监考将缺考、作弊人员信息填入): what the day's events say about one room,
 * for the 主监考 to read, print and sign. Every line names who recorded it and when; nothing here is
 * typed in by hand, so the paper and the log cannot disagree. 违纪、舞弊 are written on the paper.
 */
const personSchema = z.object({ name: z.string(), role: z.union([staffRoleSchema, z.literal('system')]) });
const seatedSchema = z.object({ seatNo: z.number().int(), ticketNo: z.string(), name: z.string() });

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
  generatedAt: z.string(),
});
export type RoomRecord = z.infer<typeof roomRecordSchema>;
