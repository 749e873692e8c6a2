import { z } from 'zod';
import { TEXT_LIMITS, text } from '../text/text-field';

const hex64 = z.string().max(64).regex(/^[0-9a-f]{64}$/);
const deviceId = z.string().max(16).regex(/^[0-9a-f]{16}$/);

/** One event whose stored payload the purge replaced by its redacted form (redact-personal.ts). */
export const purgedEventSchema = z.object({
  eventId: text(40).min(1),
  /** sha256 of the stored payload text before the purge: the event's own hash covered it. */
  payloadSha256: hex64,
  /** sha256 of the payload text stored since: verify checks what remains against it. */
  redactedSha256: hex64,
});
export type PurgedEvent = z.infer<typeof purgedEventSchema>;

/**
 * Issue 11 item 5. A purge cannot re-sign other devices' events, so its own signed event is the
 * record of what changed: each event it redacted with the hashes before and after, each photo it
 * removed by sha256, and the receipt that showed the record had reached the office or the center.
 */
export const privacyEventSchemas = {
  /**
   * The 主考 (`actor`, badge and PIN) removed the photos and full ID numbers from this device, after
   * `coveredBy` (a receipt another device signed) showed it held this device's log up to `headSeq`.
   * Events keep their hash and signature; `events` says which payloads were redacted.
   */
  'privacy.purged': z.object({
    coveredBy: z.object({ receiverDeviceId: deviceId, receiptAt: text(40).min(1), seq: z.number().int().min(0) }),
    headSeq: z.number().int().min(0),
    events: z.array(purgedEventSchema).max(20_000),
    photos: z.array(hex64).max(20_000),
  }),
  /** The 主考 (`actor`, badge and PIN) had a candidate's full ID number shown on screen (查找考生). */
  'id-number.revealed': z.object({ ticketNo: text(TEXT_LIMITS.ticketNo).min(1) }),
} as const;

export const PRIVACY_EVENT_TYPES = Object.keys(privacyEventSchemas) as (keyof typeof privacyEventSchemas)[];
