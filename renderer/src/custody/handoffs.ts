import type { BagView, CustodyHistoryEntry } from './custody-api';

/** One 交接单: the history entries of every bag that shared a handoffId (one step, one moment). */
export interface Handoff {
  handoffId: string;
  step: CustodyHistoryEntry['step'];
  at: string;
  place: CustodyHistoryEntry['place'];
  parties: CustodyHistoryEntry['parties'];
  recipient: string | null;
  note: string | null;
  rows: { bag: BagView; entry: CustodyHistoryEntry }[];
}

/** Every handoff of the day from the bags' histories, in the order they happened. */
export function handoffsOf(bags: readonly BagView[]): Handoff[] {
  const byId = new Map<string, Handoff>();
  for (const bag of bags) {
    for (const entry of bag.history) {
      const found = byId.get(entry.handoffId);
      if (found) found.rows.push({ bag, entry });
      else
        byId.set(entry.handoffId, {
          handoffId: entry.handoffId,
          step: entry.step,
          at: entry.at,
          place: entry.place,
          parties: entry.parties,
          recipient: entry.recipient,
          note: entry.note,
          rows: [{ bag, entry }],
        });
    }
  }
  return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at));
}
