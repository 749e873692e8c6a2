import type { DeviceKey } from '../../electron/core/device-key';
import { openSealed, sealWithPassphrase } from '../../electron/core/sealed-file';
import type { SealedKind } from '../../shared/sync/sealed-file';

/** The signed file inside a sealed one (tests alter it, then seal it again with the sender's key). */
export function unsealed(kind: SealedKind, sealed: string, passphrase: string | null): string {
  const opened = openSealed(kind, sealed, { passphrase });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value.content;
}

/**
 * `sealed` opened, its inner file changed by `change` and sealed again by `key` with the same
 * passphrase: the envelope is then sound, so only the checks of the file inside can catch the change.
 */
export function alteredInside(kind: SealedKind, sealed: string, passphrase: string | null, key: DeviceKey, change: (inner: string) => string): string {
  if (passphrase === null) throw new Error('alteredInside: the file was sealed to a device key, not a passphrase');
  return sealWithPassphrase(kind, change(unsealed(kind, sealed, passphrase)), passphrase, key);
}

/** Whether `text` (a sealed file) holds `needle` in its bytes or in its base64-decoded ciphertext. */
export function sealedHolds(text: string, needle: string | null): boolean {
  if (needle === null) return false;
  const ciphertext = Buffer.from((JSON.parse(text) as { ciphertext: string }).ciphertext, 'base64');
  return Buffer.from(text).includes(Buffer.from(needle)) || ciphertext.includes(Buffer.from(needle));
}
