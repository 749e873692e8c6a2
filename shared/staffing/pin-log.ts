import type { Actor } from '../domain/types';
import type { EventPayload } from '../events/event-types';
import type { PinHashParams, PinEventType } from './pin-events';
import { afterWrongPin, type PinLockState } from './pin';

/** One sign-in event as the projection keeps it (proj_pin_entries), folded when read. */
export type PinEntry = {
  [T in PinEventType]: { type: T; payload: EventPayload<T>; eventId: string; deviceId: string; seq: number; at: string; actor: Actor };
}[PinEventType];

export interface PinCredential {
  salt: string;
  hash: string;
  params: PinHashParams;
}

/** A person's PIN as the log has it: the current hash, the run of wrong PINs, the lock. */
export interface PinStatus extends PinLockState {
  staffId: string;
  credential: PinCredential | null;
  /** When the current PIN was set, and by whom (the person, the 主考, or the system for the sample day). */
  setAt: string | null;
  setBy: Actor | null;
  lockedAt: string | null;
  lastSignedInAt: string | null;
}

export const noPinStatus = (staffId: string): PinStatus => ({
  staffId,
  hasPin: false,
  wrongInRow: 0,
  locked: false,
  credential: null,
  setAt: null,
  setBy: null,
  lockedAt: null,
  lastSignedInAt: null,
});

/**
 * Folds one person's entries, given in canonical order (at, device, seq), so every device holding the
 * same events agrees. Rules: a PIN set replaces the old one and lifts a lock; a right PIN ends a run
 * of wrong ones but never a lock (a door that had not heard of the lock yet let it through: the lock
 * stands until the 主考 lifts it); the fifth wrong PIN in a row locks; an unlock clears the run.
 * The log is one exam day, so a lock lasts for the day unless lifted.
 */
export function foldPinStatus(staffId: string, entries: readonly PinEntry[]): PinStatus {
  let status = noPinStatus(staffId);
  for (const entry of entries) {
    if (entry.payload.staffId !== staffId) continue;
    switch (entry.type) {
      case 'staff.pin-set': {
        const { salt, hash, params } = entry.payload;
        status = { ...status, hasPin: true, credential: { salt, hash, params }, setAt: entry.at, setBy: entry.actor, wrongInRow: 0, locked: false, lockedAt: null };
        break;
      }
      case 'staff.signed-in':
        status = { ...status, wrongInRow: status.locked ? status.wrongInRow : 0, lastSignedInAt: entry.at };
        break;
      case 'staff.pin-failed': {
        const next = afterWrongPin(status);
        status = { ...status, ...next, lockedAt: status.locked ? status.lockedAt : next.locked ? entry.at : null };
        break;
      }
      case 'staff.unlocked':
        status = { ...status, wrongInRow: 0, locked: false, lockedAt: null };
        break;
    }
  }
  return status;
}
