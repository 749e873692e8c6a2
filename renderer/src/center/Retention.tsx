import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MIN_ELECTRONIC_YEARS, RETENTION_ARTICLE } from '../../../shared/center/retention';
import { useT } from '../i18n/i18n';
import { centerApi, valueOf, type DayRetention as DayRetentionView } from './center-api';
import { useWhen } from './center-i18n';

/**
 * 保存期限 (issue 14 item 6) on the day page: the date until which the day's 电子材料 and photos are
 * kept, the photos held and purged, and — for the 中心管理员, once the setting allows — the purge.
 */
export function DayRetention({ dayKey }: { dayKey: string }) {
  const t = useT();
  const view = useQuery({ queryKey: ['retention', 'day', dayKey], queryFn: () => valueOf(centerApi.dayRetention(dayKey)) });
  if (view.isPending) return null;
  if (view.isError) return <p className="center-error">{view.error.message}</p>;
  return (
    <section data-testid="day-retention">
      <h3>{t('centerPage.retention.title')}</h3>
      <RetentionFacts view={view.data} />
      {view.data.canPurge && view.data.purgeRefusal === null && <PurgeButton dayKey={dayKey} held={view.data.photos.held} />}
    </section>
  );
}

function RetentionFacts({ view }: { view: DayRetentionView }) {
  const t = useT();
  const when = useWhen();
  return (
    <>
      <p>
        {t('centerPage.retention.electronicBefore')}
        <strong>{view.electronicUntil}</strong>
        {t('centerPage.retention.photosBefore')}
        <strong>{view.photosUntil}</strong>
        <span className="center-muted">
          {t('centerPage.retention.photos', { named: view.photos.named, held: view.photos.held, purged: view.photos.purged })}
        </span>
      </p>
      {view.purges.map((p) => (
        <p key={p.eventId} className="center-muted">
          {t('centerPage.retention.purged', { at: when(p.at), by: p.byName, count: p.count })}
        </p>
      ))}
    </>
  );
}

function PurgeButton({ dayKey, held }: { dayKey: string; held: number }) {
  const queryClient = useQueryClient();
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const purge = useMutation({
    mutationFn: () => valueOf(centerApi.purgePhotos(dayKey)),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ['retention'] });
    },
  });
  return (
    <div className="center-actions">
      {confirming ? (
        <>
          <span className="center-warn">{t('centerPage.retention.confirmWarning')}</span>
          <button type="button" disabled={purge.isPending} onClick={() => purge.mutate()} data-testid="confirm-purge-photos">
            {t('centerPage.retention.confirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('centerPage.cancel')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} data-testid="purge-photos">
          {t('centerPage.retention.purge', { held })}
        </button>
      )}
      {purge.isError && <span className="center-error">{purge.error.message}</span>}
      {purge.isSuccess && <span className="center-ok">{t('centerPage.retention.purgedNow', { count: purge.data.purged })}</span>}
    </div>
  );
}

/** 保存期限设置 on the admin page: the settings in force, who signed them, and every day's dates and photos. */
export function RetentionSettings() {
  const t = useT();
  const when = useWhen();
  const overview = useQuery({ queryKey: ['retention', 'overview'], queryFn: () => valueOf(centerApi.retention()) });
  const queryClient = useQueryClient();
  const [electronicYears, setElectronicYears] = useState('');
  const [photoDays, setPhotoDays] = useState('');
  const save = useMutation({
    mutationFn: () =>
      valueOf(
        centerApi.setRetention({
          electronicYears: Number(electronicYears || overview.data?.settings.electronicYears),
          photoDays: Number(photoDays || overview.data?.settings.photoDays),
        }),
      ),
    onSuccess: () => {
      setElectronicYears('');
      setPhotoDays('');
      void queryClient.invalidateQueries({ queryKey: ['retention'] });
    },
  });
  if (overview.isError) return <p className="center-error">{overview.error.message}</p>;
  const data = overview.data;
  return (
    <section data-testid="retention-settings">
      <h3>{t('centerPage.retention.title')}</h3>
      <p className="center-muted">
        {t('centerPage.retention.article', { article: RETENTION_ARTICLE, years: MIN_ELECTRONIC_YEARS })}
        {t('centerPage.retention.explain')}
      </p>
      {data && (
        <p>
          {t('centerPage.retention.current', { years: data.settings.electronicYears, days: data.settings.photoDays })}
          {data.setBy ? t('centerPage.retention.setBy', { by: data.setBy.name, at: when(data.setBy.at) }) : t('centerPage.retention.default')}
        </p>
      )}
      <form
        className="center-admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          {t('centerPage.retention.years', { min: MIN_ELECTRONIC_YEARS })}
          <input type="number" step={1} value={electronicYears} placeholder={String(data?.settings.electronicYears ?? '')} onChange={(e) => setElectronicYears(e.target.value)} aria-label={t('centerPage.retention.yearsLabel')} />
        </label>
        <label>
          {t('centerPage.retention.days')}
          <input type="number" step={1} value={photoDays} placeholder={String(data?.settings.photoDays ?? '')} onChange={(e) => setPhotoDays(e.target.value)} aria-label={t('centerPage.retention.daysLabel')} />
        </label>
        <button type="submit" disabled={save.isPending || !data}>
          {t('centerPage.retention.save')}
        </button>
        {save.isError && (
          <span className="center-error" data-testid="retention-error">
            {save.error.message}
          </span>
        )}
        {save.isSuccess && <span className="center-ok">{t('centerPage.retention.saved')}</span>}
      </form>
      <table className="center-table" data-testid="retention-days">
        <thead>
          <tr>
            <th>{t('centerPage.retention.day')}</th>
            <th>{t('centerPage.retention.electronicUntil')}</th>
            <th>{t('centerPage.retention.photosUntil')}</th>
            <th>{t('centerPage.retention.photoCounts')}</th>
            <th>{t('centerPage.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.days ?? []).map((d) => (
            <tr key={d.dayKey}>
              <td>
                {d.date} {d.planId} <small>{d.organisation}</small>
              </td>
              <td>{d.electronicUntil}</td>
              <td>{d.photosUntil}</td>
              <td>
                {d.photos.held} / {d.photos.purged}
              </td>
              <td>{d.purgeRefusal === null ? <PurgeButton dayKey={d.dayKey} held={d.photos.held} /> : <span className="center-muted">{d.photos.held > 0 ? t('centerPage.retention.notDue') : '—'}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
