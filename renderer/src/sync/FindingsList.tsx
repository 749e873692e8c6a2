import { useState } from 'react';
import { useT } from '../i18n/i18n';
import { ReasonDialog } from './ReasonDialog';
import { useFindings, useResolveFinding, type FindingView } from './sync-api';
import { eventTypeKey, FINDING_KIND_KEYS, syncTime } from './sync-view';

/** 待处理问题: what the merged record disagrees on, with the events behind each; the 主考 answers each with a reason. */
export function FindingsList() {
  const t = useT();
  const findings = useFindings();
  const resolve = useResolveFinding();
  const [resolving, setResolving] = useState<FindingView | null>(null);
  const list = findings.value?.findings ?? [];
  const open = list.filter((f) => !f.resolution);
  const done = list.filter((f) => f.resolution);
  return (
    <section className="sync-panel" aria-labelledby="sync-findings-title" data-testid="sync-findings">
      <h2 id="sync-findings-title" className="sync-panel-title">
        {t('sync.findingsTitle')} <span className={`sync-count${open.length > 0 ? ' sync-count-warn' : ''}`}>{open.length}</span>
      </h2>
      {!findings.value ? (
        <p className="muted">{findings.error ? findings.error.message : t('sync.loading')}</p>
      ) : list.length === 0 ? (
        <p className="muted">{t('sync.noFindings')}</p>
      ) : (
        <ul className="sync-list">
          {[...open, ...done].map((f) => (
            <li key={f.id} className={`finding${f.resolution ? ' finding-resolved' : ''}`} data-testid="finding" data-kind={f.kind} data-resolved={f.resolution !== null}>
              <div className="finding-head">
                <span className="finding-kind">{t(FINDING_KIND_KEYS[f.kind])}</span>
                <span className="finding-summary">{f.summary}</span>
                {!f.resolution && (
                  <button type="button" className="sync-button sync-button-small" data-testid="finding-resolve" onClick={() => setResolving(f)}>
                    {t('sync.resolve')}
                  </button>
                )}
              </div>
              <ul className="finding-events">
                {f.events.map((e) => {
                  const key = eventTypeKey(e.type);
                  return (
                    <li key={`${e.deviceId}/${e.seq}`}>
                      <span className="finding-event-time">{syncTime(e.at) ?? '—'}</span>
                      <span className="finding-event-device">{e.deviceName}</span>
                      <span>{key ? t(key) : e.type}</span>
                    </li>
                  );
                })}
              </ul>
              {f.resolution && (
                <p className="finding-resolution">
                  {t('sync.resolvedBy', { name: f.resolution.byName, time: syncTime(f.resolution.at) ?? '', reason: f.resolution.reason })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {resolving && (
        <ReasonDialog
          title={t('sync.resolveTitle', { kind: t(FINDING_KIND_KEYS[resolving.kind]) })}
          hint={resolving.summary}
          confirmLabel={t('sync.resolveConfirm')}
          testId="resolve-dialog"
          onSubmit={async (reason, examiner) => {
            const result = await resolve({ findingId: resolving.id, reason, examiner });
            findings.refresh();
            return result;
          }}
          onClose={() => setResolving(null)}
        />
      )}
    </section>
  );
}
