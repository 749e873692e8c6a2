import { useState } from 'react';
import type { CandidateSummary, OverrideReason } from '../../../shared/checkin/verdict';
import type { DayView } from '../api/api';
import { Dialog } from '../components/Dialog';
import { roomDisplayName } from '../format';
import { useRoleLabel, useT } from '../i18n/i18n';
import { useAdmitWithReason, useCandidateSearch, type AdmitAnswer } from './door-api';

/** The manual reasons, in the order the proctor reads them (issue 4: 证件损坏, 扫码失败, 临时身份证明, 其他). */
const MANUAL_REASONS: readonly OverrideReason[] = ['document-damaged', 'scan-failed', 'temporary-id', 'other'];
const LATE_APPROVER_ROLES = new Set(['chief-examiner', 'deputy-chief-examiner']);

export type AdmitMode = { kind: 'manual' } | { kind: 'late'; candidate: CandidateSummary };

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
 * (the 主监考 approves). The core records who and why before it answers; a refusal is shown here.
 */
export function AdmitDialog({ mode, roomNo, doorStaffId, day, onAdmitted, onClose }: Props) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const admit = useAdmitWithReason();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<CandidateSummary | null>(mode.kind === 'late' ? mode.candidate : null);
  const [reason, setReason] = useState<OverrideReason | null>(mode.kind === 'late' ? 'late-approved' : null);
  const [note, setNote] = useState('');
  const approvers = day.staff.filter((s) => (s.role === 'chief-proctor' && s.roomNo === roomNo) || LATE_APPROVER_ROLES.has(s.role));
  const [approverId, setApproverId] = useState(approvers[0]?.staffId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useCandidateSearch(roomNo, mode.kind === 'manual' && chosen === null ? query : '');

  const submit = async () => {
    if (!chosen) return;
    if (!reason) {
      setError(t('admit.reasonRequired'));
      return;
    }
    if (reason === 'other' && note.trim() === '') {
      setError(t('admit.noteRequired'));
      return;
    }
    setBusy(true);
    const result = await admit({
      roomNo,
      ticketNo: chosen.ticketNo,
      reason,
      ...(note.trim() ? { note: note.trim() } : {}),
      actorStaffId: mode.kind === 'late' ? approverId : doorStaffId,
    });
    setBusy(false);
    if (result.ok) onAdmitted(result.value);
    else setError(result.error.message);
  };

  return (
    <Dialog
      title={mode.kind === 'late' ? t('admit.lateTitle') : t('admit.searchTitle')}
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
                    setError(null);
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
            </div>
            {mode.kind === 'manual' && (
              <button type="button" className="admit-change" onClick={() => setChosen(null)}>
                {t('admit.change')}
              </button>
            )}
          </div>
          {mode.kind === 'manual' ? (
            <fieldset className="admit-reasons">
              <legend>{t('admit.reason')}</legend>
              {MANUAL_REASONS.map((r) => (
                <label key={r} className="admit-reason">
                  <input type="radio" name="admit-reason" checked={reason === r} data-testid={`admit-reason-${r}`} onChange={() => {
                      setReason(r);
                      setError(null);
                    }}
                  />
                  <span>{t(`admit.reason.${r}`)}</span>
                </label>
              ))}
            </fieldset>
          ) : (
            <>
              <p className="admit-late-note">{t('admit.lateNote')}</p>
              <label className="admit-label" htmlFor="admit-approver">
                {t('admit.approver')}
              </label>
              <select id="admit-approver" className="admit-select" data-testid="admit-approver" value={approverId} onChange={(e) => setApproverId(e.target.value)}>
                {approvers.map((s) => (
                  <option key={s.staffId} value={s.staffId}>
                    {s.name}（{roleLabel(s.role)}）
                  </option>
                ))}
              </select>
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
            placeholder={reason === 'other' ? t('admit.notePlaceholderOther') : t('admit.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {error && (
            <div className="admit-error" role="alert" data-testid="admit-error">
              {error}
            </div>
          )}
          <button type="button" className="admit-submit" data-testid="admit-submit" disabled={busy} onClick={() => void submit()}>
            {mode.kind === 'late' ? t('admit.submitLate') : t('admit.submit')}
          </button>
        </div>
      )}
    </Dialog>
  );
}
