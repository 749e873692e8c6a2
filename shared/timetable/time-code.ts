/**
 * The office shows its clock as a scannable code (附件5 7:35 核对时间); a door laptop scans it and
 * records how far its own clock is off. The text is short, so a keyboard-wedge scanner types it
 * quickly, and carries the office device, so the record says what the door was compared with.
 */
const PREFIX = 'EXAMDAY-TIME';

export interface TimeCode {
  /** The office clock, ms since the epoch, when the code was drawn. */
  referenceMs: number;
  referenceDeviceId: string;
}

export function formatTimeCode(code: TimeCode): string {
  return `${PREFIX}/${Math.round(code.referenceMs)}/${code.referenceDeviceId}`;
}

export function parseTimeCode(text: string): TimeCode | undefined {
  const match = /^EXAMDAY-TIME\/(\d{12,14})\/([0-9a-f]{16})$/i.exec(text.trim());
  if (!match) return undefined;
  return { referenceMs: Number(match[1]), referenceDeviceId: (match[2] ?? '').toLowerCase() };
}

export function looksLikeTimeCode(text: string): boolean {
  return text.trim().toUpperCase().startsWith(`${PREFIX}/`);
}

/** Beyond this the device's clock is a finding for the day's record (issue: 60 s). */
export const CLOCK_OFFSET_WARNING_MS = 60_000;

export function isClockOffsetTooLarge(offsetMs: number): boolean {
  return Math.abs(offsetMs) > CLOCK_OFFSET_WARNING_MS;
}

/** "+5分00秒" / "−12秒": how people say a clock error. */
export function describeOffsetZh(offsetMs: number): string {
  const sign = offsetMs < 0 ? '−' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${sign}${minutes}分${String(seconds).padStart(2, '0')}秒` : `${sign}${seconds}秒`;
}

/** "+5 min 00 s" / "−12 s": describeOffsetZh in English. */
export function describeOffsetEn(offsetMs: number): string {
  const sign = offsetMs < 0 ? '−' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${sign}${minutes} min ${String(seconds).padStart(2, '0')} s` : `${sign}${seconds} s`;
}
