import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { createApiClient } from '../../../shared/api/client';
import type { ApiInput, ApiOutput, ExamDayApi } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import { apiQueryKey } from './query-client';
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

/** An answer the core refused, carried through the query cache as an error. */
class ApiFailure extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
  }
}

/**
 * Calls `load` now, whenever `key` changes, on `refresh()`, and every `pollMs`: one TanStack query
 * per key, so screens asking for the same key share it and only the newest answer counts.
 */
export function usePolledQuery<T>(key: string | null, load: () => Promise<ApiResult<T>>, pollMs: number): Query<T> {
  const query = useQuery({
    queryKey: apiQueryKey(key),
    queryFn: async () => {
      const result = await load();
      if (!result.ok) throw new ApiFailure(result.error);
      return result.value;
    },
    enabled: key !== null,
    refetchInterval: pollMs > 0 ? pollMs : false,
  });
  const { data, error, isPending, refetch } = query;
  // One object per answer, with a stable refresh: memoised views taking the query (the door's roster
  // list) then skip re-rendering when something else on the screen changes, such as a verdict.
  const refresh = useCallback(() => void refetch(), [refetch]);
  return useMemo(() => {
    const apiError: ApiError | undefined =
      error instanceof ApiFailure ? error.apiError : error ? { code: 'internal', message: `读取失败：${error.message}` } : undefined;
    return { value: data, error: apiError, loading: key !== null && isPending, refresh };
  }, [data, error, isPending, key, refresh]);
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
