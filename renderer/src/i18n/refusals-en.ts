import type { RefusalCode } from '../../../shared/api/refusal';
import type { IdParseFailureCode } from '../../../shared/id/id-number';

/**
 * The core's coded refusals in English (shared/api/refusal.ts has the Chinese the core writes). The
 * type asks for every code, so a new refusal cannot be forgotten here; parameters are filled the same way.
 */
export const REFUSALS_EN: Record<RefusalCode, string> = {
  'staff-unknown': 'This person is not on the day\'s staff list',
  'room-unknown': 'There is no room {roomNo}',
  'ticket-unknown': 'No candidate with this ticket number',
  'already-admitted': '{name} is already admitted ({room}); nobody enters twice',
  'other-room': '{name} is not in this room: go to {room}, seat {seat}',
  'late-needs-chief': 'A late candidate enters only with the approval of this room\'s chief proctor or the chief examiner',
  'absence-confirmed': '{name} was confirmed absent by {by}; only the chief examiner or deputy may correct that and admit them',
  'late-cutoff-passed': 'The late cut-off has passed: the chief proctor must approve a late entry',
  'doubt-already-open': '{name} is already flagged as in doubt',
  'doubt-late': 'The late cut-off has passed: the chief proctor approves the late entry first, then flag the doubt',
  'reverify-not-allowed': 'The seat check is done by this room\'s proctors (or the chief examiner / deputy)',
  'reverify-before-start': 'The seat-by-seat check starts when the exam starts',
  'reverify-seat-empty': 'No candidate is seated at seat {seat}',
  'reverify-not-admitted': '{name} has no admission: mark the seat empty, or admit them first',
  'impostor-needs-note': 'Say what you saw before recording a suspected impostor',
  'revoke-not-admitted': '{name} is not admitted: nothing to revoke',
  'revoke-other-room': '{name} was admitted at {room}: only that room may revoke it',
  'revoke-not-allowed': 'Only this room\'s proctors, or the chief examiner / deputy, may revoke an admission',
  'revoke-exam-started': 'The exam has started: an admission can no longer be revoked. If someone sits in another\'s place, mark a suspected impostor in the seat check',
};

/** Why an ID number is invalid (the 证件号码无效 verdict's `code`), in English; the core's Chinese says more (the date). */
export const ID_FAILURES_EN: Record<IdParseFailureCode, string> = {
  empty: 'No number was read',
  'bad-format': 'This is not the format of an ID number',
  'bad-check-digit': 'The check digit (the last one) is wrong',
  'bad-date': 'The birth date inside the number is impossible',
  'bad-region': 'The first two digits are not a province code',
  'legacy-15-digit': 'Old 15-digit ID numbers are no longer valid: ask for the 18-digit card',
  'type-mismatch': 'The number belongs to another type of document',
};
