import type { StaffRole } from '../../../shared/domain/types';
import { isRoomProctorRole } from '../../../shared/staffing/roles';
import { CONFIRMATIONS, confirmationState, type ConfirmationDefinition, type ConfirmationState } from '../../../shared/timetable/confirmations';

/** A step as getSchedule sends it. */
export interface ScheduleStep {
  id: string;
  at: string;
  minutesFromMidnight: number;
  offsetLabel: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  roles: readonly StaffRole[];
}

export interface RecordedConfirmation {
  confirmationId: string;
  roomNo: string | null;
  at: string;
  staffId: string;
  staffName: string;
  role: string;
}

/** A door laptop shows the room's proctors only the steps that name them (附件4/附件5). */
export function stepsForDoor<S extends ScheduleStep>(steps: readonly S[]): S[] {
  return steps.filter((s) => s.roles.some(isRoomProctorRole));
}

export type StepTiming = 'past' | 'current' | 'future';

/** A step is current from its own minute until the next step's minute; the ones before are past. */
export function stepTiming(steps: readonly ScheduleStep[], index: number, minutesNow: number): StepTiming {
  const step = steps[index];
  if (!step || minutesNow < step.minutesFromMidnight) return 'future';
  const next = steps[index + 1];
  return next === undefined || minutesNow < next.minutesFromMidnight ? 'current' : 'past';
}

export function confirmationsOfStep(stepId: string): ConfirmationDefinition[] {
  return CONFIRMATIONS.filter((c) => c.stepId === stepId);
}

/** The recorded answer for a confirmation in one scope: the site (roomNo null) or one room. */
export function findRecorded(
  recorded: readonly RecordedConfirmation[],
  confirmationId: string,
  roomNo: string | null,
): RecordedConfirmation | undefined {
  return recorded.find((r) => r.confirmationId === confirmationId && (r.roomNo ?? null) === roomNo);
}

export function stateInScope(
  definition: ConfirmationDefinition,
  step: ScheduleStep,
  recorded: readonly RecordedConfirmation[],
  roomNo: string | null,
  minutesNow: number,
): ConfirmationState {
  return confirmationState(step, findRecorded(recorded, definition.id, roomNo) !== undefined, minutesNow);
}

/** "12:05" under an hour, "1:12:05" above: a countdown read at a glance. */
export function formatCountdown(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** Whole minutes between an event time and now, never negative (clocks of two devices disagree a little). */
export function minutesAgo(iso: string, nowMs: number): number | undefined {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.floor((nowMs - at) / 60_000));
}
