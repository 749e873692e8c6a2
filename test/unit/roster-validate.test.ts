import { describe, expect, it } from 'vitest';
import { refusalZh } from '../../shared/api/refusal';
import { refusalText } from '../../renderer/src/i18n/i18n';
import type { Room } from '../../shared/domain/types';
import { checkRosterFile } from '../../shared/roster/check-roster';
import { recognizeHeaders } from '../../shared/roster/columns';
import { decodeTable } from '../../shared/roster/decode-table';
import {
  formatRosterFinding,
  validateRoster,
  type RosterPlanRules,
  type RosterValidation,
} from '../../shared/roster/validate-roster';
import { csvText, encodeGb18030, makeXlsx, residentId, ROSTER_HEADER, rosterRow, type Cell } from '../support/roster-files';

const PLAN: RosterPlanRules = {
  date: '2026-11-05',
  occupations: [{ occupation: '保育师', levels: ['四级', '三级'] }],
  acceptedIdTypes: ['resident-id', 'hmt-residence-permit'],
};
const ROOMS: Room[] = [
  { roomNo: '01', name: '第1考场', location: '301', capacity: 30 },
  { roomNo: '02', name: '第2考场', location: '302', capacity: 3 },
];

function check(rows: Cell[][], options: { plan?: RosterPlanRules; rooms?: Room[]; defaultCapacity?: number } = { plan: PLAN, rooms: ROOMS }): RosterValidation {
  const cells = rows.map((row) => row.map((c) => (c === null ? '' : String(c))));
  const { headerRowIndex, mapping } = recognizeHeaders(cells);
  return validateRoster({ rows: cells, headerRowIndex, mapping, ...options });
}

/** [row, kind] of every finding, to compare against the rows the test broke. */
const kinds = (v: RosterValidation): [number, string][] => v.findings.map((f) => [f.row, f.kind]);

describe('validateRoster: a clean roster', () => {
  it('turns every row into a candidate with the plan spelling, the room number and the seat', () => {
    const v = check([ROSTER_HEADER, rosterRow(1), rosterRow(2, { name: '王𠈌', room: '第1考场', level: '三级/高级工', seat: '２' })]);
    expect(v.findings).toEqual([]);
    expect(v.candidates).toEqual([
      { ticketNo: '20261105170101', name: '考生1', gender: '男', idType: 'resident-id', idNumber: residentId('11010519900101101'), occupation: '保育师', level: '四级', roomNo: '01', seatNo: 1 },
      { ticketNo: '20261105170102', name: '王𠈌', gender: '女', idType: 'resident-id', idNumber: residentId('11010519900101102'), occupation: '保育师', level: '三级', roomNo: '01', seatNo: 2 },
    ]);
    expect(v.rooms).toEqual([{ roomNo: '01', capacity: 30, rowCount: 2 }]);
    expect(v.seatsAssigned).toBe(false);
  });

  it('derives a missing gender from the ID and a missing ID type from the number; ignores blank rows for numbering', () => {
    const header = ['姓名', '身份证号', '准考证号', '职业', '等级', '考场'];
    const v = check([header, ['张三', residentId('11010519900101101'), 'T1', '保育师', '四级', '01'], [], ['李四', residentId('11010519900101102'), 'T2', '保育师', '四级', '01']]);
    expect(v.findings).toEqual([]);
    expect(v.candidates.map((c) => [c.name, c.gender, c.idType])).toEqual([
      ['张三', '男', 'resident-id'],
      ['李四', '女', 'resident-id'],
    ]);
    expect(v.rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it('asks for the gender only where the document does not carry it, not on top of an ID error', () => {
    const header = ['姓名', '证件类型', '身份证号', '准考证号', '职业', '等级', '考场'];
    const plan = { ...PLAN, acceptedIdTypes: [...PLAN.acceptedIdTypes, 'passport' as const] };
    const v = check(
      [header, ['JOHN SMITH', '护照', 'E12345678', 'T1', '保育师', '四级', '01'], ['张三', '', '110105199001011230', 'T2', '保育师', '四级', '01']],
      { plan, rooms: ROOMS },
    );
    expect(kinds(v)).toEqual([
      [2, 'bad-gender'],
      [3, 'invalid-id'],
    ]);
  });
});

describe('validateRoster: each problem on its row', () => {
  const everyKind = (): Cell[][] => {
    const badCheckDigit = residentId('11010519900101115').slice(0, 17) + (residentId('11010519900101115').endsWith('1') ? '2' : '1');
    const rows: Cell[][] = [
      ['2026年保育师考生名单'], // row 1: title
      ROSTER_HEADER, // row 2
      rosterRow(1), // row 3: fine
      rosterRow(2, { idNumber: badCheckDigit }), // 4
      rosterRow(3, { ticketNo: '20261105170101' }), // 5: duplicate ticket of row 3
      rosterRow(4, { idNumber: residentId('11010519900101101') }), // 6: duplicate ID of row 3
      rosterRow(5, { name: '' }), // 7
      rosterRow(6, { ticketNo: '' }), // 8
      rosterRow(7, { idNumber: '' }), // 9
      rosterRow(8, { seat: 1 }), // 10: seat 1 taken by row 3
      rosterRow(9, { level: '二级' }), // 11
      rosterRow(10, { occupation: '育婴员' }), // 12
      rosterRow(11, { room: '07' }), // 13
      rosterRow(12, { gender: '未知' }), // 14
      rosterRow(13, { idType: '驾驶证' }), // 15
      rosterRow(14, { idType: '护照', idNumber: 'E12345678' }), // 16: passport not accepted by this plan
      rosterRow(15, { level: '特级' }), // 17
      rosterRow(16, { seat: 'A5' }), // 18
      rosterRow(17, { seat: '' }), // 19
      rosterRow(18, { idNumber: '1.10105199001011E+17' }), // 20
      rosterRow(19, { gender: '男', idNumber: residentId('11010519900101120') }), // 21: 17th digit 2 → 女
      rosterRow(20, { idNumber: residentId('11010520300101120') }), // 22: born after the exam date
    ];
    return rows;
  };

  it('reports every kind with the spreadsheet row it is on', () => {
    const v = check(everyKind());
    expect(kinds(v)).toEqual([
      [4, 'invalid-id'],
      [5, 'duplicate-ticket'],
      [6, 'duplicate-id'],
      [7, 'missing-name'],
      [8, 'missing-ticket'],
      [9, 'missing-id-number'],
      [10, 'seat-taken'],
      [11, 'level-not-in-plan'],
      [12, 'occupation-not-in-plan'],
      [13, 'unknown-room'],
      [14, 'bad-gender'],
      [15, 'unknown-id-type'],
      [16, 'id-type-not-accepted'],
      [17, 'bad-level'],
      [18, 'bad-seat'],
      [19, 'missing-seat'],
      [20, 'scientific-notation'],
      [21, 'gender-mismatch'],
      [22, 'invalid-id'],
    ]);
    const byRow = new Map(v.findings.map((f) => [f.row, f]));
    expect(formatRosterFinding(byRow.get(4)!)).toBe('第 4 行：居民身份证号码校验位错误');
    expect(byRow.get(5)!.message).toBe('准考证号与第 3 行重复');
    expect(byRow.get(6)!.message).toBe('证件号码与第 3 行重复');
    expect(byRow.get(10)!.message).toBe('01 考场 1 号座位已排给第 3 行');
    expect(byRow.get(11)!.message).toBe('保育师二级不在本次认定计划中（计划等级：四级、三级）');
    expect(byRow.get(12)!.message).toContain('职业“育婴员”不在本次认定计划中');
    expect(byRow.get(13)!.message).toBe('考场“07”不在考场列表中');
    expect(byRow.get(16)!.message).toBe('本次认定不接受护照（可用：居民身份证、港澳台居民居住证）');
    expect(byRow.get(21)).toMatchObject({ severity: 'warning', message: '性别“男”与证件号码不符（号码第17位表示女）' });
    expect(formatRosterFinding(byRow.get(21)!)).toBe('第 21 行：（提醒）性别“男”与证件号码不符（号码第17位表示女）');
    expect(byRow.get(22)!.message).toContain('晚于今天');
    // Messages never carry a full ID number.
    for (const f of v.findings) expect(f.message).not.toMatch(/\d{15}/);
    // Only the fine row and the row with a mere warning become candidates.
    expect(v.candidates.map((c) => c.ticketNo)).toEqual(['20261105170101', '20261105170119']);
    expect(v).toMatchObject({ errorCount: 18, warningCount: 1, errorRowCount: 18 });
  });

  it("says every problem in the UI's language: the Chinese as the CLI prints it, the English for the preview (issue 15 item 13)", () => {
    const v = check(everyKind());
    const byRow = new Map(v.findings.map((f) => [f.row, f]));
    const english = (row: number) => refusalText('en', byRow.get(row)!);
    for (const f of v.findings) {
      expect(refusalText('zh', f)).toBe(f.message);
      expect(refusalZh(f.refusal)).toBe(f.message);
      expect(refusalText('en', f)).not.toMatch(/[行号为空不在无法识别]/);
    }
    expect([4, 5, 10, 11, 13, 15, 16, 17, 20, 21, 22].map(english)).toEqual([
      'Invalid ID number: The check digit (the last one) is wrong',
      'The ticket number repeats row 3',
      'Room 01, seat 1 is already given to row 3',
      '保育师 二级 is not in this certification plan (planned levels: 四级, 三级)',
      'Room "07" is not in the list of rooms',
      'ID type "驾驶证" is not recognised (write one of: Resident ID card, HK/Macao/Taiwan residence permit, Foreign permanent resident ID, Passport, HK/Macao travel permit, Taiwan travel permit)',
      'This certification does not accept the Passport (accepted: Resident ID card, HK/Macao/Taiwan residence permit)',
      'Level "特级" is not recognised (it should be level 5 to level 1)',
      'Excel stored the ID number as a number (scientific notation) and lost its last digits: format the column as "Text" and enter it again',
      'Gender "male" does not match the ID number (its 17th digit says female)',
      'Invalid ID number: The birth date inside the number is impossible',
    ]);
    const missing = check([['姓名', '身份证号', '准考证号']]).findings[0]!;
    expect(refusalText('en', missing)).toBe('The "Room" column is missing: add it to the header, or say which column is Room');
    // A room with a name of its own keeps it in English; seats assigned by ticket leave the last one out.
    const over = check([ROSTER_HEADER, ...[1, 2, 3, 4].map((n) => rosterRow(n, { room: 'A3', seat: '' }))], { plan: PLAN, rooms: [{ roomNo: 'A3', name: '计算机教室', location: '', capacity: 3 }] });
    expect(over.findings.map((f) => [f.row, f.message, refusalText('en', f)])).toEqual([
      [5, '计算机教室超员：共 4 人，容量 3 人，按准考证号排在容量之后，没有座位', '计算机教室 is over capacity: 4 candidates for 3 seats; by ticket number this one comes after the last seat and has none'],
    ]);
  });

  it('reports a room over capacity on the rows past it (explicit seats: in file order)', () => {
    const v = check([ROSTER_HEADER, ...[1, 2, 3, 4, 5].map((n) => rosterRow(n, { room: '02', seat: n > 3 ? 3 : n }))]);
    expect(kinds(v)).toEqual([
      [5, 'room-over-capacity'],
      [5, 'seat-taken'],
      [6, 'room-over-capacity'],
      [6, 'seat-taken'],
    ]);
    expect(v.findings[0]!.message).toBe('02 考场超员：共 5 人，容量 3 人');
  });

  it('needs the name, ID, 准考证号 and room columns; occupation and level unless the plan has just one', () => {
    const v = check([['姓名', '身份证号', '准考证号']]);
    expect(v.findings.map((f) => [f.row, f.kind, f.field])).toEqual([
      [0, 'missing-column', 'roomNo'],
      [0, 'missing-column', 'level'],
    ]);
    expect(formatRosterFinding(v.findings[0]!)).toBe('缺少“考场号”列：请在表头中加上，或指定哪一列是考场号');
    const structural = check([['姓名', '身份证号', '准考证号', '考场']], {});
    expect(structural.findings.map((f) => f.field)).toEqual(['occupation', 'level']);
  });

  it('takes the sole occupation and level of the plan when the roster has no such column', () => {
    const plan = { ...PLAN, occupations: [{ occupation: '保育师', levels: ['四级' as const] }] };
    const v = check([['姓名', '身份证号', '准考证号', '考场号'], ['张三', residentId('11010519900101101'), 'T1', '1']], { plan, rooms: ROOMS });
    expect(v.findings).toEqual([]);
    expect(v.candidates[0]).toMatchObject({ occupation: '保育师', level: '四级', roomNo: '01', seatNo: 1 });
  });
});

describe('validateRoster: seats assigned when the roster has none (附件3 蛇形, by 准考证号)', () => {
  const header = ROSTER_HEADER.slice(0, 8);
  it('seats each room by 准考证号, whatever the file order', () => {
    const rows = [header, ...[3, 1, 2].map((n) => rosterRow(n).slice(0, 8)), rosterRow(4, { room: '02' }).slice(0, 8)];
    const v = check(rows);
    expect(v.findings).toEqual([]);
    expect(v.seatsAssigned).toBe(true);
    expect(v.candidates.map((c) => [c.ticketNo.slice(-2), c.roomNo, c.seatNo])).toEqual([
      ['03', '01', 3],
      ['01', '01', 1],
      ['02', '01', 2],
      ['04', '02', 1],
    ]);
  });

  it('treats an empty seat column like no seat column', () => {
    const v = check([ROSTER_HEADER, rosterRow(2, { seat: '' }), rosterRow(1, { seat: '' })]);
    expect(v.findings).toEqual([]);
    expect(v.candidates.map((c) => c.seatNo)).toEqual([2, 1]);
  });

  it('without a plan or rooms checks structure only: rooms from the roster, 30 seats each', () => {
    const rows = [header, ...Array.from({ length: 31 }, (_, i) => rosterRow(i + 1, { room: '1', occupation: '任何职业', level: '二级' }).slice(0, 8))];
    const v = check(rows, {});
    expect(kinds(v)).toEqual([[32, 'room-over-capacity']]);
    expect(v.findings[0]!.message).toBe('01 考场超员：共 31 人，容量 30 人，按准考证号排在容量之后，没有座位');
    expect(v.candidates).toHaveLength(30);
    expect(v.candidates[29]).toMatchObject({ roomNo: '01', seatNo: 30, occupation: '任何职业', level: '二级' });
    expect(check(rows, { defaultCapacity: 40 }).findings).toEqual([]);
  });
});

describe('roster files end to end: decode, recognise, validate', () => {
  const rows: Cell[][] = [ROSTER_HEADER, rosterRow(1, { name: '王𠈌' }), rosterRow(2, { name: '阿依古丽·买买提', idNumber: '11010519900101102X' })];

  it.each([
    ['.xlsx', makeXlsx(rows), 'roster.xlsx'],
    ['GBK CSV', encodeGb18030(csvText(rows)), 'roster.csv'],
  ])('%s: 𠈌 reaches the candidate and the bad ID is reported on row 3', (_label, bytes, name) => {
    const table = decodeTable(bytes, name);
    if (!table.ok) throw new Error(table.message);
    const { headerRowIndex, mapping } = recognizeHeaders(table.rows);
    const v = validateRoster({ rows: table.rows, headerRowIndex, mapping, plan: PLAN, rooms: ROOMS });
    expect(v.candidates.map((c) => c.name)).toEqual(['王𠈌']);
    expect(v.findings.map((f) => [f.row, f.kind])).toEqual([[3, 'invalid-id']]);
  });
});

describe('checkRosterFile: the preview in one call', () => {
  const rows: Cell[][] = [
    ['考生名', '身份证号', '准考证号', '职业', '等级', '教室'],
    ['王𠈌', residentId('11010519900101101'), 'T1', '保育师', '四级', '1'],
  ];

  it('reports the unplaced column, then validates once the user maps it', () => {
    const bytes = makeXlsx(rows);
    const first = checkRosterFile(bytes, 'a.xlsx', { plan: PLAN, rooms: ROOMS });
    if (!first.ok) throw new Error(first.message);
    expect(first.recognition.unmapped).toEqual([
      { index: 0, header: '考生名' },
      { index: 5, header: '教室' },
    ]);
    expect(first.validation.findings.map((f) => f.field)).toEqual(['name', 'roomNo']);
    expect(first.validation.candidates).toEqual([]);

    const fixed = checkRosterFile(bytes, 'a.xlsx', { plan: PLAN, rooms: ROOMS, mappingOverrides: { name: 0, roomNo: 5 } });
    if (!fixed.ok) throw new Error(fixed.message);
    expect(fixed.validation.findings).toEqual([]);
    expect(fixed.validation.candidates).toEqual([expect.objectContaining({ name: '王𠈌', roomNo: '01', seatNo: 1 })]);
    expect(fixed.table).toMatchObject({ format: 'xlsx', sheetName: 'Sheet1' });
  });

  it('gives one message for a file it cannot read', () => {
    expect(checkRosterFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'a.xlsx')).toEqual({
      ok: false,
      message: '无法读取该文件：文件已损坏，不是有效的 .xlsx 文件',
      refusal: { code: 'xlsx-damaged', params: {}, prefix: 'file-unreadable' },
    });
  });
});
