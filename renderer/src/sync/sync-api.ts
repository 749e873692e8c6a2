import { useCallback } from 'react';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { apiClient, usePolledQuery, type Query } from '../api/api';

export type SyncStatus = ApiOutput<'getSyncStatus'>;
export type SyncDevice = SyncStatus['devices'][number];
export type FindingView = ApiOutput<'listFindings'>['findings'][number];
export type PairingOffer = ApiOutput<'createPairingOffer'>;

/** A door syncs every 3 s: polling at that pace shows each round without a second poll loop. */
export const SYNC_POLL_MS = 3_000;

/** This device's sync state (role, listener, pairing, devices, last sync). */
export function useSyncStatus(pollMs = SYNC_POLL_MS): Query<SyncStatus> {
  return usePolledQuery('sync-status', () => apiClient().getSyncStatus({}), pollMs);
}

/** The office's 待处理问题, with the events behind each. */
export function useFindings(pollMs = 5_000): Query<ApiOutput<'listFindings'>> {
  return usePolledQuery('sync-findings', () => apiClient().listFindings({}), pollMs);
}

/** One hook per sync call (components never call the client themselves). */
function useCall<M extends ApiMethod>(method: M): (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>> {
  return useCallback((input: ApiInput<M>) => (apiClient()[method] as (i: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>)(input), [method]);
}

export const useStartSyncListener = () => useCall('startSyncListener');
export const useStopSyncListener = () => useCall('stopSyncListener');
export const useCreatePairingOffer = () => useCall('createPairingOffer');
export const usePairWithOffice = () => useCall('pairWithOffice');
export const useRevokeDevice = () => useCall('revokeDevice');
export const useResolveFinding = () => useCall('resolveFinding');
export const useSyncNow = () => useCall('syncNow');

export type CenterLinkStatus = ApiOutput<'getCenterLink'>;
/** The office's link to its center and its last upload; polled at the site sync's rhythm. */
export function useCenterLink(pollMs = SYNC_POLL_MS): Query<CenterLinkStatus> {
  return usePolledQuery('center-link', () => apiClient().getCenterLink({}), pollMs);
}
export const useEnrolWithCenter = () => useCall('enrolWithCenter');
export const usePushToCenterNow = () => useCall('pushToCenterNow');
