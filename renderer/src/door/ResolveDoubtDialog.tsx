import { useState } from 'react';
import { DOUBT_OUTCOMES, type DoubtOutcome } from '../../../shared/checkin/doubt';
import type { DayView, RoomRoster } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { useRefusalText, useT } from '../i18n/i18n';
import { BadgePinFields, isProofGiven, NO_PROOF } from '../signin/BadgePinFields';
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
 * Clears or confirms a 存疑考生: the room's two proctors each give their badge and PIN (both are
 * recorded, in one event), or the 主考 alone. The core decides who may; its refusal is shown here
 * as said, and the form keeps what was entered.
 */
export function ResolveDoubtDialog({ row, roomNo, day, onResolved, onClose }: Props) {
  const t = useT();
  const refusalText = useRefusalText();
  const resolve = useAction(useResolveDoubt());
  const [signer, setSigner] = useState(NO_PROOF);
  const [secondSigner, setSecondSigner] = useState(NO_PROOF);
  const [outcome, setOutcome] = useState<DoubtOutcome | null>(null);
  const [note, setNote] = useState('');
  const error = resolve.error ? refusalText(resolve.error) : null;

  const submit = async () => {
    if (!outcome) {
      resolve.complain(t('doubt.outcomeRequired'));
      return;
    }
    const secondGiven = secondSigner.badgeCode.trim() !== '' || secondSigner.pin !== '';
    if (!isProofGiven(signer) || (secondGiven && !isProofGiven(secondSigner))) {
      resolve.complain(t('proof.required'));
      return;
    }
    const trimmed = (p: typeof signer) => ({ badgeCode: p.badgeCode.trim(), pin: p.pin });
    const result = await resolve.run({
      roomNo,
      ticketNo: row.ticketNo,
      outcome,
      signer: trimmed(signer),
      ...(secondGiven ? { secondSigner: trimmed(secondSigner) } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (result === undefined) return;
    if (result.ok) onResolved();
    else {
      // PINs are typed again after a refusal; the badges and the rest stay.
      setSigner((p) => ({ ...p, pin: '' }));
      setSecondSigner((p) => ({ ...p, pin: '' }));
    }
  };
  const onProof = (set: (p: typeof signer) => void) => (proof: typeof signer) => {
    set(proof);
    resolve.reset();
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
                  resolve.reset();
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
        <div className="proof-pair">
          <BadgePinFields label={t('doubt.firstSigner')} value={signer} onChange={onProof(setSigner)} day={day} testId="doubt-signer" onSubmit={() => void submit()} />
          <BadgePinFields label={t('doubt.secondSigner')} value={secondSigner} onChange={onProof(setSecondSigner)} day={day} testId="doubt-second-signer" onSubmit={() => void submit()} />
        </div>
        {error && (
          <div className="admit-error" role="alert" data-testid="resolve-doubt-error">
            {error}
          </div>
        )}
        <button type="button" className="admit-submit" data-testid="resolve-doubt-submit" disabled={resolve.busy} onClick={() => void submit()}>
          {t('doubt.submitResolve')}
        </button>
      </div>
    </Dialog>
  );
}
