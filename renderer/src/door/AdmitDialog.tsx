import { useState } from 'react';
import { DOUBT_REASONS, type DoubtReason } from '../../../shared/checkin/doubt';
import type { CandidateSummary, OverrideReason } from '../../../shared/checkin/verdict';
import type { ApiInput } from '../../../shared/api/contract';
import type { DayView } from '../api/api';
import { useAction } from '../api/use-action';
import { Dialog } from '../components/Dialog';
import { roomDisplayName } from '../format';
import { useRefusalText, useT } from '../i18n/i18n';
import { BadgePinFields, isProofGiven, NO_PROOF } from '../signin/BadgePinFields';
import { useAdmitInDoubt, useAdmitWithReason, useCandidateSearch, type AdmitAnswer } from './door-api';
import { RevealIdNumber } from '../privacy/RevealIdNumber';

/** One admission as sent: 存疑入场 and the others are two calls behind one submit button. */
type AdmitRequest = { inDoubt: true; input: ApiInput<'admitInDoubt'> } | { inDoubt: false; input: ApiInput<'admitWithReason'> };

/** The manual reasons, in the order the proctor reads them (issue 4: 证件损坏, 扫码失败, 临时身份证明, 其他). */
const MANUAL_REASONS: readonly OverrideReason[] = ['document-damaged', 'scan-failed', 'temporary-id', 'other'];

/** 'doubt': 存疑入场, for the candidate just admitted (or one to find). */
/** `confirmedAbsent`: the 主监考 has already confirmed this late candidate as 缺考; only the 主考 or 副主考 may correct it. */
export type AdmitMode =
  | { kind: 'manual' }
  | { kind: 'late'; candidate: CandidateSummary; confirmedAbsent?: boolean }
  | { kind: 'doubt'; candidate: CandidateSummary | null };

interface Props {
  mode: AdmitMode;
  roomNo: string;
  doorStaffId: string;
  day: DayView;
  onAdmitted: (answer: AdmitAnswer) => void;
  onClose: () => void;
}

/**
 * Admission without a complete scan (find the candidate, give a reason) or of a late candidate
 * (the 主监考 approves with their badge and PIN at this moment). The core records who and why
 * before it answers; a refusal is shown here as said, and the form keeps what was entered.
 */
export function AdmitDialog({ mode, roomNo, doorStaffId, day, onAdmitted, onClose }: Props) {
  const t = useT();
  const admitWithReason = useAdmitWithReason();
  const admitInDoubt = useAdmitInDoubt();
  const admit = useAction((request: AdmitRequest) => (request.inDoubt ? admitInDoubt(request.input) : admitWithReason(request.input)));
  const refusalText = useRefusalText();
  // 存疑入场 is its own form: opened from the admitted verdict, or chosen here after a search.
  const [inDoubt, setInDoubt] = useState(mode.kind === 'doubt');
  const [doubtReason, setDoubtReason] = useState<DoubtReason | null>(null);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<CandidateSummary | null>(mode.kind === 'manual' ? null : mode.candidate);
  const [reason, setReason] = useState<OverrideReason | null>(mode.kind === 'late' ? 'late-approved' : null);
  const [note, setNote] = useState('');
  const confirmedAbsent = mode.kind === 'late' && mode.confirmedAbsent === true;
  const [approver, setApprover] = useState(NO_PROOF);
  const error = admit.error ? refusalText(admit.error) : null;
  const search = useCandidateSearch(roomNo, mode.kind !== 'late' && chosen === null ? query : '');

  const submitDoubt = async (candidate: CandidateSummary) => {
    if (!doubtReason) {
      admit.complain(t('doubt.reasonRequired'));
      return;
    }
    if (doubtReason === 'other' && note.trim() === '') {
      admit.complain(t('admit.noteRequired'));
      return;
    }
    const result = await admit.run({
      inDoubt: true,
      input: { roomNo, ticketNo: candidate.ticketNo, reason: doubtReason, ...(note.trim() ? { note: note.trim() } : {}), actorStaffId: doorStaffId },
    });
    if (result?.ok) onAdmitted(result.value);
  };

  const submit = async () => {
    if (!chosen) return;
    if (inDoubt) {
      await submitDoubt(chosen);
      return;
    }
    if (!reason) {
      admit.complain(t('admit.reasonRequired'));
      return;
    }
    if (reason === 'other' && note.trim() === '') {
      admit.complain(t('admit.noteRequired'));
      return;
    }
    const late = mode.kind === 'late';
    if (late && !isProofGiven(approver)) {
      admit.complain(t('proof.required'));
      return;
    }
    const result = await admit.run({
      inDoubt: false,
      input: {
        roomNo,
        ticketNo: chosen.ticketNo,
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
        actorStaffId: doorStaffId,
        ...(late ? { approver: { badgeCode: approver.badgeCode.trim(), pin: approver.pin } } : {}),
      },
    });
    if (result === undefined) return;
    if (result.ok) onAdmitted(result.value);
    // A PIN is typed again after a refusal; the badge and the rest stay.
    else setApprover((a) => ({ ...a, pin: '' }));
  };

  return (
    <Dialog
      title={inDoubt ? t('doubt.title') : mode.kind === 'late' ? t('admit.lateTitle') : t('admit.searchTitle')}
      onClose={onClose}
      closeLabel={t('admit.close')}
      testId="admit-dialog"
      wide
    >
      {chosen === null ? (
        <div className="admit-search">
          <label className="admit-label" htmlFor="admit-query">
            {t('admit.searchLabel')}
          </label>
          <input
            id="admit-query"
            className="admit-query"
            data-testid="admit-query"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder={t('admit.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {search.error && <div className="admit-error">{search.error}</div>}
          <ul className="admit-results" data-testid="admit-results">
            {search.matches.map((m) => (
              <li key={m.candidate.ticketNo}>
                <button
                  type="button"
                  className="admit-result"
                  data-testid="admit-result"
                  data-ticket={m.candidate.ticketNo}
                  onClick={() => {
                    setChosen(m.candidate);
                    admit.reset();
                  }}
                >
                  <span className="admit-result-name">{m.candidate.name}</span>
                  <span className="admit-result-seat">
                    {m.inThisRoom ? t('admit.seat', { seat: m.candidate.seatNo }) : `${roomDisplayName(m.candidate.roomNo, day.rooms, t)} · ${t('admit.seat', { seat: m.candidate.seatNo })}`}
                  </span>
                  <span className="admit-result-no">
                    {t('admit.ticketTail', { tail: m.candidate.ticketNo.slice(-5) })} · {m.candidate.idMasked}
                  </span>
                  {m.admittedAt && <span className="admit-result-in">{t('admit.admittedAlready')}</span>}
                </button>
              </li>
            ))}
          </ul>
          {query.trim() !== '' && search.matches.length === 0 && !search.error && <p className="muted">{t('admit.noMatch')}</p>}
        </div>
      ) : (
        <div className="admit-form">
          <div className="admit-chosen" data-testid="admit-chosen">
            <div>
              <div className="admit-chosen-name">{chosen.name}</div>
              <div className="admit-chosen-detail">
                {roomDisplayName(chosen.roomNo, day.rooms, t)} · {t('admit.seat', { seat: chosen.seatNo })} · {chosen.ticketNo} · {chosen.idMasked}
              </div>
              <RevealIdNumber key={chosen.ticketNo} ticketNo={chosen.ticketNo} />
            </div>
            {mode.kind !== 'late' && (
              <button type="button" className="admit-change" onClick={() => setChosen(null)}>
                {t('admit.change')}
              </button>
            )}
          </div>
          {inDoubt ? (
            <>
              <p className="admit-late-note">{t('doubt.note')}</p>
              <fieldset className="admit-reasons">
                <legend>{t('doubt.reason')}</legend>
                {DOUBT_REASONS.map((r) => (
                  <label key={r} className="admit-reason">
                    <input
                      type="radio"
                      name="doubt-reason"
                      checked={doubtReason === r}
                      data-testid={`doubt-reason-${r}`}
                      onChange={() => {
                        setDoubtReason(r);
                        admit.reset();
                      }}
                    />
                    <span>{t(`doubt.reason.${r}`)}</span>
                  </label>
                ))}
              </fieldset>
            </>
          ) : mode.kind === 'manual' ? (
            <fieldset className="admit-reasons">
              <legend>{t('admit.reason')}</legend>
              {MANUAL_REASONS.map((r) => (
                <label key={r} className="admit-reason">
                  <input type="radio" name="admit-reason" checked={reason === r} data-testid={`admit-reason-${r}`} onChange={() => {
                      setReason(r);
                      admit.reset();
                    }}
                  />
                  <span>{t(`admit.reason.${r}`)}</span>
                </label>
              ))}
            </fieldset>
          ) : (
            <>
              <p className="admit-late-note" data-testid="admit-late-note">
                {t(confirmedAbsent ? 'admit.lateNoteConfirmedAbsent' : 'admit.lateNote')}
              </p>
              <BadgePinFields
                label={t(confirmedAbsent ? 'admit.approverAbsent' : 'admit.approverLate')}
                value={approver}
                onChange={(proof) => {
                  setApprover(proof);
                  admit.reset();
                }}
                day={day}
                testId="admit-approver"
                autoFocus
                onSubmit={() => void submit()}
              />
            </>
          )}
          <label className="admit-label" htmlFor="admit-note">
            {t('admit.note')}
          </label>
          <input
            id="admit-note"
            className="admit-note"
            data-testid="admit-note"
            maxLength={200}
            placeholder={(inDoubt ? doubtReason : reason) === 'other' ? t('admit.notePlaceholderOther') : t('admit.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {error && (
            <div className="admit-error" role="alert" data-testid="admit-error">
              {error}
            </div>
          )}
          <div className="admit-buttons">
            <button type="button" className={`admit-submit${inDoubt ? ' admit-submit-doubt' : ''}`} data-testid="admit-submit" disabled={admit.busy} onClick={() => void submit()}>
              {inDoubt ? t('doubt.submit') : mode.kind === 'late' ? t('admit.submitLate') : t('admit.submit')}
            </button>
            {mode.kind === 'manual' && !inDoubt && (
              <button
                type="button"
                className="admit-change admit-doubt-switch"
                data-testid="admit-as-doubt"
                onClick={() => {
                  setInDoubt(true);
                  admit.reset();
                }}
              >
                {t('doubt.action')}
              </button>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
