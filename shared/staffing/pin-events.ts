import { z } from 'zod';
import { TEXT_LIMITS, text } from '../text/text-field';

const staffId = text(TEXT_LIMITS.code).min(1);
const base64 = (maxChars: number) => z.string().min(4).max(maxChars).regex(/^[A-Za-z0-9+/]+={0,2}$/);

/**
 * How a PIN was hashed, carried with the hash so a door checks it with the same cost and a later
 * version may raise the cost for new PINs without breaking old ones. scrypt only (node:crypto).
 */
export const pinHashParamsSchema = z.object({
  algorithm: z.literal('scrypt'),
  /** CPU/memory cost, a power of two: 2^14 … 2^17 (2^17 r=8 is 128 MiB, the ceiling a door can pay). */
  N: z.number().int().min(2 ** 14).max(2 ** 17).refine((n) => (n & (n - 1)) === 0, 'N 须为 2 的幂'),
  r: z.number().int().min(8).max(16),
  p: z.number().int().min(1).max(4),
  keyLength: z.number().int().min(32).max(64),
});
export type PinHashParams = z.infer<typeof pinHashParamsSchema>;

/**
 * The sign-in events (issue 11 item 1). The typed PIN is never in any of them; `staff.pin-set`
 * carries its salted scrypt hash, so a door holding the log checks PINs with no network.
 */
export const pinEventSchemas = {
  /**
   * A PIN chosen by the person (`actor`, proven by their badge) at the briefing, or set again for them
   * by the 主考 (`actor`, badge and PIN). Replaces an earlier PIN and lifts a lock.
   */
  'staff.pin-set': z.object({
    staffId,
    salt: base64(64),
    hash: base64(128),
    params: pinHashParamsSchema,
  }),
  /** The person (`actor`) began duty on this device by badge and PIN; ends a run of wrong PINs. */
  'staff.signed-in': z.object({
    staffId,
    roomNo: text(TEXT_LIMITS.code).min(1).optional(),
    proof: z.literal('badge+pin'),
  }),
  /** A wrong PIN typed after this person's badge was scanned: counted for the lockout. */
  'staff.pin-failed': z.object({ staffId }),
  /** The 主考 or 副主考 (`actor`, badge and PIN) lifts a lockout. */
  'staff.unlocked': z.object({ staffId }),
} as const;

export const PIN_EVENT_TYPES = ['staff.pin-set', 'staff.signed-in', 'staff.pin-failed', 'staff.unlocked'] as const;
export type PinEventType = (typeof PIN_EVENT_TYPES)[number];
