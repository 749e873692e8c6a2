import { z } from 'zod';
import type { ApiErrorCode } from './result';

/**
 * Refusals with a code and their parameters (issue 15 item 13), so the door can show them in the UI's
 * language: the core still writes `message` in Chinese (the record, the paper, and the fallback for
 * any screen without a translation), and adds `refusal` for the screens that have one.
 * Adding one: its Chinese here, its English in renderer/src/i18n/refusals-en.ts (the type asks for it).
 */
export const REFUSAL_TEXTS_ZH = {
  'staff-unknown': '操作人员不在本考试日的工作人员名单中',
  'room-unknown': '没有第 {roomNo} 考场',
  'ticket-unknown': '名单中没有这个准考证号',
  'already-admitted': '{name}已入场（{room}），不能重复入场',
  'other-room': '{name}不是本考场考生，应去{room} {seat} 号座位',
  'late-needs-chief': '迟到考生须由本考场主监考或主考批准入场',
  'absence-confirmed': '{name}已由{by}确认缺考，只有主考或副主考可以更正并准予入场',
  'late-cutoff-passed': '已过迟到时限：须由本考场主监考按"迟到入场"批准',
  'doubt-already-open': '{name}已标记为存疑考生',
  'doubt-late': '已过迟到时限：须先由本考场主监考按"迟到入场"批准，再标记存疑',
  'reverify-not-allowed': '开考核对须由本考场监考员（或主考、副主考）进行',
  'reverify-before-start': '开考后才能逐座再次核对',
  'reverify-seat-empty': '{seat} 号座位没有安排考生',
  'reverify-not-admitted': '{name}没有入场记录，不能核对为本人；请标记为空座或先办理入场',
  'impostor-needs-note': '标记疑似替考须写明情况',
  'revoke-not-admitted': '{name}没有入场记录，无需撤销',
  'revoke-other-room': '{name}是在{room}入场的，只能由该考场撤销',
  'revoke-not-allowed': '撤销入场须由本考场监考员或主考、副主考进行',
  'revoke-exam-started': '已开考，不能撤销入场；如发现替考，请在开考核对中标记疑似替考',
} as const;
export type RefusalCode = keyof typeof REFUSAL_TEXTS_ZH;
export type RefusalParams = Record<string, string | number>;

export const refusalSchema = z.object({
  code: z.string().max(64),
  params: z.record(z.string().max(32), z.union([z.string().max(200), z.number()])),
});
export interface Refusal {
  code: RefusalCode;
  params: RefusalParams;
}

/** `{name}` → params.name; a placeholder without a value stays as written. */
export function fillPlaceholders(template: string, params: RefusalParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** The refusal as a result: the Chinese message and the code with its parameters. */
export function refuse(code: RefusalCode, params: RefusalParams = {}, errorCode: ApiErrorCode = 'refused') {
  return {
    ok: false as const,
    error: { code: errorCode, message: fillPlaceholders(REFUSAL_TEXTS_ZH[code], params), refusal: { code, params } },
  };
}
