import { z } from 'zod';

/**
 * Who may do what at the center (issue 14 item 3). 中心管理员 runs the center (users, enrolment
 * codes, uploads) and alone may add, reset or disable accounts, issue or revoke codes, set how long material is kept and purge
 * photos (issue 14 item 6); 审核员 reviews days, resolves findings (or signs an override to export with
 * findings open), exports results and archives; 审计员
 * reads what a reviewer reads and changes nothing. Full ID numbers only for those who report them
 * to the 认定系统 (admin, reviewer); every such view is logged. The archive holds every event as
 * signed, ID numbers in full, so it goes only to those who may see them.
 */
export const CENTER_ROLE_NAMES = { admin: '中心管理员', reviewer: '审核员', auditor: '审计员' } as const;
export type CenterRoleName = keyof typeof CENTER_ROLE_NAMES;

export const CENTER_ACTIONS = ['review', 'resolve-finding', 'override-export', 'export-results', 'export-archive', 'see-full-id', 'upload-sync-file', 'manage-users', 'manage-codes', 'manage-retention'] as const;
export type CenterAction = (typeof CENTER_ACTIONS)[number];

const ALLOWED: Record<CenterRoleName, readonly CenterAction[]> = {
  admin: CENTER_ACTIONS,
  reviewer: ['review', 'resolve-finding', 'override-export', 'export-results', 'export-archive', 'see-full-id', 'upload-sync-file'],
  auditor: ['review'],
};

export function mayDo(role: CenterRoleName, action: CenterAction): boolean {
  return ALLOWED[role].includes(action);
}

/** The refusal shown when a role may not do an action. */
export function actionRefusal(role: CenterRoleName, action: CenterAction): string | undefined {
  if (mayDo(role, action)) return undefined;
  return `${CENTER_ROLE_NAMES[role]}无权执行此操作`;
}

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '用户名应为 3–32 位小写字母、数字或 . _ -，以字母开头');

/** Long enough that an offline guess against a stolen hash costs years at scrypt's price. */
export const MIN_PASSWORD_LENGTH = 12;
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 位`).max(200, '密码过长');

export const loginInputSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });

/** Failed logins of one account within the window before the account waits (all processes count together). */
export const LOGIN_FAILURE_LIMIT = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** A session lasts a working day, then the reviewer logs in again. */
export const SESSION_MS = 8 * 3_600_000;
