import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { PreverifiedSignatures, SignaturePool, SIGNATURE_BATCH } from '../../electron/core/signature-pool';

const signer = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const hexOf = (key: typeof signer.publicKey): string => key.export({ type: 'spki', format: 'der' }).toString('hex');
const hashAt = (i: number): string => i.toString(16).padStart(64, '0');
const sigOf = (hash: string): string => sign(null, Buffer.from(hash, 'hex'), signer.privateKey).toString('hex');

describe('signature pool: Ed25519 checks on worker threads, each result bound to its exact (key, hash, sig)', () => {
  const pool = new SignaturePool(2);
  afterAll(() => pool.close());

  it('answers in task order across batches, refusing a wrong key, an altered hash, a broken signature and a malformed key', async () => {
    const tasks = Array.from({ length: SIGNATURE_BATCH * 2 + 7 }, (_, i) => ({ publicKeyHex: hexOf(signer.publicKey), hash: hashAt(i), sig: sigOf(hashAt(i)) }));
    tasks[3] = { ...tasks[3]!, publicKeyHex: hexOf(other.publicKey) };
    tasks[SIGNATURE_BATCH + 1] = { ...tasks[SIGNATURE_BATCH + 1]!, hash: hashAt(999_999) };
    tasks[SIGNATURE_BATCH * 2 + 2] = { ...tasks[SIGNATURE_BATCH * 2 + 2]!, sig: '00'.repeat(64) };
    tasks[5] = { ...tasks[5]!, publicKeyHex: 'zz' };
    const valid = await pool.verify(tasks);
    const invalid = valid.flatMap((ok, i) => (ok ? [] : [i]));
    expect(invalid).toEqual([3, 5, SIGNATURE_BATCH + 1, SIGNATURE_BATCH * 2 + 2]);
  });

  it('vouches only for the (key, hash, sig) it checked', async () => {
    const hash = hashAt(1);
    const sig = sigOf(hash);
    const checked = await PreverifiedSignatures.check(pool, [{ publicKeyHex: hexOf(signer.publicKey), hash, sig }]);
    expect(checked.has(hexOf(signer.publicKey), hash, sig)).toBe(true);
    expect(checked.has(hexOf(other.publicKey), hash, sig)).toBe(false);
    expect(checked.has(hexOf(signer.publicKey), hashAt(2), sig)).toBe(false);
    expect(checked.has(hexOf(signer.publicKey), hash, sigOf(hashAt(2)))).toBe(false);
  });
});
