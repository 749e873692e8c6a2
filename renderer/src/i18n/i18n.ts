import { STAFF_ROLE_LABELS } from '../../../shared/domain/labels';
import type { StaffRole } from '../../../shared/domain/types';
import { useUiStore, type Language } from '../state/ui-store';
import { en } from './en';
import { zh, type MessageKey, type Messages } from './zh';

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
