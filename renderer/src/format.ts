import { describeOffsetEn, describeOffsetZh } from '../../shared/timetable/time-code';
import type { Translate } from './i18n/i18n';

const pad = (n: number): string => String(n).padStart(2, '0');

/** HH:MM:SS on this device's clock. */
export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export interface NamedRoom {
  roomNo: string;
  name: string;
  location?: string;
}

/** A room as people say it: its name from the day's rooms ("第2考场"), else built from its number. */
export function roomDisplayName(roomNo: string, rooms: readonly NamedRoom[], t: Translate): string {
  const room = rooms.find((r) => r.roomNo === roomNo);
  if (room) return room.name;
  const no = /^\d+$/.test(roomNo) ? String(Number(roomNo)) : roomNo;
  return t('room.fallback', { no });
}

/** HH:MM:SS of a time in ms since the epoch (the device clock's readings). */
export function formatClockMs(ms: number): string {
  return formatClock(new Date(ms));
}

/** "+5分00秒" in Chinese, "+5 min 00 s" in English: how far a clock is off. */
export function describeOffset(offsetMs: number, language: 'zh' | 'en'): string {
  return language === 'zh' ? describeOffsetZh(offsetMs) : describeOffsetEn(offsetMs);
}

/** An event's time (stamped by its device's clock) on the office clock, HH:MM:SS. */
export function formatEventTime(iso: string, offsetMs: number | null): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : formatClockMs(at - (offsetMs ?? 0));
}
