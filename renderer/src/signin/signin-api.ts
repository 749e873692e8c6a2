import { useCallback } from 'react';
import type { ApiInput, ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { apiClient, usePolledQuery, type Query } from '../api/api';

export type SignedIn = ApiOutput<'signIn'>;
export type PinStatusList = ApiOutput<'listPinStatus'>;

/** One hook per API method; components never call the client themselves. */
export function useSignIn(): (input: ApiInput<'signIn'>) => Promise<ApiResult<SignedIn>> {
  return useCallback((input) => apiClient().signIn(input), []);
}

export function useSetPin(): (input: ApiInput<'setPin'>) => Promise<ApiResult<ApiOutput<'setPin'>>> {
  return useCallback((input) => apiClient().setPin(input), []);
}

export function useUnlockBadge(): (input: ApiInput<'unlockBadge'>) => Promise<ApiResult<ApiOutput<'unlockBadge'>>> {
  return useCallback((input) => apiClient().unlockBadge(input), []);
}

/** The office's list, refreshed every few seconds (a door's wrong PINs arrive with sync). */
export function usePinStatus(): Query<PinStatusList> {
  return usePolledQuery('pins', () => apiClient().listPinStatus({}), 5000);
}
