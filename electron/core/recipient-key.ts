import type { ProjectionStore } from '../../shared/projection/store';
import type { Db } from './database';
import { encryptionKeyIsAuthentic } from './device-key';
import type { SealRecipient } from './sealed-file';

/**
 * The encryption key of `deviceId` as this device learned it at enrolment (the latest
 * 'device.enrolled' naming it that carries one), checked against the signing key pinned for it:
 * a file for that device is sealed to it (issue 11 item 4). Undefined when none is known, or the
 * device was revoked: then the file goes by passphrase.
 */
export function recipientKeyOf(db: Db, store: ProjectionStore, deviceId: string): SealRecipient | undefined {
  if (store.listEnrolledDevices().some((d) => d.deviceId === deviceId && d.revoked)) return undefined;
  const pinned = db.prepare('SELECT public_key FROM devices WHERE device_id = ?').pluck().get(deviceId) as string | undefined;
  if (pinned === undefined) return undefined;
  const payloads = db
    .prepare("SELECT payload FROM events WHERE type = 'device.enrolled' AND json_extract(payload, '$.deviceId') = ? ORDER BY local_order DESC")
    .pluck()
    .all(deviceId) as string[];
  for (const text of payloads) {
    const { encryptionKey } = JSON.parse(text) as { encryptionKey?: { publicKey: string; sig: string } };
    if (encryptionKey && encryptionKeyIsAuthentic(pinned, encryptionKey)) return { deviceId, encryptionPublicKey: encryptionKey.publicKey };
  }
  return undefined;
}
