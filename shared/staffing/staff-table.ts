import { STAFF_ROLE_LABELS } from '../domain/labels';
import { STAFF_ROLES, type Room, type StaffMember, type StaffRole } from '../domain/types';
import { canonicalRoomNo, compactText, halfWidth, roomKey } from '../roster/cell-values';
import { normalizeHeader } from '../roster/columns';
import { isBlankRow } from '../roster/decode-table';

const ROLE_NAMES = new Map<string, StaffRole>([
  ...STAFF_ROLES.map((role) => [STAFF_ROLE_LABELS[role].zh, role] as const),
  ['主考官', 'chief-examiner'],
  ['副主考官', 'deputy-chief-examiner'],
  ['主监考员', 'chief-proctor'],
  ['主监', 'chief-proctor'],
  ['副监考员', 'second-proctor'],
  ['副监', 'second-proctor'],
  ['流动监考员', 'roving-proctor'],
  ['巡考', 'roving-proctor'],
  ['巡考员', 'roving-proctor'],
  ['考务', 'exam-affairs'],
  ['考务员', 'exam-affairs'],
  ['考务工作人员', 'exam-affairs'],
  ['保障', 'support'],
  ['后勤保障人员', 'support'],
  ['后勤人员', 'support'],
  ['质量内控', 'quality-control'],
  ['质量督导员', 'quality-control'],
  ['督导员', 'quality-control'],
]);

/** 附件3/附件4 role names as staff lists write them ("主监考", "主监考员", "巡考" …). */
export function parseStaffRoleName(raw: string): StaffRole | undefined {
  return ROLE_NAMES.get(compactText(raw));
}

type StaffField = 'staffId' | 'name' | 'role' | 'roomNo';
const STAFF_HEADERS = new Map<string, StaffField>([
  ['编号', 'staffId'], ['工号', 'staffId'], ['人员编号', 'staffId'], ['工作人员编号', 'staffId'],
  ['姓名', 'name'],
  ['岗位', 'role'], ['职务', 'role'], ['角色', 'role'], ['工作岗位', 'role'], ['分工', 'role'], ['考务岗位', 'role'],
  ['考场', 'roomNo'], ['考场号', 'roomNo'], ['监考考场', 'roomNo'],
]);

export interface StaffTableFinding {
  /** Spreadsheet row (1-based); 0 for the whole file. */
  row: number;
  message: string;
}

export interface StaffTableResult {
  staff: StaffMember[];
  findings: StaffTableFinding[];
}

/**
 * A staff list (姓名, 岗位, 考场, optional 编号) from decoded rows, one assignment per row. Without an
 * 编号 column the same name is taken to be the same person (so `checkStaffing` sees one person in two
 * places) and gets an id S01, S02 … in order of first appearance. A 考场 cell ("1", "第1考场") becomes the
 * number of the matching room in `rooms`, else its digits two wide ("01").
 */
export function readStaffTable(rows: readonly (readonly string[])[], rooms: readonly Room[] = []): StaffTableResult {
  const roomsByKey = new Map(rooms.map((r) => [roomKey(r.roomNo), r.roomNo] as const));
  const headerIndex = rows.findIndex((row) => row.some((h) => STAFF_HEADERS.get(normalizeHeader(h)) === 'name'));
  if (headerIndex < 0) return { staff: [], findings: [{ row: 0, message: '找不到表头：需要“姓名”和“岗位”列' }] };
  const columns: Partial<Record<StaffField, number>> = {};
  (rows[headerIndex] ?? []).forEach((header, index) => {
    const field = STAFF_HEADERS.get(normalizeHeader(header));
    if (field !== undefined && columns[field] === undefined) columns[field] = index;
  });
  if (columns.role === undefined) return { staff: [], findings: [{ row: 0, message: '缺少“岗位”列' }] };

  const staff: StaffMember[] = [];
  const findings: StaffTableFinding[] = [];
  const idsByName = new Map<string, string>();
  rows.forEach((cells, index) => {
    if (index <= headerIndex || isBlankRow(cells)) return;
    const row = index + 1;
    const get = (field: StaffField): string => {
      const column = columns[field];
      return column === undefined ? '' : halfWidth(cells[column] ?? '');
    };
    const name = get('name');
    const roleText = get('role');
    const role = parseStaffRoleName(roleText);
    if (name === '') findings.push({ row, message: '姓名为空' });
    if (role === undefined) {
      const known = STAFF_ROLES.map((r) => STAFF_ROLE_LABELS[r].zh).join('、');
      findings.push({ row, message: roleText === '' ? '岗位为空' : `岗位“${roleText}”无法识别（可填：${known}）` });
    }
    if (name === '' || role === undefined) return;
    let staffId = get('staffId');
    if (staffId === '') {
      staffId = idsByName.get(name) ?? `S${String(idsByName.size + 1).padStart(2, '0')}`;
      idsByName.set(name, staffId);
    }
    const room = get('roomNo');
    if (room === '') staff.push({ staffId, name, role });
    else staff.push({ staffId, name, role, roomNo: roomsByKey.get(roomKey(room)) ?? canonicalRoomNo(room) });
  });
  return { staff, findings };
}
