import { useRoleLabel, useT } from '../i18n/i18n';
import type { BagView } from './custody-api';
import { hhmm, useCustodyLabels } from './custody-labels';
import { STEP_COLOURS } from './BagTimeline';

/** One bag's steps as a table: when, what, where, who (by part), count and seal, and its exceptions. */
export function BagHistoryTable({ bag, offsetMs }: { bag: BagView; offsetMs: number | null }) {
  const t = useT();
  const labels = useCustodyLabels();
  const roleLabel = useRoleLabel();
  return (
    <div className="custody-history" data-testid="bag-history">
      <p className="custody-history-head">
        <strong className="mono">{bag.code}</strong> {labels.kind(bag.kind)} · {bag.occupation} {bag.level} · {t('custody.copies', { n: bag.count })} ·{' '}
        {bag.roomNo ?? t('custody.site')}
        {bag.sealNos.length > 0 && ` · ${t('custody.sealNo')} ${bag.sealNos.join('、')}`}
      </p>
      <table className="custody-table">
        <thead>
          <tr>
            <th>{t('custody.col.time')}</th>
            <th>{t('custody.col.step')}</th>
            <th>{t('custody.col.place')}</th>
            <th>{t('custody.col.parties')}</th>
            <th>{t('custody.col.counted')}</th>
            <th>{t('custody.col.seal')}</th>
          </tr>
        </thead>
        <tbody>
          {bag.history.map((h) => (
            <tr key={h.eventId} className={h.standing === 'not-applied' ? 'custody-not-applied' : undefined}>
              <td>{hhmm(h.at, offsetMs)}</td>
              <td>
                <span className="custody-legend-dot" style={{ background: STEP_COLOURS[h.step] }} />
                {labels.step(h.step)}
                {h.standing === 'under-exception' && <small> · {t('custody.underException')}</small>}
                {h.standing === 'not-applied' && <small> · {t('custody.notApplied')}</small>}
              </td>
              <td>{labels.place(h.place)}</td>
              <td>
                {h.parties.map((p) => `${t(`custody.part.${p.part}`)} ${p.name}（${roleLabel(p.role)}）`).join('；')}
                {h.recipient && `；${t('custody.recipient')} ${h.recipient}`}
              </td>
              <td>{h.count ?? '—'}</td>
              <td>{h.seal ? `${h.seal.intact ? t('custody.sealOk') : t('custody.sealBroken')}${h.seal.sealNo ? ` ${h.seal.sealNo}` : ''}` : '—'}</td>
            </tr>
          ))}
          {bag.exceptions.map((e) => (
            <tr key={e.eventId} className="custody-exception-row">
              <td>{hhmm(e.at, offsetMs)}</td>
              <td colSpan={5}>{t('custody.exceptionLine', { name: e.byName, reason: e.reason })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
