import type { ExamDayEvent } from '../events/event';
import type { ProjectionStore } from './store';

function assertNever(value: never): never {
  throw new Error(`unhandled event type: ${JSON.stringify(value)}`);
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
      store.putCandidate(event.payload.candidate);
      return;
    case 'checkin.attempted': {
      const { verdict, ticketNo, roomNo } = event.payload;
      // The first admission wins; a second one from another device is a finding, not an overwrite.
      if (verdict === 'admitted' && ticketNo && !store.getAdmission(ticketNo)) {
        store.putAdmission({
          ticketNo,
          roomNo,
          at: event.at,
          deviceId: event.deviceId,
          seq: event.seq,
          actorStaffId: event.actor.staffId,
        });
      }
      return;
    }
    default:
      return assertNever(event);
  }
}
