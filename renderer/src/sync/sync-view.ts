import type { EventType } from '../../../shared/events/event-types';
import type { FindingKind } from '../../../shared/sync/findings';
import { formatClock } from '../format';
import type { MessageKey } from '../i18n/zh';

/** The shape of the sync status these helpers read (the API's getSyncStatus answer). */
interface StatusLike {
  role: 'office' | 'door' | 'unpaired';
  office: { name: string; lastSyncAt: string | null } | null;
  devices: readonly { name: string; kind: 'door' | 'office'; lastSyncAt: string | null; revoked: boolean }[];
  lastSyncAt: string | null;
  outOfTouch: boolean;
}

export interface LastSync {
  /** HH:MM:SS (24-hour) on this device's clock, or null when never. */
  time: string | null;
  /** With whom: the office (a door), or the door heard from last (the office). */
  peer: string | null;
  outOfTouch: boolean;
}

/** HH:MM:SS of an ISO instant, or null. */
export function syncTime(iso: string | null): string | null {
  if (iso === null) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : formatClock(at);
}

/**
 * What the header says about sync: a door once paired, an office once it has doors; nothing for a
 * device that syncs with nobody.
 */
export function lastSyncLine(status: StatusLike | undefined): LastSync | null {
  if (!status) return null;
  if (status.role === 'door') {
    return { time: syncTime(status.office?.lastSyncAt ?? status.lastSyncAt), peer: status.office?.name ?? null, outOfTouch: status.outOfTouch };
  }
  const doors = status.devices.filter((d) => d.kind === 'door' && !d.revoked);
  if (status.role !== 'office' || doors.length === 0) return null;
  const synced = doors.filter((d): d is (typeof doors)[number] & { lastSyncAt: string } => d.lastSyncAt !== null);
  const latest = synced.reduce<(typeof synced)[number] | undefined>((best, d) => (!best || Date.parse(d.lastSyncAt) > Date.parse(best.lastSyncAt) ? d : best), undefined);
  return { time: syncTime(latest?.lastSyncAt ?? null), peer: latest?.name ?? null, outOfTouch: false };
}

/**
 * A pairing code as typed or pasted: upper case, grouped by four with dashes (the decoder ignores
 * separators). A QR code's text (read by a scanner into the field) is kept as it is: its hex is
 * lower case, and while its first letters arrive they are kept unchanged too.
 */
export function normalizePairingInput(raw: string): string {
  const QR_WORD = 'EXAMDAY-PAIR:';
  const trimmed = raw.trim();
  const upper = trimmed.toUpperCase();
  if (upper.startsWith(QR_WORD)) return trimmed;
  if (upper !== '' && QR_WORD.startsWith(upper)) return upper;
  const compact = upper.replace(/[^0-9A-Z]/g, '');
  return (compact.match(/.{1,4}/g) ?? []).join('-');
}

/** Seconds left until `expiresAt`, never below zero. */
export function secondsLeft(expiresAt: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - nowMs) / 1000));
}

/** "9:05" for a countdown. */
export function formatMinutesSeconds(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Each event type's name on screen (the events behind a finding), in the catalogues. */
export const EVENT_TYPE_KEYS: Record<EventType, MessageKey> = {
  'plan.set': 'event.plan.set',
  'room.defined': 'event.room.defined',
  'staff.registered': 'event.staff.registered',
  'candidate.registered': 'event.candidate.registered',
  'candidates.registered': 'event.candidates.registered',
  'candidate.corrected': 'event.candidate.corrected',
  'candidate.withdrawn': 'event.candidate.withdrawn',
  'candidate.photo-attached': 'event.candidate.photo-attached',
  'checkin.attempted': 'event.checkin.attempted',
  'checkin.overridden': 'event.checkin.overridden',
  'checkin.revoked': 'event.checkin.revoked',
  'candidate.doubt-raised': 'event.candidate.doubt-raised',
  'candidate.doubt-resolved': 'event.candidate.doubt-resolved',
  'seat.reverified': 'event.seat.reverified',
  'absentees.confirmed': 'event.absentees.confirmed',
  'step.confirmed': 'event.step.confirmed',
  'clock.checked': 'event.clock.checked',
  'day.closed': 'event.day.closed',
  'finding.resolved': 'event.finding.resolved',
  'results.export-overridden': 'event.results.export-overridden',
  'retention.set': 'event.retention.set',
  'photos.purged': 'event.photos.purged',
  'device.enrolled': 'event.device.enrolled',
  'device.revoked': 'event.device.revoked',
  'sync.file-imported': 'event.sync.file-imported',
  'bags.registered': 'event.bags.registered',
  'custody.recorded': 'event.custody.recorded',
  'custody.exception-signed': 'event.custody.exception-signed',
  'incident.recorded': 'event.incident.recorded',
  'incident.corrected': 'event.incident.corrected',
  'candidate.handed-in': 'event.candidate.handed-in',
  'candidate.left': 'event.candidate.left',
  'candidate.returned': 'event.candidate.returned',
  'papers.collected': 'event.papers.collected',
  'papers.counted': 'event.papers.counted',
  'record.signed': 'event.record.signed',
  'record.exception-signed': 'event.record.exception-signed',
  'staff.pin-set': 'event.staff.pin-set',
  'staff.signed-in': 'event.staff.signed-in',
  'staff.pin-failed': 'event.staff.pin-failed',
  'staff.unlocked': 'event.staff.unlocked',
  'privacy.purged': 'event.privacy.purged',
  'id-number.revealed': 'event.id-number.revealed',
};

export const FINDING_KIND_KEYS: Record<FindingKind, MessageKey> = {
  'admitted-twice': 'finding.admitted-twice',
  fork: 'finding.fork',
  'clock-off': 'finding.clock-off',
  'after-close': 'finding.after-close',
  'bag-handed-twice': 'finding.bag-handed-twice',
  'admitted-after-withdrawal': 'finding.admitted-after-withdrawal',
};

/** An event type's key, or undefined for a type this renderer does not know (a newer device's). */
export function eventTypeKey(type: string): MessageKey | undefined {
  return Object.hasOwn(EVENT_TYPE_KEYS, type) ? EVENT_TYPE_KEYS[type as EventType] : undefined;
}
