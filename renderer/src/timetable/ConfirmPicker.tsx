import { useState } from 'react';
import { confirmationRefusal, type ConfirmationDefinition } from '../../../shared/timetable/confirmations';
import { useConfirmStep, type DayView } from '../api/api';
import { Dialog } from '../components/Dialog';
import { StaffChoiceButton } from '../components/StaffChoiceButton';
import { roomDisplayName } from '../format';
import { useT } from '../i18n/i18n';
import { useUiStore } from '../state/ui-store';

/**
 * Who answers for this moment: only the people the rule allows (confirmations.ts) are offered,
 * the person on duty at this device first. The core checks again and its refusal is shown as is.
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
  const language = useUiStore((s) => s.language);
  const confirmStep = useConfirmStep();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const eligible = day.staff
    .filter((s) => confirmationRefusal(definition, s, roomNo ?? undefined) === undefined)
    .sort((a, b) => Number(b.staffId === preferredStaffId) - Number(a.staffId === preferredStaffId));
  const title = language === 'zh' ? definition.titleZh : definition.titleEn;
  const heading = roomNo === null ? title : `${roomDisplayName(roomNo, day.rooms, t)} · ${title}`;

  const pick = (staffId: string) => {
    setSending(true);
    setError(null);
    void confirmStep({ confirmationId: definition.id, actorStaffId: staffId, ...(roomNo === null ? {} : { roomNo }) }).then((result) => {
      setSending(false);
      if (result.ok) onDone();
      else setError(result.error.message);
    });
  };

  return (
    <Dialog title={t('picker.title', { title: heading })} onClose={onClose} closeLabel={t('picker.cancel')} testId="confirm-picker">
      {eligible.length === 0 ? (
        <p className="muted">{t('picker.none')}</p>
      ) : (
        <div className="picker-grid">
          {eligible.map((s) => (
            <StaffChoiceButton
              key={s.staffId}
              staff={s}
              rooms={day.rooms}
              disabled={sending}
              testId={`picker-staff-${s.staffId}`}
              onClick={() => pick(s.staffId)}
            />
          ))}
        </div>
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
