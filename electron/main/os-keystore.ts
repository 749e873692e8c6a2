import { safeStorage } from 'electron';
import type { OsKeystore } from '../core/database-key';

const BACKEND_NAMES: Record<string, string> = {
  win32: 'Windows 数据保护（DPAPI）',
  darwin: 'macOS 钥匙串（Keychain）',
};

/**
 * Electron's safeStorage as the core's keystore for the database key (database-key.ts), or undefined
 * where it protects nothing: no keystore at all, or Linux's `basic_text` fallback (a fixed password
 * in Chromium's source). The core then keeps its key file beside the data folder, as in browser mode.
 * Call after app.whenReady().
 */
export function electronKeystore(): OsKeystore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return undefined;
  }
  return {
    name: BACKEND_NAMES[process.platform] ?? '系统密钥环（libsecret / KWallet）',
    seal: (secret) => safeStorage.encryptString(secret),
    unseal: (sealed) => safeStorage.decryptString(sealed),
  };
}
