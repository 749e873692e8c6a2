import { useState } from 'react';
import type { BadgePin } from '../../../shared/staffing/proof-input';
import { confirmationRefusal, type ConfirmationDefinition } from '../../../shared/timetable/confirmations';
import { useConfirmStep, type DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { StaffChoiceButton } from '../components/StaffChoiceButton';
import { roomDisplayName } from '../format';
import { useRefusalText, useRoleLabel, useT } from '../i18n/i18n';
import { BadgePinFields, isProofGiven, NO_PROOF } from '../signin/BadgePinFields';
import { useUiStore } from '../state/ui-store';

/**
 * Who answers for this moment: the person on duty at this device, when the rule (confirmations.ts)
 * allows them, with one tap; anyone else the rule allows by their badge and PIN there and then
 * (issue 11 item 2), never by picking a name. The core checks again and its refusal is shown as is.
 */
export function ConfirmPicker({
  day,
  definition,
  roomNo,
  preferredStaffId,
  onDone,
  onClose,
}: {
  day: DayView;
  definition: ConfirmationDefinition;
  roomNo: string | null;
  preferredStaffId: string | undefined;
  onDone: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const refusalText = useRefusalText();
  const roleLabel = useRoleLabel();
  const language = useUiStore((s) => s.language);
  const confirmStep = useAction(useConfirmStep());
  const sending = confirmStep.busy;
  const error = confirmStep.error ? refusalText(confirmStep.error) : null;
  const [confirmer, setConfirmer] = useState(NO_PROOF);
  const eligible = day.staff.filter((s) => confirmationRefusal(definition, s, roomNo ?? undefined) === undefined);
  const onDuty = eligible.find((s) => s.staffId === preferredStaffId);
  const title = language === 'zh' ? definition.titleZh : definition.titleEn;
  const heading = roomNo === null ? title : `${roomDisplayName(roomNo, day.rooms, t)} · ${title}`;

  const send = (who: { actorStaffId: string } | { confirmer: BadgePin }) => {
    void confirmStep.run({ confirmationId: definition.id, ...who, ...(roomNo === null ? {} : { roomNo }) }).then((result) => {
      if (result === undefined) return;
      if (result.ok) onDone();
      else setConfirmer((c) => ({ ...c, pin: '' }));
    });
  };
  const sendProof = () => {
    if (!isProofGiven(confirmer)) confirmStep.complain(t('proof.required'));
    else send({ confirmer: { badgeCode: confirmer.badgeCode.trim(), pin: confirmer.pin } });
  };

  return (
    <Dialog title={t('picker.title', { title: heading })} onClose={onClose} closeLabel={t('picker.cancel')} testId="confirm-picker">
      {eligible.length === 0 ? (
        <p className="muted">{t('picker.none')}</p>
      ) : (
        <>
          {onDuty && (
            <div className="picker-grid">
              <StaffChoiceButton staff={onDuty} rooms={day.rooms} disabled={sending} testId={`picker-staff-${onDuty.staffId}`} onClick={() => send({ actorStaffId: onDuty.staffId })} />
            </div>
          )}
          <p className="muted" data-testid="picker-eligible">
            {t('picker.eligible', { names: eligible.map((s) => `${s.name}（${roleLabel(s.role)}）`).join('、') })}
          </p>
          <BadgePinFields
            label={t(onDuty ? 'picker.otherProof' : 'picker.proof')}
            value={confirmer}
            onChange={(proof) => {
              setConfirmer(proof);
              confirmStep.reset();
            }}
            day={day}
            testId="picker-proof"
            autoFocus={!onDuty}
            onSubmit={sendProof}
          />
          <button type="button" className="proof-submit" disabled={sending || !isProofGiven(confirmer)} data-testid="picker-proof-submit" onClick={sendProof}>
            {t('picker.proofSubmit')}
          </button>
        </>
      )}
      {sending && <p className="muted">{t('picker.sending')}</p>}
      {error && (
        <p className="dialog-error" role="alert" data-testid="picker-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
