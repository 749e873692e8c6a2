import type { CenterRoleName } from '../../../shared/center/center-roles';
import { useUiStore } from '../state/ui-store';
import type { MessageKey } from '../i18n/zh';

const ROLE_KEYS: Record<CenterRoleName, MessageKey> = {
  admin: 'centerPage.role.admin',
  reviewer: 'centerPage.role.reviewer',
  auditor: 'centerPage.role.auditor',
};

/** The catalogue key of a center role's name (the server's CENTER_ROLE_NAMES are Chinese only). */
export const roleKey = (role: CenterRoleName): MessageKey => ROLE_KEYS[role];

/** A moment as the page's language writes it: 2026/11/30 13:10:37 in Chinese, 30/11/2026, 13:10:37 in English. */
export function useWhen(): (iso: string) => string {
  const language = useUiStore((s) => s.language);
  return (iso) => new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB');
}
