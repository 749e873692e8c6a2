import type { Migration } from './index';

/**
 * A withdrawn candidate's ID card at the door says 已退考 too, not only their 准考证: the withdrawal
 * keeps the roster row's id_number column as proj_candidates holds it (the number, or its keyed hash
 * once purged), beside the JSON and never in it (the office lists withdrawals with the mask only).
 * Rows folded before this are NULL: the core refolds them from the events on open
 * (refoldStaleProjection in projection.ts), since no SQL here can fold a roster row that was deleted.
 */
export const migration0017WithdrawalIdNumber: Migration = {
  version: 17,
  name: 'withdrawal-id-number',
  up(db) {
    db.exec(`
      ALTER TABLE proj_candidate_withdrawals ADD COLUMN id_number TEXT;
      CREATE INDEX proj_candidate_withdrawals_id_number ON proj_candidate_withdrawals (id_number);
    `);
  },
};
