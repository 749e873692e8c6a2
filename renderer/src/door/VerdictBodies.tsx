import type { ReactNode } from 'react';
import { ID_DOCUMENT_TYPE_LABELS } from '../../../shared/domain/labels';
import type { CheckinVerdict } from '../../../shared/checkin/verdict';
import type { Translate } from '../i18n/i18n';
import type { DayView } from '../api/api';
import { formatEventTime, roomDisplayName } from '../format';
import type { Language } from '../state/ui-store';

type Of<K extends CheckinVerdict['kind']> = Extract<CheckinVerdict, { kind: K }>;

/** The verdicts issue 4 added, one body each; VerdictPanel draws the older ones and the frame. */
export function mismatchBody(v: Of<'mismatch'>, t: Translate): ReactNode {
  return (
    <>
      <div className="verdict-headline">{t('verdict.mismatch')}</div>
      <div className="verdict-reason" data-testid="mismatch-meaning">
        {t('verdict.mismatchMeaning')}
      </div>
      <div className="verdict-pair">
        <div className="verdict-pair-item" data-testid="mismatch-ticket">
          <div className="verdict-pair-label">{t('verdict.mismatchTicket')}</div>
          <div className="verdict-pair-name">{v.ticketCandidate.name}</div>
          <div className="verdict-detail">{t('verdict.seat', { seat: v.ticketCandidate.seatNo })}</div>
        </div>
        <div className="verdict-pair-item" data-testid="mismatch-id">
          <div className="verdict-pair-label">{t('verdict.mismatchId')}</div>
          <div className="verdict-pair-name">{v.idCandidate.name}</div>
          <div className="verdict-detail verdict-mono">{v.idCandidate.idMasked}</div>
        </div>
      </div>
      <div className="verdict-instruction">{t('verdict.mismatchHint')}</div>
    </>
  );
}

export function idTypeBody(v: Of<'id-type-not-accepted'>, t: Translate, language: Language): ReactNode {
  const label = (type: keyof typeof ID_DOCUMENT_TYPE_LABELS) => ID_DOCUMENT_TYPE_LABELS[type][language];
  return (
    <>
      <div className="verdict-headline">{t('verdict.idTypeNotAccepted')}</div>
      {v.candidate && <div className="verdict-name verdict-name-medium">{v.candidate.name}</div>}
      <div className="verdict-reason">{t('verdict.idTypeShown', { type: label(v.idType) })}</div>
      <div className="verdict-detail">{t('verdict.idTypeAccepted', { accepted: v.accepted.map(label).join(language === 'zh' ? '、' : ', ') })}</div>
      <div className="verdict-instruction">{t('verdict.idTypeHint')}</div>
    </>
  );
}

/** `confirmedAbsent`: the 主监考 has confirmed this candidate as 缺考; only the 主考 or 副主考 may correct it. */
export function lateBody(v: Of<'late'>, t: Translate, onApprove: (() => void) | undefined, confirmedAbsent: boolean): ReactNode {
  return (
    <>
      <div className="verdict-headline">{t('verdict.late')}</div>
      <div className="verdict-name verdict-name-medium">{v.candidate.name}</div>
      <div className="verdict-seat verdict-seat-small">{t('verdict.lateDetail', { time: v.lateFrom })}</div>
      <div className="verdict-instruction" data-testid="late-hint">
        {t(confirmedAbsent ? 'verdict.lateConfirmedAbsentHint' : 'verdict.lateHint')}
      </div>
      {onApprove && (
        <button type="button" className="verdict-action" data-testid="approve-late" onClick={onApprove}>
          {t(confirmedAbsent ? 'verdict.correctAbsence' : 'verdict.approveLate')}
        </button>
      )}
    </>
  );
}

export function wrongSessionBody(v: Of<'wrong-session'>, t: Translate): ReactNode {
  return (
    <>
      <div className="verdict-headline">{t('verdict.wrongSession')}</div>
      <div className="verdict-name verdict-name-medium">{v.candidate.name}</div>
      <div className="verdict-seat verdict-seat-small">{t('verdict.wrongSessionDetail', { date: v.session.date, time: v.session.startTime })}</div>
      <div className="verdict-instruction">{t('verdict.wrongSessionHint')}</div>
    </>
  );
}

export function awaitingBody(v: Of<'awaiting-id'> | Of<'awaiting-ticket'>, t: Translate): ReactNode {
  const needsId = v.kind === 'awaiting-id';
  return (
    <>
      <div className="verdict-headline">{needsId ? t('verdict.awaitingId') : t('verdict.awaitingTicket')}</div>
      <div className="verdict-name verdict-name-medium">{v.candidate.name}</div>
      <div className="verdict-docs">
        <span className={needsId ? 'doc-done' : 'doc-missing'}>{needsId ? t('verdict.docTicketDone') : t('verdict.docTicketMissing')}</span>
        <span className={needsId ? 'doc-missing' : 'doc-done'}>{needsId ? t('verdict.docIdMissing') : t('verdict.docIdDone')}</span>
      </div>
      <div className="verdict-hint">{t('verdict.awaitingHint')}</div>
    </>
  );
}

/** 已退考: who they were on the roster, when and by whom they were withdrawn, and why. */
export function withdrawnBody(v: Of<'withdrawn'>, t: Translate, rooms: DayView['rooms'], offsetMs: number | null): ReactNode {
  const c = v.candidate;
  return (
    <>
      <div className="verdict-headline">{t('verdict.withdrawn')}</div>
      <div className="verdict-name verdict-name-medium">{c.name}</div>
      <div className="verdict-detail" data-testid="withdrawn-was">
        {t('verdict.withdrawnWas', { room: roomDisplayName(c.roomNo, rooms, t), seat: c.seatNo })}
        {c.idMasked && <span className="verdict-mono"> · {c.idMasked}</span>}
      </div>
      <div className="verdict-seat verdict-seat-small" data-testid="withdrawn-when">
        {t('verdict.withdrawnWhen', { time: formatEventTime(v.withdrawnAt, offsetMs).slice(0, 5), person: v.withdrawnByName })}
      </div>
      <div className="verdict-reason" data-testid="withdrawn-reason">
        {t('verdict.withdrawnReason', { reason: v.reason })}
      </div>
      <div className="verdict-instruction">{t('verdict.withdrawnHint')}</div>
    </>
  );
}
