import { z } from 'zod';
import { staffRoleSchema } from '../domain/types';
import { TEXT_LIMITS, text } from '../text/text-field';
import { badgeCodeInput as badgeCode, typedPinInput as typedPin } from './proof-input';

const roomNo = text(TEXT_LIMITS.code).min(1, '请选择考场');

export const pinStatusRowSchema = z.object({
  staffId: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  roomNo: z.string().optional(),
  badgeCode: z.string().optional(),
  hasPin: z.boolean(),
  /** Set by the person at the briefing, or again for them by the 主考. */
  setBy: z.enum(['self', 'examiner', 'sample']).nullable(),
  wrongInRow: z.number().int(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  lastSignedInAt: z.string().nullable(),
});
export type PinStatusRow = z.infer<typeof pinStatusRowSchema>;

const signedInStaffSchema = z.object({ staffId: z.string(), name: z.string(), role: staffRoleSchema, roomNo: z.string().optional() });

/**
 * Signing in by badge and PIN (issue 11 item 1). PINs cross the boundary as typed and are never
 * stored or logged: the core hashes them (electron/core/pin-hash.ts) and answers with a result.
 */
export const signinApiSpec = {
  /**
   * A person's PIN, typed twice at the office after scanning their badge (S−55, the briefing). A
   * PIN already set is set again only with the 主考's (or 副主考's) badge and PIN, which also lifts a lock.
   */
  setPin: {
    input: z
      .object({ badgeCode, pin: typedPin, pinRepeat: typedPin, examinerBadgeCode: badgeCode.optional(), examinerPin: typedPin.optional() })
      .strict(),
    output: z.object({ staffId: z.string(), name: z.string(), eventId: z.string() }),
  },
  /** Duty begins: badge and PIN, at a door (`roomNo`) or the office. Five wrong PINs in a row lock the badge. */
  signIn: {
    input: z.object({ badgeCode, pin: typedPin, roomNo: roomNo.optional() }).strict(),
    output: z.object({ staff: signedInStaffSchema, signedInAt: z.string(), eventId: z.string() }),
  },
  /** The 主考 (or 副主考) lifts a lockout with their own badge and PIN. */
  unlockBadge: {
    input: z.object({ badgeCode, examinerBadgeCode: badgeCode, examinerPin: typedPin }).strict(),
    output: z.object({ staffId: z.string(), name: z.string(), eventId: z.string() }),
  },
  /** The office's list: who has set a PIN, who is locked. */
  listPinStatus: {
    input: z.object({}).strict(),
    output: z.object({ staff: z.array(pinStatusRowSchema) }),
  },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
