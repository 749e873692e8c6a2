import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { restrictToOwner } from './owner-only';
import { formatKeyFingerprint } from '../../shared/devices/key-fingerprint';

export interface DeviceKey {
  deviceId: string;
  /** SPKI DER, hex: what other devices and the center store to check this device's signatures. */
  publicKeyHex: string;
  signHash(hashHex: string): string;
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
 * The public key of the data folder's own device-key.pem, or undefined when there is none or it
 * cannot be read. Never creates a key: an audit must not write into the folder it audits.
 */
export function readOwnPublicKey(dataDir: string): string | undefined {
  try {
    const privateKey = createPrivateKey(readFileSync(join(dataDir, KEY_FILE), 'utf8'));
    return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('hex');
  } catch {
    return undefined;
  }
}

export type DeviceKeyFile =
  | { state: 'missing' }
  /** `problem` says in Chinese what is wrong with the file. */
  | { state: 'damaged'; problem: string }
  | { state: 'ok'; key: DeviceKey };

function deviceKeyFrom(privateKey: KeyObject): DeviceKey {
  const publicKeyHex = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('hex');
  return {
    deviceId: deviceIdFor(publicKeyHex),
    publicKeyHex,
    signHash: (hashHex) => sign(null, Buffer.from(hashHex, 'hex'), privateKey).toString('hex'),
  };
}

/** Reads the data folder's device key without creating or changing anything. */
export function readDeviceKeyFile(dataDir: string): DeviceKeyFile {
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) return { state: 'missing' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { state: 'damaged', problem: `无法读取：${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (text.trim() === '') return { state: 'damaged', problem: '文件是空的' };
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(text);
  } catch {
    return { state: 'damaged', problem: '内容不完整或已损坏' };
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') return { state: 'damaged', problem: '不是 Ed25519 设备密钥' };
  // An earlier version may have left it readable by others.
  restrictToOwner([file]);
  return { state: 'ok', key: deviceKeyFrom(privateKey) };
}

/**
 * Creates the data folder's device key (mode 0600). Written whole or not at all: to a temporary
 * file, flushed to disk, renamed over the name, and the folder flushed, so a crash or power cut
 * never leaves an empty or cut key behind. Call only when the key is missing, under the folder lock.
 */
export function createDeviceKeyFile(dataDir: string): DeviceKey {
  const file = join(dataDir, KEY_FILE);
  // A temporary key left by a crash before its rename was never used by any event: drop it.
  for (const name of readdirSync(dataDir)) if (name.startsWith(`${KEY_FILE}.tmp`)) rmSync(join(dataDir, name), { force: true });
  const privateKey = generateKeyPairSync('ed25519').privateKey;
  const temp = `${file}.tmp-${process.pid}`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  syncFolder(dataDir);
  return deviceKeyFrom(privateKey);
}

/** Makes a rename in `dir` durable. Windows cannot open a folder for flushing; NTFS journals the rename. */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
