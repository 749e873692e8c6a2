import type { Candidate } from '../domain/types';
import type { ExamDayEvent } from '../events/event';
import type { Admission, ProjectionStore } from './store';
import type { RecordEntry } from '../record/record-log';
import type { CustodyEntry } from '../custody/custody-log';
import type { PinEntry } from '../staffing/pin-log';
import { isEarlier } from './canonical-key';
import { maskIdNumber } from '../id/id-number';

/** Keeps the newest `at` per room; compared as instants, since devices may write other offsets. */
function noteRoomActivity(store: ProjectionStore, roomNo: string, at: string): void {
  const previous = store.getRoomActivity(roomNo);
  if (previous === undefined || Date.parse(at) > Date.parse(previous)) store.putRoomActivity(roomNo, at);
}

function assertNever(value: never): never {
  throw new Error(`unhandled event type: ${JSON.stringify(value)}`);
}

/**
 * The earliest admission of a candidate wins, by (at, deviceId, seq) — not by arrival, so every
 * device that holds the same events shows the same door (sync: arrival order differs between devices).
 * A second admission from another door changes nothing here (sync/findings.ts raises it) but is kept
 * aside. A revocation ends every admission before it, and the earliest one after it, if any, stands:
 * the state is a function of the sets of admissions and revocations, whatever order they arrive in.
 */
function admitEarliest(store: ProjectionStore, event: ExamDayEvent, ticketNo: string, roomNo: string): void {
  if (store.listRevocations(ticketNo).some((r) => isEarlier(event, r))) return;
  const admission = { ticketNo, roomNo, at: event.at, deviceId: event.deviceId, seq: event.seq, actorStaffId: event.actor.staffId };
  const held = store.getAdmission(ticketNo);
  if (held && !isEarlier(event, held)) {
    store.putOtherAdmission(admission);
    return;
  }
  if (held) store.putOtherAdmission(held);
  store.putAdmission(admission);
}

/** 'checkin.revoked': the candidate's admissions before `event` end; the earliest one after it, if any, stands. */
function revokeAdmissions(store: ProjectionStore, event: ExamDayEvent, ticketNo: string): void {
  store.putRevocation({ ticketNo, at: event.at, deviceId: event.deviceId, seq: event.seq });
  const others = store.listOtherAdmissions(ticketNo);
  for (const other of others) if (isEarlier(other, event)) store.deleteOtherAdmission(other.deviceId, other.seq);
  const held = store.getAdmission(ticketNo);
  if (!held || !isEarlier(held, event)) return;
  store.deleteAdmission(ticketNo);
  const next = others.filter((a) => !isEarlier(a, event)).reduce<Admission | undefined>((best, a) => (best === undefined || isEarlier(a, best) ? a : best), undefined);
  if (!next) return;
  store.deleteOtherAdmission(next.deviceId, next.seq);
  store.putAdmission(next);
}

/** A roster row, new or again after a 退考. */
function registerCandidate(store: ProjectionStore, candidate: Candidate): void {
  store.putCandidate(candidate);
  store.clearCandidateWithdrawal(candidate.ticketNo);
}

/**
 * Folds one committed event into the projection. Deterministic: replaying the log in the same
 * order always gives the same state, which is what makes a projection safe to drop and rebuild.
 */
export function applyEvent(store: ProjectionStore, event: ExamDayEvent): void {
  switch (event.type) {
    case 'plan.set':
      store.setPlan(event.payload.plan);
      return;
    case 'room.defined':
      store.putRoom(event.payload.room);
      return;
    case 'staff.registered':
      store.putStaff(event.payload.staff);
      return;
    case 'candidate.registered':
      registerCandidate(store, event.payload.candidate);
      return;
    case 'candidates.registered':
      for (const candidate of event.payload.candidates) registerCandidate(store, candidate);
      return;
    case 'candidate.corrected':
      // The core refuses a correction of someone not on the roster; a stray one adds nobody.
      if (store.findCandidateByTicket(event.payload.candidate.ticketNo)) store.putCandidate(event.payload.candidate);
      return;
    case 'candidate.withdrawn': {
      const held = store.findCandidateByTicket(event.payload.ticketNo);
      if (!held) return;
      const { ticketNo, name, roomNo, seatNo, occupation, level } = held;
      const idMasked = maskIdNumber(held.idNumber);
      store.withdrawCandidate({ ticketNo, name, roomNo, seatNo, occupation, level, idMasked, reason: event.payload.reason, at: event.at, by: event.actor });
      return;
    }
    case 'candidate.photo-attached': {
      const { ticketNo, sha256, mime, byteLength } = event.payload;
      store.putCandidatePhoto({ ticketNo, sha256, mime, byteLength });
      return;
    }
    case 'checkin.attempted': {
      const { verdict, ticketNo, roomNo, document } = event.payload;
      noteRoomActivity(store, roomNo, event.at);
      // The door's half-done pair: set by a first document, ended by any verdict on a candidate.
      if ((verdict === 'awaiting-id' || verdict === 'awaiting-ticket') && ticketNo && document) {
        store.putDoorPending({ roomNo, deviceId: event.deviceId, ticketNo, document, at: event.at, seq: event.seq });
      } else if (ticketNo) {
        store.clearDoorPending(roomNo, event.deviceId);
      }
      // The first admission wins; a second one from another device is a finding, not an overwrite.
      if (verdict === 'admitted' && ticketNo) admitEarliest(store, event, ticketNo, roomNo);
      return;
    }
    case 'checkin.overridden': {
      const { ticketNo, roomNo } = event.payload;
      noteRoomActivity(store, roomNo, event.at);
      store.clearDoorPending(roomNo, event.deviceId);
      admitEarliest(store, event, ticketNo, roomNo);
      return;
    }
    case 'checkin.revoked': {
      const { roomNo, ticketNo } = event.payload;
      noteRoomActivity(store, roomNo, event.at);
      revokeAdmissions(store, event, ticketNo);
      return;
    }
    case 'candidate.doubt-raised': {
      const { roomNo, ticketNo, reason, note } = event.payload;
      noteRoomActivity(store, roomNo, event.at);
      store.clearDoorPending(roomNo, event.deviceId);
      // 存疑入场 seats the candidate: an admission unless one is already recorded.
      admitEarliest(store, event, ticketNo, roomNo);
      // An open doubt stands as first raised; a new one may follow a resolved one.
      if (store.getDoubt(ticketNo)?.status === 'open') return;
      store.putDoubt({
        ticketNo,
        roomNo,
        reason,
        note,
        status: 'open',
        raisedAt: event.at,
        raisedBy: event.actor,
        resolvedAt: undefined,
        resolvedBy: [],
      });
      return;
    }
    case 'candidate.doubt-resolved': {
      const { roomNo, ticketNo, outcome, countersignedBy } = event.payload;
      noteRoomActivity(store, roomNo, event.at);
      const doubt = store.getDoubt(ticketNo);
      // The first resolution stands (another device may have resolved it too).
      if (!doubt || doubt.status !== 'open') return;
      store.putDoubt({
        ...doubt,
        status: outcome,
        resolvedAt: event.at,
        resolvedBy: countersignedBy ? [event.actor, countersignedBy] : [event.actor],
      });
      return;
    }
    case 'seat.reverified': {
      const { roomNo, seatNo, ticketNo, result } = event.payload;
      noteRoomActivity(store, roomNo, event.at);
      store.putReverifyMark({ roomNo, seatNo, ticketNo, result, at: event.at, staffId: event.actor.staffId, staffName: event.actor.name });
      return;
    }
    case 'absentees.confirmed': {
      const { roomNo, absentees } = event.payload;
      noteRoomActivity(store, roomNo, event.at);
      // Two devices may both confirm: the first confirmation stands, like a step confirmation.
      if (store.getAbsenteeConfirmation(roomNo)) return;
      store.putAbsenteeConfirmation({ roomNo, absentees: absentees.map((a) => ({ ...a })), at: event.at, confirmedBy: event.actor });
      return;
    }
    case 'step.confirmed': {
      const { confirmationId, roomNo } = event.payload;
      if (roomNo !== undefined) noteRoomActivity(store, roomNo, event.at);
      // The earliest confirmation stands, whatever order devices learn of them; a later one (another
      // device, a second person) adds nothing.
      const held = store.getConfirmation(confirmationId, roomNo);
      if (held && !isEarlier(event, held)) return;
      store.putConfirmation({
        confirmationId,
        roomNo,
        at: event.at,
        eventId: event.id,
        deviceId: event.deviceId,
        seq: event.seq,
        staffId: event.actor.staffId,
        staffName: event.actor.name,
        role: event.actor.role,
      });
      return;
    }
    case 'clock.checked': {
      // A device checks only its own clock, so the check belongs to the event's device; its
      // latest check (highest seq) is the one in force.
      const previous = store.getClockOffset(event.deviceId);
      if (previous === undefined || event.seq > previous.seq) {
        store.putClockOffset(event.deviceId, { offsetMs: event.payload.offsetMs, at: event.at, seq: event.seq });
      }
      return;
    }
    case 'incident.recorded':
    case 'incident.corrected':
    case 'candidate.handed-in':
    case 'candidate.left':
    case 'candidate.returned':
    case 'papers.collected':
    case 'papers.counted':
    case 'record.signed':
    case 'record.exception-signed': {
      // The room record is folded when it is read (record/record-log.ts): here it is only kept, in order.
      const { roomNo } = event.payload;
      noteRoomActivity(store, roomNo, event.at);
      store.appendRecordEntry({ type: event.type, payload: event.payload, roomNo, eventId: event.id, deviceId: event.deviceId, seq: event.seq, at: event.at, actor: event.actor } as RecordEntry);
      return;
    }
    case 'device.enrolled': {
      const { deviceId, publicKey, tlsFingerprint, name, kind, roomNo, address } = event.payload;
      store.putEnrolledDevice({ deviceId, publicKey, tlsFingerprint, name, kind, roomNo, address, enrolledAt: event.at, recordedBy: event.deviceId, revoked: undefined });
      return;
    }
    case 'device.revoked': {
      // A device revokes only what it enrolled itself (the office its doors).
      const held = store.getEnrolledDevice(event.deviceId, event.payload.deviceId);
      if (held) store.putEnrolledDevice({ ...held, revoked: { at: event.at, reason: event.payload.reason } });
      return;
    }
    case 'bags.registered':
    case 'custody.recorded':
    case 'custody.exception-signed':
    case 'day.closed':
      // Custody is folded when it is read (custody/custody-log.ts); 日结 ends it. Findings read 日结 from the log.
      store.appendCustodyEntry({ type: event.type, payload: event.payload, eventId: event.id, deviceId: event.deviceId, seq: event.seq, at: event.at, actor: event.actor } as CustodyEntry);
      return;
    case 'staff.pin-set':
    case 'staff.signed-in':
    case 'staff.pin-failed':
    case 'staff.unlocked':
      // A person's PIN, wrong-PIN run and lock are folded when read (staffing/pin-log.ts).
      store.appendPinEntry({ type: event.type, payload: event.payload, eventId: event.id, deviceId: event.deviceId, seq: event.seq, at: event.at, actor: event.actor } as PinEntry);
      return;
    case 'finding.resolved':
      // Read from the log by sync/findings.ts; no projection table holds it.
      return;
    case 'results.export-overridden':
      // The center's own decision, read from its chain when results are exported (center/center-results.ts).
      return;
    case 'sync.file-imported':
      // A fact for the record (who imported which file); the events it brought fold on their own.
      return;
    case 'retention.set':
    case 'photos.purged':
      // The center's own facts (center/center-events.ts): photo bytes are not projected, settings are read from the chain.
      return;
    case 'privacy.purged':
    case 'id-number.revealed':
      // Facts for the record: the purge's redacted payloads fold like any others (privacy/redact-personal.ts).
      return;
    default:
      return assertNever(event);
  }
}
