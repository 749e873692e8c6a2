import type Database from 'better-sqlite3-multiple-ciphers';
import { migration0001EventLog } from './0001-event-log';
import { migration0002Projections } from './0002-projections';
import { migration0003DayClock } from './0003-day-clock';
import { migration0004DoorPairing } from './0004-door-pairing';
import { migration0005CandidatePhotos } from './0005-candidate-photos';
import { migration0006Doubts } from './0006-doubts';
import { migration0007Reverify } from './0007-reverify';
import { migration0008Absentees } from './0008-absentees';
import { migration0009Meta } from './0009-meta';
import { migration0010Sync } from './0010-sync';
import { migration0011RoomRecord } from './0011-room-record';
import { migration0012Custody } from './0012-custody';
import { migration0013StaffPins } from './0013-staff-pins';
import { migration0014RosterChanges } from './0014-roster-changes';
import { migration0015PurgeRedaction } from './0015-purge-redaction';
import { migration0016Revocations } from './0016-revocations';
import { migration0017WithdrawalIdNumber } from './0017-withdrawal-id-number';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Versions 1, 2, 3, … with no gap (run-migrations checks). Never edit a shipped migration: add one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001EventLog,
  migration0002Projections,
  migration0003DayClock,
  migration0004DoorPairing,
  migration0005CandidatePhotos,
  migration0006Doubts,
  migration0007Reverify,
  migration0008Absentees,
  migration0009Meta,
  migration0010Sync,
  migration0011RoomRecord,
  migration0012Custody,
  migration0013StaffPins,
  migration0014RosterChanges,
  migration0015PurgeRedaction,
  migration0016Revocations,
  migration0017WithdrawalIdNumber,
];
