import { z } from 'zod';
import { canonicalJson } from '../events/canonical-json';
import { TEXT_LIMITS, text } from '../text/text-field';
import { PROTOCOL_VERSION, dayIdentitySchema, deviceIdSchema } from './protocol';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A device's X25519 key for files sealed to it (sync/sealed-file.ts), with the device's Ed25519
 * signature over it: whoever pinned the signing key can trust it. Optional, so a device of the
 * previous release still pairs; files to it then go by passphrase.
 */
export const signedEncryptionKeySchema = z
  .object({ publicKey: z.string().max(88).regex(/^302a300506032b656e032100[0-9a-f]{64}$/), sig: z.string().max(128).regex(/^[0-9a-f]{128}$/) })
  .strict();

/**
 * A door's request to join the office (配对), sent over TLS to the certificate the pairing code
 * names, with the door's own certificate presented. `proof` is the door's Ed25519 signature over
 * enrolProofInput: it shows the door holds the key it names, and binds that key to the TLS
 * certificate the office sees on this and every later connection.
 */
export const enrolRequestSchema = z.object({
  kind: z.literal('enrol'),
  protocolVersion: z.number().int(),
  token: z.string().regex(/^[0-9a-f]{10}$/),
  deviceId: deviceIdSchema,
  publicKey: z.string().regex(/^[0-9a-f]{20,200}$/),
  deviceName: text(TEXT_LIMITS.roomName + 10).min(1),
  proof: z.string().regex(/^[0-9a-f]{128}$/),
  encryptionKey: signedEncryptionKeySchema.optional(),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
  kind: z.literal('enrolled'),
  protocolVersion: z.number().int(),
  officeDeviceId: deviceIdSchema,
  officePublicKey: z.string().regex(/^[0-9a-f]{20,200}$/),
  officeName: text(TEXT_LIMITS.roomName + 10).min(1),
  /** The whole fingerprint: a typed code carried only its first 64 bits. */
  officeTlsFingerprint: hex64,
  /** The name and room the office gave this door (添加设备). */
  deviceName: text(TEXT_LIMITS.roomName + 10).min(1),
  roomNo: text(TEXT_LIMITS.code).min(1).nullable(),
  day: dayIdentitySchema.nullable(),
  officeEncryptionKey: signedEncryptionKeySchema.optional(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** The exact text whose sha256 the door signs as its proof. */
export function enrolProofInput(fields: { token: string; deviceId: string; doorTlsFingerprint: string; officeTlsFingerprint: string }): string {
  return canonicalJson({ purpose: 'examday-enrol', protocolVersion: PROTOCOL_VERSION, ...fields });
}
