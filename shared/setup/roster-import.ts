import { ID_DOCUMENT_TYPE_LABELS } from '../domain/labels';
import type { Candidate, ExamPlan, Room } from '../domain/types';
import { parseIdDocument } from '../id/id-number';

/** At most this many candidates in one import (a large site has a few thousand). */
export const MAX_IMPORT_CANDIDATES = 20_000;
export const MAX_ROOMS = 500;

/**
 * The core's second look at a roster the user confirmed (the preview already checked the file): every
 * candidate's ID against GB 11643 and the plan's accepted types, 职业/等级 in the plan, room known, seat
 * within capacity and not taken twice, 准考证号 and ID number unique. Returns the problems in Chinese,
 * at most `limit` of them; empty means the batch may be committed as it is.
 */
export function recheckRoster(plan: ExamPlan, rooms: readonly Room[], candidates: readonly Candidate[], limit = 5): string[] {
  const problems: string[] = [];
  const add = (message: string): boolean => {
    problems.push(message);
    return problems.length >= limit;
  };
  const roomsByNo = new Map(rooms.map((r) => [r.roomNo, r]));
  const tickets = new Set<string>();
  const ids = new Set<string>();
  const seats = new Set<string>();
  const perRoom = new Map<string, number>();
  for (const c of candidates) {
    const who = `准考证号 ${c.ticketNo}`;
    if (tickets.has(c.ticketNo) && add(`${who} 重复`)) break;
    tickets.add(c.ticketNo);
    if (ids.has(c.idNumber) && add(`${who}：证件号码与前面的考生重复`)) break;
    ids.add(c.idNumber);
    const parsed = parseIdDocument(c.idNumber, c.idType, { today: plan.date });
    if (!parsed.ok && add(`${who}：${parsed.reason}`)) break;
    if (!plan.acceptedIdTypes.includes(c.idType) && add(`${who}：本次认定不接受${ID_DOCUMENT_TYPE_LABELS[c.idType].zh}`)) break;
    const occupation = plan.occupations.find((o) => o.occupation === c.occupation);
    if (!occupation && add(`${who}：职业“${c.occupation}”不在考试计划中`)) break;
    if (occupation && !occupation.levels.includes(c.level) && add(`${who}：${c.occupation}${c.level}不在考试计划中`)) break;
    const room = roomsByNo.get(c.roomNo);
    if (!room) {
      if (add(`${who}：没有 ${c.roomNo} 考场`)) break;
      continue;
    }
    if (c.seatNo > room.capacity && add(`${who}：座位号 ${c.seatNo} 超出 ${room.roomNo} 考场容量（${room.capacity} 座）`)) break;
    const seat = `${c.roomNo}/${c.seatNo}`;
    if (seats.has(seat) && add(`${who}：${c.roomNo} 考场 ${c.seatNo} 号座位已有人`)) break;
    seats.add(seat);
    perRoom.set(c.roomNo, (perRoom.get(c.roomNo) ?? 0) + 1);
  }
  return problems;
}
