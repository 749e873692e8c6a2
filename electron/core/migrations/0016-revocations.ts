import type { Migration } from './index';

/**
 * Issue 15, revoking an admission: the candidate's revocations ('checkin.revoked', by their place in
 * the log) and the admissions that are not the current one, kept aside so that the earliest one after
 * a revocation can stand (shared/projection/apply-event.ts). Projection tables only; the events say it all.
 */
export const migration0016Revocations: Migration = {
  version: 16,
  name: 'revocations',
  up(db) {
    db.exec(`
      CREATE TABLE proj_revocations (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        ticket_no TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
      ) STRICT;
      CREATE INDEX proj_revocations_ticket ON proj_revocations (ticket_no);
      CREATE TABLE proj_other_admissions (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        ticket_no TEXT NOT NULL,
        room_no TEXT NOT NULL,
        at TEXT NOT NULL,
        actor_staff_id TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
      ) STRICT;
      CREATE INDEX proj_other_admissions_ticket ON proj_other_admissions (ticket_no);
    `);
  },
};
