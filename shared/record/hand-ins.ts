import { refusalOf, refusalZhOrNull, type Refusal } from '../api/refusal';
import { formatClockTime } from '../timetable/timetable';
import { isHandInAllowed, type TimeGates } from '../timetable/gates';

/**
 * 交卷退场 (附件5: 开考30分钟后可交卷, 结束前15分钟停止交卷): null when a hand-in may be recorded at
 * `minutesNow`, else the refusal in Chinese naming when the window opens or closed.
 */
export function handInRefusalCoded(gates: TimeGates, minutesNow: number): Refusal | null {
  if (isHandInAllowed(gates, minutesNow)) return null;
  if (minutesNow < gates.handInFrom) return refusalOf('hand-in-too-early', { from: formatClockTime(gates.handInFrom) });
  return refusalOf('hand-in-closed', { until: formatClockTime(gates.handInUntil), end: formatClockTime(gates.examEndsAt) });
}
export const handInRefusal = (gates: TimeGates, minutesNow: number): string | null => refusalZhOrNull(handInRefusalCoded(gates, minutesNow));

/** Why a candidate leaves the room for a while without handing in; a 流动监考 goes along. */
export const LEAVE_REASONS = ['medical', 'toilet', 'other'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];
export const LEAVE_REASON_LABELS: Record<LeaveReason, { zh: string; en: string }> = {
  medical: { zh: '就医', en: 'Medical' },
  toilet: { zh: '如厕', en: 'Toilet' },
  other: { zh: '其他', en: 'Other' },
};

/** A leave (就医、如厕) happens during the exam: from 开考 until 收卷. */
export function leaveRefusalCoded(gates: TimeGates, minutesNow: number): Refusal | null {
  if (minutesNow < gates.examStartsAt) return refusalOf('leave-before-start', { start: formatClockTime(gates.examStartsAt) });
  if (minutesNow >= gates.examEndsAt) return refusalOf('leave-after-end');
  return null;
}
export const leaveRefusal = (gates: TimeGates, minutesNow: number): string | null => refusalZhOrNull(leaveRefusalCoded(gates, minutesNow));

/** 收卷 at E (附件5 10:00): the remaining candidates' papers in one action. */
export function collectRefusalCoded(gates: TimeGates, minutesNow: number): Refusal | null {
  if (minutesNow < gates.examEndsAt) return refusalOf('collect-too-early', { end: formatClockTime(gates.examEndsAt) });
  return null;
}
export const collectRefusal = (gates: TimeGates, minutesNow: number): string | null => refusalZhOrNull(collectRefusalCoded(gates, minutesNow));
