/**
 * The renderer's clock, from the core's last answer: the core's clock (virtual in a rehearsal) moves
 * on at `speed` from when the answer arrived, and what people see is corrected by the offset the
 * last clock check recorded (offset = device − office, so the office's time is device − offset).
 * Pure, so the arithmetic is tested without a browser.
 */
export interface ClockSample {
  /** The core's clock when it answered, ms since the epoch. */
  deviceNowMs: number;
  /** Virtual ms per real ms: 1 except in a rehearsal. */
  speed: number;
  /** Last recorded device − office offset; null until a clock check. */
  offsetMs: number | null;
  /** performance.now() when the answer arrived. */
  receivedAtPerf: number;
}

/** The core's clock at `perfNow`, uncorrected: what events are stamped with. */
export function deviceNowAt(sample: ClockSample, perfNow: number): number {
  return sample.deviceNowMs + (perfNow - sample.receivedAtPerf) * sample.speed;
}

/** The office's time at `perfNow`: every time shown on screen. */
export function correctedNowAt(sample: ClockSample, perfNow: number): number {
  return deviceNowAt(sample, perfNow) - (sample.offsetMs ?? 0);
}

/** "HH:MM:SS" as the office reads it aloud, parsed to seconds after midnight; undefined when it is not a time. */
export function parseSpokenTime(text: string): number | undefined {
  const match = /^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? '0')];
  if (h > 23 || m > 59 || s > 59) return undefined;
  return h * 3600 + m * 60 + s;
}
