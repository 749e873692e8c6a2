import { useCallback } from 'react';
import type { ApiInput, ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { apiClient } from '../api/api';

/** The 主考's purge of this door laptop (the core writes 'privacy.purged' before it answers). */
export function usePurgePersonalData(): (input: ApiInput<'purgePersonalData'>) => Promise<ApiResult<ApiOutput<'purgePersonalData'>>> {
  return useCallback((input) => apiClient().purgePersonalData(input), []);
}

/** One full ID number for the 主考 (the core writes 'id-number.revealed' before it answers). */
export function useRevealIdNumber(): (input: ApiInput<'revealIdNumber'>) => Promise<ApiResult<ApiOutput<'revealIdNumber'>>> {
  return useCallback((input) => apiClient().revealIdNumber(input), []);
}
