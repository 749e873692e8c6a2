import { BAG_KIND_LABELS, isReturnBag, recordCountKindOf } from './bags';
import { exceptionAfterLastMove, type BagRecord, type CustodyLog } from './custody-log';
import { BAG_STATE_LABELS, CUSTODY_STEP_LABELS, type BagState } from './custody-steps';
import type { Reconciliation } from './custody-api';
import { plainRoomLabel, type RoomLabel } from './room-label';

/** A room's 收回份数 per kind from its record (record/paper-counts.ts), null until entered. */
export type RecordCollected = (roomNo: string, kind: 'paper' | 'answer-sheet') => number | null;

/** Where a question-paper bag may end the day: opened in its room, never issued, or back unopened. */
const PAPER_BAG_DONE: readonly BagState[] = ['opened', 'in-secure-room', 'accepted', 'office-sealed', 'escorted', 'delivered'];
/** Where a return bag must be by 日结: counted, sealed and signed by the office (or already on its way). */
const RETURN_BAG_DONE: readonly BagState[] = ['office-sealed', 'escorted', 'delivered'];
/** A return bag nobody used (never left the office) needs nothing. */
const RETURN_BAG_UNUSED: readonly BagState[] = ['received', 'in-secure-room'];

function bagProblems(record: BagRecord, roomLabel: RoomLabel): string[] {
  const { bag, state } = record;
  const kind = BAG_KIND_LABELS[bag.kind].zh;
  const where = record.roomNo ? roomLabel(record.roomNo) : '';
  const problems: string[] = [];
  if (isReturnBag(bag.kind)) {
    if (!RETURN_BAG_DONE.includes(state) && !RETURN_BAG_UNUSED.includes(state)) {
      problems.push(`${where}${kind} ${bag.code} 未完成交回、清点和封存（现为“${BAG_STATE_LABELS[state].zh}”）`);
    }
  } else if (!PAPER_BAG_DONE.includes(state)) {
    problems.push(`${where}${kind} ${bag.code} 既未启封也未交回（现为“${BAG_STATE_LABELS[state].zh}”）`);
  }
  for (const h of record.history) {
    if (h.seal && !h.seal.intact) problems.push(`${where}${kind} ${bag.code} ${CUSTODY_STEP_LABELS[h.step].zh}时封条破损`);
    if (h.standing === 'not-applied') {
      problems.push(`${where}${kind} ${bag.code} 的“${CUSTODY_STEP_LABELS[h.step].zh}”记录与其他设备的记录冲突（${h.parties.map((p) => p.name).join('、')}）`);
    }
  }
  return problems;
}

/**
 * Whether the day's custody closes (issue 13 item 6): every bag back or opened where it belongs,
 * every seal seen intact, every room's return bags holding what its record says was collected.
 * A problem is signed when the 主考 has signed an exception for its bag after the bag's latest step
 * (exceptionAfterLastMove).
 */
export function reconcileCustody(log: CustodyLog, recordCollected: RecordCollected, roomLabel: RoomLabel = plainRoomLabel): Reconciliation {
  const problems: Reconciliation['problems'] = [];
  const add = (record: BagRecord, message: string): void => {
    problems.push({ bagCode: record.bag.code, roomNo: record.roomNo, message, signed: exceptionAfterLastMove(record) !== undefined });
  };
  const returnBags = new Map<string, BagRecord[]>();
  for (const record of log.bags.values()) {
    for (const message of bagProblems(record, roomLabel)) add(record, message);
    const countKind = recordCountKindOf(record.bag.kind);
    if (countKind && record.roomNo && !RETURN_BAG_UNUSED.includes(record.state)) {
      const key = `${record.roomNo}\u0000${countKind}`;
      returnBags.set(key, [...(returnBags.get(key) ?? []), record]);
    }
  }
  for (const [key, records] of returnBags) {
    const [roomNo = '', countKind] = key.split('\u0000') as [string, 'paper' | 'answer-sheet'];
    const collected = recordCollected(roomNo, countKind);
    if (collected === null) continue;
    const counted = records.reduce((sum, r) => sum + (r.lastCount ?? 0), 0);
    if (counted !== collected) {
      const kind = BAG_KIND_LABELS[records[0]!.bag.kind].zh;
      for (const record of records) add(record, `${roomLabel(roomNo)}${kind}共 ${counted} 份，与考场记录单收回的 ${collected} 份不符`);
    }
  }
  return { reconciled: problems.every((p) => p.signed), problems };
}

/**
 * The record's count a return bag must hold on its own: only when it is the room's one return bag of
 * its kind in use (with two, each holds part; reconcileCustody checks their sum).
 */
export function collectedForBag(log: CustodyLog, record: BagRecord, collected: RecordCollected): number | null {
  const kind = recordCountKindOf(record.bag.kind);
  if (!kind || !record.roomNo) return null;
  const siblings = [...log.bags.values()].filter(
    (other) => other !== record && other.roomNo === record.roomNo && other.bag.kind === record.bag.kind && !RETURN_BAG_UNUSED.includes(other.state),
  );
  return siblings.length === 0 ? collected(record.roomNo, kind) : null;
}
