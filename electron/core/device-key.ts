import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseKey } from './database-key';
import { writeFileDurably } from './durable-file';
import { restrictToOwner } from './owner-only';
import { formatKeyFingerprint } from '../../shared/devices/key-fingerprint';

export interface DeviceKey {
  deviceId: string;
  /** SPKI DER, hex: what other devices and the center store to check this device's signatures. */
  publicKeyHex: string;
  signHash(hashHex: string): string;
  /**
   * This device's X25519 key for files sealed to it (sealed-file.ts), SPKI DER hex, with this
   * device's Ed25519 signature over it (encryptionKeyInput), so whoever holds the signing key pinned
   * can trust it wherever it travels (enrolment).
   */
  encryption: SignedEncryptionKey;
  /** X25519 shared secret between this device's encryption key and `peerPublicKeyHex` (SPKI DER hex). */
  agree(peerPublicKeyHex: string): Buffer;
}

export interface SignedEncryptionKey {
  publicKey: string;
  sig: string;
}

/** What a device signs to vouch for its encryption key. */
export function encryptionKeyInput(deviceId: string, publicKey: string): string {
  return sha256Hex(JSON.stringify({ purpose: 'examday-encryption-key', version: 1, deviceId, publicKey }));
}

/** Whether `encryption` is vouched for by the device whose Ed25519 key is `signingPublicKeyHex`. */
export function encryptionKeyIsAuthentic(signingPublicKeyHex: string, encryption: SignedEncryptionKey): boolean {
  return verifySignature(signingPublicKeyHex, encryptionKeyInput(deviceIdFor(signingPublicKeyHex), encryption.publicKey), encryption.sig);
}

/** DER prefix of a PKCS#8 X25519 private key; the 32-byte scalar follows. */
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_INFO = Buffer.from('examday x25519 from device-key v1', 'utf8');

/**
 * The device's X25519 key, derived from its Ed25519 seed by HKDF: one key file holds both, and the
 * derivation is one way, so the encryption key reveals nothing of the signing key.
 */
function x25519From(privateKey: KeyObject): KeyObject {
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const seed = der.subarray(der.length - 32);
  const scalar = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), X25519_INFO, 32));
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, scalar]), format: 'der', type: 'pkcs8' });
}

/** X25519 public key from SPKI DER hex, or undefined when it is not one. */
export function x25519PublicKeyFromHex(publicKeyHex: string): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyHex, 'hex'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'x25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

export const KEY_FILE = 'device-key.pem';

/** sha256 of the key's SPKI DER, hex: what an auditor compares with the office's list of devices. */
export function keyFingerprint(publicKeyHex: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex');
}

/** The key's fingerprint as screens show it (shared/devices/key-fingerprint.ts); its first 4 groups are the device id. */
export function keyFingerprintFor(publicKeyHex: string): string {
  return formatKeyFingerprint(keyFingerprint(publicKeyHex));
}

/** A device id is the start of the public key's fingerprint, so it cannot be claimed by another key. */
export function deviceIdFor(publicKeyHex: string): string {
  return keyFingerprint(publicKeyHex).slice(0, 16);
}

/**
 * The key file is sealed with the data folder's database key (database-key.ts): AES-256-GCM under a key
 * derived from it by HKDF (so the one secret never serves two ciphers as it is), the PKCS#8 DER inside.
 * GCM's tag tells a wrong key or a changed byte from a good file.
 */
const SEALED_LABEL = 'EXAMDAY SEALED PRIVATE KEY';
const SEAL_INFO = Buffer.from('examday device-key.pem v1', 'utf8');
const IV_BYTES = 12;
const TAG_BYTES = 16;

function sealingKey(databaseKey: DatabaseKey): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey.bytes(), Buffer.alloc(0), SEAL_INFO, 32));
}

function sealPrivateKey(privateKey: KeyObject, databaseKey: DatabaseKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(databaseKey), iv).setAAD(SEAL_INFO);
  const sealed = Buffer.concat([cipher.update(privateKey.export({ type: 'pkcs8', format: 'der' })), cipher.final()]);
  const body = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${SEALED_LABEL}-----\n${body}-----END ${SEALED_LABEL}-----\n`;
}

const isSealedText = (text: string): boolean => text.trimStart().startsWith(`-----BEGIN ${SEALED_LABEL}-----`);

/** Throws when the key is not the one that sealed it or the file was changed. */
function unsealPrivateKey(text: string, databaseKey: DatabaseKey): KeyObject {
  const body = text.replace(`-----BEGIN ${SEALED_LABEL}-----`, '').replace(`-----END ${SEALED_LABEL}-----`, '').replace(/\s+/g, '');
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error('too short');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(databaseKey), bytes.subarray(0, IV_BYTES)).setAAD(SEAL_INFO);
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const der = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** true when the folder's device key is sealed (only its database key opens it). */
export function isSealedDeviceKeyFile(dataDir: string): boolean {
  try {
    return isSealedText(readFileSync(join(dataDir, KEY_FILE), 'utf8'));
  } catch {
    return false;
  }
}

/**
 * The public key of the data folder's own device-key.pem, or undefined when there is none or it
 * cannot be read (or unsealed with `databaseKey`). Never creates or changes a key: an audit must not
 * write into the folder it audits.
 */
export function readOwnPublicKey(dataDir: string, databaseKey: DatabaseKey | undefined): string | undefined {
  try {
    const text = readFileSync(join(dataDir, KEY_FILE), 'utf8');
    if (isSealedText(text) && !databaseKey) return undefined;
    const privateKey = isSealedText(text) && databaseKey ? unsealPrivateKey(text, databaseKey) : createPrivateKey(text);
    return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('hex');
  } catch {
    return undefined;
  }
}

export type DeviceKeyFile =
  | { state: 'missing' }
  /** `problem` says in Chinese what is wrong with the file. */
  | { state: 'damaged'; problem: string }
  /** `sealed` is false for a file an earlier version wrote in the clear (openDeviceIdentity seals it). */
  | { state: 'ok'; key: DeviceKey; sealed: boolean; privateKey: KeyObject };

export function deviceKeyFrom(privateKey: KeyObject): DeviceKey {
  const publicKeyHex = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('hex');
  const deviceId = deviceIdFor(publicKeyHex);
  const signHash = (hashHex: string): string => sign(null, Buffer.from(hashHex, 'hex'), privateKey).toString('hex');
  const encryptionKey = x25519From(privateKey);
  const encryptionPublicKey = createPublicKey(encryptionKey).export({ type: 'spki', format: 'der' }).toString('hex');
  return {
    deviceId,
    publicKeyHex,
    signHash,
    encryption: { publicKey: encryptionPublicKey, sig: signHash(encryptionKeyInput(deviceId, encryptionPublicKey)) },
    agree: (peerPublicKeyHex) => {
      const peer = x25519PublicKeyFromHex(peerPublicKeyHex);
      if (!peer) throw new Error('agree: not an X25519 public key');
      return diffieHellman({ privateKey: encryptionKey, publicKey: peer });
    },
  };
}

/** Reads the data folder's device key, sealed or (an earlier version's) plain, without creating or changing anything. */
export function readDeviceKeyFile(dataDir: string, databaseKey: DatabaseKey): DeviceKeyFile {
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) return { state: 'missing' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { state: 'damaged', problem: `无法读取：${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (text.trim() === '') return { state: 'damaged', problem: '文件是空的' };
  const sealed = isSealedText(text);
  let privateKey: KeyObject;
  try {
    privateKey = sealed ? unsealPrivateKey(text, databaseKey) : createPrivateKey(text);
  } catch {
    return { state: 'damaged', problem: sealed ? '内容不完整或已损坏，或不是用本数据目录的数据库密钥加密的' : '内容不完整或已损坏' };
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') return { state: 'damaged', problem: '不是 Ed25519 设备密钥' };
  // An earlier version may have left it readable by others.
  restrictToOwner([file]);
  return { state: 'ok', key: deviceKeyFrom(privateKey), sealed, privateKey };
}

/**
 * Creates the data folder's device key (mode 0600), sealed with `databaseKey`. Written whole or not at
 * all (durable-file.ts), so a crash or power cut never leaves an empty or cut key behind. Call only
 * when the key is missing, under the folder lock.
 */
export function createDeviceKeyFile(dataDir: string, databaseKey: DatabaseKey): DeviceKey {
  // A temporary key left by a crash before its rename was never used by any event: drop it.
  for (const name of readdirSync(dataDir)) if (name.startsWith(`${KEY_FILE}.tmp`)) rmSync(join(dataDir, name), { force: true });
  const privateKey = generateKeyPairSync('ed25519').privateKey;
  writeFileDurably(join(dataDir, KEY_FILE), sealPrivateKey(privateKey, databaseKey));
  return deviceKeyFrom(privateKey);
}

/**
 * Replaces an earlier version's plain key file by the same key sealed with `databaseKey`, whole or not
 * at all: a crash leaves either the plain file or the sealed one, the same key in both.
 */
export function sealDeviceKeyFile(dataDir: string, privateKey: KeyObject, databaseKey: DatabaseKey): void {
  writeFileDurably(join(dataDir, KEY_FILE), sealPrivateKey(privateKey, databaseKey));
}

/** A device's public key (hex SPKI DER, as stored in `devices`) ready for verifying; undefined when malformed. */
export function publicKeyFromHex(publicKeyHex: string): KeyObject | undefined {
  try {
    return createPublicKey({ key: Buffer.from(publicKeyHex, 'hex'), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

export function verifySignature(publicKey: string | KeyObject, hashHex: string, sigHex: string): boolean {
  try {
    const key = typeof publicKey === 'string' ? publicKeyFromHex(publicKey) : publicKey;
    if (!key) return false;
    return verify(null, Buffer.from(hashHex, 'hex'), key, Buffer.from(sigHex, 'hex'));
  } catch {
    return false;
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
