import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatKeyFingerprint } from '../../shared/devices/key-fingerprint';

export interface DeviceKey {
  deviceId: string;
  /** SPKI DER, hex: what other devices and the center store to check this device's signatures. */
  publicKeyHex: string;
  signHash(hashHex: string): string;
}

const KEY_FILE = 'device-key.pem';

/** A device id is the start of the public key's fingerprint, so it cannot be claimed by another key. */
export function deviceIdFor(publicKeyHex: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex').slice(0, 16);
}

/** The key's fingerprint as screens show it (shared/devices/key-fingerprint.ts); its first 4 groups are the device id. */
export function keyFingerprintFor(publicKeyHex: string): string {
  return formatKeyFingerprint(createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex'));
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
