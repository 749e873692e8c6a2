import type { Migration } from './index';

/**
 * Issue 3, setting up the day: candidate photos. The bytes live in `candidate_photos`, keyed by
 * their sha256 (a side table, not a projection: the log carries only the hash, type and size, so a
 * rebuild keeps it); `proj_candidate_photos` says which photo each candidate has now, folded from
 * 'candidate.photo-attached' events like any projection.
 */
export const migration0005CandidatePhotos: Migration = {
  version: 5,
  name: 'candidate-photos',
  up(db) {
    db.exec(`
      CREATE TABLE candidate_photos (
        sha256 TEXT PRIMARY KEY,
        mime TEXT NOT NULL,
        bytes BLOB NOT NULL
      ) STRICT;
      CREATE TABLE proj_candidate_photos (
        ticket_no TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        mime TEXT NOT NULL,
        byte_length INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
