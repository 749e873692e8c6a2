import type { Translate } from './i18n/i18n';

const pad = (n: number): string => String(n).padStart(2, '0');

/** HH:MM:SS on this device's clock. */
export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** HH:MM:SS of an ISO timestamp in local time; the text as given when it is not a date. */
export function formatTimeOfIso(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatClock(date);
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
