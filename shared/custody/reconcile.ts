import { refusalOf, refusalZh, type Refusal, type RefusalParams } from '../api/refusal';
import { BAG_KIND_LABELS, isReturnBag, recordCountKindOf } from './bags';
import { exceptionAfterLastMove, type BagRecord, type CustodyLog } from './custody-log';
import { BAG_STATE_LABELS, CUSTODY_STEP_LABELS, type BagState } from './custody-steps';
import type { Reconciliation } from './custody-api';
import { plainRoomLabel, roomPrefixParams, type RoomLabel } from './room-label';
import { reconcileProblemEn } from './reconcile-texts-en';

/** A room's 收回份数 per kind from its record (record/paper-counts.ts), null until entered. */
export type RecordCollected = (roomNo: string, kind: 'paper' | 'answer-sheet') => number | null;

/** Where a question-paper bag may end the day: opened in its room, never issued, or back unopened. */
const PAPER_BAG_DONE: readonly BagState[] = ['opened', 'in-secure-room', 'accepted', 'office-sealed', 'escorted', 'delivered'];
/** Where a return bag must be by 日结: counted, sealed and signed by the office (or already on its way). */
const RETURN_BAG_DONE: readonly BagState[] = ['office-sealed', 'escorted', 'delivered'];
/** A return bag nobody used (never left the office) needs nothing. */
const RETURN_BAG_UNUSED: readonly BagState[] = ['received', 'in-secure-room'];

function bagProblems(record: BagRecord, roomLabel: RoomLabel): Refusal[] {
  const { bag, state } = record;
  const about = {
    ...roomPrefixParams(record.roomNo, roomLabel),
    kind: BAG_KIND_LABELS[bag.kind].zh,
    kindEn: BAG_KIND_LABELS[bag.kind].en,
    code: bag.code,
  };
  const stateNow = { state: BAG_STATE_LABELS[state].zh, stateEn: BAG_STATE_LABELS[state].en };
  const problems: Refusal[] = [];
  if (isReturnBag(bag.kind)) {
    if (!RETURN_BAG_DONE.includes(state) && !RETURN_BAG_UNUSED.includes(state)) {
      problems.push(refusalOf('custody-reconcile-return-unfinished', { ...about, ...stateNow }));
    }
  } else if (!PAPER_BAG_DONE.includes(state)) {
    problems.push(refusalOf('custody-reconcile-paper-unfinished', { ...about, ...stateNow }));
  }
  for (const h of record.history) {
    const step = { step: CUSTODY_STEP_LABELS[h.step].zh, stepEn: CUSTODY_STEP_LABELS[h.step].en };
    if (h.seal && !h.seal.intact) problems.push(refusalOf('custody-reconcile-seal-broken', { ...about, ...step }));
    if (h.standing === 'not-applied') {
      const names = h.parties.map((p) => p.name);
      problems.push(refusalOf('custody-reconcile-conflict', { ...about, ...step, names: names.join('、'), namesEn: names.join(', ') }));
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
  const add = (record: BagRecord, refusal: Refusal): void => {
    problems.push({ bagCode: record.bag.code, roomNo: record.roomNo, message: refusalZh(refusal), refusal, signed: exceptionAfterLastMove(record) !== undefined });
  };
  const returnBags = new Map<string, BagRecord[]>();
  for (const record of log.bags.values()) {
    for (const refusal of bagProblems(record, roomLabel)) add(record, refusal);
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
      const kind = BAG_KIND_LABELS[records[0]!.bag.kind];
      const differs = refusalOf('custody-reconcile-count-differs', { ...roomPrefixParams(roomNo, roomLabel), kind: kind.zh, kindEn: kind.en, counted, collected });
      for (const record of records) add(record, differs);
    }
  }
  return { reconciled: problems.every((p) => p.signed), problems };
}

/** How many problems 日结's refusal names; it counts the rest. */
const CLOSE_DAY_NAMED = 3;

/**
 * Why 日结 is refused while problems are left unsigned (issue 13 item 6), naming the first few in both
 * languages (`problems`, `problemsEn`), or null when nothing is left to sign.
 */
export function closeDayRefusal(unsigned: readonly Reconciliation['problems'][number][]): Refusal | null {
  if (unsigned.length === 0) return null;
  const named = unsigned.slice(0, CLOSE_DAY_NAMED);
  const more: RefusalParams = unsigned.length > CLOSE_DAY_NAMED ? { more: ` 等 ${unsigned.length} 项`, moreEn: ` (${unsigned.length} in all)` } : { more: '' };
  return refusalOf('custody-close-day-open', {
    problems: named.map((p) => p.message).join('；'),
    problemsEn: named.map((p) => (p.refusal && reconcileProblemEn(p.refusal)) ?? p.message).join('; '),
    ...more,
  });
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
