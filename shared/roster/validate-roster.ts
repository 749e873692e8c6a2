import { refusalOf, refusalZh, type Refusal, type RefusalCode, type RefusalParams } from '../api/refusal';
import { ID_DOCUMENT_TYPE_LABELS } from '../domain/labels';
import type { Candidate, ExamPlan, IdDocumentType, Level, Room } from '../domain/types';
import { ID_FAILURES_EN } from '../id/id-failures-en';
import { normalizeIdInput, parseIdDocument } from '../id/id-number';
import { assignSeatsByTicket } from '../seating/snake-order';
import {
  canonicalRoomNo,
  compactText,
  genderFromIdNumber,
  halfWidth,
  isScientificNotation,
  parseGender,
  parseIdTypeName,
  parseLevel,
  parseSeatNo,
  roomKey,
  type Gender,
} from './cell-values';
import { ROSTER_FIELD_LABELS, ROSTER_FIELD_LABELS_EN, type ColumnMapping, type RosterField } from './columns';
import { isBlankRow } from './decode-table';

export const ROSTER_FINDING_KINDS = [
  'missing-column', // a required column is not mapped (file level, row 0)
  'missing-name',
  'missing-ticket',
  'missing-id-number',
  'scientific-notation', // Excel stored a long number as a number: its last digits are lost
  'invalid-id',
  'unknown-id-type',
  'id-type-not-accepted',
  'bad-gender',
  'gender-mismatch',
  'missing-occupation',
  'occupation-not-in-plan',
  'missing-level',
  'bad-level',
  'level-not-in-plan',
  'missing-room',
  'unknown-room',
  'room-over-capacity',
  'missing-seat',
  'bad-seat',
  'seat-taken',
  'duplicate-ticket',
  'duplicate-id',
] as const;
export type RosterFindingKind = (typeof ROSTER_FINDING_KINDS)[number];

export interface RosterFinding {
  /** The spreadsheet row (1-based, as Excel shows it); 0 for a finding about the whole file. */
  row: number;
  severity: 'error' | 'warning';
  kind: RosterFindingKind;
  field?: RosterField;
  /** Chinese, for the preview and the CLI; never holds a full ID number. */
  message: string;
  /** The same as a coded refusal, for the preview in the UI's language (`message` is its Chinese). */
  refusal: Refusal;
}

/** The parts of the plan (附件1 认定计划) a roster is checked against. */
export type RosterPlanRules = Pick<ExamPlan, 'date' | 'occupations' | 'acceptedIdTypes'>;

export interface ValidateRosterInput {
  rows: readonly (readonly string[])[];
  /** 0-based index of the header row (`recognizeHeaders`); -1 when the data starts at the first row. */
  headerRowIndex: number;
  mapping: ColumnMapping;
  /** Without a plan only the structure is checked (IDs without a date limit, duplicates, seats, capacity). */
  plan?: RosterPlanRules | undefined;
  /** Without rooms, the rooms are those the roster names, each with `defaultCapacity` seats. */
  rooms?: readonly Room[] | undefined;
  /** 附件3: a standard room has 30 seats. */
  defaultCapacity?: number;
}

export interface RosterRowResult {
  row: number;
  /** The cell text of each mapped field, trimmed. */
  values: Partial<Record<RosterField, string>>;
  /** Present when the row has no error. */
  candidate?: Candidate;
  findings: RosterFinding[];
}

export interface RosterRoomSummary {
  roomNo: string;
  capacity: number;
  /** Rows placed in this room (with or without other problems). */
  rowCount: number;
}

export interface RosterValidation {
  /** Every non-blank data row, in file order. */
  rows: RosterRowResult[];
  /** The rows without errors, as candidates (with seats), in file order. */
  candidates: Candidate[];
  /** All findings, file-level first, then by row. */
  findings: RosterFinding[];
  errorCount: number;
  warningCount: number;
  /** Rows with at least one error. */
  errorRowCount: number;
  /** True when the roster brought no seats and they were assigned by 准考证号 (附件3 蛇形). */
  seatsAssigned: boolean;
  rooms: RosterRoomSummary[];
}

export const DEFAULT_ROOM_CAPACITY = 30;

/** Checks a decoded roster. Each finding names the spreadsheet row; see `RosterFindingKind`. */
export function validateRoster(input: ValidateRosterInput): RosterValidation {
  const { rows, headerRowIndex, mapping, plan } = input;
  const defaultCapacity = input.defaultCapacity ?? DEFAULT_ROOM_CAPACITY;

  const planOccupations = plan?.occupations ?? [];
  const soleOccupation = planOccupations.length === 1 ? planOccupations[0] : undefined;
  const columnFindings = missingColumns(mapping, plan);
  if (columnFindings.length > 0) return summarize([], columnFindings, false, []);

  const cell = (row: readonly string[], field: RosterField): string => {
    const index = mapping[field];
    return index === undefined ? '' : halfWidth(row[index] ?? '');
  };
  const dataRows: { row: number; cells: readonly string[] }[] = [];
  rows.forEach((cells, index) => {
    if (index > headerRowIndex && !isBlankRow(cells)) dataRows.push({ row: index + 1, cells });
  });
  const hasSeats = mapping.seatNo !== undefined && dataRows.some(({ cells }) => cell(cells, 'seatNo') !== '');

  const roomsByKey = new Map<string, Room>();
  for (const room of input.rooms ?? []) {
    roomsByKey.set(roomKey(room.roomNo), room);
    if (!roomsByKey.has(roomKey(room.name))) roomsByKey.set(roomKey(room.name), room);
  }
  const derivedRooms = new Map<string, Room>();

  interface Draft {
    result: RosterRowResult;
    name: string;
    ticketNo: string;
    gender?: Gender;
    idType?: IdDocumentType;
    idNumber: string;
    occupation: string;
    level?: Level;
    room?: Room;
    seatNo?: number;
  }
  const drafts: Draft[] = dataRows.map(({ row, cells }) => {
    const values: Partial<Record<RosterField, string>> = {};
    for (const field of Object.keys(mapping) as RosterField[]) values[field] = cell(cells, field);
    const findings: RosterFinding[] = [];
    const error = (kind: RosterFindingKind, field: RosterField, code: RefusalCode, params: RefusalParams = {}): void => {
      findings.push(finding(row, 'error', kind, field, refusalOf(code, params)));
    };
    const draft: Draft = { result: { row, values, findings }, name: '', ticketNo: '', idNumber: '', occupation: '' };

    draft.name = (values.name ?? '').replace(/\s+/g, ' ');
    if (draft.name === '') error('missing-name', 'name', 'roster-missing-name');

    const ticket = values.ticketNo ?? '';
    if (ticket === '') error('missing-ticket', 'ticketNo', 'roster-missing-ticket');
    else if (isScientificNotation(ticket)) error('scientific-notation', 'ticketNo', 'roster-scientific-notation', fieldParam('field', 'ticketNo'));
    else draft.ticketNo = ticket.replace(/\s+/g, '');

    const typeText = values.idType ?? '';
    let statedType: IdDocumentType | undefined;
    if (typeText !== '') {
      statedType = parseIdTypeName(typeText);
      if (statedType === undefined) {
        error('unknown-id-type', 'idType', 'roster-unknown-id-type', { text: typeText, ...labelList('types', Object.values(ID_DOCUMENT_TYPE_LABELS)) });
      }
    }
    const idText = values.idNumber ?? '';
    if (idText === '') {
      error('missing-id-number', 'idNumber', 'roster-missing-id-number');
    } else if (isScientificNotation(idText)) {
      error('scientific-notation', 'idNumber', 'roster-scientific-notation', fieldParam('field', 'idNumber'));
    } else {
      draft.idNumber = normalizeIdInput(idText);
      if (typeText === '' || statedType !== undefined) {
        const parsed = parseIdDocument(idText, statedType, plan ? { today: plan.date } : {});
        if (!parsed.ok) {
          const typeUnstated = statedType === undefined && parsed.code === 'bad-format';
          const reason = typeUnstated ? `${parsed.reason}（不是居民身份证时请填写证件类型）` : parsed.reason;
          const reasonEn = typeUnstated ? `${ID_FAILURES_EN[parsed.code]} (if it is not a resident ID card, fill in the document type)` : ID_FAILURES_EN[parsed.code];
          error('invalid-id', 'idNumber', 'roster-invalid-id', { reason, reasonEn });
        } else {
          draft.idType = parsed.type;
          draft.idNumber = parsed.number;
          if (plan && !plan.acceptedIdTypes.includes(parsed.type)) {
            const accepted = labelList('accepted', plan.acceptedIdTypes.map((t) => ID_DOCUMENT_TYPE_LABELS[t]));
            error('id-type-not-accepted', 'idType', 'roster-id-type-not-accepted', { type: ID_DOCUMENT_TYPE_LABELS[parsed.type].zh, typeEn: ID_DOCUMENT_TYPE_LABELS[parsed.type].en, ...accepted });
          }
        }
      }
    }

    const genderText = values.gender ?? '';
    const idGender = draft.idType === 'resident-id' || draft.idType === 'hmt-residence-permit' ? genderFromIdNumber(draft.idNumber) : undefined;
    if (genderText === '') {
      // Derived from an 18-digit ID; when the ID itself is wrong, its error already stops the row.
      if (idGender !== undefined) draft.gender = idGender;
      else if (draft.idType !== undefined) error('bad-gender', 'gender', 'roster-missing-gender');
    } else {
      draft.gender = parseGender(genderText);
      if (draft.gender === undefined) error('bad-gender', 'gender', 'roster-bad-gender', { text: genderText });
      else if (idGender !== undefined && idGender !== draft.gender) {
        const genders = { gender: draft.gender, genderEn: GENDER_EN[draft.gender], idGender, idGenderEn: GENDER_EN[idGender] };
        findings.push(finding(row, 'warning', 'gender-mismatch', 'gender', refusalOf('roster-gender-mismatch', genders)));
      }
    }

    const occupationText = values.occupation ?? '';
    if (occupationText === '') {
      if (mapping.occupation === undefined && soleOccupation) draft.occupation = soleOccupation.occupation;
      else error('missing-occupation', 'occupation', 'roster-missing-occupation');
    } else if (plan) {
      const planned = planOccupations.find((o) => compactText(o.occupation) === compactText(occupationText));
      if (planned) draft.occupation = planned.occupation;
      else {
        const planned = dataList('planned', planOccupations.map((o) => o.occupation));
        error('occupation-not-in-plan', 'occupation', 'roster-occupation-not-in-plan', { text: occupationText, ...planned });
      }
    } else {
      draft.occupation = occupationText;
    }

    const levelText = values.level ?? '';
    const plannedLevels = planOccupations.find((o) => o.occupation === draft.occupation)?.levels;
    if (levelText === '') {
      if (mapping.level === undefined && plannedLevels?.length === 1) draft.level = plannedLevels[0];
      else error('missing-level', 'level', 'roster-missing-level');
    } else {
      draft.level = parseLevel(levelText);
      if (draft.level === undefined) error('bad-level', 'level', 'roster-bad-level', { text: levelText });
      else if (plannedLevels && !plannedLevels.includes(draft.level)) {
        error('level-not-in-plan', 'level', 'roster-level-not-in-plan', { occupation: draft.occupation, level: draft.level, ...dataList('planned', plannedLevels) });
      }
    }

    const roomText = values.roomNo ?? '';
    if (roomText === '') {
      error('missing-room', 'roomNo', 'roster-missing-room');
    } else if (input.rooms) {
      draft.room = roomsByKey.get(roomKey(roomText));
      if (!draft.room) error('unknown-room', 'roomNo', 'roster-unknown-room', { text: roomText });
    } else {
      const roomNo = canonicalRoomNo(roomText);
      let room = derivedRooms.get(roomNo);
      if (!room) {
        room = { roomNo, name: `第${roomNo}考场`, location: '', capacity: defaultCapacity };
        derivedRooms.set(roomNo, room);
      }
      draft.room = room;
    }

    if (hasSeats) {
      const seatText = values.seatNo ?? '';
      if (seatText === '') {
        error('missing-seat', 'seatNo', 'roster-missing-seat');
      } else {
        const seat = parseSeatNo(seatText);
        if (seat === undefined) error('bad-seat', 'seatNo', 'roster-bad-seat', { text: seatText });
        else if (draft.room && seat > draft.room.capacity) error('bad-seat', 'seatNo', 'roster-seat-over-capacity', { seat, capacity: draft.room.capacity });
        else draft.seatNo = seat;
      }
    }
    return draft;
  });

  // Duplicates: the first occurrence stands, each later one is reported with the row it repeats.
  const firstTicket = new Map<string, number>();
  const firstId = new Map<string, number>();
  for (const d of drafts) {
    const { row, findings } = d.result;
    if (d.ticketNo !== '') {
      const first = firstTicket.get(d.ticketNo);
      if (first === undefined) firstTicket.set(d.ticketNo, row);
      else findings.push(finding(row, 'error', 'duplicate-ticket', 'ticketNo', refusalOf('roster-duplicate-ticket', { first })));
    }
    if (d.idNumber !== '') {
      const first = firstId.get(d.idNumber);
      if (first === undefined) firstId.set(d.idNumber, row);
      else findings.push(finding(row, 'error', 'duplicate-id', 'idNumber', refusalOf('roster-duplicate-id', { first })));
    }
  }

  // Rooms: capacity (附件3: 30 by default), and seats given or assigned.
  const byRoom = new Map<string, Draft[]>();
  for (const d of drafts) {
    if (!d.room) continue;
    const list = byRoom.get(d.room.roomNo) ?? [];
    list.push(d);
    byRoom.set(d.room.roomNo, list);
  }
  const roomSummaries: RosterRoomSummary[] = [];
  for (const [roomNo, list] of byRoom) {
    const room = list[0]?.room;
    if (!room) continue;
    roomSummaries.push({ roomNo, capacity: room.capacity, rowCount: list.length });
    const over = { ...roomParam(room), count: list.length, capacity: room.capacity };
    if (hasSeats) {
      list.slice(room.capacity).forEach((d) => d.result.findings.push(overFinding(d.result.row, refusalOf('roster-room-over-capacity', over))));
      const firstAtSeat = new Map<number, number>();
      for (const d of list) {
        if (d.seatNo === undefined) continue;
        const first = firstAtSeat.get(d.seatNo);
        if (first === undefined) firstAtSeat.set(d.seatNo, d.result.row);
        else {
          d.result.findings.push(finding(d.result.row, 'error', 'seat-taken', 'seatNo', refusalOf('roster-seat-taken', { ...roomParam(room), seat: d.seatNo, first })));
        }
      }
    } else {
      // Seats go to every row placed in the room, so fixing one row's error moves no one else.
      const { seated, unseated } = assignSeatsByTicket(list, room.capacity);
      for (const { candidate, seatNo } of seated) candidate.seatNo = seatNo;
      for (const d of unseated) d.result.findings.push(overFinding(d.result.row, refusalOf('roster-room-over-capacity-unseated', over)));
    }
  }
  roomSummaries.sort((a, b) => a.roomNo.localeCompare(b.roomNo, 'zh-Hans-CN', { numeric: true }));

  const results = drafts.map((d) => {
    const { result } = d;
    result.findings.sort((a, b) => severityRank(a) - severityRank(b));
    if (result.findings.every((f) => f.severity !== 'error') && d.gender && d.idType && d.level && d.room && d.seatNo !== undefined) {
      result.candidate = {
        ticketNo: d.ticketNo,
        name: d.name,
        gender: d.gender,
        idType: d.idType,
        idNumber: d.idNumber,
        occupation: d.occupation,
        level: d.level,
        roomNo: d.room.roomNo,
        seatNo: d.seatNo,
      };
    }
    return result;
  });
  return summarize(results, [], !hasSeats, roomSummaries);
}

/** "第 5 行：身份证号码校验位错误" (file-level findings have no row prefix). */
export function formatRosterFinding(finding: RosterFinding): string {
  const prefix = finding.row > 0 ? `第 ${finding.row} 行：` : '';
  return `${prefix}${finding.severity === 'warning' ? '（提醒）' : ''}${finding.message}`;
}

function missingColumns(mapping: ColumnMapping, plan: RosterPlanRules | undefined): RosterFinding[] {
  const required: RosterField[] = ['name', 'idNumber', 'ticketNo', 'roomNo'];
  const sole = plan?.occupations.length === 1 ? plan.occupations[0] : undefined;
  if (!sole) required.push('occupation');
  if (!sole || sole.levels.length !== 1) required.push('level');
  return required
    .filter((field) => mapping[field] === undefined)
    .map((field) => finding(0, 'error', 'missing-column', field, refusalOf('roster-missing-column', fieldParam('column', field))));
}

function summarize(
  rows: RosterRowResult[],
  fileFindings: RosterFinding[],
  seatsAssigned: boolean,
  rooms: RosterRoomSummary[],
): RosterValidation {
  const findings = [...fileFindings, ...rows.flatMap((r) => r.findings)];
  return {
    rows,
    candidates: rows.flatMap((r) => (r.candidate ? [r.candidate] : [])),
    findings,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    errorRowCount: rows.filter((r) => r.findings.some((f) => f.severity === 'error')).length,
    seatsAssigned,
    rooms,
  };
}

function finding(row: number, severity: RosterFinding['severity'], kind: RosterFindingKind, field: RosterField, refusal: Refusal): RosterFinding {
  return { row, severity, kind, field, message: refusalZh(refusal), refusal };
}

function overFinding(row: number, refusal: Refusal): RosterFinding {
  return finding(row, 'error', 'room-over-capacity', 'roomNo', refusal);
}

/** A room as the findings name it: "02 考场" (Room 02) by number, else by its name. */
function roomParam(room: Room): RefusalParams {
  return /^\d+$/.test(room.roomNo) ? { room: `${room.roomNo} 考场`, roomEn: `Room ${room.roomNo}` } : { room: room.name };
}

/** A column named in a finding, in Chinese and (as `${name}En`) in English. */
function fieldParam(name: string, field: RosterField): RefusalParams {
  return { [name]: ROSTER_FIELD_LABELS[field], [`${name}En`]: ROSTER_FIELD_LABELS_EN[field] };
}

/** Labels listed in a finding: "居民身份证、护照" and "Resident ID card, Passport". */
function labelList(name: string, labels: readonly { zh: string; en: string }[]): RefusalParams {
  return { [name]: labels.map((l) => l.zh).join('、'), [`${name}En`]: labels.map((l) => l.en).join(', ') };
}

/** The file's own values listed (occupations, levels): as written, separated as each language does. */
function dataList(name: string, values: readonly string[]): RefusalParams {
  return { [name]: values.join('、'), [`${name}En`]: values.join(', ') };
}

const GENDER_EN: Record<Gender, string> = { 男: 'male', 女: 'female' };

function severityRank(finding: RosterFinding): number {
  return finding.severity === 'error' ? 0 : 1;
}

