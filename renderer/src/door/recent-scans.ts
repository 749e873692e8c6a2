import { create } from 'zustand';
import type { CheckinVerdictKind } from '../../../shared/checkin/verdict';
import type { VerdictState } from './verdict-state';

/** What a strip entry can be: a verdict, or a call the core refused. */
export type RecentKind = CheckinVerdictKind | 'error';

/** One answer the door showed, for the strip under the panel (UI state only: the log has the events). */
export interface RecentScan {
  serial: number;
  /** The event's time, as the core committed it (empty for a refused call). */
  committedAt: string;
  kind: RecentKind;
  name: string | null;
  ticketNo: string | null;
  seatNo: number | null;
  revoked: boolean;
}

const KEEP = 200;
/** A half pair is not a check yet: the throughput counts answers on a person. */
const isFinal = (kind: RecentKind): boolean => kind !== 'awaiting-id' && kind !== 'awaiting-ticket';

interface RecentScansState {
  roomNo: string | null;
  scans: RecentScan[];
  record: (roomNo: string, serial: number, state: VerdictState) => void;
  markRevoked: (ticketNo: string) => void;
}

/** The answers this door showed since its screen opened, newest first; another room starts afresh. */
export const useRecentScans = create<RecentScansState>()((set) => ({
  roomNo: null,
  scans: [],
  record: (roomNo, serial, state) =>
    set((s) => {
      if (state.kind !== 'verdict' && state.kind !== 'error') return s;
      const previous = s.roomNo === roomNo ? s.scans : [];
      if (previous.some((p) => p.serial === serial)) return s;
      const v = state.kind === 'verdict' ? state.verdict : null;
      const candidate = v === null ? null : 'candidate' in v && v.candidate ? v.candidate : v.kind === 'mismatch' ? v.ticketCandidate : null;
      const scan: RecentScan = {
        serial,
        committedAt: state.kind === 'verdict' ? state.committedAt : '',
        kind: v === null ? 'error' : v.kind,
        name: candidate?.name ?? null,
        ticketNo: candidate?.ticketNo ?? null,
        seatNo: candidate?.seatNo ?? null,
        revoked: false,
      };
      // 存疑入场 right after 准予入场 answers again on the same person: one entry, the newer answer.
      const [newest, ...older] = previous;
      const sameAgain = newest !== undefined && newest.ticketNo !== null && newest.ticketNo === scan.ticketNo && newest.kind === scan.kind;
      return { roomNo, scans: [scan, ...(sameAgain ? older : previous)].slice(0, KEEP) };
    }),
  markRevoked: (ticketNo) => set((s) => ({ scans: s.scans.map((x) => (x.ticketNo === ticketNo && x.kind === 'admitted' ? { ...x, revoked: true } : x)) })),
}));

export interface Throughput {
  /** People checked: distinct candidates (and unnamed scans) with an answer on them. */
  checked: number;
  /** People answered per minute over the last five minutes (or since the first answer, when sooner). */
  perMinute: number;
}

const WINDOW_MS = 5 * 60_000;

/**
 * 已查验 n 人 · 每分钟 m 人, from the door's answers. Times are the events' (the core's clock), so
 * `nowMs` is the core's clock too; a refused call has none and counts only as a person.
 */
export function throughput(scans: readonly RecentScan[], nowMs: number): Throughput {
  const final = scans.filter((s) => isFinal(s.kind));
  const people = new Set(final.map((s) => s.ticketNo ?? `#${s.serial}`));
  const times = final.map((s) => Date.parse(s.committedAt)).filter((ms) => !Number.isNaN(ms));
  const recent = new Set(final.filter((s) => nowMs - Date.parse(s.committedAt) <= WINDOW_MS).map((s) => s.ticketNo ?? `#${s.serial}`));
  const oldest = times.length === 0 ? nowMs : Math.min(...times);
  const minutes = Math.min(5, Math.max(1, (nowMs - oldest) / 60_000));
  return { checked: people.size, perMinute: Math.round((recent.size / minutes) * 10) / 10 };
}
