import { refusalOf, refusalZh, type Refusal } from '../api/refusal';
import { localDate, minutesOfDay, type TimeGates } from '../timetable/gates';
import { formatClockTime } from '../timetable/timetable';
import { BAG_KIND_LABELS, isReturnBag } from './bags';
import type { BagRecord } from './custody-log';
import { BAG_STATES, BAG_STATE_LABELS, type BagState } from './custody-steps';
import type { Overdue } from './custody-api';
import { plainRoomLabel, roomPrefixParams, type RoomLabel } from './room-label';

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
  return overdueBagsCoded(bags, plan, gates, now, roomLabel).map(({ refusal: _refusal, ...overdue }) => overdue);
}

/** overdueBags with each message as a coded refusal too, for the screens that say it in the UI's language. */
export function overdueBagsCoded(
  bags: readonly BagRecord[],
  plan: { date: string },
  gates: Pick<TimeGates, 'examStartsAt' | 'examEndsAt'>,
  now: Date,
  roomLabel: RoomLabel = plainRoomLabel,
): (Overdue & { refusal: Refusal })[] {
  const found: (Overdue & { refusal: Refusal })[] = [];
  const roomParams = (roomNo: string | null) => roomPrefixParams(roomNo, roomLabel);
  const coded = (refusal: Refusal) => ({ message: refusalZh(refusal), refusal });
  const today = localDate(now) === plan.date;
  const minutesNow = minutesOfDay(now);
  const inRoomBy = gates.examStartsAt + IN_ROOM_BY;
  const openFrom = gates.examStartsAt + OPEN_NOT_BEFORE;
  const returnedBy = gates.examEndsAt + RETURNED_BY;
  for (const record of bags) {
    const { bag, roomNo, state } = record;
    const kind = { kind: BAG_KIND_LABELS[bag.kind].zh, kindEn: BAG_KIND_LABELS[bag.kind].en };
    const stateNow = { state: BAG_STATE_LABELS[state].zh, stateEn: BAG_STATE_LABELS[state].en };
    const unusedReturnBag = isReturnBag(bag.kind) && (state === 'received' || state === 'in-secure-room');
    if (today && roomNo !== null && minutesNow >= inRoomBy && !reached(state, 'in-room') && !unusedReturnBag) {
      found.push({
        bagCode: bag.code,
        roomNo,
        rule: 'not-in-room',
        dueAt: formatClockTime(inRoomBy),
        ...coded(refusalOf('custody-overdue-not-in-room', { ...roomParams(roomNo), ...kind, code: bag.code, dueAt: formatClockTime(inRoomBy), ...stateNow })),
      });
    }
    if (today && isReturnBag(bag.kind) && minutesNow >= returnedBy && !unusedReturnBag && !reached(state, 'accepted')) {
      found.push({
        bagCode: bag.code,
        roomNo,
        rule: 'not-returned',
        dueAt: formatClockTime(returnedBy),
        ...coded(refusalOf('custody-overdue-not-returned', { ...roomParams(roomNo), ...kind, code: bag.code, dueAt: formatClockTime(returnedBy), ...stateNow })),
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
          ...coded(
            refusalOf('custody-overdue-opened-early', {
              ...roomParams(roomNo),
              ...kind,
              code: bag.code,
              at: formatClockTime(Math.floor(minutesOfDay(at))),
              from: formatClockTime(openFrom),
              names: opened.parties.map((p) => p.name).join('、'),
              namesEn: opened.parties.map((p) => p.name).join(', '),
            }),
          ),
        });
      }
    }
  }
  return found;
}
