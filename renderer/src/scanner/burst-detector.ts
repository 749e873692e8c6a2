import { normalizeIdInput } from '../../../shared/id/id-number';

/**
 * USB barcode scanners and ID-card readers in keyboard mode type their whole content in one fast
 * burst, ending in Enter, in Tab, or in nothing at all (many are shipped with no suffix: the burst
 * ends when the keys stop). People type far slower. This tells the two apart from key timings alone,
 * so the door screen can take a scan without anyone clicking into a field. Pure: no DOM, no timers;
 * the caller calls `idle()` once the keys have stopped for longer than `maxInterKeyMs`.
 */
export interface BurstDetectorOptions {
  /** Fewest characters a scan may have (Enter not counted). */
  minLength?: number;
  /** Largest gap between two keys of one burst, the ending Enter or Tab included. */
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
  | { type: 'burst'; text: string }
  /**
   * An Enter or Tab just after a burst that had already ended on its own (the keys stopped first):
   * the scanner's suffix, arriving late. The caller swallows it so it presses no button.
   */
  | { type: 'late-suffix' };

export const DEFAULT_MIN_BURST_LENGTH = 4;
// Scanners send keys 1–20 ms apart, but a busy laptop can deliver them in clumps up to ~60 ms
// apart; people type 150 ms or more between keys. 80 ms keeps a wide margin on both sides.
export const DEFAULT_MAX_INTER_KEY_MS = 80;
/** The choices the door's scanner settings offer (ms); slow Bluetooth scanners need the larger ones. */
export const INTER_KEY_CHOICES_MS = [30, 50, 80, 120, 200] as const;
/** Keys that end a burst: scanners are set to send one of these, or nothing. */
const SUFFIX_KEYS = new Set(['Enter', 'Tab']);
/** How long after a burst ended by silence an Enter or Tab still counts as its suffix. */
const LATE_SUFFIX_MS = 1_000;
const DEFAULT_MAX_LENGTH = 512;

export class BurstDetector {
  private readonly minLength: number;
  private readonly maxInterKeyMs: number;
  private readonly maxLength: number;
  private buffer = '';
  private lastAt = Number.NEGATIVE_INFINITY;
  private idleBurstAt = Number.NEGATIVE_INFINITY;

  constructor(options: BurstDetectorOptions = {}) {
    this.minLength = options.minLength ?? DEFAULT_MIN_BURST_LENGTH;
    this.maxInterKeyMs = options.maxInterKeyMs ?? DEFAULT_MAX_INTER_KEY_MS;
    this.maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  }

  /**
   * Feeds one key as `KeyboardEvent.key` reports it. Printable keys (one character) are buffered,
   * Enter or Tab ends a burst, every other key (Shift, arrows…) is ignored without breaking it.
   */
  push(key: string, timestampMs: number): BurstEvent[] {
    if (SUFFIX_KEYS.has(key)) return this.end(timestampMs);
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

  /**
   * The keys have stopped: a scanner that sends no suffix has finished. Called by the caller's
   * timer at `timestampMs` (on the same clock as the keys); a buffer that has not yet been quiet
   * for longer than `maxInterKeyMs` is left alone, a long enough one is a burst, a shorter one
   * (a stray key or two) is dropped.
   */
  idle(timestampMs: number): BurstEvent[] {
    if (this.buffer === '' || timestampMs - this.lastAt <= this.maxInterKeyMs) return [];
    const lastKeyAt = this.lastAt;
    const events = this.complete();
    if (events.some((e) => e.type === 'burst')) this.idleBurstAt = lastKeyAt;
    return events;
  }

  /** Whether keys are buffered: a caller's idle timer need only run then. */
  get pending(): boolean {
    return this.buffer !== '';
  }

  /** Drops whatever was buffered (focus moved, screen changed). */
  reset(): void {
    this.buffer = '';
    this.lastAt = Number.NEGATIVE_INFINITY;
  }

  /** The configured limit, so a caller's timer can wait a little longer than it. */
  get interKeyLimitMs(): number {
    return this.maxInterKeyMs;
  }

  private end(timestampMs: number): BurstEvent[] {
    if (this.buffer === '') {
      const late = timestampMs - this.idleBurstAt <= LATE_SUFFIX_MS;
      this.idleBurstAt = Number.NEGATIVE_INFINITY;
      return late ? [{ type: 'late-suffix' }] : [];
    }
    if (timestampMs - this.lastAt > this.maxInterKeyMs) {
      this.reset();
      return [{ type: 'reset', reason: 'too-slow' }];
    }
    return this.complete();
  }

  private complete(): BurstEvent[] {
    const text = this.buffer;
    this.reset();
    if ([...text].length < this.minLength) return [{ type: 'reset', reason: 'too-short' }];
    const normalized = normalizeIdInput(text);
    if (normalized === '') return [{ type: 'reset', reason: 'too-short' }];
    return [{ type: 'burst', text: normalized }];
  }
}
