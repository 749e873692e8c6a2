import { parseArgs } from 'node:util';
import { computeTimetable } from '../../shared/timetable/timetable';

const USAGE = '用法：examday timetable --start HH:MM --end HH:MM [--json]';

/**
 * `examday timetable --start HH:MM --end HH:MM [--json]`: the 附件5 steps for one exam slot.
 * Exit 0 with the table, 2 on a usage error or times that make no exam day.
 */
export function runTimetableCommand(argv: string[], out: (line: string) => void): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { start: { type: 'string' }, end: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    out(`${USAGE}（${error instanceof Error ? error.message : String(error)}）`);
    return 2;
  }
  if (values.start === undefined || values.end === undefined) {
    out(`${USAGE}（缺少${values.start === undefined ? ' --start' : ''}${values.end === undefined ? ' --end' : ''}）`);
    return 2;
  }
  const result = computeTimetable(values.start, values.end);
  if (!result.ok) {
    out(result.reason);
    out(USAGE);
    return 2;
  }
  if (values.json) {
    out(JSON.stringify(result.steps));
    return 0;
  }
  const examStart = result.steps.find((step) => step.id === 'exam-start')?.at;
  const examEnd = result.steps.find((step) => step.id === 'papers-collected')?.at;
  const offsetWidth = Math.max(...result.steps.map((step) => step.offsetLabel.length));
  out(`附件5 监考工作流程：考试 ${examStart ?? ''}—${examEnd ?? ''}`);
  for (const step of result.steps) out(`${step.at}  ${step.offsetLabel.padEnd(offsetWidth)}  ${step.titleZh}`);
  return 0;
}
