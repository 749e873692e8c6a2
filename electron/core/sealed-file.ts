import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
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
  type SealedFile,
  type SealedHeader,
  type SealedKind,
} from '../../shared/sync/sealed-file';
import { deviceIdFor, publicKeyFromHex, sha256Hex, verifySignature, type DeviceKey } from './device-key';

/** The plain (unsealed) formats of earlier versions, refused by name rather than as "not a file". */
const PLAIN_FORMATS: Record<SealedKind, string> = { 'day-package': 'examday-day-package', 'sync-file': 'examday-sync-file' };
const KEY_BYTES = 32;

/** A fresh passphrase for one export, as the office screen shows it. Never stored, never logged. */
export function newPassphrase(): string {
  return passphraseFromBytes(randomBytes(PASSPHRASE_RANDOM_BYTES));
}

function passphraseKey(passphrase: string, recipient: SealedHeader['recipient']): Buffer {
  const { N, r, p } = recipient;
  // scrypt needs 128·N·r bytes; maxmem leaves room above it and refuses anything larger.
  return scryptSync(passphrase, Buffer.from(recipient.salt, 'base64'), KEY_BYTES, { N, r, p, maxmem: 256 * N * r });
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
  const cipher = createCipheriv('aes-256-gcm', passphraseKey(normalized.value, header.recipient), Buffer.from(header.iv, 'base64'));
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

/**
 * Opens a sealed file of `kind` with the passphrase typed at the receiving screen. The envelope's
 * signature is checked first: when it holds, every byte is as sealed, so a file that then does not
 * decrypt was given the wrong passphrase; when it does not, the file was cut or changed. Plain files
 * of earlier versions are refused: a file with ID numbers does not travel unencrypted.
 */
export function openSealed(kind: SealedKind, text: string, typedPassphrase: string): ApiResult<OpenedFile> {
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

  const passphrase = normalizePassphrase(typedPassphrase);
  if (!passphrase.ok) return passphrase;
  const decipher = createDecipheriv('aes-256-gcm', passphraseKey(passphrase.value, file.recipient), Buffer.from(file.iv, 'base64'));
  decipher.setAAD(Buffer.from(canonicalJson(header)));
  decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
  let content: string;
  try {
    content = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return err('invalid-input', `${WRONG_PASSPHRASE}：请核对导出方屏幕上显示的口令`);
  }
  return ok({ content, sender: file.sender });
}
