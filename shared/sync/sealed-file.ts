import { z } from 'zod';
import { err, ok, type ApiResult } from '../api/result';
import { text } from '../text/text-field';

/*
 * Sealed files (issue 11, item 4): the 考试日数据包 and the 同步包 carry ID numbers and names on a
 * USB stick, so they travel encrypted for their receiver. The signed file is kept byte for byte
 * inside; around it an envelope says how to open it, and the sender's device key signs the envelope
 * (header, ciphertext and tag). A file whose envelope signature holds but which does not decrypt was
 * opened with the wrong passphrase; any other failure is a damaged or altered file. When the
 * receiving device's encryption key is known (enrolment), the file is sealed to it instead: X25519
 * with a one-time key of the sender's, HKDF-SHA256, AES-256-GCM; no passphrase to carry. This module
 * holds the format and the passphrase rules; electron/core/sealed-file.ts does the cryptography.
 */
export const SEALED_FORMAT = 'examday-sealed';
export const SEALED_VERSION = 1;
export const SEALED_KINDS = ['day-package', 'sync-file'] as const;
export type SealedKind = (typeof SEALED_KINDS)[number];

/** What each kind is called on screen, in refusals. */
export const SEALED_KIND_NAMES: Record<SealedKind, string> = { 'day-package': '考试日数据包', 'sync-file': '同步包' };

/**
 * scrypt's cost for a 16-character passphrase (80 bits): 2^15 takes about 0.1 s on the office
 * laptop class of machine and 32 MiB; the passphrase's own entropy, not the cost, is what protects.
 * A file may not ask for more than 2^17 (a crafted file must not make the door laptop spin).
 */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
export const SCRYPT_MAX_N = 2 ** 17;

const base64 = (maxChars: number) => z.string().max(maxChars).regex(/^[A-Za-z0-9+/]*={0,2}$/, '不是 base64');
/** Base64 of exactly `bytes` bytes. */
const base64Of = (bytes: number) => z.string().length(Math.ceil(bytes / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, '不是 base64');
const hex = (chars: number) => z.string().regex(new RegExp(`^[0-9a-f]{${chars}}$`));

const passphraseRecipientSchema = z
  .object({
    mode: z.literal('passphrase'),
    kdf: z.literal('scrypt'),
    salt: base64Of(16),
    N: z.number().int().min(2 ** 14).max(SCRYPT_MAX_N).refine((n) => (n & (n - 1)) === 0, 'N 应为 2 的幂'),
    r: z.literal(8),
    p: z.literal(1),
  })
  .strict();

/** X25519 public key, SPKI DER hex (12 bytes of header and 32 of key). */
const x25519Hex = z.string().regex(/^302a300506032b656e032100[0-9a-f]{64}$/);

const deviceKeyRecipientSchema = z
  .object({
    mode: z.literal('device-key'),
    kdf: z.literal('x25519-hkdf-sha256'),
    /** The receiving device, and the encryption key it vouched for at enrolment. */
    deviceId: hex(16),
    publicKey: x25519Hex,
    /** The sender's one-time X25519 key for this file: its private half was dropped once sealed. */
    ephemeralPublicKey: x25519Hex,
  })
  .strict();
export type DeviceKeyRecipient = z.infer<typeof deviceKeyRecipientSchema>;

export const sealedHeaderSchema = z
  .object({
    format: z.literal(SEALED_FORMAT),
    version: z.literal(SEALED_VERSION),
    kind: z.enum(SEALED_KINDS),
    /** The device that sealed it: its Ed25519 key signs the envelope (the signed file inside names it again). */
    sender: z.object({ deviceId: hex(16), publicKey: z.string().regex(/^[0-9a-f]{20,200}$/) }).strict(),
    recipient: z.discriminatedUnion('mode', [passphraseRecipientSchema, deviceKeyRecipientSchema]),
    cipher: z.literal('aes-256-gcm'),
    iv: base64Of(12),
  })
  .strict();
export type SealedHeader = z.infer<typeof sealedHeaderSchema>;

/** Room for a ciphertext of a 200 MB file in base64. */
const MAX_CIPHERTEXT_CHARS = 300 * 1024 * 1024;

export const sealedFileSchema = sealedHeaderSchema
  .extend({
    ciphertext: base64(MAX_CIPHERTEXT_CHARS),
    tag: base64Of(16),
    /** Ed25519 over sealedSignedHash (electron/core/sealed-file.ts). */
    sig: hex(128),
  })
  .strict();
export type SealedFile = z.infer<typeof sealedFileSchema>;

/**
 * Crockford's base-32 alphabet: no I, L, O or U, so what is read off a screen cannot be mistyped as
 * another character; the look-alikes people type anyway are read as what they look like.
 */
const PASSPHRASE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };
export const PASSPHRASE_CHARS = 16;
/** 16 characters of 5 bits: 80 bits, from 10 random bytes. */
export const PASSPHRASE_RANDOM_BYTES = 10;

/** A passphrase as the office screen shows it, "7K3M-Q9XD-…", from 10 random bytes. */
export function passphraseFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== PASSPHRASE_RANDOM_BYTES) throw new Error(`a passphrase needs ${PASSPHRASE_RANDOM_BYTES} random bytes`);
  let bits = 0;
  let value = 0;
  let chars = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      chars += PASSPHRASE_ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return chars.match(/.{4}/g)!.join('-');
}

/**
 * A passphrase as typed (any case, full-width, with spaces or dashes, O for 0) reduced to the 16
 * characters the key is derived from, or a reason in Chinese.
 */
export function normalizePassphrase(typed: string): ApiResult<string> {
  const chars = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-–—_.·]+/g, '')
    .replace(/[OIL]/g, (c) => LOOK_ALIKES[c] ?? c);
  if (chars === '') return err('invalid-input', '请输入口令');
  const foreign = [...chars].find((c) => !PASSPHRASE_ALPHABET.includes(c));
  if (foreign !== undefined) return err('invalid-input', `口令中有无效的字符“${foreign}”：口令只含数字和字母`);
  if (chars.length !== PASSPHRASE_CHARS) return err('invalid-input', `口令应为 ${PASSPHRASE_CHARS} 个字符（现为 ${chars.length} 个）`);
  return ok(chars);
}

/** The passphrase as an API input: typed by a person, bounded; normalizePassphrase reads it. */
export const passphraseInput = text(64).min(1, '请输入口令');

/**
 * Whether a chosen file was sealed to a device (opened with that device's key, no passphrase to ask)
 * or with a passphrase, read from its envelope without checking anything: the core checks on opening.
 */
export function sealedModeOf(text: string): 'passphrase' | 'device-key' | undefined {
  const head = text.slice(0, 2_000);
  if (!head.startsWith(`{"format":"${SEALED_FORMAT}"`)) return undefined;
  const mode = /"recipient":\{"mode":"(passphrase|device-key)"/.exec(head)?.[1];
  return mode === 'passphrase' || mode === 'device-key' ? mode : undefined;
}
