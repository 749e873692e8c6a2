import { createCipheriv, createDecipheriv, createHash, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import { err, ok, type ApiResult } from '../../shared/api/result';
import { canonicalJson } from '../../shared/events/canonical-json';
import {
  normalizePassphrase,
  passphraseFromBytes,
  PASSPHRASE_RANDOM_BYTES,
  SCRYPT_COST,
  SEALED_FORMAT,
  SEALED_KIND_NAMES,
  SEALED_VERSION,
  sealedFileSchema,
  type DeviceKeyRecipient,
  type SealedFile,
  type SealedHeader,
  type SealedKind,
} from '../../shared/sync/sealed-file';
import { deviceIdFor, publicKeyFromHex, sha256Hex, verifySignature, x25519PublicKeyFromHex, type DeviceKey } from './device-key';

/** The plain (unsealed) formats of earlier versions, refused by name rather than as "not a file". */
const PLAIN_FORMATS: Record<SealedKind, string> = { 'day-package': 'examday-day-package', 'sync-file': 'examday-sync-file' };
const KEY_BYTES = 32;

/** A fresh passphrase for one export, as the office screen shows it. Never stored, never logged. */
export function newPassphrase(): string {
  return passphraseFromBytes(randomBytes(PASSPHRASE_RANDOM_BYTES));
}

type PassphraseRecipient = Extract<SealedHeader['recipient'], { mode: 'passphrase' }>;

function passphraseKey(passphrase: string, recipient: PassphraseRecipient): Buffer {
  const { N, r, p } = recipient;
  // scrypt needs 128·N·r bytes; maxmem leaves room above it and refuses anything larger.
  return scryptSync(passphrase, Buffer.from(recipient.salt, 'base64'), KEY_BYTES, { N, r, p, maxmem: 256 * N * r });
}

/**
 * The AES key of a file sealed to a device: HKDF-SHA256 over the X25519 secret of the one-time key
 * and the receiver's, bound to the kind, both devices and both public keys.
 */
function deviceKeyKey(secret: Buffer, kind: SealedKind, senderDeviceId: string, recipient: DeviceKeyRecipient): Buffer {
  const info = canonicalJson({ purpose: 'examday-sealed-file', version: SEALED_VERSION, kind, sender: senderDeviceId, recipient });
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), Buffer.from(info, 'utf8'), KEY_BYTES));
}

/** A receiving device's encryption key, as its enrolment carried it (vouched for by its signing key). */
export interface SealRecipient {
  deviceId: string;
  encryptionPublicKey: string;
}

/** What the sender signs: the header, the ciphertext's hash and the tag, so no byte can change unseen. */
function signedHash(header: SealedHeader, ciphertext: Buffer, tag: string): string {
  return sha256Hex(canonicalJson({ header, ciphertext: createHash('sha256').update(ciphertext).digest('hex'), tag }));
}

const headerOf = (file: SealedFile): SealedHeader => {
  const { format, version, kind, sender, recipient, cipher, iv } = file;
  return { format, version, kind, sender, recipient, cipher, iv };
};

/**
 * Seals `content` (a signed file, kept byte for byte) for whoever holds `passphrase`: scrypt turns the
 * passphrase into an AES-256-GCM key, the header is the cipher's associated data, and this device's
 * key signs the whole envelope. Returns the sealed file's JSON text.
 */
export function sealWithPassphrase(kind: SealedKind, content: string, passphrase: string, key: DeviceKey): string {
  const normalized = normalizePassphrase(passphrase);
  if (!normalized.ok) throw new Error('sealWithPassphrase: the passphrase is not one newPassphrase makes');
  const header: SealedHeader = {
    format: SEALED_FORMAT,
    version: SEALED_VERSION,
    kind,
    sender: { deviceId: key.deviceId, publicKey: key.publicKeyHex },
    recipient: { mode: 'passphrase', kdf: 'scrypt', salt: randomBytes(16).toString('base64'), ...SCRYPT_COST },
    cipher: 'aes-256-gcm',
    iv: randomBytes(12).toString('base64'),
  };
  return encryptAndSign(header, passphraseKey(normalized.value, header.recipient as PassphraseRecipient), content, key);
}

/**
 * Seals `content` to the receiving device's X25519 key (known from enrolment): a one-time key pair
 * of this sender, ECDH with the receiver's key, HKDF-SHA256 to the AES-256-GCM key; the one-time
 * private key is dropped here. Only the receiver opens it, with no passphrase; this device's
 * signing key signs the envelope as in passphrase mode.
 */
export function sealForDevice(kind: SealedKind, content: string, recipient: SealRecipient, key: DeviceKey): string {
  const receiverKey = x25519PublicKeyFromHex(recipient.encryptionPublicKey);
  if (!receiverKey) throw new Error('sealForDevice: the recipient key is not an X25519 key');
  const oneTime = generateKeyPairSync('x25519');
  const header: SealedHeader = {
    format: SEALED_FORMAT,
    version: SEALED_VERSION,
    kind,
    sender: { deviceId: key.deviceId, publicKey: key.publicKeyHex },
    recipient: {
      mode: 'device-key',
      kdf: 'x25519-hkdf-sha256',
      deviceId: recipient.deviceId,
      publicKey: recipient.encryptionPublicKey,
      ephemeralPublicKey: createPublicKey(oneTime.privateKey).export({ type: 'spki', format: 'der' }).toString('hex'),
    },
    cipher: 'aes-256-gcm',
    iv: randomBytes(12).toString('base64'),
  };
  const secret = diffieHellman({ privateKey: oneTime.privateKey, publicKey: receiverKey });
  return encryptAndSign(header, deviceKeyKey(secret, kind, key.deviceId, header.recipient as DeviceKeyRecipient), content, key);
}

function encryptAndSign(header: SealedHeader, aesKey: Buffer, content: string, key: DeviceKey): string {
  const cipher = createCipheriv('aes-256-gcm', aesKey, Buffer.from(header.iv, 'base64'));
  cipher.setAAD(Buffer.from(canonicalJson(header)));
  const ciphertext = Buffer.concat([cipher.update(content, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag().toString('base64');
  const sealed: SealedFile = { ...header, ciphertext: ciphertext.toString('base64'), tag, sig: key.signHash(signedHash(header, ciphertext, tag)) };
  return JSON.stringify(sealed);
}

export interface OpenedFile {
  /** The signed file inside, exactly as sealed. */
  content: string;
  /** The device whose key signed the envelope: the signed file inside must be signed by it too. */
  sender: { deviceId: string; publicKey: string };
}

export const TAMPERED = '文件已损坏或被篡改';
export const WRONG_PASSPHRASE = '口令不正确';
export const WRONG_DEVICE = '不是加密给本机的文件';

/** How the receiving screen opens a sealed file: the passphrase typed, and this device's own key. */
export interface SealedOpener {
  passphrase?: string | null | undefined;
  deviceKey?: DeviceKey | undefined;
}

/**
 * Opens a sealed file of `kind` with the passphrase typed at the receiving screen, or with this
 * device's key when the file was sealed to it (`opener`; a bare string is a passphrase). The
 * envelope's signature is checked first: when it holds, every byte is as sealed, so a file that
 * then does not decrypt was given the wrong passphrase, or was sealed to another device; when it
 * does not, the file was cut or changed. Plain files of earlier versions are refused: a file with
 * ID numbers does not travel unencrypted.
 */
export function openSealed(kind: SealedKind, text: string, opener: string | SealedOpener): ApiResult<OpenedFile> {
  const { passphrase: typedPassphrase, deviceKey } = typeof opener === 'string' ? { passphrase: opener, deviceKey: undefined } : opener;
  const name = SEALED_KIND_NAMES[kind];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A cut file no longer parses; its opening still says what it was.
    return text.trimStart().startsWith(`{"format":"${SEALED_FORMAT}"`)
      ? err('refused', `${TAMPERED}：${name}不完整（可能没有拷贝完）`)
      : err('invalid-input', `文件不是${name}：内容无法读取`);
  }
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format === PLAIN_FORMATS[kind]) {
    return err('refused', `这个${name}没有加密（由旧版程序导出）：含考生个人信息的文件必须加密传送，请在导出方升级程序后重新导出`);
  }
  if (format !== SEALED_FORMAT) return err('invalid-input', `文件不是${name}`);
  const { version, kind: fileKind } = json as { version?: unknown; kind?: unknown };
  if (typeof version === 'number' && version > SEALED_VERSION) return err('refused', `${name}由更新版本的程序导出，请先升级本机程序`);
  if (fileKind !== kind && typeof fileKind === 'string' && fileKind in SEALED_KIND_NAMES) {
    return err('invalid-input', `这是${SEALED_KIND_NAMES[fileKind as SealedKind]}，不是${name}`);
  }
  const parsed = sealedFileSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    return err('refused', `${TAMPERED}：加密信封格式错误${where ? `（${where}）` : ''}`);
  }
  const file = parsed.data;
  const header = headerOf(file);
  const senderKey = publicKeyFromHex(file.sender.publicKey);
  const ciphertext = Buffer.from(file.ciphertext, 'base64');
  if (!senderKey || deviceIdFor(file.sender.publicKey) !== file.sender.deviceId || !verifySignature(senderKey, signedHash(header, ciphertext, file.tag), file.sig)) {
    return err('refused', `${TAMPERED}：加密文件的签名不符（内容被改动或不完整）`);
  }

  const recipient = file.recipient;
  let aesKey: Buffer;
  if (recipient.mode === 'device-key') {
    const forWhom = `这个${name}是加密给设备 ${recipient.deviceId.slice(0, 6)} 的`;
    if (!deviceKey) return err('refused', `${WRONG_DEVICE}：${forWhom}，只能在那台设备上导入`);
    if (recipient.deviceId !== deviceKey.deviceId || recipient.publicKey !== deviceKey.encryption.publicKey) {
      return err('refused', `${WRONG_DEVICE}：${forWhom}，本机是 ${deviceKey.deviceId.slice(0, 6)}。请在那台设备上导入，或请导出方改用口令重新导出`);
    }
    aesKey = deviceKeyKey(deviceKey.agree(recipient.ephemeralPublicKey), kind, file.sender.deviceId, recipient);
  } else {
    const passphrase = normalizePassphrase(typedPassphrase ?? '');
    if (!passphrase.ok) return passphrase;
    aesKey = passphraseKey(passphrase.value, recipient);
  }
  const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(file.iv, 'base64'));
  decipher.setAAD(Buffer.from(canonicalJson(header)));
  decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
  let content: string;
  try {
    content = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // The envelope is as its sender signed it: the key, not the file, is wrong.
    return recipient.mode === 'passphrase'
      ? err('invalid-input', `${WRONG_PASSPHRASE}：请核对导出方屏幕上显示的口令`)
      : err('refused', `${WRONG_DEVICE}：本机的密钥打不开这个${name}（导出方用的不是本机配对时登记的密钥），请导出方改用口令重新导出`);
  }
  return ok({ content, sender: file.sender });
}
