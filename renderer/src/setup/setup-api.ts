import { useCallback } from 'react';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { apiClient } from '../api/api';

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
