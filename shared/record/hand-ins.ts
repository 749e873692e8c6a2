import { formatClockTime } from '../timetable/timetable';
import { isHandInAllowed, type TimeGates } from '../timetable/gates';

/**
 * 交卷退场 (附件5: 开考30分钟后可交卷, 结束前15分钟停止交卷): null when a hand-in may be recorded at
 * `minutesNow`, else the refusal in Chinese naming when the window opens or closed.
 */
export function handInRefusal(gates: TimeGates, minutesNow: number): string | null {
  if (isHandInAllowed(gates, minutesNow)) return null;
  if (minutesNow < gates.handInFrom) return `开考30分钟后才能交卷：${formatClockTime(gates.handInFrom)} 起可以交卷`;
  return `已停止交卷（${formatClockTime(gates.handInUntil)} 起不得交卷退场），请待 ${formatClockTime(gates.examEndsAt)} 收卷`;
}

/** Why a candidate leaves the room for a while without handing in; a 流动监考 goes along. */
export const LEAVE_REASONS = ['medical', 'toilet', 'other'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];
export const LEAVE_REASON_LABELS: Record<LeaveReason, { zh: string; en: string }> = {
  medical: { zh: '就医', en: 'Medical' },
  toilet: { zh: '如厕', en: 'Toilet' },
  other: { zh: '其他', en: 'Other' },
};

/** A leave (就医、如厕) happens during the exam: from 开考 until 收卷. */
export function leaveRefusal(gates: TimeGates, minutesNow: number): string | null {
  if (minutesNow < gates.examStartsAt) return `开考（${formatClockTime(gates.examStartsAt)}）后才记录暂离`;
  if (minutesNow >= gates.examEndsAt) return '考试已结束，不再记录暂离';
  return null;
}

/** 收卷 at E (附件5 10:00): the remaining candidates' papers in one action. */
export function collectRefusal(gates: TimeGates, minutesNow: number): string | null {
  if (minutesNow < gates.examEndsAt) return `考试结束（${formatClockTime(gates.examEndsAt)}）时才能收卷`;
  return null;
}
