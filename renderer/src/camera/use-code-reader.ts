import { useEffect, useRef, useState, type RefObject } from 'react';
import { DecoderClient, type WorkerStatus } from './decoder-client';
import type { DecodedCode } from './protocol';
import { DEFAULT_REPEAT_WINDOW_MS, RepeatFilter } from './repeat-filter';

/** A code as found in one frame, with that frame's size (for drawing its outline). */
export interface FoundCode {
  code: DecodedCode;
  frameWidth: number;
  frameHeight: number;
  at: number;
}

export interface CodeReaderOptions {
  formats?: readonly string[];
  repeatWindowMs?: number;
}

/** How often the loop looks for a frame to send; the gate keeps it to ~10 a second and one at a time. */
const TICK_MS = 40;

/**
 * Reads codes continuously from the playing video: grabs a frame only when the worker is free,
 * hands it over as an ImageBitmap (transferred, no copy on the UI thread), and passes each new
 * code to `onCode` once (RepeatFilter). Returns the last code found, for the overlay.
 */
export function useCodeReader(
  videoRef: RefObject<HTMLVideoElement | null>,
  running: boolean,
  onCode: (text: string, code: DecodedCode) => void,
  options: CodeReaderOptions = {},
): { found: FoundCode | null; worker: WorkerStatus | null } {
  const [found, setFound] = useState<FoundCode | null>(null);
  const [worker, setWorker] = useState<WorkerStatus | null>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });
  const formatsKey = (options.formats ?? []).join(',');
  const repeatWindowMs = options.repeatWindowMs ?? DEFAULT_REPEAT_WINDOW_MS;

  useEffect(() => {
    if (!running) return undefined;
    const client = new DecoderClient(formatsKey === '' ? undefined : formatsKey.split(','));
    const repeats = new RepeatFilter(repeatWindowMs);
    let stopped = false;
    let grabbing = false;
    void client.ready.then((status) => {
      if (!stopped) setWorker(status);
    });

    const tick = (): void => {
      const video = videoRef.current;
      if (stopped || grabbing || !video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
      if (video.videoWidth === 0 || !client.wouldAccept(performance.now())) return;
      grabbing = true;
      createImageBitmap(video)
        .then((bitmap) => {
          grabbing = false;
          if (stopped) {
            bitmap.close();
            return;
          }
          const { width, height } = bitmap;
          const outcome = client.offer(bitmap);
          void outcome?.then(({ code }) => {
            if (stopped || !code) return;
            const now = performance.now();
            setFound({ code, frameWidth: width, frameHeight: height, at: now });
            if (repeats.accept(code.text, now)) onCodeRef.current(code.text, code);
          });
        })
        .catch(() => {
          grabbing = false;
        });
    };
    const timer = window.setInterval(tick, TICK_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      client.terminate();
    };
  }, [running, formatsKey, repeatWindowMs, videoRef]);

  return { found, worker };
}
