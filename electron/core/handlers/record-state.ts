import type { ProjectionStore } from '../../../shared/projection/store';
import { roomBalance, type PaperCount } from '../../../shared/record/paper-counts';
import { foldRecordLog, type RecordLog } from '../../../shared/record/record-log';
import { recordProblems } from '../../../shared/record/signatures';

export interface RoomRecordState {
  log: RecordLog;
  balance: ReturnType<typeof roomBalance>;
  /** What keeps the record from being signed; empty when nothing does. */
  problems: string[];
}

/** A room's record as folded from its events, with its balance and what keeps it from being signed. */
export function roomRecordState(store: ProjectionStore, roomNo: string): RoomRecordState {
  const log = foldRecordLog(store.listRecordEntries(roomNo));
  const counts: PaperCount[] = [...log.counts.values()].map(({ kind, received, issued, spare, absentKept, collected }) => ({ kind, received, issued, spare, absentKept, collected }));
  const balance = roomBalance(counts);
  const problems = recordProblems({
    absenteesConfirmed: store.getAbsenteeConfirmation(roomNo) !== undefined,
    collected: log.collected !== null,
    balanceProblems: balance.problems,
  });
  return { log, balance, problems };
}
