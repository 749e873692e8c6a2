import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { DeviceKey } from '../core/device-key';
import { deviceIdFor, deviceKeyFrom } from '../core/device-key';
import type { CenterStore } from './store/center-store';

/**
 * The center's Ed25519 key: it signs receipts, center events and archive manifests. Every center
 * process on one database must sign as the same center, so the key lives in the database (created
 * once by whichever process comes first); whoever reads that database can sign as the center, so
 * the database's access control is the key's.
 */
export async function loadCenterKey(store: CenterStore): Promise<DeviceKey> {
  const row = await store.identity(() => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const publicKeyHex = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('hex');
    return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyHex, deviceId: deviceIdFor(publicKeyHex) };
  });
  return deviceKeyFrom(createPrivateKey(row.privateKeyPem));
}
