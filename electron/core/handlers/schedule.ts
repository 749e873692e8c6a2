import type { ApiOutput } from '../../../shared/api/contract';
import { refuse, refusedWith } from '../../../shared/api/refusal';
import { err, ok } from '../../../shared/api/result';
import type { Actor } from '../../../shared/domain/types';
import type { StepConfirmation } from '../../../shared/projection/store';
import { CONFIRMATION_EARLY_MINUTES, confirmationById, confirmationRefusalCoded } from '../../../shared/timetable/confirmations';
import { minutesOfDay, timeGates } from '../../../shared/timetable/gates';
import { computeTimetable, type TimetableStep } from '../../../shared/timetable/timetable';
import { actorOf } from '../../../shared/staffing/who-acts';
import type { CoreHandlers } from '../core';
import { commitEvents, type CoreContext } from '../core-context';
import { proveActorWith } from '../prove-actor';

type RecordedConfirmation = ApiOutput<'confirmStep'>['confirmation'];

export const toRecordedConfirmation = (c: StepConfirmation): RecordedConfirmation => ({
  confirmationId: c.confirmationId,
  roomNo: c.roomNo ?? null,
  at: c.at,
  staffId: c.staffId,
  staffName: c.staffName,
  role: c.role,
});

/** The plan's 附件5 steps; empty when there is no plan or its times make no timetable. */
export function planSteps(ctx: CoreContext): TimetableStep[] {
  const plan = ctx.store.getPlan();
  if (!plan) return [];
  const timetable = computeTimetable(plan.startTime, plan.endTime);
  return timetable.ok ? timetable.steps : [];
}

/** The day's timetable and its confirmations (附件4 duties at the 附件5 moments). */
export function scheduleHandlers(ctx: CoreContext): Pick<CoreHandlers, 'getSchedule' | 'confirmStep'> {
  const { store } = ctx;
  return {
    getSchedule: () => {
      const plan = store.getPlan();
      return ok({
        steps: planSteps(ctx).map((step) => ({ ...step, roles: [...step.roles] })),
        gates: (plan && timeGates(plan)) ?? null,
        confirmations: store.listConfirmations().map(toRecordedConfirmation),
      });
    },

    confirmStep: ({ confirmationId, roomNo, actorStaffId, confirmer }) => {
      // The person on duty is checked first, as before; a badge and PIN last, once the step may be confirmed.
      const onDuty = actorStaffId === undefined ? undefined : store.getStaff(actorStaffId);
      if (actorStaffId !== undefined && !onDuty) return refuse('confirm-staff-unknown');
      const definition = confirmationById(confirmationId);
      if (!definition) return err('not-found', '未知的确认环节');
      const refusal = onDuty ? confirmationRefusalCoded(definition, onDuty, roomNo) : undefined;
      if (refusal !== undefined) return refusedWith(refusal);
      if (roomNo !== undefined && !store.getRoom(roomNo)) return refuse('room-unknown', { roomNo }, 'not-found');

      // Idempotent: a second confirmation (a double tap, the other proctor) answers with the first.
      const existing = store.getConfirmation(definition.id, roomNo);
      if (existing) return ok({ confirmation: toRecordedConfirmation(existing), eventId: existing.eventId });

      const step = planSteps(ctx).find((s) => s.id === definition.stepId);
      if (!step) return refuse('confirm-no-plan');
      if (minutesOfDay(ctx.now()) < step.minutesFromMidnight - CONFIRMATION_EARLY_MINUTES) {
        return refuse('confirm-too-early', { step: step.titleZh, stepEn: step.titleEn, at: step.at });
      }

      let actor: Actor;
      if (onDuty) actor = actorOf(onDuty);
      else if (confirmer) {
        const proven = proveActorWith(ctx, confirmer, (staff) => confirmationRefusalCoded(definition, staff, roomNo));
        if (!proven.ok) return proven;
        actor = proven.value;
      } else return refuse('confirm-who');
      const payload = roomNo === undefined ? { confirmationId: definition.id } : { confirmationId: definition.id, roomNo };
      return commitEvents(ctx, () => ({
        events: [{ type: 'step.confirmed', payload, actor }],
        result: ([event]) => {
          const recorded = store.getConfirmation(definition.id, roomNo);
          if (!event || !recorded) return err('internal', '确认记录失败');
          return ok({ confirmation: toRecordedConfirmation(recorded), eventId: event.id });
        },
      }));
    },
  };
}
