import { STAFF_ROLE_LABELS } from '../domain/labels';
import type { StaffMember, StaffRole } from '../domain/types';
import { EXAMINER_ROLES, isRoomProctorRole, ROOM_PROCTOR_ROLES } from './roles';

export const STAFFING_SHORTFALL_KINDS = [
  'missing-chief', // 主考 or 副主考 missing
  'extra-chief', // more than one 主考 or 副主考
  'room-missing-proctor', // a room without its 主监考 or 副监考
  'room-proctor-ratio', // fewer proctors than 15:1 asks for
  'too-few-exam-affairs', // fewer than 3 考务人员
  'missing-secrecy-officer',
  'too-few-roving', // fewer than 1 流动监考 per 10 rooms
  'proctor-without-room',
  'unknown-room',
  'double-booked', // one person in two places
  'same-name', // two staff ids with one name: maybe one person twice
] as const;
export type StaffingShortfallKind = (typeof STAFFING_SHORTFALL_KINDS)[number];

export interface StaffingShortfall {
  kind: StaffingShortfallKind;
  severity: 'error' | 'warning';
  /** Chinese, for the staff screen and the CLI. */
  message: string;
  roomNo?: string;
  role?: StaffRole;
  staffIds?: string[];
}

export interface StaffingRoom {
  roomNo: string;
  /** Candidates seated in the room; a room with none needs no proctors. */
  candidateCount: number;
}

/** 附件3 一: numbers of each role. */
export const STAFFING_RULES = {
  candidatesPerProctor: 15,
  proctorsPerRoom: 2,
  examAffairs: 3,
  secrecyOfficers: 1,
  roomsPerRovingProctor: 10,
} as const;

const zh = (role: StaffRole): string => STAFF_ROLE_LABELS[role].zh;

/**
 * What the staff list lacks against 附件3 一 (人员要求): 主考 and 副主考 one each; per room a 主监考 and a
 * 副监考 and at least one proctor per 15 candidates (15:1); 3 考务人员; 1 保密员; 1 流动监考 per 10 rooms
 * (rounded up); and no one in two places at once (三(一): proctors never manage two rooms). Rooms with no
 * candidates are not counted. An empty list means the staffing is complete.
 *
 * `staff` may list one person more than once (one entry per assignment); entries with the same
 * `staffId` are the same person.
 */
export function checkStaffing(staff: readonly StaffMember[], rooms: readonly StaffingRoom[]): StaffingShortfall[] {
  const out: StaffingShortfall[] = [];
  const usedRooms = rooms.filter((r) => r.candidateCount > 0);
  const roomNos = new Set(rooms.map((r) => r.roomNo));
  const byRole = (role: StaffRole): StaffMember[] => uniqueById(staff.filter((m) => m.role === role));

  for (const role of EXAMINER_ROLES) {
    const members = byRole(role);
    if (members.length === 0) out.push({ kind: 'missing-chief', severity: 'error', role, message: `缺少${zh(role)}（附件3：设主考、副主考各 1 名）` });
    if (members.length > 1) {
      out.push({
        kind: 'extra-chief',
        severity: 'warning',
        role,
        staffIds: members.map((m) => m.staffId),
        message: `${zh(role)}应为 1 名，现有 ${members.length} 名：${members.map((m) => m.name).join('、')}`,
      });
    }
  }

  for (const room of usedRooms) {
    const inRoom = staff.filter((m) => isRoomProctorRole(m.role) && m.roomNo === room.roomNo);
    for (const role of ROOM_PROCTOR_ROLES) {
      if (!inRoom.some((m) => m.role === role)) {
        out.push({ kind: 'room-missing-proctor', severity: 'error', role, roomNo: room.roomNo, message: `${room.roomNo} 考场缺少${zh(role)}` });
      }
    }
    const proctors = uniqueById(inRoom).length;
    const needed = Math.max(STAFFING_RULES.proctorsPerRoom, Math.ceil(room.candidateCount / STAFFING_RULES.candidatesPerProctor));
    if (proctors < needed) {
      out.push({
        kind: 'room-proctor-ratio',
        severity: 'error',
        roomNo: room.roomNo,
        message: `${room.roomNo} 考场有 ${room.candidateCount} 名考生，按 15:1 且每考场 2 名至少需要 ${needed} 名监考，现有 ${proctors} 名`,
      });
    }
  }

  const countRule = (role: StaffRole, needed: number, kind: StaffingShortfallKind, rule: string): void => {
    const have = byRole(role).length;
    if (have < needed) out.push({ kind, severity: 'error', role, message: `${zh(role)}应至少 ${needed} 人（${rule}），现有 ${have} 人` });
  };
  countRule('exam-affairs', STAFFING_RULES.examAffairs, 'too-few-exam-affairs', '附件3：每场所配备考务人员 3 人');
  countRule('secrecy-officer', STAFFING_RULES.secrecyOfficers, 'missing-secrecy-officer', '附件3：保密员 1 人');
  countRule(
    'roving-proctor',
    Math.ceil(usedRooms.length / STAFFING_RULES.roomsPerRovingProctor),
    'too-few-roving',
    `附件3：每 10 个考场设流动监考员 1 人，本场 ${usedRooms.length} 个考场`,
  );

  for (const m of staff) {
    if (isRoomProctorRole(m.role) && (m.roomNo === undefined || m.roomNo === '')) {
      out.push({ kind: 'proctor-without-room', severity: 'error', role: m.role, staffIds: [m.staffId], message: `${zh(m.role)}${m.name}未分配考场` });
    } else if (m.roomNo !== undefined && m.roomNo !== '' && !roomNos.has(m.roomNo)) {
      out.push({ kind: 'unknown-room', severity: 'error', staffIds: [m.staffId], roomNo: m.roomNo, message: `${m.name}被分配到不存在的 ${m.roomNo} 考场` });
    }
  }

  const entries = new Map<string, StaffMember[]>();
  for (const m of staff) entries.set(m.staffId, [...(entries.get(m.staffId) ?? []), m]);
  for (const [staffId, list] of entries) {
    const places = new Set(list.map(placeOf));
    if (places.size > 1) {
      out.push({
        kind: 'double-booked',
        severity: 'error',
        staffIds: [staffId],
        message: `${list[0]?.name ?? staffId}同时被安排在 ${places.size} 处：${[...places].join('、')}（同一时间只能在一处）`,
      });
    }
  }
  const idsByName = new Map<string, Set<string>>();
  for (const m of staff) idsByName.set(m.name, (idsByName.get(m.name) ?? new Set()).add(m.staffId));
  for (const [name, ids] of idsByName) {
    if (ids.size > 1) {
      out.push({ kind: 'same-name', severity: 'warning', staffIds: [...ids], message: `有 ${ids.size} 名工作人员都叫${name}：如是同一人，不能同时在两处` });
    }
  }
  return out;
}

function uniqueById(members: StaffMember[]): StaffMember[] {
  const seen = new Set<string>();
  return members.filter((m) => !seen.has(m.staffId) && seen.add(m.staffId));
}

function placeOf(m: StaffMember): string {
  return m.roomNo ? `${m.roomNo} 考场${zh(m.role)}` : zh(m.role);
}
