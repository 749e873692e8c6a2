import { useCallback } from 'react';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { apiClient, usePolledQuery, type Query } from '../api/api';

/** One hook per setup call (components never call the client themselves). */
function useCall<M extends ApiMethod>(method: M): (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>> {
  return useCallback((input: ApiInput<M>) => (apiClient()[method] as (i: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>)(input), [method]);
}

export const useSavePlan = () => useCall('savePlan');
export const useDefineRooms = () => useCall('defineRooms');
export const useImportRoster = () => useCall('importRoster');
export const useRegisterStaff = () => useCall('registerStaff');
export const useAttachPhotos = () => useCall('attachCandidatePhotos');
export const usePhotoCoverageCall = () => useCall('getPhotoCoverage');
export const useExportDayPackage = () => useCall('exportDayPackage');
export const useImportDayPackage = () => useCall('importDayPackage');
export const useInspectDayPackage = () => useCall('inspectDayPackage');
export const useStartNewDay = () => useCall('startNewDay');
export const useRoomRosterCall = () => useCall('getRoomRoster');
export const useAddCandidate = () => useCall('addCandidate');
export const useCorrectCandidate = () => useCall('correctCandidate');
export const useWithdrawCandidate = () => useCall('withdrawCandidate');
export const usePreviewRosterReimport = () => useCall('previewRosterReimport');
export const useApplyRosterReimport = () => useCall('applyRosterReimport');

/** How many candidates have a photo, for the setup steps' marks. */
export function usePhotoCoverage(pollMs = 10_000): Query<ApiOutput<'getPhotoCoverage'>> {
  return usePolledQuery('photo-coverage', () => apiClient().getPhotoCoverage({}), pollMs);
}

/** The roster as it stands, refreshed while shown: doors admit candidates meanwhile. */
export function useRosterList(pollMs = 10_000): Query<ApiOutput<'listRoster'>> {
  return usePolledQuery('roster-list', () => apiClient().listRoster({}), pollMs);
}
