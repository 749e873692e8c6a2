import { z } from 'zod';
import { examPlanSchema, roomSchema, staffRoleSchema } from '../domain/types';
import { checkinVerdictSchema } from '../checkin/verdict';
import type { ApiResult } from './result';

const roomNo = z.string().trim().min(1, '请选择考场').max(32);

export const roomSummarySchema = roomSchema.extend({
  expected: z.number().int(),
  admitted: z.number().int(),
});

/** Staff as screens see them (no contact data). */
export const staffSummarySchema = z.object({
  staffId: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  roomNo: z.string().optional(),
});

export const rosterRowSchema = z.object({
  seatNo: z.number().int(),
  ticketNo: z.string(),
  name: z.string(),
  idMasked: z.string(),
  occupation: z.string(),
  level: z.string(),
  admittedAt: z.string().nullable(),
});

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  eventsChecked: z.number().int(),
  devices: z.number().int(),
  firstBroken: z
    .object({ deviceId: z.string(), seq: z.number().int(), eventId: z.string(), reason: z.string() })
    .optional(),
});
export type VerifyReport = z.infer<typeof verifyReportSchema>;

/**
 * ExamDayApi: the one contract between renderer and core. Each method takes one object and
 * returns an ApiResult. The core parses `input` before it acts; clients parse `output` on arrival.
 * Electron's preload and the browser's HTTP client are both derived from this list.
 */
export const examDayApiSpec = {
  getDay: {
    input: z.object({}).strict(),
    output: z.object({
      plan: examPlanSchema.nullable(),
      rooms: z.array(roomSummarySchema),
      staff: z.array(staffSummarySchema),
      deviceId: z.string(),
      serverTime: z.string(),
    }),
  },
  getRoomRoster: {
    input: z.object({ roomNo }).strict(),
    output: z.object({ room: roomSummarySchema, rows: z.array(rosterRowSchema) }),
  },
  checkIn: {
    input: z
      .object({
        roomNo,
        input: z.string().trim().min(1, '扫描内容为空').max(512, '扫描内容过长'),
        method: z.enum(['scanner', 'typed']),
        actorStaffId: z.string().trim().min(1, '请先选择值守人员'),
      })
      .strict(),
    output: z.object({ verdict: checkinVerdictSchema, eventId: z.string(), committedAt: z.string() }),
  },
  verifyLog: {
    input: z.object({}).strict(),
    output: verifyReportSchema,
  },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type ApiSpec = typeof examDayApiSpec;
export type ApiMethod = keyof ApiSpec;
export type ApiInput<M extends ApiMethod> = z.input<ApiSpec[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<ApiSpec[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<ApiSpec[M]['output']>;

export const API_METHODS = Object.keys(examDayApiSpec) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(examDayApiSpec, name);
}

/** What the renderer calls, in Electron and in a browser alike. */
export type ExamDayApi = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>> };

/** What the core implements: inputs already parsed, answers synchronous (one SQLite writer). */
export type ExamDayHandlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => ApiResult<ApiOutput<M>> };
