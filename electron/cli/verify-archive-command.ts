import { readFileSync } from 'node:fs';
import { verifyArchive } from '../center/verify-archive';

/** Exit codes of `examday verify-archive`, like `examday verify`'s. */
export const VERIFY_ARCHIVE_EXIT = { intact: 0, tampered: 1, unreadable: 2 } as const;

/** `examday verify-archive FILE [--json]`: checks a center's day archive offline, with no database. */
export function runVerifyArchiveCommand(argv: string[], out: (line: string) => void): number {
  const json = argv.includes('--json');
  const file = argv.find((a) => a !== '--json');
  if (!file) {
    out('用法：examday verify-archive 档案.zip [--json]（退出码：0 完好，1 被改动，2 无法读取）');
    return VERIFY_ARCHIVE_EXIT.unreadable;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    out(`无法读取 ${file}：${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return VERIFY_ARCHIVE_EXIT.unreadable;
  }
  const report = verifyArchive(bytes);
  if (json) out(JSON.stringify(report));
  else if (report.ok) {
    out(`完好：${report.day?.organisation} ${report.day?.date} ${report.day?.planId}，${report.devices} 台设备，${report.events} 条记录，清单签名（中心 ${report.centerDeviceId}）与每个文件的哈希均正确`);
  } else {
    out(`已被改动或不完整：${report.problems.length} 处问题`);
    for (const p of report.problems.slice(0, 50)) out(`  - ${p}`);
  }
  if (report.ok) return VERIFY_ARCHIVE_EXIT.intact;
  return report.day === null ? VERIFY_ARCHIVE_EXIT.unreadable : VERIFY_ARCHIVE_EXIT.tampered;
}
