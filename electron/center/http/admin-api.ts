import type { z } from 'zod';
import { err, ok, type ApiResult } from '../../../shared/api/result';
import { addUserInput, disableRefusal, issueCodeInput, resetPasswordInput, revokeCodeInput, setDisabledInput } from '../../../shared/center/center-admin';
import { actionRefusal, type CenterAction, type CenterRoleName } from '../../../shared/center/center-roles';
import { issueEnrolmentCode } from '../enrolment';
import type { AdminActionRow, CenterStore } from '../store/center-store';
import { hashPassword } from '../users';

export interface AdminRequest {
  route: string;
  session: { username: string; role: CenterRoleName };
  store: CenterStore;
  now: Date;
  /** Reads and parses the body; answers the request itself (and gives undefined) when it does not parse. */
  readInput: <T>(schema: z.ZodType<T>) => Promise<T | undefined>;
}

const RECENT_ACTIONS = 50;
/** Each route and the action it needs (shared/center/center-roles.ts: both are the admin's alone). */
const ADMIN_ROUTES: Record<string, CenterAction> = {
  'GET /api/admin/users': 'manage-users',
  'GET /api/admin/log': 'manage-users',
  'POST /api/admin/add-user': 'manage-users',
  'POST /api/admin/reset-password': 'manage-users',
  'POST /api/admin/set-disabled': 'manage-users',
  'GET /api/admin/codes': 'manage-codes',
  'POST /api/admin/issue-code': 'manage-codes',
  'POST /api/admin/revoke-code': 'manage-codes',
};

/**
 * The admin page's API (issue 14 item 3), under /api/admin/: accounts (add a reviewer or auditor,
 * reset a password, disable or enable) and enrolment codes (issue, revoke). Admin only; every
 * change is written to admin_actions with who and when. Answers undefined for a route it does not
 * serve; the caller has already checked the session, the origin and the CSRF token.
 */
export async function adminRoute(req: AdminRequest): Promise<ApiResult<unknown> | 'answered' | undefined> {
  const action = ADMIN_ROUTES[req.route];
  if (!action) return req.route.includes(' /api/admin/') ? err('not-found', '没有这个接口') : undefined;
  const refusal = actionRefusal(req.session.role, action);
  if (refusal) return err('refused', refusal);
  const at = req.now.toISOString();
  const note = (action: AdminActionRow['action'], subject: string) => req.store.noteAdminAction({ at, username: req.session.username, action, subject });

  switch (req.route) {
    case 'GET /api/admin/users':
      return ok((await req.store.users()).map((u) => ({ username: u.username, role: u.role, createdAt: u.createdAt, disabledAt: u.disabledAt ?? null })));
    case 'GET /api/admin/log':
      return ok(await req.store.adminActions(RECENT_ACTIONS));
    case 'POST /api/admin/add-user': {
      const input = await req.readInput(addUserInput);
      if (!input) return 'answered';
      const added = await req.store.addUser({ username: input.username, role: input.role, passwordHash: await hashPassword(input.password), createdAt: at });
      if (!added) return err('refused', `用户 ${input.username} 已存在`);
      await note('add-user', `${input.username}（${input.role}）`);
      return ok({ username: input.username });
    }
    case 'POST /api/admin/reset-password': {
      const input = await req.readInput(resetPasswordInput);
      if (!input) return 'answered';
      if (!(await req.store.setPassword(input.username, await hashPassword(input.password)))) return err('not-found', `没有用户 ${input.username}`);
      await note('reset-password', input.username);
      return ok({ username: input.username });
    }
    case 'POST /api/admin/set-disabled': {
      const input = await req.readInput(setDisabledInput);
      if (!input) return 'answered';
      const refused = disableRefusal(req.session.username, input.username, input.disabled);
      if (refused) return err('refused', refused);
      if (!(await req.store.setDisabled(input.username, input.disabled ? at : null))) return err('not-found', `没有用户 ${input.username}`);
      await note(input.disabled ? 'disable-user' : 'enable-user', input.username);
      return ok({ username: input.username, disabled: input.disabled });
    }
    case 'GET /api/admin/codes':
      return ok(await req.store.enrolmentCodes());
    case 'POST /api/admin/issue-code': {
      const input = await req.readInput(issueCodeInput);
      if (!input) return 'answered';
      // The code itself is shown this once; the center keeps only its hash.
      const issued = await issueEnrolmentCode(req.store, input.organisation, req.now, req.session.username);
      await note('issue-code', `${input.organisation.trim()} …${issued.code.slice(-5)}`);
      return ok(issued);
    }
    case 'POST /api/admin/revoke-code': {
      const input = await req.readInput(revokeCodeInput);
      if (!input) return 'answered';
      const code = (await req.store.enrolmentCodes()).find((c) => c.codeHash === input.codeHash);
      if (!code) return err('not-found', '没有这个登记码');
      if (!(await req.store.revokeEnrolmentCode(input.codeHash, at))) return err('refused', '该登记码已作废');
      await note('revoke-code', `${code.organisation}${code.hint ? ` …${code.hint}` : ''}`);
      return ok({ codeHash: input.codeHash });
    }
    default:
      return err('not-found', '没有这个接口');
  }
}
