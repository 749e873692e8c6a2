import { INCIDENT_ACTION_LABELS, PAPER_PROBLEM_LABELS, type PaperProblem } from '../../../shared/record/incidents';
import type { RoomRecord } from '../api/api';
import { formatEventTime } from '../format';
import { useT } from '../i18n/i18n';
import { useRoleLabel } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';
import { useIncidentKinds } from './record-api';

type Incident = RoomRecord['incidents'][number];

/** An incident's kind in the UI language: the organisation's list, the paper problems, or the linked sources. */
export function useIncidentLabel(): (incident: Incident) => string {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const { kinds } = useIncidentKinds();
  return (incident) => {
    if (incident.source === 'reverify') return t('rec.source.reverify');
    if (incident.source === 'doubt') return t('rec.source.doubt');
    const kind = kinds?.find((k) => k.id === incident.kindId);
    if (kind) return language === 'zh' ? kind.zh : kind.en;
    const problem = PAPER_PROBLEM_LABELS[incident.kindId as PaperProblem] as { zh: string; en: string } | undefined;
    return problem ? problem[language] : incident.kindLabel;
  };
}

/**
 * The room's incidents on screen, in the UI language, each with its history (recorded, then every
 * withdrawal or amendment with its reason) and, for those recorded here, 撤销 / 更正.
 */
export function IncidentList({ record, offsetMs, onCorrect }: { record: RoomRecord; offsetMs: number | null; onCorrect: (incident: Incident, mode: 'withdrawn' | 'amended') => void }) {
  const t = useT();
  const role = useRoleLabel();
  const language = useUiStore((s) => s.language);
  const label = useIncidentLabel();
  const time = (iso: string) => formatEventTime(iso, offsetMs).slice(0, 5);
  const byWhom = (p: Incident['recorded']['by']) => (p.role === 'system' ? p.name : language === 'zh' ? `${p.name}（${role(p.role)}）` : `${p.name} (${role(p.role)})`);
  if (record.incidents.length === 0) return <p className="rec-hint" data-testid="incident-list-empty">{t('rec.noIncidents')}</p>;
  return (
    <ul className="rec-incidents" data-testid="incident-list">
      {record.incidents.map((i) => {
        const verdict = i.withdrawn ? t('rec.withdrawn') : i.subject === 'papers' ? t('rec.papersSubject') : i.cheating ? t('rec.verdict.cheating') : t('rec.verdict.violation');
        return (
          <li key={i.eventId} className={`rec-incident${i.withdrawn ? ' rec-incident-withdrawn' : ''}`} data-testid={`incident-${i.eventId}`}>
            <div className="rec-incident-head">
              <div className="rec-incident-title">
                <span className="rec-incident-time">{time(i.occurredAt)}</span>
                {i.name && <span className="rec-incident-who">{`${i.seatNo ?? '—'} ${i.name}`}</span>}
                <strong className="rec-incident-kind">{label(i)}</strong>
                <span className={`rec-pill rec-verdict-${i.withdrawn ? 'withdrawn' : i.cheating ? 'cheating' : 'violation'}`}>{verdict}</span>
                {i.amendment && <span className="rec-pill rec-verdict-amendment">{t('rec.afterSigning')}</span>}
              </div>
              {i.source === 'recorded' && !i.withdrawn && (
                <span className="rec-incident-buttons">
                  {i.subject === 'candidate' && (
                    <button type="button" className="rec-small" data-testid={`incident-amend-${i.eventId}`} onClick={() => onCorrect(i, 'amended')}>
                      {t('rec.amend')}
                    </button>
                  )}
                  <button type="button" className="rec-small rec-small-warn" data-testid={`incident-withdraw-${i.eventId}`} onClick={() => onCorrect(i, 'withdrawn')}>
                    {t('rec.withdraw')}
                  </button>
                </span>
              )}
            </div>
            {(i.actions.length > 0 || i.description) && (
              <p className="rec-incident-detail">{[i.actions.map((a) => INCIDENT_ACTION_LABELS[a][language]).join(language === 'zh' ? '、' : ', '), i.description].filter(Boolean).join(' · ')}</p>
            )}
            <ol className="rec-history" data-testid="incident-history">
              <li>{t('rec.history.recorded', { at: time(i.recorded.at), by: byWhom(i.recorded.by) })}</li>
              {i.corrections.map((c, n) => (
                <li key={n}>
                  {t(c.correction === 'withdrawn' ? 'rec.history.withdrawn' : 'rec.history.amended', { at: time(c.at), by: byWhom(c.by), reason: c.reason })}
                </li>
              ))}
            </ol>
          </li>
        );
      })}
    </ul>
  );
}
