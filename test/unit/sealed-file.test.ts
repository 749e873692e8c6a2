import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseKey } from '../../electron/core/database-key';
import { createDeviceKeyFile } from '../../electron/core/device-key';
import { newPassphrase, openSealed, sealForDevice, sealWithPassphrase } from '../../electron/core/sealed-file';
import { encryptionKeyIsAuthentic } from '../../electron/core/device-key';
import { normalizePassphrase, passphraseFromBytes, sealedModeOf } from '../../shared/sync/sealed-file';

const dirs: string[] = [];
const keyIn = () => {
  const dir = mkdtempSync(join(tmpdir(), 'examday-sealed-'));
  dirs.push(dir);
  return createDeviceKeyFile(dir, DatabaseKey.generate());
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('passphrases', () => {
  it.each([
    ['as shown', '7K3M-Q9XD-4HNP-W2RT', '7K3MQ9XD4HNPW2RT'],
    ['lower case, spaces', ' 7k3m q9xd 4hnp w2rt ', '7K3MQ9XD4HNPW2RT'],
    ['full-width (a Chinese input method)', '７Ｋ３Ｍ－Ｑ９ＸＤ－４ＨＮＰ－Ｗ２ＲＴ', '7K3MQ9XD4HNPW2RT'],
    ['O, I and L typed for 0 and 1', 'OOIL-0011-AAAA-BBBB', '00110011AAAABBBB'],
  ])('%s', (_case, typed, chars) => {
    expect(normalizePassphrase(typed)).toEqual({ ok: true, value: chars });
  });

  it.each([
    ['empty', '  ', '请输入口令'],
    ['too short', '7K3M-Q9XD-4HNP', '口令应为 16 个字符（现为 12 个）'],
    ['too long', '7K3M-Q9XD-4HNP-W2RT-A', '口令应为 16 个字符（现为 17 个）'],
    ['a character outside the alphabet', '7K3M-Q9XD-4HNP-W2RU', '口令中有无效的字符“U”：口令只含数字和字母'],
    ['Chinese', '口令口令', '口令中有无效的字符“口”：口令只含数字和字母'],
  ])('refuses %s', (_case, typed, reason) => {
    expect(normalizePassphrase(typed)).toEqual({ ok: false, error: { code: 'invalid-input', message: reason } });
  });

  it('are 4 groups of 4 from 80 random bits, each bit counting', () => {
    expect(passphraseFromBytes(new Uint8Array(10))).toBe('0000-0000-0000-0000');
    expect(passphraseFromBytes(new Uint8Array(10).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    const last = new Uint8Array(10);
    last[9] = 1;
    expect(passphraseFromBytes(last)).toBe('0000-0000-0000-0001');
    expect(newPassphrase()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(newPassphrase()).not.toBe(newPassphrase());
  });
});

describe('a sealed file (passphrase)', () => {
  const key = keyIn();
  const inner = JSON.stringify({ format: 'examday-day-package', name: '张三', idNumber: '11010519491231002X' });
  const passphrase = newPassphrase();
  const sealed = sealWithPassphrase('day-package', inner, passphrase, key);
  const envelope = JSON.parse(sealed) as Record<string, unknown> & { ciphertext: string; tag: string; recipient: { salt: string } };

  /** The envelope again with one base64 field's first decoded byte flipped. */
  const flipped = (field: 'ciphertext' | 'tag' | 'iv'): string => {
    const bytes = Buffer.from(envelope[field] as string, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    return JSON.stringify({ ...envelope, [field]: bytes.toString('base64') });
  };

  it('opens with the passphrase, however it is typed, to the same bytes', () => {
    expect(openSealed('day-package', sealed, passphrase)).toEqual({ ok: true, value: { content: inner, sender: { deviceId: key.deviceId, publicKey: key.publicKeyHex } } });
    expect(openSealed('day-package', sealed, passphrase.toLowerCase().replace(/-/g, ' '))).toMatchObject({ ok: true, value: { content: inner } });
  });

  it('holds neither the name nor the ID number, in the file or in its base64 ciphertext', () => {
    for (const bytes of [Buffer.from(sealed), Buffer.from(envelope.ciphertext, 'base64')]) {
      expect(bytes.includes(Buffer.from('11010519491231002X'))).toBe(false);
      expect(bytes.includes(Buffer.from('张三'))).toBe(false);
    }
    expect(sealed).not.toContain(passphrase);
  });

  it('says the passphrase is wrong when the file is intact', () => {
    const other = passphraseFromBytes(new Uint8Array(10).fill(7));
    expect(openSealed('day-package', sealed, other)).toEqual({ ok: false, error: { code: 'invalid-input', message: '口令不正确：请核对导出方屏幕上显示的口令' } });
  });

  it.each([
    ['a byte of the ciphertext', () => flipped('ciphertext')],
    ['a byte of the tag', () => flipped('tag')],
    ['a byte of the iv (header)', () => flipped('iv')],
    ['the salt (header)', () => JSON.stringify({ ...envelope, recipient: { ...envelope.recipient, salt: Buffer.alloc(16, 1).toString('base64') } })],
  ])('says the file was altered when %s changed, even with the right passphrase', (_case, alter) => {
    const result = openSealed('day-package', alter(), passphrase);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^文件已损坏或被篡改：/) } });
  });

  it('says the file was altered when its kind was relabelled', () => {
    expect(openSealed('sync-file', JSON.stringify({ ...envelope, kind: 'sync-file' }), passphrase)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^文件已损坏或被篡改：/) },
    });
  });

  it('says a cut file is damaged, not a wrong passphrase', () => {
    for (const length of [sealed.length - 1, Math.floor(sealed.length / 2), 40]) {
      expect(openSealed('day-package', sealed.slice(0, length), passphrase)).toEqual({
        ok: false,
        error: { code: 'refused', message: '文件已损坏或被篡改：考试日数据包不完整（可能没有拷贝完）' },
      });
    }
  });

  it('refuses an envelope re-signed by another device', () => {
    const other = keyIn();
    const resealed = JSON.parse(sealWithPassphrase('day-package', inner, passphrase, other)) as Record<string, unknown>;
    const swapped = JSON.stringify({ ...envelope, sig: resealed.sig });
    expect(openSealed('day-package', swapped, passphrase)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^文件已损坏或被篡改/) } });
    // Its own file, opened: the sender named is the other device, for the caller to compare with the file inside.
    expect(openSealed('day-package', JSON.stringify(resealed), passphrase)).toMatchObject({ ok: true, value: { sender: { deviceId: other.deviceId } } });
  });

  it('refuses plain files, the other kind, and what is not ours, each by name', () => {
    expect(openSealed('day-package', inner, passphrase)).toMatchObject({ ok: false, error: { message: expect.stringContaining('没有加密') } });
    expect(openSealed('sync-file', sealed, passphrase)).toEqual({ ok: false, error: { code: 'invalid-input', message: '这是考试日数据包，不是同步包' } });
    expect(openSealed('day-package', '{"hello":1}', passphrase)).toEqual({ ok: false, error: { code: 'invalid-input', message: '文件不是考试日数据包' } });
    expect(openSealed('day-package', 'PK\u0003\u0004', passphrase)).toEqual({ ok: false, error: { code: 'invalid-input', message: '文件不是考试日数据包：内容无法读取' } });
    expect(openSealed('day-package', JSON.stringify({ ...envelope, version: 2 }), passphrase)).toMatchObject({ ok: false, error: { message: '考试日数据包由更新版本的程序导出，请先升级本机程序' } });
  });

  it('refuses a file asking for an scrypt cost beyond the cap before deriving anything', () => {
    const costly = JSON.stringify({ ...envelope, recipient: { ...envelope.recipient, N: 2 ** 20 } });
    expect(openSealed('day-package', costly, passphrase)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^文件已损坏或被篡改：加密信封格式错误/) } });
  });
});

describe('a sealed file (device key): to the receiver’s enrolled X25519 key', () => {
  const office = keyIn();
  const door = keyIn();
  const stranger = keyIn();
  const inner = JSON.stringify({ format: 'examday-sync-file', name: '张三', idNumber: '11010519491231002X' });
  const to = (receiver: typeof door) => ({ deviceId: receiver.deviceId, encryptionPublicKey: receiver.encryption.publicKey });
  const tamperedMessage = { ok: false, error: { message: expect.stringMatching(/^文件已损坏或被篡改：/) } };

  it('each device vouches for its encryption key with its signing key, and the key is its own', () => {
    expect(encryptionKeyIsAuthentic(door.publicKeyHex, door.encryption)).toBe(true);
    expect(encryptionKeyIsAuthentic(office.publicKeyHex, door.encryption)).toBe(false);
    expect(encryptionKeyIsAuthentic(door.publicKeyHex, { ...door.encryption, publicKey: stranger.encryption.publicKey })).toBe(false);
    expect(door.encryption.publicKey).not.toBe(office.encryption.publicKey);
  });

  it.each([
    ['office → door (a day package)', 'day-package', office, door],
    ['door → office (a sync file)', 'sync-file', door, office],
  ] as const)('%s: only the receiver opens it, with no passphrase, to the same bytes', (_case, kind, sender, receiver) => {
    const sealed = sealForDevice(kind, inner, to(receiver), sender);
    expect(JSON.parse(sealed)).toMatchObject({ recipient: { mode: 'device-key', deviceId: receiver.deviceId } });
    expect(Buffer.from(sealed).includes(Buffer.from('11010519491231002X'))).toBe(false);
    expect(Buffer.from((JSON.parse(sealed) as { ciphertext: string }).ciphertext, 'base64').includes(Buffer.from('张三'))).toBe(false);
    expect(openSealed(kind, sealed, { deviceKey: receiver })).toEqual({ ok: true, value: { content: inner, sender: { deviceId: sender.deviceId, publicKey: sender.publicKeyHex } } });
    // A passphrase typed anyway is not what opens it.
    expect(openSealed(kind, sealed, { passphrase: 'whatever', deviceKey: receiver })).toMatchObject({ ok: true, value: { content: inner } });
  });

  it('says from the envelope alone whether a chosen file needs a passphrase (screens skip the prompt)', () => {
    expect(sealedModeOf(sealForDevice('sync-file', inner, to(office), door))).toBe('device-key');
    expect(sealedModeOf(sealWithPassphrase('sync-file', inner, newPassphrase(), door))).toBe('passphrase');
    expect(sealedModeOf(inner)).toBeUndefined();
    expect(sealedModeOf('not json')).toBeUndefined();
  });

  it('tells a wrong device from a tampered file', () => {
    const sealed = sealForDevice('day-package', inner, to(door), office);
    const envelope = JSON.parse(sealed) as Record<string, unknown> & { ciphertext: string; recipient: Record<string, string> };
    // Intact, but not this device's: the wrong key, said as such.
    expect(openSealed('day-package', sealed, { deviceKey: stranger })).toEqual({
      ok: false,
      error: { code: 'refused', message: `不是加密给本机的文件：这个考试日数据包是加密给设备 ${door.deviceId.slice(0, 6)} 的，本机是 ${stranger.deviceId.slice(0, 6)}。请在那台设备上导入，或请导出方改用口令重新导出` },
    });
    expect(openSealed('day-package', sealed, { passphrase: newPassphrase() })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^不是加密给本机的文件：/) } });
    // Altered: a ciphertext byte, or the recipient redirected to another device: the envelope's signature says so first.
    const bytes = Buffer.from(envelope.ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(openSealed('day-package', JSON.stringify({ ...envelope, ciphertext: bytes.toString('base64') }), { deviceKey: door })).toMatchObject(tamperedMessage);
    const redirected = { ...envelope.recipient, deviceId: stranger.deviceId, publicKey: stranger.encryption.publicKey };
    expect(openSealed('day-package', JSON.stringify({ ...envelope, recipient: redirected }), { deviceKey: stranger })).toMatchObject(tamperedMessage);
    const oneTime = keyIn().encryption.publicKey;
    expect(openSealed('day-package', JSON.stringify({ ...envelope, recipient: { ...envelope.recipient, ephemeralPublicKey: oneTime } }), { deviceKey: door })).toMatchObject(tamperedMessage);
  });

  it('tells the sender’s wrong key from tampering: sealed to the door’s id with a key the door never vouched for', () => {
    // A sender holding a stale key for the door (another laptop re-installed under the same id cannot
    // happen: the id derives from the key); the envelope is signed and intact, the key is not the door's.
    const sealed = sealForDevice('day-package', inner, { deviceId: door.deviceId, encryptionPublicKey: stranger.encryption.publicKey }, office);
    expect(openSealed('day-package', sealed, { deviceKey: door })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^不是加密给本机的文件：/) } });
  });
});
