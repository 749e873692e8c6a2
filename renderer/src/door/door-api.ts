import { useCallback, useEffect, useState } from 'react';
import type { ApiInput, ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { apiClient } from '../api/api';

export type AdmitAnswer = ApiOutput<'admitWithReason'>;
export type CandidateMatches = ApiOutput<'searchCandidates'>['matches'];

/** Admission with a reason (the core records a 'checkin.overridden' event before it answers). */
export function useAdmitWithReason(): (input: ApiInput<'admitWithReason'>) => Promise<ApiResult<AdmitAnswer>> {
  return useCallback((input) => apiClient().admitWithReason(input), []);
}

/** 存疑入场 (the core records a 'candidate.doubt-raised' event, admitting the candidate if not yet in). */
export function useAdmitInDoubt(): (input: ApiInput<'admitInDoubt'>) => Promise<ApiResult<AdmitAnswer>> {
  return useCallback((input) => apiClient().admitInDoubt(input), []);
}

/** Clears or confirms a doubt: the 主考 alone, or both proctors of the room. */
export function useResolveDoubt(): (input: ApiInput<'resolveDoubt'>) => Promise<ApiResult<ApiOutput<'resolveDoubt'>>> {
  return useCallback((input) => apiClient().resolveDoubt(input), []);
}

/** The door's search, asked again as the query changes; only the newest answer counts. */
export function useCandidateSearch(roomNo: string, query: string): { matches: CandidateMatches; error: string | null } {
  const [state, setState] = useState<{ query: string; matches: CandidateMatches; error: string | null }>({ query: '', matches: [], error: null });
  useEffect(() => {
    const q = query.trim();
    if (q === '') return undefined;
    let live = true;
    const timer = window.setTimeout(() => {
      void apiClient()
        .searchCandidates({ roomNo, query: q })
        .then((result) => {
          if (!live) return;
          setState(result.ok ? { query: q, matches: result.value.matches, error: null } : { query: q, matches: [], error: result.error.message });
        });
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [roomNo, query]);
  return query.trim() === '' || state.query !== query.trim() ? { matches: [], error: null } : state;
}

/** The half pair this door holds in the core, asked once when the door screen opens. */
export function useDoorState(roomNo: string, onPending: (answer: ApiOutput<'getDoorState'>) => void): void {
  useEffect(() => {
    let live = true;
    void apiClient()
      .getDoorState({ roomNo })
      .then((result) => {
        if (live && result.ok) onPending(result.value);
      });
    return () => {
      live = false;
    };
    // Once per room: the callback changes with every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [roomNo]);
}

const photoCache = new Map<string, string | null>();

/**
 * A candidate's photo as a data: URL, or null when there is none (asked once per candidate; the
 * photo never changes during the day). Personal data: kept in memory only.
 */
export function useCandidatePhoto(ticketNo: string | null): string | null {
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (ticketNo === null || photoCache.has(ticketNo)) return undefined;
    let live = true;
    void apiClient()
      .getCandidatePhoto({ ticketNo })
      .then((result) => {
        if (result.ok) photoCache.set(ticketNo, `data:${result.value.mime};base64,${result.value.dataBase64}`);
        else if (result.error.code === 'not-found') photoCache.set(ticketNo, null);
        if (live) setVersion((v) => v + 1);
      });
    return () => {
      live = false;
    };
  }, [ticketNo]);
  return ticketNo === null ? null : (photoCache.get(ticketNo) ?? null);
}
