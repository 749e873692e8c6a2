import { describe, expect, it } from 'vitest';
import { REFUSAL_TEXTS_ZH, refuse, refusedWith, refusalOf, whoseRefusal, type RefusalCode } from '../../shared/api/refusal';
import { refusalText } from '../../renderer/src/i18n/i18n';
import { REFUSALS_EN } from '../../renderer/src/i18n/refusals-en';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the core\'s refusals in the UI\'s language (issue 15 item 13)', () => {
  it.each(Object.keys(REFUSAL_TEXTS_ZH) as RefusalCode[])('%s: the English fills the same parameters as the Chinese', (code) => {
    expect(placeholders(REFUSALS_EN[code])).toEqual(placeholders(REFUSAL_TEXTS_ZH[code]));
  });

  it.each(Object.keys(REFUSAL_TEXTS_ZH) as RefusalCode[])('%s: has an English of its own', (code) => {
    expect(REFUSALS_EN[code].trim()).not.toBe('');
    expect(REFUSALS_EN[code]).not.toBe(REFUSAL_TEXTS_ZH[code]);
    expect(REFUSALS_EN[code]).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('has no English for a code the core does not have', () => {
    expect(Object.keys(REFUSALS_EN).sort()).toEqual(Object.keys(REFUSAL_TEXTS_ZH).sort());
  });

  const secondWrongPin = refusedWith(whoseRefusal('whose-second', refusalOf('pin-wrong', { left: 3 }))).error;
  const wrongRoom = refusedWith(refusalOf('approve-late', { name: '王五', role: 'second-proctor', inRoom: '02' })).error;
  const examiner = refusedWith(refusalOf('approve-close-day', { name: '周主考', role: 'deputy-chief-examiner', inRoom: '' })).error;
  const tooEarly = refuse('confirm-too-early', { step: '送还试卷', stepEn: 'Papers returned', at: '10:05' }).error;
  it.each([
    ['zh: whose it is, before the refusal', 'zh', secondWrongPin, '第二位确认人：PIN 不正确，还可尝试 3 次'],
    ['en: whose it is, in English too', 'en', secondWrongPin, 'Second person: Wrong PIN: 3 tries left'],
    ['en: an unknown prefix (a newer core), the Chinese', 'en', { ...secondWrongPin, refusal: { ...secondWrongPin.refusal!, prefix: 'from-the-future' } }, secondWrongPin.message],
    ['zh: a role and its room, as the record says them', 'zh', wrongRoom, '迟到考生须由本考场主监考（或主考、副主考）批准入场：王五（第 02 考场副监考）不能批准'],
    ['en: a role and its room, in English', 'en', wrongRoom, "A late entry is approved by this room's chief proctor (or the chief examiner or deputy): 王五 (Second proctor, room 02) may not approve it"],
    ['zh: a role without a room', 'zh', examiner, '日结须由主考扫描胸卡并输入 PIN：周主考（副主考）不是主考'],
    ['en: a role without a room', 'en', examiner, "Closing the day needs the chief examiner's badge and PIN: 周主考 (Deputy chief examiner) is not the chief examiner"],
    ['zh: a label, in Chinese', 'zh', tooEarly, '尚未到“送还试卷”环节（10:05），不能提前确认'],
    ['en: a label, by its English beside it', 'en', tooEarly, 'It is not yet time for "Papers returned" (10:05): it cannot be confirmed early'],
  ] as const)('%s', (_label, language, error, expected) => {
    expect(refusalText(language, error)).toBe(expected);
  });

  it('a parameter no client would accept leaves the refusal in Chinese only, never a broken answer', () => {
    const long = refuse('absentees-some-missing', { names: '张三、'.repeat(400) }).error;
    expect(long.message.startsWith('缺考名单已变化：张三、')).toBe(true);
    expect(long).not.toHaveProperty('refusal');
    expect(refusalText('en', long)).toBe(long.message);
  });

  it.each([
    ['zh: the core\'s Chinese as written', 'zh', refuse('other-room', { name: '赵伟', room: '第2考场', seat: 1 }).error, '赵伟不是本考场考生，应去第2考场 1 号座位'],
    ['en: the English, filled', 'en', refuse('other-room', { name: '赵伟', room: '第2考场', seat: 1 }).error, '赵伟 is not in this room: go to 第2考场, seat 1'],
    ['en: no code, the Chinese', 'en', { message: '迟到时限过后才能确认缺考名单' }, '迟到时限过后才能确认缺考名单'],
    ['en: a code this renderer does not know (a newer core), the Chinese', 'en', { message: '新的拒绝', refusal: { code: 'from-the-future', params: {} } }, '新的拒绝'],
  ] as const)('%s', (_label, language, error, expected) => {
    expect(refusalText(language, error)).toBe(expected);
  });
});
