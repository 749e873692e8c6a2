import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Finding } from '../../../shared/sync/findings';
import { useT } from '../i18n/i18n';
import { archiveUrl, centerApi, resultsUrl, valueOf, type DayView } from './center-api';
import { useWhen } from './center-i18n';
import { DayRetention } from './Retention';
import { RoomView } from './RoomView';

/** One exam day: its rooms (考场情况 as read from the events), the findings and their decisions, the exports. */
export function DayPage({ dayKey, onBack }: { dayKey: string; onBack: () => void }) {
  const t = useT();
  const when = useWhen();
  const day = useQuery({ queryKey: ['day', dayKey], queryFn: () => valueOf(centerApi.day(dayKey)) });
  const [room, setRoom] = useState<string | null>(null);
  if (day.isPending) return <p className="center-muted">{t('centerPage.days.loading')}</p>;
  if (day.isError) return <p className="center-error">{day.error.message}</p>;
  const d = day.data;
  const selected = d.rooms.find((r) => r.roomNo === room);
  return (
    <section data-testid="day-page">
      <button type="button" className="center-link" onClick={onBack}>
        {t('centerPage.day.back')}
      </button>
      <h2>
        {d.day.date} {d.planName} <small>{d.day.organisation}</small>
      </h2>
      <p className="center-muted">
        {t('centerPage.day.devices', { devices: d.devices, at: d.lastReceivedAt ? when(d.lastReceivedAt) : '—' })}
      </p>
      <div className="center-actions">
        {d.canExport &&
          (d.exportBlocked !== null ? (
            <span className="center-warn" data-testid="export-blocked">
              {d.exportBlocked}
            </span>
          ) : (
            <>
              <a href={resultsUrl(dayKey, false)} data-testid="export-results" download>
                {t('centerPage.day.exportMasked')}
              </a>
              {d.canSeeFullId && (
                <a href={resultsUrl(dayKey, true)} download>
                  {t('centerPage.day.exportFull')}
                </a>
              )}
            </>
          ))}
        {d.canArchive && (
          <a href={archiveUrl(dayKey)} data-testid="export-archive" download>
            {t('centerPage.day.archive')}
          </a>
        )}
      </div>
      <DayRetention dayKey={dayKey} />
      <h3>{t('centerPage.day.findings')}</h3>
      <Findings view={d} />
      <ExportOverrides view={d} />
      <h3>{t('centerPage.day.custody')}</h3>
      <Custody view={d} />
      <h3>{t('centerPage.day.rooms')}</h3>
      <table className="center-table" data-testid="room-list">
        <thead>
          <tr>
            <th>{t('centerPage.day.room')}</th>
            <th>{t('centerPage.day.candidates')}</th>
            <th>{t('centerPage.day.admitted')}</th>
            <th>{t('centerPage.day.absent')}</th>
            <th>{t('centerPage.day.cheating')}</th>
            <th>{t('centerPage.day.record')}</th>
          </tr>
        </thead>
        <tbody>
          {d.rooms.map((r) => (
            <tr key={r.roomNo} className={r.roomNo === room ? 'center-selected' : ''}>
              <td>
                <button type="button" className="center-link" onClick={() => setRoom(r.roomNo)}>
                  {r.name}
                </button>
              </td>
              <td>{r.candidates}</td>
              <td>{r.admitted}</td>
              <td>{r.absent}</td>
              <td>{r.cheating}</td>
              <td className={r.signed ? '' : 'center-warn'}>{r.signed ? t('centerPage.day.signed') : t('centerPage.day.unsigned')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && <RoomView view={d} room={selected} />}
    </section>
  );
}

function Findings({ view }: { view: DayView }) {
  const t = useT();
  if (view.findings.length === 0) return <p className="center-muted">{t('centerPage.findings.none')}</p>;
  return (
    <ul className="center-findings" data-testid="findings">
      {view.findings.map((f) => (
        <FindingItem key={f.id} finding={f} dayKey={view.dayKey} canResolve={view.canResolve} />
      ))}
    </ul>
  );
}

function FindingItem({ finding, dayKey, canResolve }: { finding: Finding; dayKey: string; canResolve: boolean }) {
  const queryClient = useQueryClient();
  const t = useT();
  const when = useWhen();
  const [reason, setReason] = useState('');
  const resolve = useMutation({
    mutationFn: () => valueOf(centerApi.resolve(dayKey, finding.id, reason)),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  return (
    <li>
      <p>{finding.summary}</p>
      <p className="center-muted">
        {t('centerPage.findings.basis', {
          events: finding.events.map((e) => t('centerPage.findings.event', { device: e.deviceId.slice(0, 6), seq: e.seq })).join(t('centerPage.findings.eventJoin')),
        })}
      </p>
      {finding.resolution ? (
        <p className="center-ok">
          {t('centerPage.findings.resolved', { reason: finding.resolution.reason, by: finding.resolution.by.name, at: when(finding.resolution.at) })}
        </p>
      ) : canResolve ? (
        <form
          className="center-resolve"
          onSubmit={(e) => {
            e.preventDefault();
            resolve.mutate();
          }}
        >
          <input aria-label={t('centerPage.findings.reason')} placeholder={t('centerPage.findings.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} />
          <button type="submit" disabled={resolve.isPending}>
            {t('centerPage.findings.resolve')}
          </button>
          {resolve.isError && <span className="center-error">{resolve.error.message}</span>}
        </form>
      ) : (
        <p className="center-warn">{t('centerPage.findings.open')}</p>
      )}
    </li>
  );
}

/** The signed overrides, and the form to sign one while open findings block the export. */
function ExportOverrides({ view }: { view: DayView }) {
  const queryClient = useQueryClient();
  const t = useT();
  const when = useWhen();
  const [reason, setReason] = useState('');
  const sign = useMutation({
    mutationFn: () => valueOf(centerApi.overrideExport(view.dayKey, reason)),
    onSuccess: () => {
      setReason('');
      void queryClient.invalidateQueries();
    },
  });
  if (view.overrides.length === 0 && (view.exportBlocked === null || !view.canOverride)) return null;
  return (
    <section className="center-overrides" data-testid="export-overrides">
      {view.overrides.map((o) => (
        <p key={o.eventId} className="center-override">
          {t('centerPage.override.signed', { reason: o.reason, by: o.byName, at: when(o.at), count: o.findingIds.length })}
        </p>
      ))}
      {view.exportBlocked !== null && view.canOverride && (
        <form
          className="center-resolve"
          onSubmit={(e) => {
            e.preventDefault();
            sign.mutate();
          }}
        >
          <input
            aria-label={t('centerPage.override.reason')}
            placeholder={t('centerPage.override.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            minLength={2}
            maxLength={500}
          />
          <button type="submit" disabled={sign.isPending}>
            {t('centerPage.override.sign')}
          </button>
          {sign.isError && <span className="center-error">{sign.error.message}</span>}
        </form>
      )}
    </section>
  );
}

function Custody({ view }: { view: DayView }) {
  const t = useT();
  const { custody } = view;
  if (custody.bags === 0) return <p className="center-muted">{t('centerPage.custody.none')}</p>;
  const open = custody.reconciliation.problems.filter((p) => !p.signed);
  return (
    <div data-testid="custody">
      <p className={open.length > 0 ? 'center-warn' : 'center-ok'}>
        {t('centerPage.custody.bags', { bags: custody.bags })} · {custody.dayClosed ? t('centerPage.custody.closed') : t('centerPage.custody.notClosed')} ·{' '}
        {open.length > 0 ? t('centerPage.custody.open', { count: open.length }) : t('centerPage.custody.reconciled')}
      </p>
      {custody.reconciliation.problems.length > 0 && (
        <ul>
          {custody.reconciliation.problems.map((p) => (
            <li key={`${p.bagCode}-${p.message}`} className={p.signed ? 'center-muted' : 'center-warn'}>
              {p.message}
              {p.signed ? t('centerPage.custody.excepted') : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
