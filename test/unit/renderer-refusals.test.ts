import { describe, expect, it } from 'vitest';
import { REFUSAL_TEXTS_ZH, refuse, type RefusalCode } from '../../shared/api/refusal';
import { refusalText } from '../../renderer/src/i18n/i18n';
import { REFUSALS_EN } from '../../renderer/src/i18n/refusals-en';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the core\'s refusals in the UI\'s language (issue 15 item 13)', () => {
  it.each(Object.keys(REFUSAL_TEXTS_ZH) as RefusalCode[])('%s: the English fills the same parameters as the Chinese', (code) => {
    expect(placeholders(REFUSALS_EN[code])).toEqual(placeholders(REFUSAL_TEXTS_ZH[code]));
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
