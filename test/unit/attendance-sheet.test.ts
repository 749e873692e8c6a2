import { describe, expect, it } from 'vitest';
import { attendanceSheetRows } from '../../shared/record/attendance-sheet';

const room = (roomNo: string, expected: number, admitted: number, absentees: number | null) => ({
  roomNo,
  name: `第${Number(roomNo)}考场`,
  location: '301',
  expected,
  admitted,
  absentees,
  absenteesConfirmed: false,
  inDoubt: 1,
  incidents: 0,
  lastActivityAt: null,
  confirmations: [],
  handIns: 0,
  balance: 'unknown' as const,
  paperProblems: [],
  signed: 'none' as const,
});

describe('the attendance sheet (应到/实到/缺考/存疑/异常)', () => {
  it('one row per room, the site, then each 职业·等级; 缺考 reads 待统计 before the cut-off', () => {
    const rows = attendanceSheetRows({
      rooms: [room('01', 30, 28, null), room('02', 20, 20, null)],
      unsignedAfterReturn: [],
      generatedAt: '2026-11-25T00:00:00.000Z',
      totals: { expected: 50, admitted: 48, absentees: null, inDoubt: 2, incidents: 0 },
      groups: [{ occupation: '保育师', level: '四级', expected: 50, admitted: 48, absentees: null, inDoubt: 2 }],
      feed: [],
    });
    expect(rows).toEqual([
      ['考场号', '考场', '位置', '应到', '实到', '缺考', '存疑', '异常'],
      ['01', '第1考场', '301', 30, 28, '待统计', 1, 0],
      ['02', '第2考场', '301', 20, 20, '待统计', 1, 0],
      ['全场', '', '', 50, 48, '待统计', 2, 0],
      [],
      ['职业·等级', '', '', '应到', '实到', '缺考', '存疑', ''],
      ['保育师四级', '', '', 50, 48, '待统计', 2, ''],
    ]);
  });
});
