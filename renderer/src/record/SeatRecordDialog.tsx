import { useState } from 'react';
import { INCIDENT_ACTION_LABELS, INCIDENT_ACTIONS, type IncidentAction } from '../../../shared/record/incidents';
import { LEAVE_REASON_LABELS, LEAVE_REASONS, type LeaveReason } from '../../../shared/record/hand-ins';
import { mayAccompanyLeave, mayWitnessIncident } from '../../../shared/staffing/roles';
import type { ApiResult } from '../../../shared/api/result';
import { apiClient, type DayView, type RoomRecord, type RoomRoster } from '../api/api';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';
import { useIncidentKinds } from './record-api';

type Row = RoomRoster['rows'][number];

interface Props {
  row: Row;
  roomNo: string;
  staffId: string;
  day: DayView;
  record: RoomRecord | undefined;
  onDone: () => void;
  onClose: () => void;
}

/**
 * A tapped seat in the exam: 违纪/舞弊 (kind, 舞弊 or not, what was done, witness), 交卷退场, or a leave
 * with a 流动监考. One action per candidate; the core decides and refuses in Chinese.
 */
export function SeatRecordDialog({ row, roomNo, staffId, day, record, onDone, onClose }: Props) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const { kinds, error: kindsError } = useIncidentKinds();
  const [kindId, setKindId] = useState<string | null>(null);
  const [cheating, setCheating] = useState(false);
  const [actions, setActions] = useState<IncidentAction[]>([]);
  const [description, setDescription] = useState('');
  const [witness, setWitness] = useState('');
  const [companion, setCompanion] = useState('');
  const [amendmentReason, setAmendmentReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const frozen = (record?.signatures.frozenAt ?? null) !== null;
  const witnesses = day.staff.filter((s) => s.staffId !== staffId && mayWitnessIncident(s, roomNo));
  const roving = day.staff.filter(mayAccompanyLeave);
  const openLeave = record?.leaves.find((l) => l.ticketNo === row.ticketNo && l.returnedAt === null);
  const amendment = frozen && amendmentReason.trim() ? { amendmentReason: amendmentReason.trim() } : {};

  const run = async (call: Promise<ApiResult<unknown>>) => {
    const answer = await call;
    setMessage(answer.ok ? { ok: true, text: t('rec.saved') } : { ok: false, text: answer.error.message });
    if (answer.ok) onDone();
  };
  const chooseKind = (id: string) => {
    setKindId(id);
    setCheating(kinds?.find((k) => k.id === id)?.cheating ?? false);
  };

  return (
    <Dialog title={t('rec.seatTitle', { seat: row.seatNo, name: row.name })} onClose={onClose} closeLabel={t('reverify.close')} testId="seat-record" wide>
      <div className="rec-columns">
        <section className="rec-block">
          <h3>{t('rec.incident')}</h3>
          {kindsError && <p className="rec-error">{kindsError}</p>}
          <div className="rec-kinds">
            {kinds?.map((k) => (
              <button key={k.id} type="button" className="rec-kind" aria-pressed={kindId === k.id} data-testid={`incident-kind-${k.id}`} onClick={() => chooseKind(k.id)}>
                {language === 'zh' ? k.zh : k.en}
              </button>
            ))}
          </div>
          <label className="rec-check">
            <input type="checkbox" checked={cheating} onChange={(e) => setCheating(e.target.checked)} data-testid="incident-cheating" />
            {t('rec.cheating')}
          </label>
          <div className="rec-row">
            <span className="rec-label">{t('rec.actions')}</span>
            {INCIDENT_ACTIONS.map((a) => (
              <label key={a} className="rec-check">
                <input
                  type="checkbox"
                  checked={actions.includes(a)}
                  data-testid={`incident-action-${a}`}
                  onChange={(e) => setActions(e.target.checked ? [...actions, a] : actions.filter((x) => x !== a))}
                />
                {INCIDENT_ACTION_LABELS[a][language]}
              </label>
            ))}
          </div>
          <label className="rec-field">
            <span className="rec-label">{t('rec.description')}</span>
            <input value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} data-testid="incident-description" />
          </label>
          <label className="rec-field">
            <span className="rec-label">{t('rec.witness')}</span>
            <select value={witness} onChange={(e) => setWitness(e.target.value)} data-testid="incident-witness">
              <option value="">{t('rec.noWitness')}</option>
              {witnesses.map((s) => (
                <option key={s.staffId} value={s.staffId}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="rec-primary"
            disabled={kindId === null}
            data-testid="incident-submit"
            onClick={() =>
              kindId &&
              void run(
                apiClient().recordIncident({
                  roomNo,
                  subject: { kind: 'candidate', ticketNo: row.ticketNo },
                  kindId,
                  cheating,
                  actions,
                  description: description.trim(),
                  ...(witness ? { witnessStaffId: witness } : {}),
                  actorStaffId: staffId,
                  ...amendment,
                }),
              )
            }
          >
            {t('rec.save')}
          </button>
        </section>
        <section className="rec-block">
          <button type="button" className="rec-big" data-testid="hand-in-submit" onClick={() => void run(apiClient().recordHandIn({ roomNo, ticketNo: row.ticketNo, actorStaffId: staffId, ...amendment }))}>
            {t('rec.handIn')}
          </button>
          {openLeave ? (
            <button type="button" className="rec-big" data-testid="leave-return" onClick={() => void run(apiClient().recordReturn({ roomNo, ticketNo: row.ticketNo, actorStaffId: staffId, ...amendment }))}>
              {t('rec.return')}
            </button>
          ) : (
            <div className="rec-leave">
              <h3>{t('rec.leave')}</h3>
              <label className="rec-field">
                <span className="rec-label">{t('rec.companion')}</span>
                <select value={companion} onChange={(e) => setCompanion(e.target.value)} data-testid="leave-companion">
                  <option value="">—</option>
                  {roving.map((s) => (
                    <option key={s.staffId} value={s.staffId}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <div className="rec-row">
                {LEAVE_REASONS.filter((r): r is Exclude<LeaveReason, 'other'> => r !== 'other').map((r) => (
                  <button
                    key={r}
                    type="button"
                    className="rec-kind"
                    data-testid={`leave-${r}`}
                    onClick={() => void run(apiClient().recordLeave({ roomNo, ticketNo: row.ticketNo, reason: r, accompaniedByStaffId: companion, actorStaffId: staffId, ...amendment }))}
                  >
                    {LEAVE_REASON_LABELS[r][language]}
                  </button>
                ))}
              </div>
            </div>
          )}
          {frozen && (
            <label className="rec-field">
              <span className="rec-label">{t('rec.amendReason')}</span>
              <input value={amendmentReason} maxLength={200} onChange={(e) => setAmendmentReason(e.target.value)} data-testid="amendment-reason" />
            </label>
          )}
          {message && (
            <p className={message.ok ? 'rec-ok' : 'rec-error'} data-testid="seat-record-message" role="status">
              {message.text}
            </p>
          )}
        </section>
      </div>
    </Dialog>
  );
}
