import { z } from 'zod';
import { TEXT_LIMITS, text } from '../text/text-field';
import { passwordSchema, usernameSchema } from './center-roles';

/**
 * The center admin page's inputs (issue 14 item 3): accounts and the organisations' enrolment
 * codes. The web API parses every request with these; the page's forms use the same messages.
 */
export const CENTER_ROLE_CHOICES = ['reviewer', 'auditor', 'admin'] as const;

export const addUserInput = z.object({ username: usernameSchema, role: z.enum(CENTER_ROLE_CHOICES), password: passwordSchema }).strict();
export const resetPasswordInput = z.object({ username: usernameSchema, password: passwordSchema }).strict();
export const setDisabledInput = z.object({ username: usernameSchema, disabled: z.boolean() }).strict();
export const issueCodeInput = z.object({ organisation: text(TEXT_LIMITS.planName).min(1, '请填写组织名称（与考试计划中的评价机构一致）') }).strict();
export const revokeCodeInput = z.object({ codeHash: z.string().regex(/^[0-9a-f]{64}$/, '登记码编号有误') }).strict();

/** Why an admin may not disable this account, if not: never oneself (the center would keep no way in). */
export function disableRefusal(actingAdmin: string, username: string, disabled: boolean): string | undefined {
  if (disabled && actingAdmin === username) return '不能停用自己的账户：请让另一位中心管理员操作';
  return undefined;
}
