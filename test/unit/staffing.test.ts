import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../shared/domain/types';
import { sampleDaySchema } from '../../shared/sample/sample-day';
import { checkStaffing, type StaffingRoom } from '../../shared/staffing/check-staffing';
import { parseStaffRoleName, readStaffTable } from '../../shared/staffing/staff-table';

const sample = sampleDaySchema.parse(JSON.parse(readFileSync(new URL('../../resources/sample-day/sample-day.json', import.meta.url), 'utf8')));
const STAFF: StaffMember[] = sample.staff;
const ROOMS: StaffingRoom[] = sample.rooms.map((r) => ({
  roomNo: r.roomNo,
  candidateCount: sample.candidates.filter((c) => c.roomNo === r.roomNo).length,
}));

const without = (staffId: string): StaffMember[] => STAFF.filter((m) => m.staffId !== staffId);
const kinds = (staff: StaffMember[], rooms = ROOMS): string[] => checkStaffing(staff, rooms).map((s) => s.kind);

describe('checkStaffing (附件3 一 人员要求)', () => {
  it('finds nothing short in the sample day (4 rooms, full staff)', () => {
    expect(checkStaffing(STAFF, ROOMS)).toEqual([]);
  });

  it('reports a missing 主考 and a missing 副主考', () => {
    expect(checkStaffing(without('S01'), ROOMS).map((s) => s.message)).toEqual(['缺少主考（附件3：设主考、副主考各 1 名）']);
    expect(checkStaffing(without('S02'), ROOMS).map((s) => s.message)).toEqual(['缺少副主考（附件3：设主考、副主考各 1 名）']);
  });

  it('warns of a second 主考', () => {
    const result = checkStaffing([...STAFF, { staffId: 'S99', name: '钱进', role: 'chief-examiner' }], ROOMS);
    expect(result).toEqual([expect.objectContaining({ kind: 'extra-chief', severity: 'warning', message: '主考应为 1 名，现有 2 名：郑国华、钱进' })]);
  });

  it('reports a room without its 主监考 or 副监考 (and then short of two proctors)', () => {
    const result = checkStaffing(without('S06'), ROOMS);
    expect(result.map((s) => [s.kind, s.roomNo, s.message])).toEqual([
      ['room-missing-proctor', '02', '02 考场缺少副监考'],
      ['room-proctor-ratio', '02', '02 考场有 26 名考生，按 15:1 且每考场 2 名至少需要 2 名监考，现有 1 名'],
    ]);
    expect(kinds(without('S03'))).toEqual(['room-missing-proctor', 'room-proctor-ratio']);
  });

  it('asks for one proctor per 15 candidates beyond the two', () => {
    const rooms = ROOMS.map((r) => (r.roomNo === '03' ? { ...r, candidateCount: 31 } : r));
    expect(checkStaffing(STAFF, rooms).map((s) => s.message)).toEqual(['03 考场有 31 名考生，按 15:1 且每考场 2 名至少需要 3 名监考，现有 2 名']);
    expect(checkStaffing([...STAFF, { staffId: 'S30', name: '陈三', role: 'second-proctor', roomNo: '03' }], rooms)).toEqual([]);
  });

  it('needs 3 考务人员 and 1 保密员', () => {
    expect(checkStaffing(without('S12'), ROOMS).map((s) => s.message)).toEqual(['考务人员应至少 3 人（附件3：每场所配备考务人员 3 人），现有 2 人']);
    expect(kinds(without('S15'))).toEqual(['missing-secrecy-officer']);
  });

  it('needs 1 流动监考 per 10 rooms, rounded up, counting rooms with candidates', () => {
    expect(kinds(without('S11'))).toEqual(['too-few-roving']);
    const eleven: StaffingRoom[] = Array.from({ length: 11 }, (_, i) => ({ roomNo: String(i + 1).padStart(2, '0'), candidateCount: 1 }));
    const proctors = eleven.flatMap((r, i): StaffMember[] => [
      { staffId: `C${i}`, name: `主${i}`, role: 'chief-proctor', roomNo: r.roomNo },
      { staffId: `D${i}`, name: `副${i}`, role: 'second-proctor', roomNo: r.roomNo },
    ]);
    const office = STAFF.filter((m) => m.roomNo === undefined);
    expect(checkStaffing([...office, ...proctors], eleven).map((s) => s.message)).toEqual([
      '流动监考应至少 2 人（附件3：每 10 个考场设流动监考员 1 人，本场 11 个考场），现有 1 人',
    ]);
    const tenUsed = eleven.map((r, i) => (i === 10 ? { ...r, candidateCount: 0 } : r));
    expect(checkStaffing([...office, ...proctors], tenUsed)).toEqual([]);
  });

  it('reports one person in two places: two rooms, or a room and an office role', () => {
    const twoRooms = [...STAFF, { staffId: 'S03', name: '杨建民', role: 'second-proctor' as const, roomNo: '02' }];
    expect(checkStaffing(twoRooms, ROOMS)).toEqual([
      expect.objectContaining({
        kind: 'double-booked',
        staffIds: ['S03'],
        message: '杨建民同时被安排在 2 处：01 考场主监考、02 考场副监考（同一时间只能在一处）',
      }),
    ]);
    const twoRoles = [...STAFF, { staffId: 'S15', name: '徐明', role: 'exam-affairs' as const }];
    expect(kinds(twoRoles)).toEqual(['double-booked']);
  });

  it('warns when two staff ids share a name, and reports proctors without a room or in an unknown one', () => {
    expect(checkStaffing([...STAFF, { staffId: 'S40', name: '何静', role: 'support' }], ROOMS)).toEqual([
      expect.objectContaining({ kind: 'same-name', severity: 'warning', staffIds: ['S12', 'S40'] }),
    ]);
    expect(kinds([...STAFF, { staffId: 'S41', name: '无场', role: 'chief-proctor' }])).toEqual(['proctor-without-room']);
    expect(kinds([...STAFF, { staffId: 'S42', name: '错场', role: 'second-proctor', roomNo: '09' }])).toEqual(['unknown-room']);
  });
});

describe('readStaffTable', () => {
  it('reads a staff list (姓名, 岗位, 考场), gives one id per name, and feeds checkStaffing', () => {
    const rows = [
      ['考务组名单'],
      ['姓名', '岗位', '考场'],
      ['郑国华', '主考', ''],
      ['杨建民', '主监考员', '第1考场'],
      ['杨建民', '副监考', '2'],
      ['何静', '巡考', ''],
      ['', '保密员', ''],
      ['马俊', '司机', ''],
    ];
    const { staff, findings } = readStaffTable(rows, sample.rooms);
    expect(staff).toEqual([
      { staffId: 'S01', name: '郑国华', role: 'chief-examiner' },
      { staffId: 'S02', name: '杨建民', role: 'chief-proctor', roomNo: '01' },
      { staffId: 'S02', name: '杨建民', role: 'second-proctor', roomNo: '02' },
      { staffId: 'S03', name: '何静', role: 'roving-proctor' },
    ]);
    expect(findings).toEqual([
      { row: 7, message: '姓名为空' },
      { row: 8, message: expect.stringMatching(/^岗位“司机”无法识别/) },
    ]);
    expect(kinds(staff)).toContain('double-booked');
  });

  it('names every role of 附件3/附件4', () => {
    expect(['主考', '副主考', '主监考', '副监考', '流动监考', '考务人员', '保密员', '保障人员', '质量内控人员'].map(parseStaffRoleName)).toEqual([
      'chief-examiner',
      'deputy-chief-examiner',
      'chief-proctor',
      'second-proctor',
      'roving-proctor',
      'exam-affairs',
      'secrecy-officer',
      'support',
      'quality-control',
    ]);
    expect(readStaffTable([['姓名', '电话']]).findings).toEqual([{ row: 0, message: '缺少“岗位”列' }]);
  });
});
