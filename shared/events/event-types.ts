import { z } from 'zod';
import { candidateSchema, examPlanSchema, roomSchema, staffMemberSchema } from '../domain/types';
import { CHECKIN_VERDICT_KINDS } from '../checkin/verdict';

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
   * Every door attempt, admitted or not (DESIGN: every attempt is an event). `input` is what was
   * scanned or typed; `ticketNo` names the candidate it resolved to, when it did.
   */
  'checkin.attempted': z.object({
    roomNo: z.string().min(1),
    input: z.object({ method: z.enum(['scanner', 'typed']), value: z.string().max(512) }),
    verdict: z.enum(CHECKIN_VERDICT_KINDS),
    ticketNo: z.string().optional(),
  }),
} as const;

export type EventType = keyof typeof eventPayloadSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloadSchemas)[T]>;
export const EVENT_TYPES = Object.keys(eventPayloadSchemas) as EventType[];
