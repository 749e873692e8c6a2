import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DeviceKey {
  deviceId: string;
  /** SPKI DER, hex: what other devices and the center store to check this device's signatures. */
  publicKeyHex: string;
  signHash(hashHex: string): string;
}

const KEY_FILE = 'device-key.pem';

/** sha256 of the key's SPKI DER, hex: what an auditor compares with the office's list of devices. */
export function keyFingerprint(publicKeyHex: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex');
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

/** Loads this device's Ed25519 key from the data folder, creating it on first run (mode 0600). */
export function loadOrCreateDeviceKey(dataDir: string): DeviceKey {
  const file = join(dataDir, KEY_FILE);
  let privateKey: KeyObject;
  if (existsSync(file)) {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } else {
    privateKey = generateKeyPairSync('ed25519').privateKey;
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const publicKeyHex = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('hex');
  return {
    deviceId: deviceIdFor(publicKeyHex),
    publicKeyHex,
    signHash: (hashHex) => sign(null, Buffer.from(hashHex, 'hex'), privateKey).toString('hex'),
  };
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
