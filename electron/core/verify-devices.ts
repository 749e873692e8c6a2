import type { KeyObject } from 'node:crypto';
import type { VerifyProblem, VerifyReport } from '../../shared/api/contract';
import type { Db } from './database';
import { deviceIdFor, keyFingerprint, publicKeyFromHex } from './device-key';

type DeviceKeyEntry = NonNullable<VerifyReport['deviceKeys']>[number];

export interface CheckedDeviceKeys {
  /** Keys that may check signatures: parsed, and matching the device id they are stored under. */
  usable: Map<string, KeyObject>;
  /** Devices whose stored key does not derive their id: their signatures prove nothing. */
  untrusted: Set<string>;
  entries: DeviceKeyEntry[];
  problems: VerifyProblem[];
}

/**
 * The keys in `devices`, each checked against its device id (the id is the start of the key's
 * fingerprint, device-key.ts), so replacing a device's key row to re-sign its log is seen.
 *
 * Where the trust comes from: a row equal to `ownPublicKeyHex` (this data folder's device-key.pem) is
 * this device's own key. Every other row was stored when a day package was imported or a device
 * enrolled, on first use; the id check shows the row was not swapped afterwards, but only comparing
 * its fingerprint with the office's list of devices shows it is the office's key at all.
 */
export function checkDeviceKeys(db: Db, ownPublicKeyHex: string | undefined): CheckedDeviceKeys {
  const rows = db.prepare('SELECT device_id, public_key FROM devices ORDER BY device_id').all() as { device_id: string; public_key: string }[];
  const result: CheckedDeviceKeys = { usable: new Map(), untrusted: new Set(), entries: [], problems: [] };
  for (const row of rows) {
    const deviceId = row.device_id;
    const isHex = /^[0-9a-f]+$/.test(row.public_key);
    const key = isHex ? publicKeyFromHex(row.public_key) : undefined;
    if (!key) {
      result.untrusted.add(deviceId);
      result.problems.push({ kind: 'device-key', deviceId, message: `设备 ${deviceId} 的公钥记录已损坏，无法读取` });
      continue;
    }
    if (deviceIdFor(row.public_key) !== deviceId) {
      result.untrusted.add(deviceId);
      result.problems.push({
        kind: 'device-key',
        deviceId,
        message: `设备 ${deviceId} 的公钥与设备标识不符：公钥记录被替换，该设备的签名不可信`,
      });
    } else {
      result.usable.set(deviceId, key);
    }
    const trust = ownPublicKeyHex !== undefined && row.public_key === ownPublicKeyHex ? 'own-key-file' : 'learned';
    result.entries.push({ deviceId, fingerprint: keyFingerprint(row.public_key), trust, events: 0 });
  }
  if (ownPublicKeyHex !== undefined) {
    const ownId = deviceIdFor(ownPublicKeyHex);
    const ownRow = rows.find((r) => r.device_id === ownId);
    if (!ownRow) {
      result.problems.push({
        kind: 'device-key',
        deviceId: ownId,
        message: `本机密钥文件属于设备 ${ownId}，日志中却没有这台设备的公钥记录：数据库可能被整体替换`,
      });
    } else if (ownRow.public_key !== ownPublicKeyHex) {
      result.problems.push({ kind: 'device-key', deviceId: ownId, message: `设备 ${ownId} 的公钥记录与本机密钥文件不符` });
    }
  }
  return result;
}
