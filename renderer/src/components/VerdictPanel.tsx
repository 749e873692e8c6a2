import type { ReactNode } from 'react';
import type { CheckinVerdict } from '../../../shared/checkin/verdict';
import type { DayView } from '../api/api';
import type { VerdictState } from '../door/verdict-state';
import { verdictKindOf, VERDICT_HOLD_MS } from '../door/verdict-state';
import { useDeviceClock } from '../clock/device-clock';
import { formatEventTime, roomDisplayName } from '../format';
import { useT, type Translate } from '../i18n/i18n';

/** A barcode drawn with boxes: the block glyphs it used to be are missing from many CJK fonts. */
const BARCODE_BARS = [6, 3, 9, 3, 3, 6, 9, 3, 6, 3, 3, 9, 6, 3];

interface Props {
  state: VerdictState;
  serial: number;
  rooms: DayView['rooms'];
}

/**
 * The big panel at the door. It paints only what the core answered for the last scan; while the
 * answer is on its way it says so, and it never guesses.
 */
export function VerdictPanel({ state, serial, rooms }: Props) {
  const t = useT();
  const kind = verdictKindOf(state);
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  return (
    <section className={`verdict verdict-${kind}`} data-testid="verdict" data-verdict={kind} aria-live="assertive" aria-atomic="true">
      <div className="verdict-body">{body(state, rooms, t, offsetMs)}</div>
      {(state.kind === 'verdict' || state.kind === 'error') && (
        <div key={serial} className="verdict-timer" style={{ animationDuration: `${VERDICT_HOLD_MS}ms` }} aria-hidden="true" />
      )}
    </section>
  );
}

function body(state: VerdictState, rooms: DayView['rooms'], t: Translate, offsetMs: number | null): ReactNode {
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
          <div className="verdict-reason">{state.message}</div>
          <div className="verdict-hint">{t('verdict.errorHint')}</div>
        </>
      );
    case 'verdict':
      return verdictBody(state.verdict, rooms, t, offsetMs);
  }
}

function verdictBody(verdict: CheckinVerdict, rooms: DayView['rooms'], t: Translate, offsetMs: number | null): ReactNode {
  switch (verdict.kind) {
    case 'admitted': {
      const c = verdict.candidate;
      return (
        <>
          <div className="verdict-headline">{t('verdict.admitted')}</div>
          <div className="verdict-name">{c.name}</div>
          <div className="verdict-seat">{t('verdict.seat', { seat: c.seatNo })}</div>
          <div className="verdict-detail">{t('verdict.occupation', { occupation: c.occupation, level: c.level })}</div>
          <div className="verdict-instruction">{t('verdict.sign')}</div>
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
      return (
        <>
          <div className="verdict-headline">{t('verdict.alreadyAdmitted')}</div>
          <div className="verdict-name verdict-name-medium">{c.name}</div>
          <div className="verdict-seat verdict-seat-small">
            {t('verdict.alreadyDetail', {
              time: formatEventTime(verdict.admittedAt, offsetMs),
              room: roomDisplayName(verdict.admittedInRoomNo, rooms, t),
            })}
          </div>
          <div className="verdict-detail verdict-mono">{t('verdict.device', { device: verdict.admittedByDeviceId })}</div>
          <div className="verdict-instruction">{t('verdict.alreadyHint')}</div>
        </>
      );
    }
    case 'invalid-id':
      return (
        <>
          <div className="verdict-headline">{t('verdict.invalidId')}</div>
          <div className="verdict-reason">{verdict.reason}</div>
          <div className="verdict-detail verdict-mono">{t('verdict.input', { input: verdict.inputMasked })}</div>
          <div className="verdict-instruction">{t('verdict.invalidIdHint')}</div>
        </>
      );
  }
}
