import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CENTER_ROLE_NAMES, passwordSchema, usernameSchema, type CenterRoleName } from '../../shared/center/center-roles';
import { parseCenterArgs } from '../center/center-args';
import { openCenterStore } from '../center/center-app';
import { issueEnrolmentCode } from '../center/enrolment';
import { hashPassword } from '../center/users';
import { openCoreHost, type CoreHost } from '../core/core-host';
import { startupErrorLine } from '../core/startup-refusal';
import { centerLink, enrolWithCenter, fetchCaller, pushPhotosToCenter, pushToCenter } from '../sync/center-target';

const USAGE = [
  '用法 / usage:',
  '  examday center add-user --username 名字 --role admin|reviewer|auditor [--data 目录 | --database postgres://…]',
  '      密码从标准输入读取一行（或环境变量 EXAMDAY_CENTER_PASSWORD） / password from stdin or EXAMDAY_CENTER_PASSWORD',
  '  examday center issue-code --organisation 组织名称 [--data 目录 | --database postgres://…]',
  '  examday center push --data 考务办数据目录 --center https://中心地址 [--code 登记码 --site-name 考点名称]',
  '      考务办把本机持有的全部记录上报中心（首次须给登记码） / the office pushes everything it holds to the center',
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
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        organisation: { type: 'string' },
        data: { type: 'string' },
        database: { type: 'string' },
        center: { type: 'string' },
        code: { type: 'string' },
        'site-name': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    out(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (sub === 'push') return pushCommand(parsed, out);
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

/** The office's push to its center, from the command line (the app must not hold the folder meanwhile). */
async function pushCommand(args: { data?: string; center?: string; code?: string; 'site-name'?: string }, out: (line: string) => void): Promise<number> {
  if (!args.data || !args.center) return fail(out, '请用 --data 给出考务办的数据目录，用 --center 给出中心地址');
  let host: CoreHost;
  try {
    host = openCoreHost({ dataDir: args.data, program: 'cli' }, { intervalMs: 3_600_000 });
  } catch (error) {
    out(startupErrorLine(error, args.data));
    return 2;
  }
  try {
    const call = fetchCaller();
    const link = centerLink(host.real);
    if (!link || link.url !== args.center) {
      if (!args.code) return fail(out, '本机尚未登记到这个中心：请加上 --code 登记码（向中心管理员索取）');
      const enrolled = await enrolWithCenter(host.real, call, args.center, args.code, args['site-name'] ?? '考点');
      if (!enrolled.ok) return fail(out, `登记失败：${enrolled.reason}`);
      out(`已登记到中心（${enrolled.link.organisation}） / enrolled`);
    }
    const pushed = await pushToCenter(host.real, call);
    if (!pushed.ok) {
      out(`上报未完成：${pushed.reason}（可再次运行，从中心已有的记录之后继续）`);
      return 1;
    }
    out(`已上报 ${pushed.pushed} 条记录${pushed.forks > 0 ? `，中心发现 ${pushed.forks} 处记录分叉` : ''} / pushed`);
    const photos = await pushPhotosToCenter(host.real, call);
    if (!photos.ok) {
      out(`照片上报未完成：${photos.reason}（可再次运行）`);
      return 1;
    }
    if (photos.sent > 0) out(`已上报考生照片 ${photos.sent} 张 / photos`);
    return 0;
  } finally {
    host.close();
  }
}

function fail(out: (line: string) => void, reason: string): number {
  out(reason);
  return 2;
}
