import { join } from 'node:path';
import type { Db } from './database';
import type { DatabaseKey } from './database-key';
import { createDeviceKeyFile, KEY_FILE, readDeviceKeyFile, sealDeviceKeyFile, type DeviceKey } from './device-key';
import { readMeta, writeMeta } from './record-meta';
import { StartupRefusal } from './startup-refusal';

/**
 * This device's key for the log in `db`, from the same folder. The log names its own device
 * (meta.own_device_id, written on the first open): a key that is missing, damaged or another
 * device's is refused, never replaced, since a new identity over an existing log would leave its
 * events without their signer and let the next events start a second chain. A key is created only
 * for a log that has no device yet. The key file is sealed with the folder's database key; an
 * earlier version's plain file is sealed in place once it has been checked.
 */
export function openDeviceIdentity(db: Db, dataDir: string, databaseKey: DatabaseKey): DeviceKey {
  const ownDeviceId = readMeta(db, 'own_device_id');
  const file = readDeviceKeyFile(dataDir, databaseKey);
  const keyPath = join(dataDir, KEY_FILE);
  const whatToDo =
    `请从备份恢复本机原来的 ${KEY_FILE} 到数据目录 ${dataDir}；或用一个新的数据目录开始（原目录留作存档）。` +
    `原有记录仍可用 examday verify --data ${dataDir} 校验。`;

  if (file.state === 'damaged') {
    const owner = ownDeviceId ? `这里的记录属于设备 ${ownDeviceId}，` : '';
    throw new StartupRefusal(`设备密钥 ${keyPath} 已损坏（${file.problem}），考务现场不会启动。${owner}程序不会用新密钥替换它。${whatToDo}`);
  }
  if (file.state === 'missing') {
    if (ownDeviceId) {
      throw new StartupRefusal(`数据目录 ${dataDir} 中缺少设备密钥 ${KEY_FILE}，而这里的记录属于设备 ${ownDeviceId}，考务现场不会启动：程序不会给已有的记录换一个新的设备身份。${whatToDo}`);
    }
    const key = createDeviceKeyFile(dataDir, databaseKey);
    writeMeta(db, 'own_device_id', key.deviceId);
    return key;
  }
  if (ownDeviceId === undefined) {
    writeMeta(db, 'own_device_id', file.key.deviceId);
  } else if (file.key.deviceId !== ownDeviceId) {
    throw new StartupRefusal(`数据目录 ${dataDir} 中的设备密钥属于设备 ${file.key.deviceId}，而这里的记录属于设备 ${ownDeviceId}，考务现场不会启动。${whatToDo}`);
  }
  if (!file.sealed) sealDeviceKeyFile(dataDir, file.privateKey, databaseKey);
  return file.key;
}
