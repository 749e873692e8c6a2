import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreHost } from '../../electron/core/core-host';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { verifyEventLog } from '../../electron/core/verify-log';
import { samplePin } from '../../shared/sample/sample-pins';
import { openClockedCore, valueOf, type ClockedCore } from '../support/clocked-core';
import { fixtureDay } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

// S001 is the 主考; P0002 the 副监考 of room 01; R001 a 流动监考 (test/support/fixture-day.ts).
const day = fixtureDay(30);
const refusal = (answer: { ok: boolean; error?: { message: string } }): string => (answer.ok ? 'accepted' : (answer.error?.message ?? ''));

describe('signing in by badge and PIN, on a real SQLite file', () => {
  let day0: ClockedCore;
  beforeEach(() => {
    day0 = openClockedCore(day, 7, 35);
  });
  afterEach(() => day0.close());

  it('sets a PIN at the briefing, signs in at a door, and never writes the PIN', () => {
    const h = day0.core.handlers;
    expect(refusal(h.signIn({ badgeCode: 'KW-P0002', pin: '135792', roomNo: '01' }))).toBe('尚未设置 PIN：请先在考务办扫描胸卡设置 PIN');
    expect(refusal(h.setPin({ badgeCode: 'KW-P0002', pin: '123456', pinRepeat: '123456' }))).toMatch(/连续/);
    expect(refusal(h.setPin({ badgeCode: 'KW-P0002', pin: '135792', pinRepeat: '135790' }))).toBe('两次输入的 PIN 不一致，请重新输入');
    valueOf(h.setPin({ badgeCode: 'kw-p0002', pin: '135792', pinRepeat: '135792' }));

    const signedIn = valueOf(h.signIn({ badgeCode: 'KW-P0002', pin: '135792', roomNo: '01' }));
    expect(signedIn.staff).toMatchObject({ staffId: 'P0002', role: 'second-proctor', roomNo: '01' });
    const logged = day0.core.db.prepare("SELECT type, payload, actor FROM events WHERE type LIKE 'staff.%' AND type <> 'staff.registered' ORDER BY seq").all() as { type: string; payload: string; actor: string }[];
    expect(logged.map((e) => e.type)).toEqual(['staff.pin-set', 'staff.signed-in']);
    expect(JSON.parse(logged[0]!.actor)).toMatchObject({ staffId: 'P0002' });
    expect(JSON.parse(logged[0]!.payload)).toMatchObject({ staffId: 'P0002', params: { algorithm: 'scrypt', N: 32768, r: 8, p: 1 } });
    for (const e of logged) expect(e.payload).not.toContain('135792');
  });

  it('refuses a second PIN from the badge alone; the 主考 resets it with their own badge and PIN', () => {
    const h = day0.core.handlers;
    valueOf(h.setPin({ badgeCode: 'KW-S001', pin: '864200', pinRepeat: '864200' }));
    valueOf(h.setPin({ badgeCode: 'KW-P0002', pin: '135792', pinRepeat: '135792' }));
    expect(refusal(h.setPin({ badgeCode: 'KW-P0002', pin: '975310', pinRepeat: '975310' }))).toMatch(/已设置过 PIN：如需重设，请主考或副主考/);
    expect(refusal(h.setPin({ badgeCode: 'KW-P0002', pin: '975310', pinRepeat: '975310', examinerBadgeCode: 'KW-R001', examinerPin: '864200' }))).toMatch(/不是主考或副主考/);
    valueOf(h.setPin({ badgeCode: 'KW-P0002', pin: '975310', pinRepeat: '975310', examinerBadgeCode: 'KW-S001', examinerPin: '864200' }));
    expect(refusal(h.signIn({ badgeCode: 'KW-P0002', pin: '135792' }))).toBe('PIN 不正确，还可尝试 4 次');
    expect(h.signIn({ badgeCode: 'KW-P0002', pin: '975310' }).ok).toBe(true);
  });

  it('counts wrong PINs, locks the badge after five in a row, and only the 主考 unlocks it', () => {
    const h = day0.core.handlers;
    valueOf(h.setPin({ badgeCode: 'KW-S001', pin: '864200', pinRepeat: '864200' }));
    valueOf(h.setPin({ badgeCode: 'KW-P0002', pin: '135792', pinRepeat: '135792' }));
    valueOf(h.setPin({ badgeCode: 'KW-R001', pin: '246813', pinRepeat: '246813' }));

    // A right PIN ends a run of wrong ones.
    expect(refusal(h.signIn({ badgeCode: 'KW-P0002', pin: '000001' }))).toBe('PIN 不正确，还可尝试 4 次');
    expect(h.signIn({ badgeCode: 'KW-P0002', pin: '135792' }).ok).toBe(true);
    const messages = Array.from({ length: 5 }, () => refusal(h.signIn({ badgeCode: 'KW-P0002', pin: '000001', roomNo: '01' })));
    expect(messages).toEqual([
      'PIN 不正确，还可尝试 4 次',
      'PIN 不正确，还可尝试 3 次',
      'PIN 不正确，还可尝试 2 次',
      'PIN 不正确，还可尝试 1 次',
      'PIN 不正确。已连续 5 次错误，胸卡已锁定：请主考扫描胸卡并输入 PIN 解锁',
    ]);
    // Locked: even the right PIN is not checked.
    expect(refusal(h.signIn({ badgeCode: 'KW-P0002', pin: '135792' }))).toBe('胸卡已锁定（连续 5 次 PIN 错误）：请主考扫描胸卡并输入 PIN 解锁');
    expect(valueOf(h.listPinStatus({})).staff.find((s) => s.staffId === 'P0002')).toMatchObject({ hasPin: true, locked: true, wrongInRow: 5, setBy: 'self' });

    expect(refusal(h.unlockBadge({ badgeCode: 'KW-P0002', examinerBadgeCode: 'KW-R001', examinerPin: '246813' }))).toMatch(/不是主考或副主考/);
    expect(refusal(h.unlockBadge({ badgeCode: 'KW-P0002', examinerBadgeCode: 'KW-S001', examinerPin: '111112' }))).toBe('主考：PIN 不正确，还可尝试 4 次');
    valueOf(h.unlockBadge({ badgeCode: 'KW-P0002', examinerBadgeCode: 'KW-S001', examinerPin: '864200' }));
    expect(refusal(h.unlockBadge({ badgeCode: 'KW-P0002', examinerBadgeCode: 'KW-S001', examinerPin: '864200' }))).toBe('主监考1的胸卡没有锁定'.replace('主监考1', valueOf(h.getDay({})).staff.find((s) => s.staffId === 'P0002')!.name));
    expect(h.signIn({ badgeCode: 'KW-P0002', pin: '135792' }).ok).toBe(true);
    // The examiner's wrong PIN counts against the examiner; only their own sign-in ends that run.
    expect(valueOf(h.listPinStatus({})).staff.find((s) => s.staffId === 'S001')).toMatchObject({ wrongInRow: 1, locked: false });
  });

  it('keeps the lock across a restart and a rebuild of the projection', () => {
    const h = day0.core.handlers;
    valueOf(h.setPin({ badgeCode: 'KW-P0002', pin: '135792', pinRepeat: '135792' }));
    for (let i = 0; i < 5; i += 1) h.signIn({ badgeCode: 'KW-P0002', pin: '000001' });
    const before = dumpProjection(day0.core.db);
    rebuildProjections(day0.core.db);
    expect(dumpProjection(day0.core.db)).toEqual(before);
    expect(verifyEventLog(day0.core.db)).toMatchObject({ ok: true });
    expect(refusal(h.signIn({ badgeCode: 'KW-P0002', pin: '135792' }))).toMatch(/胸卡已锁定/);
  });
});

describe('the sample day', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('ships every staff member with the PIN the README documents', () => {
    const host = openCoreHost({ dataDir: temp.dir, sampleDayFile: join(resolve(__dirname, '..', '..'), 'resources', 'sample-day', 'sample-day.json') });
    try {
      const staff = valueOf(host.handlers.listPinStatus({})).staff;
      expect(staff.length).toBeGreaterThan(10);
      expect(staff.every((s) => s.hasPin && s.setBy === 'sample')).toBe(true);
      expect(valueOf(host.handlers.signIn({ badgeCode: 'KW-S04', pin: samplePin('S04'), roomNo: '01' })).staff).toMatchObject({ staffId: 'S04', roomNo: '01' });
      expect(samplePin('S04')).toBe('246804');
    } finally {
      host.close();
    }
  });
});
