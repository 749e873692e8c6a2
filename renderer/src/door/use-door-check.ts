import { useCallback, useEffect, useRef, useState } from 'react';
import { normalizeIdInput } from '../../../shared/id/id-number';
import { useCheckIn, type CheckInMethod } from '../api/api';
import { playVerdictTone } from '../audio/tones';
import type { DoorChoice } from '../state/ui-store';
import { VERDICT_HOLD_MS, verdictKindOf, type VerdictState } from './verdict-state';

export interface DoorCheck {
  state: VerdictState;
  /** Increments with each check, so views can restart animations. */
  serial: number;
  submit: (raw: string, method: CheckInMethod) => void;
}

/**
 * One door's check-in loop: send, show "pending" until the core's answer (sent after the event is
 * committed), paint exactly that answer, sound its tone, fall back to "ready" after a while.
 * A newer scan replaces an older one at once; an older answer arriving late is not shown.
 */
export function useDoorCheck(door: DoorChoice, onChecked: () => void, holdMs = VERDICT_HOLD_MS): DoorCheck {
  const checkIn = useCheckIn();
  const [state, setState] = useState<VerdictState>({ kind: 'ready' });
  const [serial, setSerial] = useState(0);
  const seqRef = useRef(0);
  const timerRef = useRef<number | undefined>(undefined);
  const onCheckedRef = useRef(onChecked);
  useEffect(() => {
    onCheckedRef.current = onChecked;
  });
  useEffect(() => () => window.clearTimeout(timerRef.current), []);

  const submit = useCallback(
    (raw: string, method: CheckInMethod) => {
      const input = normalizeIdInput(raw);
      if (input === '') return;
      const seq = ++seqRef.current;
      window.clearTimeout(timerRef.current);
      setState({ kind: 'pending' });
      setSerial(seq);
      void checkIn({ roomNo: door.roomNo, input, method, actorStaffId: door.staffId }).then((result) => {
        onCheckedRef.current();
        if (seq !== seqRef.current) return;
        const next: VerdictState = result.ok
          ? { kind: 'verdict', verdict: result.value.verdict, committedAt: result.value.committedAt }
          : { kind: 'error', message: result.error.message };
        setState(next);
        playVerdictTone(verdictKindOf(next));
        timerRef.current = window.setTimeout(() => {
          if (seq === seqRef.current) setState({ kind: 'ready' });
        }, holdMs);
      });
    },
    [checkIn, door.roomNo, door.staffId, holdMs],
  );

  return { state, serial, submit };
}
