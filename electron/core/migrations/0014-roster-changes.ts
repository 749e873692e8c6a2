import type { Migration } from './index';

/**
 * Issue 15 item 2, the roster after the import: who was withdrawn (退考), why, when and by whom, with
 * the row's name, room and seat as it stood (no ID number: the list shows the rest). A projection
 * table only; no earlier release wrote 'candidate.withdrawn', so it starts empty.
 */
export const migration0014RosterChanges: Migration = {
  version: 14,
  name: 'roster-changes',
  up(db) {
    db.exec(`
      CREATE TABLE proj_candidate_withdrawals (
        ticket_no TEXT PRIMARY KEY,
        withdrawal TEXT NOT NULL
      ) STRICT;
    `);
  },
};
