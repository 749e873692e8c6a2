import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyArchive } from '../center/verify-archive';

/** Exit codes of `examday verify-archive`, as the README documents them (the same as `verify`). */
export const VERIFY_ARCHIVE_EXIT = { intact: 0, tampered: 1, unreadable: 2 } as const;

const USAGE = '用法：examday verify-archive 档案.zip [--center-key 中心公钥] [--json]（退出码：0 完好，1 被改动，2 无法读取或用法错误）';
/** Larger than any day of a district; a bigger file is not read into memory. */
const MAX_ARCHIVE_BYTES = 2 * 1024 ** 3 - 1;

/**
 * `examday verify-archive FILE`: a center's day archive checked offline, years later, with no
 * database (electron/center/verify-archive.ts). `--center-key` pins the key it must be signed by;
 * without it the signer is printed, to compare with the center's published one.
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
  const json = parsed.values.json === true;
  const unreadable = (why: string): number => {
    const line = `无法读取档案 ${file}：${why}`;
    out(json ? JSON.stringify({ ok: false, unreadable: line }) : line);
    return VERIFY_ARCHIVE_EXIT.unreadable;
  };
  let bytes: Uint8Array;
  try {
    if (statSync(file).size > MAX_ARCHIVE_BYTES) return unreadable('文件过大');
    bytes = readFileSync(file);
  } catch (error) {
    return unreadable((error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '无法打开文件');
  }
  const pinned = parsed.values['center-key'];
  const report = verifyArchive(bytes, pinned === undefined ? {} : { pinnedCenterKeyHex: pinned });
  if (report.day === null) return unreadable(report.problems[0] ?? '不是考试日档案');
  if (json) out(JSON.stringify(report));
  else if (report.ok) {
    out(`完好：${report.day.organisation} ${report.day.date} ${report.day.planId}，${report.devices} 台设备，${report.events} 条记录，清单签名（中心 ${report.centerDeviceId}）与每个文件的哈希均正确`);
  } else {
    out(`已被改动或不完整：${report.problems.length} 处问题`);
    for (const p of report.problems.slice(0, 50)) out(`  - ${p}`);
  }
  return report.ok ? VERIFY_ARCHIVE_EXIT.intact : VERIFY_ARCHIVE_EXIT.tampered;
}
