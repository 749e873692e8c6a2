import type { ReactNode } from 'react';
import type { CheckinVerdict } from '../../../shared/checkin/verdict';
import type { DayView } from '../api/api';
import type { VerdictState } from './verdict-state';
import { verdictKindOf, VERDICT_HOLD_MS } from './verdict-state';
import { useDeviceClock } from '../clock/device-clock';
import { formatEventTime, roomDisplayName } from '../format';
import { refusalText, useT, type Translate } from '../i18n/i18n';
import { ID_FAILURES_EN } from '../i18n/refusals-en';
import { useCandidatePhoto } from './door-api';
import { awaitingBody, idTypeBody, lateBody, mismatchBody, withdrawnBody, wrongSessionBody } from './VerdictBodies';
import { useUiStore, type Language } from '../state/ui-store';

/** A barcode drawn with boxes: the block glyphs it used to be are missing from many CJK fonts. */
const BARCODE_BARS = [6, 3, 9, 3, 3, 6, 9, 3, 6, 3, 3, 9, 6, 3];

interface Props {
  state: VerdictState;
  serial: number;
  rooms: DayView['rooms'];
  /** How long this state stays up (the timer bar runs over it). */
  holdMs?: number;
  /** Opens the 主监考's approval for a late candidate. */
  onApproveLate?: () => void;
  /** 存疑入场 for the candidate just admitted (photo does not match, document looks wrong). */
  onDoubt?: () => void;
  /** 撤销入场 for the candidate just admitted (the wrong person was scanned in). */
  onRevoke?: () => void;
  /** The admitted candidate is flagged 存疑. */
  inDoubt?: boolean;
  /** The late candidate is on the room's confirmed 缺考 list: only the 主考 or 副主考 may correct it. */
  lateConfirmedAbsent?: boolean;
}

/** Whose photo the proctor compares with the face: the candidate a ticket or ID named. */
function photoTicket(state: VerdictState): string | null {
  if (state.kind !== 'verdict') return null;
  const v = state.verdict;
  if (v.kind === 'mismatch') return v.ticketCandidate.ticketNo;
  if (v.kind === 'admitted' || v.kind === 'awaiting-id' || v.kind === 'awaiting-ticket' || v.kind === 'late') return v.candidate.ticketNo;
  return null;
}

/**
 * The big panel at the door. It paints only what the core answered for the last scan; while the
 * answer is on its way it says so, and it never guesses.
 */
export function VerdictPanel({ state, serial, rooms, holdMs = VERDICT_HOLD_MS, onApproveLate, onDoubt, onRevoke, inDoubt = false, lateConfirmedAbsent = false }: Props) {
  const t = useT();
  const language = useUiStore((s) => s.language);
  const kind = verdictKindOf(state);
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  const photoFor = photoTicket(state);
  const photo = useCandidatePhoto(photoFor);
  return (
    <section
      className={`verdict verdict-${kind}${photo ? ' verdict-with-photo' : ''}`}
      data-testid="verdict"
      data-verdict={kind}
      aria-live="assertive"
      aria-atomic="true"
    >
      {photo && (
        <figure className="verdict-photo" data-testid="verdict-photo">
          <img src={photo} alt={t('verdict.photoAlt')} />
          <figcaption>{t('verdict.photoCompare')}</figcaption>
        </figure>
      )}
      <div className="verdict-body">{body(state, { rooms, t, offsetMs, language, onApproveLate, onDoubt, onRevoke, inDoubt, lateConfirmedAbsent })}</div>
      {(state.kind === 'verdict' || state.kind === 'error') && (
        <div key={serial} className="verdict-timer" style={{ animationDuration: `${holdMs}ms` }} aria-hidden="true" />
      )}
    </section>
  );
}

/** What the panel's bodies need besides the state: one bundle, not eight positional arguments. */
interface BodyContext {
  rooms: DayView['rooms'];
  t: Translate;
  offsetMs: number | null;
  language: Language;
  onApproveLate: (() => void) | undefined;
  onDoubt: (() => void) | undefined;
  onRevoke: (() => void) | undefined;
  inDoubt: boolean;
  lateConfirmedAbsent: boolean;
}

function body(state: VerdictState, context: BodyContext): ReactNode {
  const { t } = context;
  switch (state.kind) {
    case 'ready':
      return (
        <>
          <div className="verdict-icon" aria-hidden="true">
            {BARCODE_BARS.map((width, i) => (
              <span key={i} style={{ width }} />
            ))}
          </div>
          <div className="verdict-headline">{t('verdict.ready')}</div>
          <div className="verdict-hint">{t('verdict.readyHint')}</div>
        </>
      );
    case 'pending':
      return <div className="verdict-headline">{t('verdict.pending')}</div>;
    case 'error':
      return (
        <>
          <div className="verdict-headline">{t('verdict.error')}</div>
          <div className="verdict-reason">{refusalText(context.language, state)}</div>
          <div className="verdict-hint">{t('verdict.errorHint')}</div>
        </>
      );
    case 'verdict':
      return verdictBody(state.verdict, context);
  }
}

function verdictBody(
  verdict: CheckinVerdict,
  { rooms, t, offsetMs, language, onApproveLate, onDoubt, onRevoke, inDoubt, lateConfirmedAbsent }: BodyContext,
): ReactNode {
  switch (verdict.kind) {
    case 'mismatch':
      return mismatchBody(verdict, t);
    case 'id-type-not-accepted':
      return idTypeBody(verdict, t, language);
    case 'late':
      return lateBody(verdict, t, onApproveLate, lateConfirmedAbsent);
    case 'wrong-session':
      return wrongSessionBody(verdict, t);
    case 'withdrawn':
      return withdrawnBody(verdict, t, rooms, offsetMs);
    case 'awaiting-id':
    case 'awaiting-ticket':
      return awaitingBody(verdict, t);
    case 'admitted': {
      const c = verdict.candidate;
      return (
        <>
          <div className="verdict-headline">{t('verdict.admitted')}</div>
          <div className="verdict-name">{c.name}</div>
          <div className="verdict-seat">{t('verdict.seat', { seat: c.seatNo })}</div>
          <div className="verdict-detail">{t('verdict.occupation', { occupation: c.occupation, level: c.level })}</div>
          <div className="verdict-instruction">{t('verdict.sign')}</div>
          {inDoubt && (
            <div className="verdict-doubt-flag" data-testid="verdict-doubt">
              {t('doubt.verdictFlag')}
            </div>
          )}
          <div className="verdict-actions">
            {onDoubt && (
              <button type="button" className="verdict-action verdict-action-doubt" data-testid="admit-in-doubt" onClick={onDoubt}>
                {t('doubt.action')}
              </button>
            )}
            {onRevoke && (
              <button type="button" className="verdict-action verdict-action-revoke" data-testid="verdict-revoke" onClick={onRevoke}>
                {t('revoke.action')}
              </button>
            )}
          </div>
        </>
      );
    }
    case 'wrong-room': {
      const c = verdict.candidate;
      const room = rooms.find((r) => r.roomNo === c.roomNo);
      return (
        <>
          <div className="verdict-headline">{t('verdict.wrongRoom')}</div>
          <div className="verdict-name verdict-name-medium">{c.name}</div>
          <div className="verdict-seat">{t('verdict.goTo', { room: roomDisplayName(c.roomNo, rooms, t), seat: c.seatNo })}</div>
          {room?.location && <div className="verdict-detail">{room.location}</div>}
        </>
      );
    }
    case 'not-on-roster':
      return (
        <>
          <div className="verdict-headline">{t('verdict.notOnRoster')}</div>
          <div className="verdict-detail verdict-mono">{t('verdict.input', { input: verdict.inputMasked })}</div>
          <div className="verdict-instruction">{t('verdict.notOnRosterHint')}</div>
        </>
      );
    case 'already-admitted': {
      const c = verdict.candidate;
      // Where and by whom, as people say it (第2考场门口 · 李秀云 08:06): never a device's id.
      return (
        <>
          <div className="verdict-headline">{t('verdict.alreadyAdmitted')}</div>
          <div className="verdict-name verdict-name-medium">{c.name}</div>
          <div className="verdict-seat verdict-seat-small" data-testid="already-where">
            {t('verdict.admittedWhere', {
              door: t('verdict.roomDoor', { room: roomDisplayName(verdict.admittedInRoomNo, rooms, t) }),
              person: verdict.admittedByName ?? t('verdict.unknownPerson'),
              time: formatEventTime(verdict.admittedAt, offsetMs).slice(0, 5),
            })}
          </div>
          <div className="verdict-instruction">{t('verdict.alreadyHint')}</div>
        </>
      );
    }
    case 'invalid-id':
      return (
        <>
          <div className="verdict-headline">{t('verdict.invalidId')}</div>
          <div className="verdict-reason">{language === 'en' && verdict.code ? ID_FAILURES_EN[verdict.code] : verdict.reason}</div>
          <div className="verdict-detail verdict-mono">{t('verdict.input', { input: verdict.inputMasked })}</div>
          <div className="verdict-instruction">{t('verdict.invalidIdHint')}</div>
        </>
      );
  }
}
