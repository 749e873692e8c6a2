import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/types';
import { MAX_WRONG_PINS, afterWrongPin, newPinRefusal, pinChoiceRefusal, refusalEndsAttempt, signInRefusal, wrongPinMessage } from '../../shared/staffing/pin';
import { foldPinStatus, type PinEntry } from '../../shared/staffing/pin-log';
import { samplePin } from '../../shared/sample/sample-pins';
import { idleLockMs, isIdleFor } from '../../shared/staffing/idle-lock';
import { examPlanSchema } from '../../shared/domain/types';
import { formFromPlan } from '../../shared/setup/plan-form';

describe('pinChoiceRefusal (6 digits, nothing anyone tries first)', () => {
  it.each([
    ['', 'PIN 只能由数字组成'],
    ['12a456', 'PIN 只能由数字组成'],
    ['12345', 'PIN 须为 6 位数字'],
    ['1357913', 'PIN 须为 6 位数字'],
    ['000000', 'PIN 不能是同一个数字重复（如 000000），请另选'],
    ['777777', 'PIN 不能是同一个数字重复（如 000000），请另选'],
    ['123456', 'PIN 不能是连续的数字（如 123456、654321），请另选'],
    ['012345', 'PIN 不能是连续的数字（如 123456、654321），请另选'],
    ['987654', 'PIN 不能是连续的数字（如 123456、654321），请另选'],
    ['121212', 'PIN 不能是重复的两位或三位数字（如 121212、123123），请另选'],
    ['123123', 'PIN 不能是重复的两位或三位数字（如 121212、123123），请另选'],
    ['246801', null],
    ['135792', null],
    ['890123', null],
  ])('%j → %j', (pin, refusal) => {
    expect(pinChoiceRefusal(pin)).toBe(refusal);
  });

  it('refuses two different entries, after checking the PIN itself', () => {
    expect(newPinRefusal('135792', '135793')).toBe('两次输入的 PIN 不一致，请重新输入');
    expect(newPinRefusal('123456', '123456')).toMatch(/连续/);
    expect(newPinRefusal('135792', '135792')).toBeNull();
  });

  it('gives every sample staff member an acceptable PIN (S03 → 246803)', () => {
    expect(samplePin('S03')).toBe('246803');
    expect(samplePin('S001')).toBe('246801');
    for (const id of ['S01', 'S09', 'S10', 'S17', 'C099', 'R001', 'X']) expect(pinChoiceRefusal(samplePin(id))).toBeNull();
  });
});

describe('lockout (five wrong in a row)', () => {
  it.each([
    [{ hasPin: false, wrongInRow: 0, locked: false }, '尚未设置 PIN：请先在考务办扫描胸卡设置 PIN'],
    [{ hasPin: true, wrongInRow: 5, locked: true }, '胸卡已锁定（连续 5 次 PIN 错误）：请主考扫描胸卡并输入 PIN 解锁'],
    [{ hasPin: true, wrongInRow: 4, locked: false }, null],
  ])('signInRefusal(%j) → %j', (state, refusal) => {
    expect(signInRefusal(state)).toBe(refusal);
  });

  it('counts down the tries left, and the fifth locks', () => {
    let state = { hasPin: true, wrongInRow: 0, locked: false };
    const messages: string[] = [];
    for (let i = 0; i < MAX_WRONG_PINS; i += 1) {
      state = afterWrongPin(state);
      messages.push(wrongPinMessage(state));
    }
    expect(messages.slice(0, 4)).toEqual(['PIN 不正确，还可尝试 4 次', 'PIN 不正确，还可尝试 3 次', 'PIN 不正确，还可尝试 2 次', 'PIN 不正确，还可尝试 1 次']);
    expect(messages[4]).toMatch(/胸卡已锁定/);
    expect(state.locked).toBe(true);
  });

  it('tells the screen when a refusal leaves nothing to try with this badge', () => {
    const locked = { hasPin: true, wrongInRow: 5, locked: true };
    expect(refusalEndsAttempt(signInRefusal({ hasPin: false, wrongInRow: 0, locked: false })!)).toBe(true);
    expect(refusalEndsAttempt(signInRefusal(locked)!)).toBe(true);
    expect(refusalEndsAttempt(`主考：${signInRefusal(locked)!}`)).toBe(true);
    expect(refusalEndsAttempt(wrongPinMessage({ hasPin: true, wrongInRow: 5, locked: true }))).toBe(true);
    expect(refusalEndsAttempt(wrongPinMessage({ hasPin: true, wrongInRow: 1, locked: false }))).toBe(false);
    expect(refusalEndsAttempt('胸卡码不在本考试日的工作人员名单中')).toBe(false);
  });
});

describe('foldPinStatus', () => {
  const person: Actor = { staffId: 'S04', name: '李秀云', role: 'second-proctor' };
  const examiner: Actor = { staffId: 'S01', name: '郑国华', role: 'chief-examiner' };
  let seq = 0;
  const entry = (type: PinEntry['type'], actor: Actor = person, staffId = 'S04'): PinEntry => {
    seq += 1;
    const at = `2026-11-30T08:${String(seq).padStart(2, '0')}:00.000+08:00`;
    const payload =
      type === 'staff.pin-set'
        ? { staffId, salt: 'c2FsdHNhbHRzYWx0c2FsdA==', hash: `aGFzaA${seq}==`, params: { algorithm: 'scrypt' as const, N: 16384, r: 8, p: 1, keyLength: 32 } }
        : type === 'staff.signed-in'
          ? { staffId, proof: 'badge+pin' as const }
          : { staffId };
    return { type, payload, eventId: `e${seq}`, deviceId: 'd1', seq, at, actor } as PinEntry;
  };
  const wrong = (n: number): PinEntry[] => Array.from({ length: n }, () => entry('staff.pin-failed'));

  it.each([
    ['no entries: no PIN', () => [], { hasPin: false, wrongInRow: 0, locked: false }],
    ['four wrong: not locked', () => [entry('staff.pin-set'), ...wrong(4)], { hasPin: true, wrongInRow: 4, locked: false }],
    ['a right PIN resets the run', () => [entry('staff.pin-set'), ...wrong(4), entry('staff.signed-in'), ...wrong(4)], { hasPin: true, wrongInRow: 4, locked: false }],
    ['five in a row lock', () => [entry('staff.pin-set'), ...wrong(5)], { hasPin: true, wrongInRow: 5, locked: true }],
    ['a sign-in from a door that had not heard of the lock leaves it', () => [entry('staff.pin-set'), ...wrong(5), entry('staff.signed-in')], { hasPin: true, wrongInRow: 5, locked: true }],
    ['the 主考 unlocks', () => [entry('staff.pin-set'), ...wrong(5), entry('staff.unlocked', examiner)], { hasPin: true, wrongInRow: 0, locked: false }],
    ['a PIN set again by the 主考 lifts the lock', () => [entry('staff.pin-set'), ...wrong(6), entry('staff.pin-set', examiner)], { hasPin: true, wrongInRow: 0, locked: false }],
    ['another person’s entries count for nothing', () => [entry('staff.pin-set'), entry('staff.pin-failed', person, 'S03'), entry('staff.pin-failed', person, 'S03')], { hasPin: true, wrongInRow: 0, locked: false }],
  ])('%s', (_name, entries, expected) => {
    const status = foldPinStatus('S04', entries());
    expect({ hasPin: status.hasPin, wrongInRow: status.wrongInRow, locked: status.locked }).toEqual(expected);
  });

  it('keeps when the lock began and who set the PIN', () => {
    const set = entry('staff.pin-set');
    const fails = wrong(6);
    const status = foldPinStatus('S04', [set, ...fails]);
    expect(status.lockedAt).toBe(fails[4]!.at);
    expect(status.setBy).toEqual(person);
    expect(status.credential?.hash).toBe(set.type === 'staff.pin-set' ? set.payload.hash : '');
  });
});

describe('idle lock (the plan’s quiet period)', () => {
  it.each([
    [null, 600_000],
    [{}, 600_000],
    [{ idleLockMinutes: 3 }, 180_000],
  ])('idleLockMs(%j) = %i', (plan, ms) => {
    expect(idleLockMs(plan)).toBe(ms);
  });

  it.each([
    [0, 599_999, false],
    [0, 600_000, true],
    [1_000, 601_000, true],
  ])('quiet from %i, now %i → locks: %s', (last, now, locks) => {
    expect(isIdleFor(last, now, 600_000)).toBe(locks);
  });

  it('parses a plan saved before the setting existed, and refuses a quiet period of 0', () => {
    const plan = { planId: 'p', organisation: 'o', planName: 'n', siteAddress: 'a', date: '2026-11-30', subject: 's', startTime: '08:30', endTime: '10:00', occupations: [{ occupation: '保育师', levels: ['四级'] }], acceptedIdTypes: ['resident-id'], lateCutoffMinutes: 30 };
    expect(examPlanSchema.safeParse(plan).success).toBe(true);
    expect(examPlanSchema.safeParse({ ...plan, idleLockMinutes: 0 }).success).toBe(false);
    expect(formFromPlan(examPlanSchema.parse(plan), '2026-11-30').idleLockMinutes).toBe(10);
  });
});
