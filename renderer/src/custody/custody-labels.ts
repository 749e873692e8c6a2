import { BAG_KIND_LABELS, type BagKind } from '../../../shared/custody/bags';
import {
  BAG_STATE_LABELS,
  CUSTODY_PLACE_LABELS,
  CUSTODY_STEP_LABELS,
  type BagState,
  type CustodyPlace,
  type CustodyStep,
} from '../../../shared/custody/custody-steps';
import type { DayView } from '../api/api';
import { roomDisplayName } from '../format';
import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';

/** The custody tables' labels (shared/custody) in the screen's language. */
export function useCustodyLabels() {
  const language = useUiStore((s) => s.language);
  return {
    language,
    kind: (kind: BagKind) => BAG_KIND_LABELS[kind][language],
    state: (state: BagState) => BAG_STATE_LABELS[state][language],
    step: (step: CustodyStep) => CUSTODY_STEP_LABELS[step][language],
    place: (place: CustodyPlace) => CUSTODY_PLACE_LABELS[place][language],
  };
}

/** A bag's room as the screens name it: the room's own name, or 考点 for a site spare. */
export function useBagRoomName(rooms: DayView['rooms']): (roomNo: string | null) => string {
  const t = useT();
  return (roomNo) => (roomNo === null ? t('custody.site') : roomDisplayName(roomNo, rooms, t));
}

/** Where in the day a state sits, for its colour: before the room, in the room, on the way back, done. */
export function stateTone(state: BagState): 'office' | 'room' | 'return' | 'done' {
  switch (state) {
    case 'received':
    case 'in-secure-room':
    case 'with-examiner':
    case 'with-proctor':
      return 'office';
    case 'in-room':
    case 'seal-shown':
    case 'opened':
      return 'room';
    case 'return-sealed':
    case 'accepted':
      return 'return';
    case 'office-sealed':
    case 'escorted':
    case 'delivered':
      return 'done';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "HH:MM" of an event time on the office clock (the same correction formatEventTime applies). */
export function hhmm(iso: string, offsetMs: number | null): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const d = new Date(at - (offsetMs ?? 0));
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Minutes after midnight (with seconds as a fraction) of an event time, for the timeline's axis. */
export function minutesOf(iso: string, offsetMs: number | null): number {
  const d = new Date(Date.parse(iso) - (offsetMs ?? 0));
  return d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;
}
