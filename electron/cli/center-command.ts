import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CENTER_ROLE_NAMES, passwordSchema, usernameSchema, type CenterRoleName } from '../../shared/center/center-roles';
import { parseCenterArgs } from '../center/center-args';
import { openCenterStore } from '../center/center-app';
import { issueEnrolmentCode } from '../center/enrolment';
import { hashPassword } from '../center/users';

const USAGE = [
  '用法 / usage:',
  '  examday center add-user --username 名字 --role admin|reviewer|auditor [--data 目录 | --database postgres://…]',
  '      密码从标准输入读取一行（或环境变量 EXAMDAY_CENTER_PASSWORD） / password from stdin or EXAMDAY_CENTER_PASSWORD',
  '  examday center issue-code --organisation 组织名称 [--data 目录 | --database postgres://…]',
].join('\n');

/** The password: EXAMDAY_CENTER_PASSWORD, else the first line of stdin (never an argument: it would show in `ps`). */
function readPassword(): string {
  const fromEnv = process.env.EXAMDAY_CENTER_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  return (readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

/** `examday center …`: the center's administration from the command line (the first admin, enrolment codes). */
export async function runCenterCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { username: { type: 'string' }, role: { type: 'string' }, organisation: { type: 'string' }, data: { type: 'string' }, database: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    out(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const storeArgs = parseCenterArgs([...(parsed.data ? ['--data', parsed.data] : []), ...(parsed.database ? ['--database', parsed.database] : [])]);
  if (sub === 'add-user') {
    const username = usernameSchema.safeParse(parsed.username ?? '');
    if (!username.success) return fail(out, username.error.issues[0]?.message ?? '用户名无效');
    const role = parsed.role as CenterRoleName | undefined;
    if (!role || !(role in CENTER_ROLE_NAMES)) return fail(out, '--role 应为 admin、reviewer 或 auditor');
    const password = passwordSchema.safeParse(readPassword());
    if (!password.success) return fail(out, password.error.issues[0]?.message ?? '密码无效');
    const store = await openCenterStore({ dataDir: storeArgs.dataDir, ...(storeArgs.databaseUrl ? { databaseUrl: storeArgs.databaseUrl } : {}) });
    try {
      const added = await store.addUser({ username: username.data, role, passwordHash: await hashPassword(password.data), createdAt: new Date().toISOString() });
      if (!added) return fail(out, `用户 ${username.data} 已存在`);
      out(`已添加${CENTER_ROLE_NAMES[role]} ${username.data} / user added`);
      return 0;
    } finally {
      await store.close();
    }
  }
  if (sub === 'issue-code') {
    const organisation = parsed.organisation?.trim();
    if (!organisation) return fail(out, '请用 --organisation 给出组织名称（与考试计划中的组织一致）');
    const store = await openCenterStore({ dataDir: storeArgs.dataDir, ...(storeArgs.databaseUrl ? { databaseUrl: storeArgs.databaseUrl } : {}) });
    try {
      const { code, expiresAt } = await issueEnrolmentCode(store, organisation, new Date());
      out(`“${organisation}”的站点登记码 / enrolment code: ${code}（有效至 ${expiresAt.slice(0, 10)}）`);
      return 0;
    } finally {
      await store.close();
    }
  }
  out(USAGE);
  return sub === undefined || sub === 'help' ? 0 : 2;
}

function fail(out: (line: string) => void, reason: string): number {
  out(reason);
  return 2;
}
