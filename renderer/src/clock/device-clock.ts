import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { ClockState } from '../api/api';
import { correctedNowAt, deviceNowAt, type ClockSample } from './clock-math';

/**
 * The one clock of the renderer. ClockSync feeds it the core's answers; screens read `useNow`.
 * Nothing else in the UI reads the machine's clock: in a rehearsal or a test the core's clock is
 * virtual, and after a clock check the office's time is what counts.
 */
interface DeviceClockState {
  sample: ClockSample | null;
  state: ClockState | null;
  /** Bumped to ask ClockSync for a fresh answer now (after a clock check, a rehearsal start…). */
  refreshSerial: number;
  receive: (state: ClockState, receivedAtPerf: number) => void;
  requestRefresh: () => void;
}

export const useDeviceClock = create<DeviceClockState>()((set) => ({
  sample: null,
  state: null,
  refreshSerial: 0,
  receive: (state, receivedAtPerf) =>
    set({ state, sample: { deviceNowMs: state.deviceNowMs, speed: state.speed, offsetMs: state.offsetMs, receivedAtPerf } }),
  requestRefresh: () => set((s) => ({ refreshSerial: s.refreshSerial + 1 })),
}));

export interface Now {
  /** The office's time (corrected by the last clock check): what screens show and reckon with. */
  correctedMs: number;
  /** The core's own clock: what events carry, so compare event times with this. */
  deviceMs: number;
}

function readNow(sample: ClockSample | null): Now {
  if (sample === null) {
    // Before the core's first answer only; a few hundred ms at start-up.
    const ms = Date.now();
    return { correctedMs: ms, deviceMs: ms };
  }
  const perf = performance.now();
  return { correctedMs: correctedNowAt(sample, perf), deviceMs: deviceNowAt(sample, perf) };
}

/** The clock, re-read every `intervalMs`. */
export function useNow(intervalMs = 250): Now {
  const [now, setNow] = useState(() => readNow(useDeviceClock.getState().sample));
  useEffect(() => {
    const tick = () => setNow(readNow(useDeviceClock.getState().sample));
    const timer = window.setInterval(tick, intervalMs);
    // A new answer (clock check, rehearsal) shows at once rather than at the next tick.
    const unsubscribe = useDeviceClock.subscribe((s, prev) => {
      if (s.sample !== prev.sample) tick();
    });
    return () => {
      window.clearInterval(timer);
      unsubscribe();
    };
  }, [intervalMs]);
  return now;
}

/** The rehearsal in progress, or null for the real day. */
export function useRehearsal(): ClockState['rehearsal'] {
  return useDeviceClock((s) => s.state?.rehearsal ?? null);
}
