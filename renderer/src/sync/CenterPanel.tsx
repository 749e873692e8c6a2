import { useState } from 'react';
import type { DayView } from '../api/api';
import { useT } from '../i18n/i18n';
import { useCenterLink, useEnrolWithCenter, usePushToCenterNow } from './sync-api';
import { syncTime } from './sync-view';

/**
 * 上报中心 (issue 14): the 主考 enrols the office with the organisation's center (its address and
 * the code the center issued), then the office uploads in the background at every sync round; this
 * panel shows when it last reached the center, or why it did not.
 */
export function CenterPanel({ day, actorStaffId }: { day: DayView; actorStaffId: string }) {
  const t = useT();
  const status = useCenterLink();
  const enrol = useEnrolWithCenter();
  const pushNow = usePushToCenterNow();
  const value = status.value;
  const [changing, setChanging] = useState(false);
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [siteName, setSiteName] = useState(day.plan?.siteAddress ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<{ ok: boolean; error?: { message: string } }>, after?: () => void) => {
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (!result.ok) setError(result.error?.message ?? '');
    else after?.();
    status.refresh();
  };

  const link = value?.link ?? null;
  const enrolling = value?.enrolment.state === 'enrolling';
  const showForm = link === null || changing;
  return (
    <section className="sync-panel" aria-labelledby="center-title" data-testid="center-panel">
      <h2 id="center-title" className="sync-panel-title">
        {t('center.title')}
      </h2>
      {link && (
        <>
          <p className="sync-state sync-state-ok" data-testid="center-linked">
            {t('center.linked', { organisation: link.organisation })}
            <span className="center-url">{link.url}</span>
          </p>
          <p className="sync-state" data-testid="center-last-push">
            {value?.pushing
              ? t('center.pushing')
              : value?.lastPushAt
                ? t('center.lastPush', { time: syncTime(value.lastPushAt) ?? '' }) + (value.lastPushed ? t('center.lastPushCount', { n: value.lastPushed }) : '')
                : t('center.neverPushed')}
          </p>
          {value?.lastError && (
            <p className="sync-error" role="alert" data-testid="center-push-error">
              {t('center.pushError', { time: syncTime(value.lastErrorAt) ?? '', error: value.lastError })}
            </p>
          )}
          {!changing && (
            <div className="sync-row">
              <button type="button" className="sync-button" disabled={busy} data-testid="center-push-now" onClick={() => void run(() => pushNow({ actorStaffId }))}>
                {t('center.pushNow')}
              </button>
              <button type="button" className="sync-button sync-button-quiet" data-testid="center-change" onClick={() => setChanging(true)}>
                {t('center.change')}
              </button>
            </div>
          )}
        </>
      )}
      {showForm && (
        <form
          className="center-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => enrol({ url: url.trim(), code: code.trim(), siteName: siteName.trim(), actorStaffId }),
              () => {
                setChanging(false);
                setCode('');
              },
            );
          }}
        >
          {!link && <p className="muted">{t('center.hint')}</p>}
          <label className="sync-field">
            <span>{t('center.url')}</span>
            <input value={url} placeholder={t('center.urlHint')} inputMode="url" autoComplete="url" maxLength={300} data-testid="center-url" onChange={(e) => setUrl(e.target.value)} />
          </label>
          <div className="sync-row">
            <label className="sync-field sync-field-grow">
              <span>{t('center.code')}</span>
              <input value={code} placeholder={t('center.codeHint')} autoComplete="off" spellCheck={false} maxLength={40} className="center-code" data-testid="center-code" onChange={(e) => setCode(e.target.value)} />
            </label>
            <label className="sync-field sync-field-grow">
              <span>{t('center.siteName')}</span>
              <input value={siteName} maxLength={200} data-testid="center-site-name" onChange={(e) => setSiteName(e.target.value)} />
            </label>
          </div>
          <div className="sync-row">
            <button type="submit" className="sync-button" disabled={busy || enrolling || url.trim() === '' || code.trim() === '' || siteName.trim() === ''} data-testid="center-enrol">
              {t('center.enrol')}
            </button>
            {link && (
              <button type="button" className="sync-button sync-button-quiet" onClick={() => setChanging(false)}>
                {t('center.cancelChange')}
              </button>
            )}
          </div>
        </form>
      )}
      {enrolling && (
        <p className="sync-state" data-testid="center-enrolling">
          {t('center.enrolling')}
        </p>
      )}
      {value?.enrolment.state === 'failed' && value.enrolment.message && (
        <p className="sync-error" role="alert" data-testid="center-enrol-error">
          {value.enrolment.message}
        </p>
      )}
      {error && (
        <p className="sync-error" role="alert" data-testid="center-error">
          {error}
        </p>
      )}
    </section>
  );
}
