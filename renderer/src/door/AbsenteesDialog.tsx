import { useState } from 'react';
import type { DayView, RoomRoster } from '../api/api';
import { apiClient } from '../api/api';
import { useAction } from '../api/use-action';
import { useDeviceClock } from '../clock/device-clock';
import { Dialog } from '../components/Dialog';
import { formatEventTime } from '../format';
import { useRefusalText, useRoleLabel, useT } from '../i18n/i18n';
import { BadgePinFields, isProofGiven, NO_PROOF } from '../signin/BadgePinFields';

interface Props {
  roster: RoomRoster;
  roomNo: string;
  day: DayView;
  onChanged: () => void;
  onClose: () => void;
}

/**
 * 缺考名单 after the late cut-off: the room's candidates not admitted, by seat. The 主监考 (or the 主考 /
 * 副主考) checks the empty seats and confirms the list exactly as shown, by badge and PIN: one event with the actor. Until
 * then a late admission takes a candidate off the list; afterwards the list is part of the room record.
 */
export function AbsenteesDialog({ roster, roomNo, day, onChanged, onClose }: Props) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const refusalText = useRefusalText();
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  const [confirmer, setConfirmer] = useState(NO_PROOF);
  const confirmAbsentees = useAction(apiClient().confirmAbsentees);
  const error = confirmAbsentees.error ? refusalText(confirmAbsentees.error) : null;
  const confirmed = roster.absentees.confirmed;
  const listed = roster.rows
    .filter((r) => (confirmed ? confirmed.ticketNos.includes(r.ticketNo) : r.absence === 'pending'))
    .sort((a, b) => a.seatNo - b.seatNo);

  const confirm = async () => {
    if (!isProofGiven(confirmer)) {
      confirmAbsentees.complain(t('proof.required'));
      return;
    }
    const answer = await confirmAbsentees.run({ roomNo, ticketNos: listed.map((r) => r.ticketNo), confirmer: { badgeCode: confirmer.badgeCode.trim(), pin: confirmer.pin } });
    if (answer === undefined) return;
    // Refused or not, the list may have moved (a late admission): show it as it stands now.
    onChanged();
    // A PIN is typed again after a refusal; the badge stays.
    if (!answer.ok) setConfirmer((c) => ({ ...c, pin: '' }));
  };

  return (
    <Dialog title={t('absentees.title')} onClose={onClose} closeLabel={t('admit.close')} testId="absentees-dialog" wide>
      {confirmed ? (
        <p className="absentees-status absentees-status-confirmed" data-testid="absentees-confirmed">
          {t('absentees.confirmedBy', { name: confirmed.byName, role: confirmed.byRole === 'system' ? '' : roleLabel(confirmed.byRole), time: formatEventTime(confirmed.at, offsetMs) })}
        </p>
      ) : (
        <p className="admit-late-note">{t('absentees.note')}</p>
      )}
      <div className="absentees-count" data-testid="absentees-count">
        {t('absentees.count', { n: listed.length, expected: roster.rows.length })}
      </div>
      {listed.length === 0 ? (
        <p className="absentees-none">{t('absentees.none')}</p>
      ) : (
        <div className="absentees-list-wrap">
          <table className="roster-table absentees-table">
            <thead>
              <tr>
                <th className="col-seat">{t('roster.seat')}</th>
                <th>{t('roster.name')}</th>
                <th>{t('absentees.ticket')}</th>
                <th>{t('roster.id')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((r) => (
                <tr key={r.ticketNo} data-testid="absentee-row" data-ticket={r.ticketNo}>
                  <td className="col-seat">{r.seatNo}</td>
                  <td className="col-name">{r.name}</td>
                  <td>{r.ticketNo}</td>
                  <td className="col-id">{r.idMasked}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!confirmed && (
        <>
          <BadgePinFields
            label={t('absentees.confirmerProof')}
            value={confirmer}
            onChange={(proof) => {
              confirmAbsentees.reset();
              setConfirmer(proof);
            }}
            day={day}
            testId="absentees-confirmer"
            onSubmit={() => void confirm()}
          />
          {error && (
            <div className="admit-error" role="alert" data-testid="absentees-error">
              {error}
            </div>
          )}
          <button type="button" className="admit-submit" data-testid="absentees-submit" disabled={confirmAbsentees.busy} onClick={() => void confirm()}>
            {t('absentees.submit', { n: listed.length })}
          </button>
        </>
      )}
    </Dialog>
  );
}
