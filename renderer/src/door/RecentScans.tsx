import { memo } from 'react';
import { useDeviceClock, useNow } from '../clock/device-clock';
import { formatEventTime } from '../format';
import { useT } from '../i18n/i18n';
import { throughput, useRecentScans, type RecentScan } from './recent-scans';

const SHOWN = 8;

/**
 * The last answers under the verdict panel (time, name, the verdict's colour) and the door's pace.
 * An admission in the strip can be revoked from here (`onRevoke`), until 开考.
 */
export const RecentScans = memo(function RecentScans({ roomNo, onRevoke }: { roomNo: string; onRevoke?: (scan: RecentScan) => void }) {
  const t = useT();
  const all = useRecentScans((s) => (s.roomNo === roomNo ? s.scans : EMPTY));
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  const { deviceMs } = useNow(5_000);
  const pace = throughput(all, deviceMs);
  const shown = all.slice(0, SHOWN);
  return (
    <section className="recent-scans" aria-label={t('recent.title')} data-testid="recent-scans">
      <span className="recent-title">{t('recent.title')}</span>
      <ol className="recent-list">
        {shown.length === 0 && <li className="recent-empty">{t('recent.empty')}</li>}
        {shown.map((scan) => {
          const revocable = onRevoke !== undefined && scan.kind === 'admitted' && !scan.revoked && scan.ticketNo !== null;
          const label = (
            <>
              <span className="recent-time">{scan.committedAt ? formatEventTime(scan.committedAt, offsetMs).slice(0, 5) : '--:--'}</span>
              <span className="recent-name">{scan.name ?? t(`recent.kind.${scan.kind}`)}</span>
              <span className="recent-kind">{scan.revoked ? t('recent.revoked') : t(`recent.kind.${scan.kind}`)}</span>
            </>
          );
          return (
            <li key={scan.serial} className={`recent-scan verdict-chip-${scan.kind}${scan.revoked ? ' recent-revoked' : ''}`} data-testid="recent-scan" data-kind={scan.kind} data-ticket={scan.ticketNo ?? undefined}>
              {revocable ? (
                <button type="button" className="recent-button" title={t('revoke.action')} data-testid="recent-revoke" onClick={() => onRevoke(scan)}>
                  {label}
                </button>
              ) : (
                label
              )}
            </li>
          );
        })}
      </ol>
      <span className="recent-throughput" data-testid="throughput" title={t('recent.throughputTitle')}>
        {t('recent.throughput', { n: pace.checked, m: pace.perMinute })}
      </span>
    </section>
  );
});

const EMPTY: RecentScan[] = [];
