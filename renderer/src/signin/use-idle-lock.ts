import { useEffect, useRef } from 'react';
import { isIdleFor } from '../../../shared/staffing/idle-lock';

const ACTIVITY = ['keydown', 'pointerdown', 'touchstart', 'wheel'] as const;
const CHECK_EVERY_MS = 1000;

/**
 * Calls `onIdle` once the window has had no key, touch, click or wheel for `quietMs` of real time
 * (a scanner burst is keys, so a scan counts). Real time, not the day's clock: see idle-lock.ts.
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
