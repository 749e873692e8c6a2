import { refusalOf, refusalZh, type Refusal } from '../api/refusal';
import type { StaffRole } from '../domain/types';
import { isRoomProctorRole } from '../staffing/roles';
import type { TimetableStep, TimetableStepId } from './timetable';

/**
 * The moments of 附件5 somebody must answer for (附件4 duties): each is confirmed by a person in
 * one of `roles`, once for the whole site (`office`) or once per exam room (`room`), and that
 * confirmation is an event. Until it is recorded, the step is open; past its grace it is overdue.
 */
export const CONFIRMATIONS = [
  { id: 'briefing-held', stepId: 'work-briefing', scope: 'office', roles: ['chief-examiner', 'deputy-chief-examiner'], titleZh: '已召开考前工作会', titleEn: 'Briefing held' },
  { id: 'clocks-checked', stepId: 'work-briefing', scope: 'office', roles: ['chief-examiner', 'deputy-chief-examiner'], titleZh: '已核对手表和考场钟表', titleEn: 'Clocks checked' },
  { id: 'papers-received', stepId: 'papers-distributed', scope: 'room', roles: ['chief-proctor', 'second-proctor'], titleZh: '已签收试卷（核对职业、级别、份数、密封）', titleEn: 'Papers received and checked' },
  { id: 'seal-shown', stepId: 'papers-unsealed', scope: 'room', roles: ['chief-proctor'], titleZh: '已向考生展示密封并启封', titleEn: 'Seal shown and opened' },
  { id: 'exam-started', stepId: 'exam-start', scope: 'room', roles: ['chief-proctor'], titleZh: '已宣布开考', titleEn: 'Exam start announced' },
  { id: 'hand-in-stop-announced', stepId: 'hand-in-closed', scope: 'room', roles: ['chief-proctor'], titleZh: '已宣布停止交卷', titleEn: 'Stop of hand-ins announced' },
  { id: 'papers-collected', stepId: 'papers-collected', scope: 'room', roles: ['chief-proctor', 'second-proctor'], titleZh: '已收卷、清点并装袋', titleEn: 'Papers collected, counted, bagged' },
  { id: 'papers-returned', stepId: 'papers-returned', scope: 'room', roles: ['chief-proctor', 'second-proctor', 'exam-affairs'], titleZh: '试卷已送还考务办并签字', titleEn: 'Papers returned to the office' },
] as const satisfies readonly {
  id: string;
  stepId: TimetableStepId;
  scope: 'office' | 'room';
  roles: readonly StaffRole[];
  titleZh: string;
  titleEn: string;
}[];

export type ConfirmationId = (typeof CONFIRMATIONS)[number]['id'];
export type ConfirmationDefinition = (typeof CONFIRMATIONS)[number];
export const CONFIRMATION_IDS = CONFIRMATIONS.map((c) => c.id) as [ConfirmationId, ...ConfirmationId[]];

/** Minutes after its step begins that a confirmation may still come before it is flagged overdue. */
export const CONFIRMATION_GRACE_MINUTES = 5;
/** A step may be confirmed a little early (papers are often signed for before 7:40). */
export const CONFIRMATION_EARLY_MINUTES = 15;

export function confirmationById(id: string): ConfirmationDefinition | undefined {
  return CONFIRMATIONS.find((c) => c.id === id);
}

export type ConfirmationState = 'not-yet' | 'open' | 'overdue' | 'done';

/** Where a confirmation stands at `minutesNow`, given whether it has been recorded. */
export function confirmationState(step: Pick<TimetableStep, 'minutesFromMidnight'>, recorded: boolean, minutesNow: number): ConfirmationState {
  if (recorded) return 'done';
  if (minutesNow < step.minutesFromMidnight - CONFIRMATION_EARLY_MINUTES) return 'not-yet';
  return minutesNow >= step.minutesFromMidnight + CONFIRMATION_GRACE_MINUTES ? 'overdue' : 'open';
}

/** Why this person may not confirm this; undefined when they may. */
export function confirmationRefusalCoded(
  definition: ConfirmationDefinition,
  staff: { role: StaffRole; roomNo?: string | undefined },
  roomNo: string | undefined,
): Refusal | undefined {
  if (definition.scope === 'room' && roomNo === undefined) return refusalOf('confirm-room-missing');
  if (definition.scope === 'office' && roomNo !== undefined) return refusalOf('confirm-office-only');
  if (!(definition.roles as readonly StaffRole[]).includes(staff.role)) return refusalOf('confirm-role');
  const roomBound = isRoomProctorRole(staff.role);
  if (definition.scope === 'room' && roomBound && staff.roomNo !== roomNo) return refusalOf('confirm-other-room');
  return undefined;
}

/** confirmationRefusalCoded in Chinese. */
export function confirmationRefusal(definition: ConfirmationDefinition, staff: { role: StaffRole; roomNo?: string | undefined }, roomNo: string | undefined): string | undefined {
  const refusal = confirmationRefusalCoded(definition, staff, roomNo);
  return refusal && refusalZh(refusal);
}
