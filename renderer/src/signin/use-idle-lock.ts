import { useEffect, useRef } from 'react';
import { isIdleFor } from '../../../shared/staffing/idle-lock';

/** What a door does that no key or touch shows: a code read by the camera. */
const DOOR_ACTIVITY_EVENT = 'examday:door-activity';
const ACTIVITY = ['keydown', 'pointerdown', 'touchstart', 'wheel', DOOR_ACTIVITY_EVENT] as const;
const CHECK_EVERY_MS = 1000;

/** A scan by camera counts as use, like a scanner burst's keys. */
export function noteDoorActivity(): void {
  window.dispatchEvent(new Event(DOOR_ACTIVITY_EVENT));
}

/**
 * Calls `onIdle` once the window has had no key, touch, click or wheel for `quietMs` of real time
 * (a scanner burst is keys, so a scan counts; a camera scan is noted by noteDoorActivity). Real time, not the day's clock: see idle-lock.ts.
 */
export function useIdleLock(quietMs: number, onIdle: () => void, enabled: boolean): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    let last = performance.now();
    const touched = (): void => {
      last = performance.now();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touched, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (isIdleFor(last, performance.now(), quietMs)) onIdleRef.current();
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, touched, { capture: true });
    };
  }, [quietMs, enabled]);
}
