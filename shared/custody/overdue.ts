import { localDate, minutesOfDay, type TimeGates } from '../timetable/gates';
import { formatClockTime } from '../timetable/timetable';
import { BAG_KIND_LABELS, isReturnBag } from './bags';
import type { BagRecord } from './custody-log';
import { BAG_STATES, BAG_STATE_LABELS, type BagState } from './custody-steps';
import type { Overdue } from './custody-api';
import { plainRoomLabel, type RoomLabel } from './room-label';

/** 附件5: papers reach the rooms at S−40, seals are shown at S−5, the return bags are back by E+10. */
export const IN_ROOM_BY = -40;
export const OPEN_NOT_BEFORE = -5;
export const RETURNED_BY = 10;

const reached = (state: BagState, target: BagState): boolean => BAG_STATES.indexOf(state) >= BAG_STATES.indexOf(target);

/**
 * What is late or wrong against the timetable at `now` (issue 13 item 4): a room's bag not in its room
 * at S−40, a return bag not back at the office at E+10, a bag opened before S−5. Judged on the exam
 * day only (like the late cut-off): on another date nothing is overdue. Times are the device's clock.
 */
export function overdueBags(
  bags: readonly BagRecord[],
  plan: { date: string },
  gates: Pick<TimeGates, 'examStartsAt' | 'examEndsAt'>,
  now: Date,
  roomLabel: RoomLabel = plainRoomLabel,
): Overdue[] {
  const found: Overdue[] = [];
  const today = localDate(now) === plan.date;
  const minutesNow = minutesOfDay(now);
  const inRoomBy = gates.examStartsAt + IN_ROOM_BY;
  const openFrom = gates.examStartsAt + OPEN_NOT_BEFORE;
  const returnedBy = gates.examEndsAt + RETURNED_BY;
  for (const record of bags) {
    const { bag, roomNo, state } = record;
    const kind = BAG_KIND_LABELS[bag.kind].zh;
    const unusedReturnBag = isReturnBag(bag.kind) && (state === 'received' || state === 'in-secure-room');
    if (today && roomNo !== null && minutesNow >= inRoomBy && !reached(state, 'in-room') && !unusedReturnBag) {
      found.push({
        bagCode: bag.code,
        roomNo,
        rule: 'not-in-room',
        dueAt: formatClockTime(inRoomBy),
        message: `${roomLabel(roomNo)}${kind} ${bag.code} 应于 ${formatClockTime(inRoomBy)} 前到达考场，现为“${BAG_STATE_LABELS[state].zh}”`,
      });
    }
    if (today && isReturnBag(bag.kind) && minutesNow >= returnedBy && !unusedReturnBag && !reached(state, 'accepted')) {
      found.push({
        bagCode: bag.code,
        roomNo,
        rule: 'not-returned',
        dueAt: formatClockTime(returnedBy),
        message: `${roomNo ? roomLabel(roomNo) : ''}${kind} ${bag.code} 应于 ${formatClockTime(returnedBy)} 前交回考务办，现为“${BAG_STATE_LABELS[state].zh}”`,
      });
    }
    const opened = record.history.find((h) => h.step === 'open' && h.standing !== 'not-applied');
    if (opened) {
      const at = new Date(opened.at);
      if (localDate(at) === plan.date && minutesOfDay(at) < openFrom) {
        found.push({
          bagCode: bag.code,
          roomNo,
          rule: 'opened-early',
          dueAt: formatClockTime(openFrom),
          message: `${roomNo ? roomLabel(roomNo) : ''}${kind} ${bag.code} 于 ${formatClockTime(Math.floor(minutesOfDay(at)))} 启封，早于 ${formatClockTime(openFrom)}（${opened.parties.map((p) => p.name).join('、')}）`,
        });
      }
    }
  }
  return found;
}
