import { useEffect, useRef } from 'react';
import { BurstDetector, DEFAULT_MAX_INTER_KEY_MS, type BurstEvent } from './burst-detector';

/** Where typing belongs to a field: the detector stays out of the way. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type);
  }
  return false;
}

export interface ScannerOptions {
  enabled?: boolean;
  maxInterKeyMs?: number;
}

/** Real quiet time after the last key before a burst with no suffix is taken as finished. */
export function idleDelayMs(maxInterKeyMs: number): number {
  // Well past the limit, and never under 300 ms: a busy laptop may hold keys back for a moment, and
  // ending a burst early would send half a number. Scanners that send Enter or Tab never wait for it.
  return Math.max(3 * maxInterKeyMs, 300);
}

/**
 * Takes keyboard-wedge scans (a fast burst of keys ending in Enter, Tab or nothing) at the window
 * level, so the proctor never has to click into a field first. Keys it takes are not passed on (an
 * Enter or Tab ending a scan must not press or move to a button); typing into a field is left alone.
 */
export function useScanner(onScan: (text: string) => void, options: ScannerOptions = {}): void {
  const { enabled = true, maxInterKeyMs = DEFAULT_MAX_INTER_KEY_MS } = options;
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  });

  useEffect(() => {
    if (!enabled) return undefined;
    const detector = new BurstDetector({ maxInterKeyMs });
    let idleTimer: number | undefined;
    /** The last key's time on the keys' clock, and when (real time) it arrived. */
    let lastKey = { stamp: 0, arrived: 0 };
    const handle = (events: BurstEvent[]): boolean => {
      let consumed = false;
      for (const e of events) {
        if (e.type === 'buffered' || e.type === 'late-suffix') consumed = true;
        if (e.type === 'burst') {
          consumed = true;
          onScanRef.current(e.text);
        }
      }
      return consumed;
    };
    // A scanner with no suffix: the burst ends once the keys have been quiet for a while.
    const onIdle = (): void => {
      idleTimer = undefined;
      handle(detector.idle(lastKey.stamp + (performance.now() - lastKey.arrived)));
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.repeat || isTextEntry(event.target) || isTextEntry(document.activeElement)) {
        detector.reset();
        return;
      }
      const consumed = handle(detector.push(event.key, event.timeStamp));
      window.clearTimeout(idleTimer);
      idleTimer = undefined;
      if (detector.pending) {
        lastKey = { stamp: event.timeStamp, arrived: performance.now() };
        idleTimer = window.setTimeout(onIdle, idleDelayMs(maxInterKeyMs));
      }
      if (consumed) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.clearTimeout(idleTimer);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, [enabled, maxInterKeyMs]);
}
