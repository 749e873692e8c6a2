import { useCallback } from 'react';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { apiClient, usePolledQuery, type Query } from '../api/api';

export type Custody = ApiOutput<'getCustody'>;
export type { BagView, CustodyHistoryEntry, Overdue } from '../../../shared/custody/custody-api';

/** Bags move by the minute around S−50 and E+5: a few seconds is what the office needs to see. */
export const CUSTODY_POLL_MS = 3_000;

/** Every bag (or one room's, at its door), what is overdue and whether the day reconciles. */
export function useCustody(roomNo?: string, pollMs = CUSTODY_POLL_MS): Query<Custody> {
  return usePolledQuery(`custody:${roomNo ?? '*'}`, () => apiClient().getCustody(roomNo ? { roomNo } : {}), pollMs);
}

/** One hook per custody call (components never call the client themselves). */
function useCall<M extends ApiMethod>(method: M): (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>> {
  return useCallback((input: ApiInput<M>) => (apiClient()[method] as (i: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>)(input), [method]);
}

export const useRegisterBags = () => useCall('registerBags');
export const useRecordCustodyStep = () => useCall('recordCustodyStep');
export const useSealReturnBag = () => useCall('sealReturnBag');
export const useSignCustodyException = () => useCall('signCustodyException');
export const useCloseDay = () => useCall('closeDay');
