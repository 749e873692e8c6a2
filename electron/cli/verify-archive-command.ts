import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyDayArchive } from '../center/archive/verify-day-archive';

/** Exit codes of `examday verify-archive`, as the README documents them (the same as `verify`). */
export const VERIFY_ARCHIVE_EXIT = { intact: 0, tampered: 1, unreadable: 2 } as const;

const USAGE = '用法：examday verify-archive 存档.zip [--center-key 中心公钥] [--json]（退出码：0 完好，1 被改动，2 无法读取或用法错误）';
/** Larger than any day of a district; a bigger file is not read into memory. */
const MAX_ARCHIVE_BYTES = 2 * 1024 ** 3 - 1;

/**
 * `examday verify-archive FILE`: an exam day's archive checked offline, years later, with no
 * database: the center's signature over the manifest, every file against its sha256, every event's
 * hash, signature and chain, every receipt. `--center-key` pins the key it must be signed by.
 */
export function runVerifyArchiveCommand(argv: string[], out: (line: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { 'center-key': { type: 'string' }, json: { type: 'boolean' } } });
  } catch {
    out(USAGE);
    return VERIFY_ARCHIVE_EXIT.unreadable;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    out(USAGE);
    return VERIFY_ARCHIVE_EXIT.unreadable;
  }
  let bytes: Uint8Array;
  try {
    if (statSync(file).size > MAX_ARCHIVE_BYTES) throw new Error('文件过大');
    bytes = readFileSync(file);
  } catch (error) {
    const line = `无法读取存档 ${file}：${error instanceof Error && 'code' in error && error.code === 'ENOENT' ? '文件不存在' : '无法打开文件'}`;
    out(parsed.values.json ? JSON.stringify({ ok: false, unreadable: line }) : line);
    return VERIFY_ARCHIVE_EXIT.unreadable;
  }
  const pinned = parsed.values['center-key'];
  const verdict = verifyDayArchive(bytes, pinned === undefined ? {} : { pinnedCenterKeyHex: pinned });
  if (!verdict.manifest) {
    const line = `无法读取存档 ${file}：${verdict.problems[0] ?? '未知原因'}`;
    out(parsed.values.json ? JSON.stringify({ ok: false, unreadable: line }) : line);
    return VERIFY_ARCHIVE_EXIT.unreadable;
  }
  if (parsed.values.json) {
    out(JSON.stringify({ ok: verdict.ok, problems: verdict.problems, events: verdict.events, centerFingerprint: verdict.centerFingerprint, day: verdict.manifest.day }));
  } else {
    const { day, counts, createdAt, center } = verdict.manifest;
    out(`${verdict.ok ? '完好' : '已被改动'}：${day.organisation} ${day.planName} ${day.date}，${counts.devices} 台设备，${verdict.events} 条事件完好（清单记 ${counts.events} 条），${counts.receipts} 张回执`);
    out(`签名：${center.name}，中心公钥指纹 ${verdict.centerFingerprint ?? ''}（请与中心公布的指纹核对），存档于 ${createdAt}`);
    for (const problem of verdict.problems) out(`问题：${problem}`);
  }
  return verdict.ok ? VERIFY_ARCHIVE_EXIT.intact : VERIFY_ARCHIVE_EXIT.tampered;
}
