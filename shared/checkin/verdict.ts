import { z } from 'zod';

/** The verdicts a door check can give (DESIGN: check-in verdicts). Later issues add more. */
export const CHECKIN_VERDICT_KINDS = [
  'admitted',
  'wrong-room',
  'not-on-roster',
  'already-admitted',
  'invalid-id',
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
  }),
  z.object({ kind: z.literal('invalid-id'), reason: z.string(), inputMasked: z.string() }),
]);
export type CheckinVerdict = z.infer<typeof checkinVerdictSchema>;

/** How the door got the text: a keyboard-wedge scanner, the camera, or typed by the proctor. */
export const CHECKIN_INPUT_METHODS = ['scanner', 'camera', 'typed'] as const;
export type CheckinInputMethod = (typeof CHECKIN_INPUT_METHODS)[number];
