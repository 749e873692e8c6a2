import { normalizeIdInput } from '../../../shared/id/id-number';

/**
 * USB barcode scanners and ID-card readers in keyboard mode type their whole content in one fast
 * burst ending in Enter. People type far slower. This tells the two apart from key timings alone,
 * so the door screen can take a scan without anyone clicking into a field. Pure: no DOM, no timers.
 */
export interface BurstDetectorOptions {
  /** Fewest characters a scan may have (Enter not counted). */
  minLength?: number;
  /** Largest gap between two keys of one burst, Enter included. */
  maxInterKeyMs?: number;
  /** Longest buffer kept; anything longer is not a scan. */
  maxLength?: number;
}

export type BurstEvent =
  /** A printable key was taken into the buffer: the caller should swallow it. */
  | { type: 'buffered'; length: number }
  /** The buffer was dropped; `too-slow` keeps the key that arrived late as the start of a new buffer. */
  | { type: 'reset'; reason: 'too-slow' | 'too-short' | 'too-long' }
  /** A complete scan, normalised (full-width to half-width, no spaces, upper case). */
  | { type: 'burst'; text: string };

export const DEFAULT_MIN_BURST_LENGTH = 4;
// Scanners send keys 1–20 ms apart, but a busy laptop can deliver them in clumps up to ~60 ms
// apart; people type 150 ms or more between keys. 80 ms keeps a wide margin on both sides.
export const DEFAULT_MAX_INTER_KEY_MS = 80;
const DEFAULT_MAX_LENGTH = 512;

export class BurstDetector {
  private readonly minLength: number;
  private readonly maxInterKeyMs: number;
  private readonly maxLength: number;
  private buffer = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: BurstDetectorOptions = {}) {
    this.minLength = options.minLength ?? DEFAULT_MIN_BURST_LENGTH;
    this.maxInterKeyMs = options.maxInterKeyMs ?? DEFAULT_MAX_INTER_KEY_MS;
    this.maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  }

  /**
   * Feeds one key as `KeyboardEvent.key` reports it. Printable keys (one character) are buffered,
   * Enter ends a burst, every other key (Shift, arrows…) is ignored without breaking the burst.
   */
  push(key: string, timestampMs: number): BurstEvent[] {
    if (key === 'Enter') return this.enter(timestampMs);
    if ([...key].length !== 1) return [];

    const events: BurstEvent[] = [];
    if (this.buffer !== '' && timestampMs - this.lastAt > this.maxInterKeyMs) {
      this.buffer = '';
      events.push({ type: 'reset', reason: 'too-slow' });
    }
    if (this.buffer.length >= this.maxLength) {
      this.buffer = '';
      events.push({ type: 'reset', reason: 'too-long' });
    }
    this.buffer += key;
    this.lastAt = timestampMs;
    events.push({ type: 'buffered', length: [...this.buffer].length });
    return events;
  }

  /** Drops whatever was buffered (focus moved, screen changed). */
  reset(): void {
    this.buffer = '';
    this.lastAt = Number.NEGATIVE_INFINITY;
  }

  private enter(timestampMs: number): BurstEvent[] {
    if (this.buffer === '') return [];
    const text = this.buffer;
    const inTime = timestampMs - this.lastAt <= this.maxInterKeyMs;
    this.reset();
    if (!inTime) return [{ type: 'reset', reason: 'too-slow' }];
    if ([...text].length < this.minLength) return [{ type: 'reset', reason: 'too-short' }];
    const normalized = normalizeIdInput(text);
    if (normalized === '') return [{ type: 'reset', reason: 'too-short' }];
    return [{ type: 'burst', text: normalized }];
  }
}
