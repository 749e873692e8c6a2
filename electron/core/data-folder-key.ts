import { join } from 'node:path';
import { isEncryptedDatabaseFile, openDatabaseKey, type DatabaseKey, type OsKeystore } from './database-key';
import { isSealedDeviceKeyFile } from './device-key';

export const DATABASE_FILE = 'examday.sqlite';

/**
 * The data folder's database key (database-key.ts), created only when nothing encrypted is there yet.
 * Call under the folder's lock. Its own file, apart from core.ts, because Electron's main process
 * opens the key with the OS keystore and must not load the core or SQLite to do it.
 */
export function openDataFolderKey(options: { dataDir: string; keystore?: OsKeystore | undefined; databaseKey?: DatabaseKey | undefined }): DatabaseKey {
  if (options.databaseKey) return options.databaseKey;
  const holdsEncryptedData = isEncryptedDatabaseFile(join(options.dataDir, DATABASE_FILE)) || isSealedDeviceKeyFile(options.dataDir);
  return openDatabaseKey(options.dataDir, { keystore: options.keystore }, holdsEncryptedData);
}
