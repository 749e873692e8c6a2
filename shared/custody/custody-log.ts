import type { Actor, StaffRole } from '../domain/types';
import type { EventPayload } from '../events/event-types';
import { normaliseBagCode, type Bag } from './bags';
import { STEP_DEFINITIONS, stepAllows, type BagState, type CustodyPlace, type CustodyStep, type PartyPart } from './custody-steps';

/** The event types custody folds (custody-events.ts), and 日结, which ends it. */
export const CUSTODY_EVENT_TYPES = ['bags.registered', 'custody.recorded', 'custody.exception-signed', 'day.closed'] as const;
export type CustodyEventType = (typeof CUSTODY_EVENT_TYPES)[number];
export const isCustodyEventType = (type: string): type is CustodyEventType => (CUSTODY_EVENT_TYPES as readonly string[]).includes(type);

/** One custody event as the projection keeps it (proj_custody_entries), in canonical order. */
export type CustodyEntry = {
  [T in CustodyEventType]: { type: T; payload: EventPayload<T>; eventId: string; deviceId: string; seq: number; at: string; actor: Actor };
}[CustodyEventType];

export interface CustodyHistoryItem {
  eventId: string;
  deviceId: string;
  step: CustodyStep;
  handoffId: string;
  at: string;
  place: CustodyPlace;
  roomNo: string | null;
  parties: { part: PartyPart; staffId: string; name: string; role: StaffRole }[];
  count: number | null;
  seal: { intact: boolean; sealNo: string | null } | null;
  recipient: string | null;
  note: string | null;
  /**
   * How the step stands: applied; applied because a 主考 exception let it through; or not applied,
   * because the bag's state did not allow it when it arrived (two devices stepped the same bag).
   */
  standing: 'applied' | 'under-exception' | 'not-applied';
}

export interface CustodyException {
  eventId: string;
  at: string;
  byName: string;
  byStaffId: string;
  reason: string;
  problems: string[];
}

export interface BagRecord {
  bag: Bag;
  registeredAt: string;
  /** The bag's room, or for a site spare the room it was issued to. */
  roomNo: string | null;
  state: BagState;
  since: string;
  holders: { staffId: string; name: string; role: StaffRole }[];
  place: CustodyPlace | null;
  /** The count sealed into a return bag in the room, or accepted at the office. */
  lastCount: number | null;
  history: CustodyHistoryItem[];
  exceptions: CustodyException[];
}

export interface CustodyLog {
  /** By normalised code, in registration order. */
  bags: Map<string, BagRecord>;
  dayClosed: { at: string; byName: string; byStaffId: string; eventId: string } | null;
}

function historyItem(e: Extract<CustodyEntry, { type: 'custody.recorded' }>, standing: CustodyHistoryItem['standing']): CustodyHistoryItem {
  const p = e.payload;
  return {
    eventId: e.eventId,
    deviceId: e.deviceId,
    step: p.step,
    handoffId: p.handoffId,
    at: e.at,
    place: p.place,
    roomNo: p.roomNo ?? null,
    parties: p.parties.map(({ part, staffId, name, role }) => ({ part, staffId, name, role })),
    count: p.count ?? null,
    seal: p.seal ? { intact: p.seal.intact, sealNo: p.seal.sealNo ?? null } : null,
    recipient: p.recipient ?? null,
    note: p.note ?? null,
    standing,
  };
}

/**
 * The 主考's exception that stands for a bag: the latest one signed after the bag last moved. One signed
 * before a later mishap does not cover it.
 */
export function exceptionAfterLastMove(record: BagRecord): CustodyException | undefined {
  const last = record.history[record.history.length - 1]?.at ?? record.registeredAt;
  const signed = record.exceptions.filter((x) => last === '' || Date.parse(x.at) >= Date.parse(last));
  return signed[signed.length - 1];
}

/**
 * Folds the custody events, in canonical order, into every bag's state, holders and history. Pure
 * and deterministic, so the live view and one rebuilt from the log are the same. A step that does
 * not fit the bag's state when folded (two devices stepped the same bag) is kept as not applied,
 * for reconciliation to show; one taken under a 主考 exception is applied as recorded.
 */
export function foldCustody(entries: readonly CustodyEntry[]): CustodyLog {
  const log: CustodyLog = { bags: new Map(), dayClosed: null };
  for (const e of entries) {
    switch (e.type) {
      case 'bags.registered':
        for (const bag of e.payload.bags) {
          const code = normaliseBagCode(bag.code);
          // The first registration of a code stands (two devices may register the same press label).
          if (log.bags.has(code)) continue;
          log.bags.set(code, {
            bag: { ...bag, code, sealNos: [...bag.sealNos] },
            registeredAt: e.at,
            roomNo: bag.roomNo ?? null,
            // A return bag first seen when the proctors seal it is already in its room.
            state: bag.source === 'sealed-in-room' ? 'in-room' : 'received',
            since: e.at,
            holders: [],
            place: bag.source === 'sealed-in-room' ? 'room' : null,
            lastCount: null,
            history: [],
            exceptions: [],
          });
        }
        break;
      case 'custody.recorded': {
        const record = log.bags.get(normaliseBagCode(e.payload.bagCode));
        if (!record) break;
        const underException = e.payload.exceptionEventId !== undefined;
        const fits = stepAllows(e.payload.step, record.bag.kind, record.state);
        const standing = fits ? (underException ? 'under-exception' : 'applied') : underException ? 'under-exception' : 'not-applied';
        record.history.push(historyItem(e, standing));
        if (standing === 'not-applied') break;
        const definition = STEP_DEFINITIONS[e.payload.step];
        record.state = definition.to;
        record.since = e.at;
        record.place = e.payload.place;
        if (record.roomNo === null && e.payload.roomNo) record.roomNo = e.payload.roomNo;
        if (e.payload.count !== undefined && (e.payload.step === 'seal-return' || e.payload.step === 'return')) record.lastCount = e.payload.count;
        const holding = e.payload.parties.filter((p) => p.part !== 'giver');
        record.holders = (holding.length > 0 ? holding : e.payload.parties).map(({ staffId, name, role }) => ({ staffId, name, role }));
        break;
      }
      case 'custody.exception-signed': {
        const record = log.bags.get(normaliseBagCode(e.payload.bagCode));
        if (!record) break;
        record.exceptions.push({ eventId: e.eventId, at: e.at, byName: e.actor.name, byStaffId: e.actor.staffId, reason: e.payload.reason, problems: [...e.payload.problems] });
        break;
      }
      case 'day.closed':
        if (!log.dayClosed) log.dayClosed = { at: e.at, byName: e.actor.name, byStaffId: e.actor.staffId, eventId: e.eventId };
        break;
    }
  }
  return log;
}
