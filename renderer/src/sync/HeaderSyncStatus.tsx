import { useT } from '../i18n/i18n';
import { useSyncStatusQuery } from './sync-status-context';
import { lastSyncLine } from './sync-view';

/** 上次同步 08:12:05 · 考务办 in the header; a quiet amber line when a door has been out of touch; nothing when unpaired. */
export function HeaderSyncStatus() {
  const t = useT();
  const line = lastSyncLine(useSyncStatusQuery().value);
  if (!line) return null;
  return (
    <div className={`header-sync${line.outOfTouch ? ' header-sync-out' : ''}`} data-testid="header-sync" data-out-of-touch={line.outOfTouch}>
      <div className="header-sync-time">{line.time ? t('sync.header', { time: line.time }) : t('sync.headerNever')}</div>
      <div className="header-sync-peer">{line.outOfTouch ? t('sync.outOfTouch') : line.peer ?? ''}</div>
    </div>
  );
}
