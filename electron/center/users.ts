import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { LOGIN_FAILURE_LIMIT, LOGIN_WINDOW_MS, SESSION_MS, type CenterRoleName } from '../../shared/center/center-roles';
import type { CenterStore } from './store/center-store';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** scrypt at N=2^15, r=8, p=1 (32 MiB, ~0.1 s a guess): OWASP's floor for scrypt. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const MAXMEM = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFC'), salt, 32, { ...COST, maxmem: MAXMEM });
  return `scrypt$${Math.log2(COST.N)}$${COST.r}$${COST.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const derived = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N: 2 ** Number(logN), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

/** A hash of nothing, checked when the user does not exist, so that the answer takes as long either way. */
let dummyHash: Promise<string> | undefined;

export const sessionIdHash = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');

export type LoginOutcome = { ok: true; sessionId: string; csrf: string; role: CenterRoleName; expiresAt: string } | { ok: false; reason: string; throttled: boolean };

/**
 * Logs a center user in: refused while the account has had LOGIN_FAILURE_LIMIT failures within the
 * window (kept in the database, so every process counts them), else the password is checked with
 * scrypt and a session made. The answer does not say whether the user exists.
 */
export async function logIn(store: CenterStore, username: string, password: string, now: Date): Promise<LoginOutcome> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  if ((await store.loginFailuresSince(username, since)) >= LOGIN_FAILURE_LIMIT) {
    return { ok: false, throttled: true, reason: `登录失败次数过多，该账户已暂停登录 ${LOGIN_WINDOW_MS / 60_000} 分钟，请稍后再试` };
  }
  const user = await store.user(username);
  const matches = user ? await passwordMatches(password, user.passwordHash) : await passwordMatches(password, await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))));
  if (!user || !matches) {
    await store.noteLoginFailure(username, now.toISOString());
    return { ok: false, throttled: false, reason: '用户名或密码错误' };
  }
  await store.clearLoginFailures(username);
  // Said only to whoever knows the password: a disabled account is not told apart from a wrong one otherwise.
  if (user.disabledAt) return { ok: false, throttled: false, reason: '该账户已停用：请联系中心管理员' };
  const sessionId = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_MS).toISOString();
  await store.addSession({ idHash: sessionIdHash(sessionId), username, csrf, createdAt: now.toISOString(), expiresAt });
  return { ok: true, sessionId, csrf, role: user.role, expiresAt };
}
