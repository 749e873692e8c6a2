import type { BagView } from '../../../shared/custody/custody-api';
import { foldCustody, type BagRecord, type CustodyLog } from '../../../shared/custody/custody-log';
import type { RecordCollected } from '../../../shared/custody/reconcile';
import type { ProjectionStore } from '../../../shared/projection/store';
import { foldRecordLog } from '../../../shared/record/record-log';

/** The day's custody as folded from its entries (custody/custody-log.ts). */
export const custodyLog = (store: ProjectionStore): CustodyLog => foldCustody(store.listCustodyEntries());

/** Each room's 收回份数 per kind from its record, folded once per room asked. */
export function recordCollectedReader(store: ProjectionStore): RecordCollected {
  const byRoom = new Map<string, ReturnType<typeof foldRecordLog>>();
  return (roomNo, kind) => {
    let log = byRoom.get(roomNo);
    if (!log) {
      log = foldRecordLog(store.listRecordEntries(roomNo));
      byRoom.set(roomNo, log);
    }
    return log.counts.get(kind)?.collected ?? null;
  };
}

export function bagView(record: BagRecord): BagView {
  const { bag } = record;
  return {
    code: bag.code,
    kind: bag.kind,
    occupation: bag.occupation,
    level: bag.level,
    count: bag.count,
    roomNo: record.roomNo,
    sealNos: [...bag.sealNos],
    registeredAt: record.registeredAt,
    state: record.state,
    since: record.since,
    holders: record.holders.map((h) => ({ ...h })),
    place: record.place,
    history: record.history.map((h) => ({ ...h, parties: h.parties.map((p) => ({ ...p })) })),
    exceptions: record.exceptions.map(({ eventId, at, byName, reason, problems }) => ({ eventId, at, byName, reason, problems: [...problems] })),
  };
}
