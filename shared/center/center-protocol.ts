import { z } from 'zod';
import { canonicalJson } from '../events/canonical-json';
import { dayIdentitySchema, deviceIdSchema, MAX_BATCH_EVENTS, MAX_HEADS_DEVICES, MAX_PHOTOS_PER_REQUEST, photoBatchSchema, photoRequestSchema, PROTOCOL_VERSION, type DayIdentity } from '../sync/protocol';

/**
 * Site → center (DESIGN "Sync": the center is one more receiver of the same exchange). A site's
 * office enrols once with the code the center issued to its organisation, proving it holds the
 * key it names; the center answers with its own key and a bearer token for later requests (the
 * center may sit behind a reverse proxy that ends TLS, so the site cannot be known by a client
 * certificate as a door is known to its office). Then hello → push batches → signed receipts, the
 * very messages of shared/sync/protocol.ts, with one addition: the office vouches for the keys of
 * the doors it enrolled, since the center never met them.
 */
const publicKeyHex = z.string().regex(/^[0-9a-f]{20,200}$/);

/** What the center issues per organisation: 4 groups of 5 from an alphabet without 0/O, 1/I/L. */
export const ENROLMENT_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){3}$/;
export const enrolmentCodeSchema = z
  .string()
  .trim()
  .transform((typed) => typed.toUpperCase().replace(/\s+/g, ''))
  .pipe(z.string().regex(ENROLMENT_CODE_PATTERN, '登记码格式错误：应为 4 组、每组 5 个字符，如 ABCDE-FGHJK-MNPQR-STUVW'));

export const centerEnrolRequestSchema = z.object({
  kind: z.literal('center-enrol'),
  protocolVersion: z.number().int(),
  code: enrolmentCodeSchema,
  deviceId: deviceIdSchema,
  publicKey: publicKeyHex,
  siteName: z.string().trim().min(1).max(100),
  /** The office's Ed25519 signature over sha256(centerEnrolProofInput(...)). */
  proof: z.string().regex(/^[0-9a-f]{128}$/),
});
export type CenterEnrolRequest = z.infer<typeof centerEnrolRequestSchema>;

export const centerEnrolResponseSchema = z.object({
  kind: z.literal('center-enrolled'),
  protocolVersion: z.number().int(),
  centerDeviceId: deviceIdSchema,
  centerPublicKey: publicKeyHex,
  organisation: z.string().min(1).max(200),
  /** Sent once; the center keeps only its sha256. */
  token: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CenterEnrolResponse = z.infer<typeof centerEnrolResponseSchema>;

/** The exact text whose sha256 the office signs to enrol: binds its key to this code. */
export function centerEnrolProofInput(fields: { code: string; deviceId: string; publicKey: string }): string {
  return canonicalJson({ purpose: 'examday-center-enrol', protocolVersion: PROTOCOL_VERSION, ...fields });
}

export const vouchedKeysSchema = z.array(z.object({ deviceId: deviceIdSchema, publicKey: publicKeyHex })).max(MAX_HEADS_DEVICES);

/** protocol.ts's push, with the keys of the devices whose events it carries. */
export const centerPushSchema = z.object({
  kind: z.literal('push'),
  protocolVersion: z.number().int(),
  day: dayIdentitySchema,
  senderDeviceId: deviceIdSchema,
  events: z.array(z.record(z.string(), z.unknown())).max(MAX_BATCH_EVENTS, { message: `一批最多 ${MAX_BATCH_EVENTS} 条事件` }),
  more: z.boolean(),
  keys: vouchedKeysSchema,
});
export type CenterPush = z.infer<typeof centerPushSchema>;

/**
 * Candidate photos follow the events (issue 14 item 6) in the LAN's two photo messages, turned
 * around, since only the office can call: the office sends a photo-batch naming its day (empty to
 * ask), and the center answers with a photos request for what it still lacks of that day, empty
 * when it lacks nothing.
 */
export const centerPhotoPushSchema = photoBatchSchema.extend({ day: dayIdentitySchema, senderDeviceId: deviceIdSchema });
export type CenterPhotoPush = z.infer<typeof centerPhotoPushSchema>;
export const centerPhotosWantedSchema = photoRequestSchema.extend({ sha256s: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(MAX_PHOTOS_PER_REQUEST) });
export type CenterPhotosWanted = z.infer<typeof centerPhotosWantedSchema>;

/** One exam day at the center: an organisation's plan on a date. */
export function dayKeyOf(day: DayIdentity): string {
  return canonicalJson({ organisation: day.organisation, date: day.date, planId: day.planId });
}

/**
 * Why a site may not push this day, if it may not: a site's credentials push only its own
 * organisation's days (issue 14, item 7).
 */
export function organisationRefusal(siteOrganisation: string, day: DayIdentity): string | undefined {
  if (day.organisation === siteOrganisation) return undefined;
  return `本站点登记在“${siteOrganisation}”名下，不能上报“${day.organisation}”的考试日`;
}
