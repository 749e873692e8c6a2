import { STAFF_ROLE_LABELS } from '../../../shared/domain/labels';
import type { StaffRole } from '../../../shared/domain/types';
import { useUiStore, type Language } from '../state/ui-store';
import { en } from './en';
import { zh, type MessageKey, type Messages } from './zh';
import { fillPlaceholders, REFUSAL_TEXTS_ZH, type RefusalCode } from '../../../shared/api/refusal';
import { REFUSALS_EN } from './refusals-en';

const CATALOGUES: Record<Language, Messages> = { zh, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text = CATALOGUES[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The current language's `t`, re-rendering when the language changes. */
export function useT(): Translate {
  const language = useUiStore((s) => s.language);
  return (key, params) => translate(language, key, params);
}

export function useRoleLabel(): (role: StaffRole) => string {
  const language = useUiStore((s) => s.language);
  return (role) => STAFF_ROLE_LABELS[role][language];
}

/** What the core said no with: its Chinese message, and the code with parameters when it has one. */
export interface CoreRefusal {
  message: string;
  refusal?: { code: string; params: Record<string, string | number>; prefix?: string | undefined } | undefined;
}

const isRefusalCode = (code: string): code is RefusalCode => code in REFUSAL_TEXTS_ZH;

/**
 * A refusal in the UI's language (issue 15 item 13): English from the table when the core sent a code
 * we know, else the core's Chinese as written (the record keeps the Chinese either way).
 */
export function refusalText(language: Language, error: CoreRefusal): string {
  const coded = error.refusal;
  if (language === 'zh' || !coded || !isRefusalCode(coded.code)) return error.message;
  const text = fillPlaceholders(REFUSALS_EN[coded.code], coded.params, 'en');
  if (coded.prefix === undefined) return text;
  return isRefusalCode(coded.prefix) ? `${REFUSALS_EN[coded.prefix]}${text}` : error.message;
}

export function useRefusalText(): (error: CoreRefusal) => string {
  const language = useUiStore((s) => s.language);
  return (error) => refusalText(language, error);
}
