import type { Db } from '../database';
import type { ProjectionStore } from '../../../shared/projection/store';
import type { DashboardFeedItem } from '../../../shared/api/contract';

/** The newest this many exceptions are shown; the rest are in the rooms' lists and records. */
export const FEED_LIMIT = 50;

interface FeedRow {
  id: string;
  at: string;
  type: string;
  room_no: string;
  ticket_no: string | null;
  detail: string | null;
  actor_name: string;
}

/**
 * The office's feed of exceptions as they happen (issue 15 item 1): refused scans by verdict, late
 * admissions the 主监考 approved, 存疑 and suspected impostors at 开考, newest first. Read from the
 * log with one query (payloads are canonical JSON), so nothing new is kept for it.
 */
export function exceptionFeed(db: Db, store: ProjectionStore): () => DashboardFeedItem[] {
  const query = db.prepare(`
    SELECT id, at, type, json_extract(payload, '$.roomNo') AS room_no, json_extract(payload, '$.ticketNo') AS ticket_no,
      CASE type WHEN 'checkin.attempted' THEN json_extract(payload, '$.verdict') WHEN 'candidate.doubt-raised' THEN json_extract(payload, '$.reason') END AS detail,
      json_extract(actor, '$.name') AS actor_name
    FROM events
    WHERE (type = 'checkin.attempted' AND json_extract(payload, '$.verdict') NOT IN ('admitted', 'awaiting-id', 'awaiting-ticket'))
       OR (type = 'checkin.overridden' AND json_extract(payload, '$.reason') = 'late-approved')
       OR type = 'candidate.doubt-raised'
       OR (type = 'seat.reverified' AND json_extract(payload, '$.result') = 'suspected-impostor')
    ORDER BY at DESC, local_order DESC
    LIMIT ${FEED_LIMIT}`);
  const kindOf: Record<string, DashboardFeedItem['kind']> = {
    'checkin.attempted': 'refused',
    'checkin.overridden': 'late-approved',
    'candidate.doubt-raised': 'doubt',
    'seat.reverified': 'impostor',
  };
  return () =>
    (query.all() as FeedRow[]).map((row) => ({
      eventId: row.id,
      at: row.at,
      kind: kindOf[row.type] ?? 'refused',
      detail: row.detail,
      roomNo: row.room_no,
      ticketNo: row.ticket_no,
      name: row.ticket_no === null ? null : (store.findCandidateByTicket(row.ticket_no) ?? store.getCandidateWithdrawal(row.ticket_no))?.name ?? null,
      byName: row.actor_name,
    }));
}
