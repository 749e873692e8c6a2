import { describe, expect, it } from 'vitest';
import { runTimetableCommand } from '../../electron/cli/timetable-command';
import type { TimetableStep } from '../../shared/timetable/timetable';

function run(...argv: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runTimetableCommand(argv, (line) => lines.push(line));
  return { code, lines };
}

describe('examday timetable', () => {
  it('prints the 附件5 table with aligned time, offset and title columns', () => {
    const { code, lines } = run('--start', '08:30', '--end', '10:00');
    expect(code).toBe(0);
    expect(lines).toEqual([
      '附件5 监考工作流程：考试 08:30—10:00',
      '07:30  S−60  报到',
      '07:35  S−55  安排工作',
      '07:40  S−50  分发试卷',
      '07:50  S−40  送试卷到达考场',
      '08:05  S−25  查证入场',
      '08:20  S−10  宣布考场纪律',
      '08:25  S−5   验封、启封、发卷',
      '08:30  S     宣布正式开考',
      '09:00  S+30  交卷、收卷、填写考场记录单、卡',
      '09:45  E−15  宣布停止交卷',
      '10:00  E     收卷',
      '10:05  E+5   送还试卷',
    ]);
  });

  it('prints the steps as one JSON array with --json', () => {
    const { code, lines } = run('--start', '13:30', '--end', '15:30', '--json');
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const steps = JSON.parse(lines[0]!) as TimetableStep[];
    expect(steps).toHaveLength(12);
    expect(steps[0]).toMatchObject({ id: 'staff-arrive', at: '12:30', offsetLabel: 'S−60', titleZh: '报到' });
    expect(steps[11]).toMatchObject({ id: 'papers-returned', at: '15:35', titleEn: 'Papers returned' });
  });

  it('accepts --start=H:MM as 附件5 writes times', () => {
    const { code, lines } = run('--start=8:30', '--end=10:00');
    expect(code).toBe(0);
    expect(lines[1]).toBe('07:30  S−60  报到');
  });

  it('answers a missing argument with the usage and exit code 2', () => {
    const missingEnd = run('--start', '08:30');
    expect(missingEnd.code).toBe(2);
    expect(missingEnd.lines.join('\n')).toMatch(/^用法：examday timetable --start HH:MM --end HH:MM \[--json\]（缺少 --end）$/);
    expect(run().lines[0]).toContain('缺少 --start --end');
    expect(run().code).toBe(2);
  });

  it('answers an unknown option or a stray word with the usage and exit code 2', () => {
    for (const argv of [['--start', '08:30', '--end', '10:00', '--room', '01'], ['08:30', '10:00']]) {
      const { code, lines } = run(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(lines[0]).toMatch(/^用法：/);
    }
  });

  it('explains times that make no exam day, in Chinese, with exit code 2', () => {
    const backwards = run('--start', '10:00', '--end', '08:30');
    expect(backwards.code).toBe(2);
    expect(backwards.lines).toEqual(['结束时间 08:30 必须晚于开始时间 10:00', '用法：examday timetable --start HH:MM --end HH:MM [--json]']);
    const badTime = run('--start', '8点半', '--end', '10:00');
    expect(badTime.code).toBe(2);
    expect(badTime.lines[0]).toContain('开始时间“8点半”格式不正确');
  });
});
