import { useEffect, useRef } from 'react';
import { BurstDetector, DEFAULT_MAX_INTER_KEY_MS } from './burst-detector';

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

/**
 * Takes keyboard-wedge scans (a fast burst of keys ending in Enter) at the window level, so the
 * proctor never has to click into a field first. Keys it takes are not passed on (an Enter ending
 * a scan must not press whichever button has the focus); typing into a field is left alone.
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
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.repeat || isTextEntry(event.target) || isTextEntry(document.activeElement)) {
        detector.reset();
        return;
      }
      const events = detector.push(event.key, event.timeStamp);
      let consumed = false;
      for (const e of events) {
        if (e.type === 'buffered') consumed = true;
        if (e.type === 'burst') {
          consumed = true;
          onScanRef.current(e.text);
        }
      }
      if (consumed) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled, maxInterKeyMs]);
}
