import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../core/core';
import { openDatabase } from '../core/database';
import { verifyEventLog } from '../core/verify-log';

/**
 * `examday verify --data DIR [--json]`: walks every device's chain and signatures.
 * Exit 0 when intact, 1 with the first broken link when not, 2 on a usage error.
 */
export function runVerifyCommand(argv: string[], out: (line: string) => void): number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { data: { type: 'string' }, json: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    out(`用法：examday verify --data 数据目录 [--json]（${error instanceof Error ? error.message : ''}）`);
    return 2;
  }
  if (!values.data) {
    out('用法：examday verify --data 数据目录 [--json]');
    return 2;
  }
  const file = join(values.data, DATABASE_FILE);
  if (!existsSync(file)) {
    out(`找不到数据库：${file}`);
    return 2;
  }
  const db = openDatabase(file);
  try {
    const report = verifyEventLog(db);
    if (values.json) {
      out(JSON.stringify(report));
    } else if (report.ok) {
      out(`完好：${report.devices} 台设备，${report.eventsChecked} 个事件，哈希链与签名全部正确`);
    } else {
      const b = report.firstBroken;
      out(`已损坏：设备 ${b?.deviceId} 第 ${b?.seq} 号事件（${b?.eventId}）：${b?.reason}`);
    }
    return report.ok ? 0 : 1;
  } finally {
    db.close();
  }
}
