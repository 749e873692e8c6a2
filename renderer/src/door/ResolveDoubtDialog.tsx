import { useState } from 'react';
import { DOUBT_OUTCOMES, type DoubtOutcome } from '../../../shared/checkin/doubt';
import { maySignDoubt } from '../../../shared/staffing/roles';
import type { DayView, RoomRoster } from '../api/api';
import { Dialog } from '../components/Dialog';
import { useRoleLabel, useT } from '../i18n/i18n';
import { useResolveDoubt } from './door-api';

type RosterRow = RoomRoster['rows'][number];

interface Props {
  row: RosterRow;
  roomNo: string;
  day: DayView;
  onResolved: () => void;
  onClose: () => void;
}

/**
 * Clears or confirms a 存疑考生: the room's two proctors tick themselves (both are recorded, in one
 * event), or the 主考 alone. The core decides who may; its refusal is shown here.
 */
export function ResolveDoubtDialog({ row, roomNo, day, onResolved, onClose }: Props) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const resolve = useResolveDoubt();
  const signers = day.staff.filter((s) => maySignDoubt(s, roomNo));
  const [chosen, setChosen] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<DoubtOutcome | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (staffId: string) => {
    setError(null);
    setChosen((c) => (c.includes(staffId) ? c.filter((id) => id !== staffId) : [...c, staffId]));
  };

  const submit = async () => {
    if (!outcome) {
      setError(t('doubt.outcomeRequired'));
      return;
    }
    const [first, second, ...more] = chosen;
    if (first === undefined || more.length > 0) {
      setError(t('doubt.signersRequired'));
      return;
    }
    setBusy(true);
    const result = await resolve({
      roomNo,
      ticketNo: row.ticketNo,
      outcome,
      actorStaffId: first,
      ...(second === undefined ? {} : { secondStaffId: second }),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    if (result.ok) onResolved();
    else setError(result.error.message);
  };

  return (
    <Dialog title={t('doubt.resolveTitle')} onClose={onClose} closeLabel={t('admit.close')} testId="resolve-doubt-dialog" wide>
      <div className="admit-form">
        <div className="admit-chosen">
          <div>
            <div className="admit-chosen-name">{row.name}</div>
            <div className="admit-chosen-detail">
              {t('admit.seat', { seat: row.seatNo })} · {row.ticketNo} · {row.idMasked}
              {row.doubt && ` · ${t(`doubt.reason.${row.doubt.reason}`)}`}
            </div>
          </div>
        </div>
        <p className="admit-late-note">{t('doubt.resolveNote')}</p>
        <fieldset className="admit-reasons">
          <legend>{t('doubt.signers')}</legend>
          {signers.map((s) => (
            <label key={s.staffId} className="admit-reason">
              <input type="checkbox" checked={chosen.includes(s.staffId)} data-testid={`doubt-signer-${s.staffId}`} onChange={() => toggle(s.staffId)} />
              <span>
                {s.name}（{roleLabel(s.role)}）
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="admit-reasons">
          <legend>{t('doubt.outcome')}</legend>
          {DOUBT_OUTCOMES.map((o) => (
            <label key={o} className="admit-reason">
              <input
                type="radio"
                name="doubt-outcome"
                checked={outcome === o}
                data-testid={`doubt-outcome-${o}`}
                onChange={() => {
                  setOutcome(o);
                  setError(null);
                }}
              />
              <span>{t(`doubt.outcome.${o}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="admit-label" htmlFor="doubt-note">
          {t('admit.note')}
        </label>
        <input id="doubt-note" className="admit-note" maxLength={200} placeholder={t('admit.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
        {error && (
          <div className="admit-error" role="alert" data-testid="resolve-doubt-error">
            {error}
          </div>
        )}
        <button type="button" className="admit-submit" data-testid="resolve-doubt-submit" disabled={busy} onClick={() => void submit()}>
          {t('doubt.submitResolve')}
        </button>
      </div>
    </Dialog>
  );
}
