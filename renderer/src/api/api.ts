import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient } from '../../../shared/api/client';
import type { ApiInput, ApiOutput, ExamDayApi } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import { chooseTransport } from './transport';

/**
 * The renderer's only way to the core: one client, built from the shared contract, and one hook
 * per use below. Components never call fetch or the bridge themselves (vxsuite `api.ts` habit).
 */
let client: ExamDayApi | undefined;
/** For the hooks in other folders (setup/setup-api.ts); components still call hooks, never this. */
export function apiClient(): ExamDayApi {
  client ??= createApiClient(chooseTransport());
  return client;
}

export type DayView = ApiOutput<'getDay'>;
export type RoomRoster = ApiOutput<'getRoomRoster'>;
export type RoomRecord = ApiOutput<'getRoomRecord'>;
export type CheckInAnswer = ApiOutput<'checkIn'>;
export type CheckInMethod = ApiInput<'checkIn'>['method'];

export interface Query<T> {
  /** The last good answer; kept while a later refresh fails, so the screen does not go blank. */
  value: T | undefined;
  /** The last refresh's failure, cleared by the next success. */
  error: ApiError | undefined;
  loading: boolean;
  refresh: () => void;
}

/** Calls `load` now, whenever `key` changes, on `refresh()`, and every `pollMs`; only the newest answer counts. */
export function usePolledQuery<T>(key: string | null, load: () => Promise<ApiResult<T>>, pollMs: number): Query<T> {
  const [state, setState] = useState<{ key: string | null; value: T | undefined; error: ApiError | undefined; loading: boolean }>({
    key,
    value: undefined,
    error: undefined,
    loading: key !== null,
  });
  const loadRef = useRef(load);
  const seqRef = useRef(0);
  useEffect(() => {
    loadRef.current = load;
  });

  const run = useCallback(async () => {
    if (key === null) return;
    const seq = ++seqRef.current;
    const result = await loadRef.current();
    if (seq !== seqRef.current) return;
    setState((prev) =>
      result.ok
        ? { key, value: result.value, error: undefined, loading: false }
        : { key, value: prev.key === key ? prev.value : undefined, error: result.error, loading: false },
    );
  }, [key]);

  useEffect(() => {
    void run();
    if (key === null || pollMs <= 0) return undefined;
    const timer = window.setInterval(() => void run(), pollMs);
    // A number, not a DOM node: bumping it on cleanup is what makes late answers stale.
    const seq = seqRef;
    return () => {
      window.clearInterval(timer);
      seq.current++;
    };
  }, [key, pollMs, run]);

  // One object per answer, with a stable refresh: memoised views taking the query (the door's roster
  // list) then skip re-rendering when something else on the screen changes, such as a verdict.
  const refresh = useCallback(() => void run(), [run]);
  const sameKey = state.key === key;
  return useMemo(
    () => ({
      value: sameKey ? state.value : undefined,
      error: sameKey ? state.error : undefined,
      loading: !sameKey || state.loading,
      refresh,
    }),
    [sameKey, state, refresh],
  );
}

/** Plan, rooms with counts, staff, device id. */
export function useDay(pollMs = 15_000): Query<DayView> {
  return usePolledQuery('day', () => apiClient().getDay({}), pollMs);
}

/** One room's roster, ordered by seat, refreshed every `pollMs` (other doors admit too). */
export function useRoomRoster(roomNo: string, pollMs = 4_000): Query<RoomRoster> {
  return usePolledQuery(`roster:${roomNo}`, () => apiClient().getRoomRoster({ roomNo }), pollMs);
}

/** One room's 考场情况记录单, refreshed while it is on screen. */
export function useRoomRecord(roomNo: string, pollMs = 5_000): Query<RoomRecord> {
  return usePolledQuery(`record:${roomNo}`, () => apiClient().getRoomRecord({ roomNo }), pollMs);
}

/**
 * Records one door check and returns the verdict. The core answers only after the attempt's event
 * is committed, so whatever this resolves to may be shown at once.
 */
export function useCheckIn(): (input: ApiInput<'checkIn'>) => Promise<ApiResult<CheckInAnswer>> {
  return useCallback((input) => apiClient().checkIn(input), []);
}

export type ClockState = ApiOutput<'getClock'>;
export type Schedule = ApiOutput<'getSchedule'>;
export type Dashboard = ApiOutput<'getDashboard'>;
export type Announcements = ApiOutput<'getAnnouncements'>;

/** The core's clock, offset and rehearsal state; the device clock (clock/device-clock.ts) runs on between answers. */
export function useClockState(pollMs = 5_000): Query<ClockState> {
  return usePolledQuery('clock', () => apiClient().getClock({}), pollMs);
}

/** The day's steps, gates and recorded confirmations. */
export function useSchedule(pollMs = 5_000): Query<Schedule> {
  return usePolledQuery('schedule', () => apiClient().getSchedule({}), pollMs);
}

/** Every room as this device knows it (its own events and those synced to it). */
export function useDashboard(pollMs = 5_000): Query<Dashboard> {
  return usePolledQuery('dashboard', () => apiClient().getDashboard({}), pollMs);
}

/** Texts that do not change during the day: read once. */
export function useAnnouncements(): Query<Announcements> {
  return usePolledQuery('announcements', () => apiClient().getAnnouncements({}), 0);
}

export function useConfirmStep(): (input: ApiInput<'confirmStep'>) => Promise<ApiResult<ApiOutput<'confirmStep'>>> {
  return useCallback((input) => apiClient().confirmStep(input), []);
}

export function useRecordClockCheck(): (input: ApiInput<'recordClockCheck'>) => Promise<ApiResult<ApiOutput<'recordClockCheck'>>> {
  return useCallback((input) => apiClient().recordClockCheck(input), []);
}

export function useStartRehearsal(): (input: ApiInput<'startRehearsal'>) => Promise<ApiResult<ApiOutput<'startRehearsal'>>> {
  return useCallback((input) => apiClient().startRehearsal(input), []);
}

export function useStopRehearsal(): () => Promise<ApiResult<ApiOutput<'stopRehearsal'>>> {
  return useCallback(() => apiClient().stopRehearsal({}), []);
}
