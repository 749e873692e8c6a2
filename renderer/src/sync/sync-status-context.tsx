import { createContext, useContext, type ReactNode } from 'react';
import type { Query } from '../api/api';
import { useSyncStatus, type SyncStatus } from './sync-api';
import './sync.css';

/** One poll of the sync status for the whole screen: the header, the office's sync view and the room cards share it. */
const SyncStatusContext = createContext<Query<SyncStatus> | null>(null);

export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const status = useSyncStatus();
  return <SyncStatusContext.Provider value={status}>{children}</SyncStatusContext.Provider>;
}

export function useSyncStatusQuery(): Query<SyncStatus> {
  const value = useContext(SyncStatusContext);
  if (!value) throw new Error('useSyncStatusQuery outside SyncStatusProvider');
  return value;
}
