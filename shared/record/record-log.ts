import type { Actor } from '../domain/types';
import type { EventPayload } from '../events/event-types';
import type { IncidentAction } from './incidents';
import type { LeaveReason } from './hand-ins';
import type { PaperCount, PaperKind } from './paper-counts';
import { isFrozen, type SignatureState } from './signatures';

/** The event types that make up a room's record beyond check-in (issue 12). */
export const RECORD_EVENT_TYPES = [
  'incident.recorded',
  'incident.corrected',
  'candidate.handed-in',
  'candidate.left',
  'candidate.returned',
  'papers.collected',
  'papers.counted',
  'record.signed',
  'record.exception-signed',
] as const;
export type RecordEventType = (typeof RECORD_EVENT_TYPES)[number];

export const isRecordEventType = (type: string): type is RecordEventType => (RECORD_EVENT_TYPES as readonly string[]).includes(type);

/** One record event of a room as the projection keeps it (proj_record_entries), in log order. */
export type RecordEntry = {
  [T in RecordEventType]: { type: T; payload: EventPayload<T>; roomNo: string; eventId: string; deviceId: string; seq: number; at: string; actor: Actor };
}[RecordEventType];

interface Stamp {
  at: string;
  by: Actor;
}

export interface IncidentState {
  eventId: string;
  subject: EventPayload<'incident.recorded'>['subject'];
  kindId: string;
  kindLabel: string;
  cheating: boolean;
  actions: IncidentAction[];
  description: string;
  witnessStaffId: string | undefined;
  occurredAt: string;
  recorded: Stamp;
  withdrawn: boolean;
  /** Every correction, oldest first. */
  corrections: (Stamp & { correction: 'withdrawn' | 'amended'; reason: string })[];
}

export interface LeaveState {
  ticketNo: string;
  reason: LeaveReason;
  note: string | undefined;
  accompaniedByStaffId: string;
  left: Stamp;
  returned: Stamp | null;
}

export interface RecordLog {
  incidents: IncidentState[];
  handIns: Map<string, Stamp>;
  leaves: LeaveState[];
  collected: (Stamp & { ticketNos: string[] }) | null;
  counts: Map<PaperKind, PaperCount & Stamp>;
  signatures: SignatureState;
  frozenAt: string | null;
  /** Changes made after both signatures, with the reason given and who made them. */
  amendments: (Stamp & { what: string; reason: string })[];
}

const stamp = (e: RecordEntry): Stamp => ({ at: e.at, by: e.actor });

/** What an amendment changed, in Chinese, for the record's list of amendments. */
function describe(e: RecordEntry, log: RecordLog): string {
  switch (e.type) {
    case 'incident.recorded':
      return `补记${e.payload.subject.kind === 'papers' ? '试卷问题' : '违纪/舞弊'}：${e.payload.kindLabel}`;
    case 'incident.corrected': {
      const target = log.incidents.find((i) => i.eventId === e.payload.incidentEventId);
      return `${e.payload.correction === 'withdrawn' ? '撤销' : '更正'}违纪/舞弊记录：${target?.kindLabel ?? ''}`;
    }
    case 'candidate.handed-in':
      return '补记交卷';
    case 'candidate.left':
      return '补记暂离';
    case 'candidate.returned':
      return '补记返回考场';
    case 'papers.collected':
      return '补记收卷';
    case 'papers.counted':
      return `更正${e.payload.count.kind === 'paper' ? '试卷' : '答题卡'}份数`;
    case 'record.signed':
    case 'record.exception-signed':
      return '';
  }
}

/**
 * Folds a room's record events, in log order, into its current state: incidents with their
 * corrections, hand-ins, leaves, 收卷, counts (the latest per kind), signatures and the amendments
 * made after both signatures. Pure and deterministic, so the live record and one rebuilt from the
 * log are the same.
 */
export function foldRecordLog(entries: readonly RecordEntry[]): RecordLog {
  const log: RecordLog = {
    incidents: [],
    handIns: new Map(),
    leaves: [],
    collected: null,
    counts: new Map(),
    signatures: { chief: null, second: null, exception: null },
    frozenAt: null,
    amendments: [],
  };
  for (const e of entries) {
    if (log.frozenAt !== null && 'amendmentReason' in e.payload && e.payload.amendmentReason) {
      log.amendments.push({ ...stamp(e), what: describe(e, log), reason: e.payload.amendmentReason });
    }
    switch (e.type) {
      case 'incident.recorded': {
        const p = e.payload;
        log.incidents.push({
          eventId: e.eventId,
          subject: p.subject,
          kindId: p.kindId,
          kindLabel: p.kindLabel,
          cheating: p.cheating,
          actions: [...p.actions],
          description: p.description,
          witnessStaffId: p.witnessStaffId,
          occurredAt: p.occurredAt,
          recorded: stamp(e),
          withdrawn: false,
          corrections: [],
        });
        break;
      }
      case 'incident.corrected': {
        const target = log.incidents.find((i) => i.eventId === e.payload.incidentEventId);
        // A correction of an incident this device has not seen yet changes nothing here.
        if (!target) break;
        if (log.frozenAt !== null) log.amendments.push({ ...stamp(e), what: describe(e, log), reason: e.payload.reason });
        target.corrections.push({ ...stamp(e), correction: e.payload.correction, reason: e.payload.reason });
        if (e.payload.correction === 'withdrawn') target.withdrawn = true;
        else if (e.payload.amended) Object.assign(target, { ...e.payload.amended, actions: [...e.payload.amended.actions] });
        break;
      }
      case 'candidate.handed-in':
        // The first hand-in stands (another device may have recorded it too).
        if (!log.handIns.has(e.payload.ticketNo)) log.handIns.set(e.payload.ticketNo, stamp(e));
        break;
      case 'candidate.left': {
        const p = e.payload;
        log.leaves.push({ ticketNo: p.ticketNo, reason: p.reason, note: p.note, accompaniedByStaffId: p.accompaniedByStaffId, left: stamp(e), returned: null });
        break;
      }
      case 'candidate.returned': {
        const open = log.leaves.find((l) => l.ticketNo === e.payload.ticketNo && l.returned === null);
        if (open) open.returned = stamp(e);
        break;
      }
      case 'papers.collected':
        if (!log.collected) log.collected = { ...stamp(e), ticketNos: [...e.payload.ticketNos] };
        break;
      case 'papers.counted':
        log.counts.set(e.payload.count.kind, { ...e.payload.count, ...stamp(e) });
        break;
      case 'record.signed': {
        const signature = { staffId: e.actor.staffId, name: e.actor.name, at: e.at };
        const slot = e.payload.slot === 'chief-proctor' ? 'chief' : 'second';
        // The first signature on a line stands; the same person cannot fill both lines.
        const other = slot === 'chief' ? log.signatures.second : log.signatures.chief;
        if (log.signatures[slot] === null && other?.staffId !== signature.staffId) log.signatures[slot] = signature;
        if (log.frozenAt === null && isFrozen(log.signatures)) log.frozenAt = e.at;
        break;
      }
      case 'record.exception-signed':
        if (!log.signatures.exception) log.signatures.exception = { staffId: e.actor.staffId, name: e.actor.name, at: e.at, reason: e.payload.reason };
        break;
    }
  }
  return log;
}

/** Incidents that stand (not withdrawn) and are 舞弊, by candidate: the results preview's 舞弊. */
export function standingCheating(log: RecordLog): Map<string, IncidentState> {
  const byTicket = new Map<string, IncidentState>();
  for (const i of log.incidents) {
    if (i.withdrawn || !i.cheating || i.subject.kind !== 'candidate') continue;
    if (!byTicket.has(i.subject.ticketNo)) byTicket.set(i.subject.ticketNo, i);
  }
  return byTicket;
}
