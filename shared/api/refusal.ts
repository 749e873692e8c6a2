import { z } from 'zod';
import { STAFF_ROLE_LABELS } from '../domain/labels';
import type { StaffRole } from '../domain/types';
import type { ApiErrorCode } from './result';
import { REFUSAL_TEXTS_ZH } from './refusal-texts-zh';

export { REFUSAL_TEXTS_ZH };
export type RefusalCode = keyof typeof REFUSAL_TEXTS_ZH;
export type RefusalParams = Record<string, string | number>;
export type RefusalLanguage = 'zh' | 'en';

/** A parameter may name a few people or a list of bags; longer, the refusal goes in Chinese only (refusedWith). */
const MAX_PARAM_CHARS = 1000;

export const refusalSchema = z.object({
  code: z.string().max(64),
  params: z.record(z.string().max(32), z.union([z.string().max(MAX_PARAM_CHARS), z.number()])),
  prefix: z.string().max(64).optional(),
});
/** A refusal as a value: its code, its parameters, and whose it is when two people prove ("第二位确认人："). */
export interface Refusal {
  code: RefusalCode;
  params: RefusalParams;
  prefix?: RefusalCode;
}

const isStaffRole = (value: string | number): value is StaffRole => typeof value === 'string' && value in STAFF_ROLE_LABELS;

/**
 * Parameters whose value is itself said in the UI's language: `role` (a StaffRole) becomes its label,
 * `inRoom` (a room number, or '' for none) says the room beside a role ("第 2 考场副监考" / ", room 2").
 */
const LOCALIZED_PARAMS: Record<string, (value: string | number, language: RefusalLanguage) => string> = {
  role: (value, language) => (isStaffRole(value) ? STAFF_ROLE_LABELS[value][language] : String(value)),
  inRoom: (value, language) => (value === '' ? '' : language === 'zh' ? `第 ${value} 考场` : `, room ${value}`),
};

/**
 * `{name}` → params.name; a placeholder without a value stays as written. In English a parameter that
 * carries its own English beside it (`step` and `stepEn`, a label the core knows in both) uses that,
 * and LOCALIZED_PARAMS say the others in `language`.
 */
export function fillPlaceholders(template: string, params: RefusalParams, language: RefusalLanguage = 'zh'): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!(key in params)) return whole;
    if (language === 'en' && `${key}En` in params) return String(params[`${key}En`]);
    const value = params[key]!;
    return LOCALIZED_PARAMS[key]?.(value, language) ?? String(value);
  });
}

/** The refusal as a value, for a rule in shared/ to hand back (its Chinese is `refusalZh`). */
export const refusalOf = (code: RefusalCode, params: RefusalParams = {}): Refusal => ({ code, params });

/** The same refusal said as `whose` ("第二位确认人：…", "主考：…"). */
export const whoseRefusal = (whose: RefusalCode | undefined, refusal: Refusal): Refusal => (whose ? { ...refusal, prefix: whose } : refusal);

/** A refusal's Chinese, as the core writes it in `message`, on paper and in the record. */
export function refusalZh(refusal: Refusal): string {
  const text = fillPlaceholders(REFUSAL_TEXTS_ZH[refusal.code], refusal.params);
  return refusal.prefix ? `${REFUSAL_TEXTS_ZH[refusal.prefix]}${text}` : text;
}

/** A shared rule's refusal in Chinese, or null: for the callers that still want only the text. */
export const refusalZhOrNull = (refusal: Refusal | null | undefined): string | null => (refusal ? refusalZh(refusal) : null);

/** The refusal as a result: the Chinese message and the code with its parameters. */
export function refusedWith(refusal: Refusal, errorCode: ApiErrorCode = 'refused') {
  const message = refusalZh(refusal);
  // Every client parses the answer with refusalSchema: a refusal it would reject still says its Chinese.
  if (!refusalSchema.safeParse(refusal).success) return { ok: false as const, error: { code: errorCode, message } };
  return { ok: false as const, error: { code: errorCode, message, refusal } };
}

/** refusedWith for a code and its parameters. */
export function refuse(code: RefusalCode, params: RefusalParams = {}, errorCode: ApiErrorCode = 'refused') {
  return refusedWith(refusalOf(code, params), errorCode);
}

/** A reader's refusal (a .zip, a sheet, a table): the reason in Chinese, and the same coded for the UI's language. */
export interface RefusedReason {
  ok: false;
  reason: string;
  refusal: Refusal;
}

/** The reader's refusal for a code and its parameters. */
export function refusedReason(code: RefusalCode, params: RefusalParams = {}): RefusedReason {
  const refusal = refusalOf(code, params);
  return { ok: false, reason: refusalZh(refusal), refusal };
}
