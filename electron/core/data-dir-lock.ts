import Database from 'better-sqlite3-multiple-ciphers';
import { makeOwnerOnlyDir } from './owner-only';
import { hostname } from 'node:os';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { StartupRefusal } from './startup-refusal';

/** The lock itself: an SQLite file held exclusively by the one process writing this folder. */
export const LOCK_FILE = 'examday.lock';
/** Who holds it, for the refusal a second process prints (the lock file cannot be read while held). */
export const LOCK_HOLDER_FILE = 'examday.lock.json';

export type LockProgram = 'browser-server' | 'electron' | 'cli' | 'program';

const PROGRAM_LABELS: Record<LockProgram, string> = {
  'browser-server': '浏览器模式服务器',
  electron: 'Electron 应用',
  cli: '命令行',
  program: 'ExamDay 程序',
};

const holderSchema = z.object({
  program: z.enum(['browser-server', 'electron', 'cli', 'program']),
  pid: z.number().int(),
  host: z.string(),
  startedAt: z.string(),
});
type LockHolder = z.infer<typeof holderSchema>;

export interface DataDirLock {
  readonly dataDir: string;
  release(): void;
}

export interface LockOptions {
  program: LockProgram;
  /** When this process started, in real time (the holder's description, not the exam day's clock). */
  startedAt: Date;
  nativeBinding?: string | undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function describeHolder(holder: LockHolder | undefined, now: Date): string {
  if (!holder) return '';
  const at = new Date(holder.startedAt);
  const sameDay = at.toDateString() === now.toDateString();
  const since = Number.isNaN(at.getTime())
    ? ''
    : `，自 ${sameDay ? '' : `${at.getMonth() + 1}月${at.getDate()}日 `}${pad(at.getHours())}:${pad(at.getMinutes())} 起`;
  const host = holder.host === hostname() ? '' : `，计算机 ${holder.host}`;
  return `（${PROGRAM_LABELS[holder.program]}，进程 ${holder.pid}${host}${since}）`;
}

function readHolder(dataDir: string): LockHolder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(join(dataDir, LOCK_HOLDER_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data folder for this process, or refuses with who holds it. Two processes writing one
 * folder would fork the device's chain (each numbers its own next event). The lock is an SQLite
 * database opened with locking_mode=EXCLUSIVE whose write lock is kept until the connection closes;
 * the operating system drops it when the process ends in any way (kill -9 and power cuts included),
 * so a stale lock never blocks a restart.
 */
export function acquireDataDirLock(dataDir: string, options: LockOptions): DataDirLock {
  // The lock is the first thing a process takes, so a brand-new data folder is made here (owner-only).
  makeOwnerOnlyDir(dataDir);
  const db = new Database(join(dataDir, LOCK_FILE), { nativeBinding: options.nativeBinding, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held_by_one_process (x INTEGER) STRICT; COMMIT;');
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new StartupRefusal(`数据目录 ${dataDir} 正由另一个 ExamDay 程序使用${describeHolder(readHolder(dataDir), options.startedAt)}；请先关闭它。`);
    }
    throw error;
  }
  const holder: LockHolder = { program: options.program, pid: process.pid, host: hostname(), startedAt: options.startedAt.toISOString() };
  const holderFile = join(dataDir, LOCK_HOLDER_FILE);
  // Written whole (rename), so a second process never reads half of it; a stale one is simply replaced.
  writeFileSync(`${holderFile}.tmp-${process.pid}`, JSON.stringify(holder));
  renameSync(`${holderFile}.tmp-${process.pid}`, holderFile);
  let held = true;
  return {
    dataDir,
    release: () => {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}
