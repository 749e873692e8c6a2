import { INCIDENT_ACTION_LABELS, INCIDENT_ACTIONS, type IncidentAction } from '../../../shared/record/incidents';
import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';
import { useIncidentKinds } from './record-api';

export interface IncidentDraft {
  kindId: string | null;
  cheating: boolean;
  actions: IncidentAction[];
  description: string;
}

export const EMPTY_INCIDENT: IncidentDraft = { kindId: null, cheating: false, actions: [], description: '' };

/**
 * What an incident says (kind from the organisation's list, 舞弊 or 违纪, what was done, description):
 * the same fields when a seat's incident is first recorded and when it is amended.
 */
export function IncidentFields({ draft, onChange }: { draft: IncidentDraft; onChange: (draft: IncidentDraft) => void }) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const { kinds, error } = useIncidentKinds();
  const chooseKind = (id: string) => onChange({ ...draft, kindId: id, cheating: kinds?.find((k) => k.id === id)?.cheating ?? false });
  return (
    <>
      {error && <p className="rec-error">{error}</p>}
      <div className="rec-kinds">
        {kinds?.map((k) => (
          <button key={k.id} type="button" className="rec-kind" aria-pressed={draft.kindId === k.id} data-testid={`incident-kind-${k.id}`} onClick={() => chooseKind(k.id)}>
            {language === 'zh' ? k.zh : k.en}
          </button>
        ))}
      </div>
      <label className="rec-check">
        <input type="checkbox" checked={draft.cheating} onChange={(e) => onChange({ ...draft, cheating: e.target.checked })} data-testid="incident-cheating" />
        {t('rec.cheating')}
      </label>
      <div className="rec-row">
        <span className="rec-label">{t('rec.actions')}</span>
        {INCIDENT_ACTIONS.map((a) => (
          <label key={a} className="rec-check">
            <input
              type="checkbox"
              checked={draft.actions.includes(a)}
              data-testid={`incident-action-${a}`}
              onChange={(e) => onChange({ ...draft, actions: INCIDENT_ACTIONS.filter((x) => (x === a ? e.target.checked : draft.actions.includes(x))) })}
            />
            {INCIDENT_ACTION_LABELS[a][language]}
          </label>
        ))}
      </div>
      <label className="rec-field">
        <span className="rec-label">{t('rec.description')}</span>
        <input value={draft.description} maxLength={500} onChange={(e) => onChange({ ...draft, description: e.target.value })} data-testid="incident-description" />
      </label>
    </>
  );
}
