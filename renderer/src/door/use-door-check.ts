import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { normalizeIdInput } from '../../../shared/id/id-number';
import { useCheckIn, type CheckInMethod } from '../api/api';
import { playVerdictTone } from '../audio/tones';
import type { DoorChoice } from '../state/ui-store';
import { PAIR_TIMEOUT_MS } from '../../../shared/checkin/decide-checkin';
import type { CheckinVerdict } from '../../../shared/checkin/verdict';
import { afterNextPaint } from './after-paint';
import { VERDICT_HOLD_MS, verdictKindOf, type VerdictState } from './verdict-state';

export interface DoorCheck {
  state: VerdictState;
  /** Increments with each check, so views can restart animations. */
  serial: number;
  /** How long the current state stays before the panel returns to ready by itself (ms). */
  holdMs: number;
  submit: (raw: string, method: CheckInMethod) => void;
  /** Shows an answer the core gave another way (admission with a reason, the half pair after a reload). */
  show: (answer: { verdict: CheckinVerdict; committedAt: string }, options?: { silent?: boolean }) => void;
  /** Back to ready at once (the admission on the panel was just revoked). */
  reset: () => void;
}

/** An answer as drawn, handed to `onChecked` after its frame (null: nothing new was drawn, or silently). */
export interface PaintedAnswer {
  serial: number;
  state: VerdictState;
}

/**
 * A verdict stays up for the usual hold; a half pair as long as the core keeps it (the second
 * document may take a while to find), a late verdict long enough for the 主监考 to come and decide.
 */
export function holdFor(state: VerdictState, holdMs: number): number {
  if (state.kind !== 'verdict') return holdMs;
  const kind = state.verdict.kind;
  if (kind === 'awaiting-id' || kind === 'awaiting-ticket') return PAIR_TIMEOUT_MS;
  if (kind === 'late') return Math.max(holdMs, LATE_HOLD_MS);
  return holdMs;
}

const LATE_HOLD_MS = 30_000;

/**
 * One door's check-in loop: send, show "pending" until the core's answer (sent after the event is
 * committed), paint exactly that answer, sound its tone, fall back to "ready" after a while.
 * A newer scan replaces an older one at once; an older answer arriving late is not shown.
 * `onChecked` (the roster refresh) runs only once the answer's frame is drawn: its request, the
 * core's work on it and the re-render it causes would otherwise delay the verdict on screen.
 */
export function useDoorCheck(door: DoorChoice, onChecked: (painted: PaintedAnswer | null) => void, holdMs = VERDICT_HOLD_MS): DoorCheck {
  const checkIn = useCheckIn();
  const [state, setState] = useState<VerdictState>({ kind: 'ready' });
  const [serial, setSerial] = useState(0);
  const [currentHold, setCurrentHold] = useState(holdMs);
  const seqRef = useRef(0);
  const timerRef = useRef<number | undefined>(undefined);
  const onCheckedRef = useRef(onChecked);
  useEffect(() => {
    onCheckedRef.current = onChecked;
  });
  useEffect(() => () => window.clearTimeout(timerRef.current), []);

  // Set when an answer came in; the next commit (the one that shows it) schedules onChecked after its frame.
  const checkedRef = useRef(false);
  const paintedRef = useRef<PaintedAnswer | null>(null);
  const cancelCheckedRef = useRef<(() => void) | undefined>(undefined);
  useLayoutEffect(() => {
    if (!checkedRef.current) return;
    checkedRef.current = false;
    const painted = paintedRef.current;
    paintedRef.current = null;
    cancelCheckedRef.current?.();
    cancelCheckedRef.current = afterNextPaint(() => onCheckedRef.current(painted));
  });
  useEffect(() => () => cancelCheckedRef.current?.(), []);

  const submit = useCallback(
    (raw: string, method: CheckInMethod) => {
      const input = normalizeIdInput(raw);
      if (input === '') return;
      const seq = ++seqRef.current;
      window.clearTimeout(timerRef.current);
      setState({ kind: 'pending' });
      setSerial(seq);
      void checkIn({ roomNo: door.roomNo, input, method, actorStaffId: door.staffId }).then((result) => {
        // A stale answer paints nothing: the newer scan's commit picks the refresh up.
        checkedRef.current = true;
        if (seq !== seqRef.current) return;
        paint(
          seq,
          result.ok ? { kind: 'verdict', verdict: result.value.verdict, committedAt: result.value.committedAt } : { kind: 'error', message: result.error.message, refusal: result.error.refusal },
          false,
        );
      });
    },
    // paint is stable: it only touches refs and state setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [checkIn, door.roomNo, door.staffId, holdMs],
  );

  function paint(seq: number, next: VerdictState, silent: boolean): void {
    const hold = holdFor(next, holdMs);
    paintedRef.current = silent ? null : { serial: seq, state: next };
    setState(next);
    setCurrentHold(hold);
    if (!silent) playVerdictTone(verdictKindOf(next));
    window.clearTimeout(timerRef.current);
    timerRef.current = window.setTimeout(() => {
      if (seq === seqRef.current) setState({ kind: 'ready' });
    }, hold);
  }

  const show = useCallback(
    (answer: { verdict: CheckinVerdict; committedAt: string }, options: { silent?: boolean } = {}) => {
      const seq = ++seqRef.current;
      setSerial(seq);
      checkedRef.current = true;
      paint(seq, { kind: 'verdict', verdict: answer.verdict, committedAt: answer.committedAt }, options.silent ?? false);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [holdMs],
  );

  const reset = useCallback(() => {
    ++seqRef.current;
    window.clearTimeout(timerRef.current);
    setState({ kind: 'ready' });
  }, []);

  return { state, serial, holdMs: currentHold, submit, show, reset };
}
