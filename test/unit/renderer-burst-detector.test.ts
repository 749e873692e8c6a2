import { describe, it, expect } from 'vitest';
import { BurstDetector, DEFAULT_MAX_INTER_KEY_MS, type BurstEvent } from '../../renderer/src/scanner/burst-detector';

/** Types `text` one key every `gapMs` from `startMs`, then Enter after `enterGapMs`; returns every event. */
function type(detector: BurstDetector, text: string, gapMs: number, startMs = 1_000, enterGapMs = gapMs): BurstEvent[] {
  const events: BurstEvent[] = [];
  let t = startMs;
  for (const ch of text) {
    events.push(...detector.push(ch, t));
    t += gapMs;
  }
  events.push(...detector.push('Enter', t - gapMs + enterGapMs));
  return events;
}

const bursts = (events: BurstEvent[]) => events.filter((e) => e.type === 'burst').map((e) => (e.type === 'burst' ? e.text : ''));

describe('BurstDetector', () => {
  it('emits a fast burst ending in Enter, and marks each key as buffered', () => {
    const detector = new BurstDetector();
    const events = type(detector, '110105197001010019', 8);
    expect(bursts(events)).toEqual(['110105197001010019']);
    expect(events.filter((e) => e.type === 'buffered')).toHaveLength(18);
  });

  it('accepts gaps of exactly maxInterKeyMs, and honours a custom limit', () => {
    expect(bursts(type(new BurstDetector(), '20261100001', DEFAULT_MAX_INTER_KEY_MS))).toEqual(['20261100001']);
    expect(bursts(type(new BurstDetector(), '20261100001', DEFAULT_MAX_INTER_KEY_MS + 1))).toEqual([]);
    expect(bursts(type(new BurstDetector({ maxInterKeyMs: 20 }), '20261100001', 30))).toEqual([]);
  });

  it('ignores slow typing', () => {
    const detector = new BurstDetector();
    const events = type(detector, '20261100001', 180);
    expect(bursts(events)).toEqual([]);
    expect(events.some((e) => e.type === 'reset' && e.reason === 'too-slow')).toBe(true);
  });

  it('does not take a slow Enter after a fast burst', () => {
    expect(bursts(type(new BurstDetector(), '20261100001', 5, 1_000, 400))).toEqual([]);
  });

  it('resets on a pause: only the keys after it count', () => {
    const detector = new BurstDetector();
    const events = [
      ...detector.push('9', 0),
      ...detector.push('9', 10),
      // a pause, then a full scan
      ...type(detector, '20261100001', 10, 1_000),
    ];
    expect(bursts(events)).toEqual(['20261100001']);
  });

  it('drops a pause inside a scan: the keys before it are not part of the burst', () => {
    const detector = new BurstDetector();
    const events: BurstEvent[] = [];
    for (const [i, ch] of [...'20261'].entries()) events.push(...detector.push(ch, i * 10));
    for (const [i, ch] of [...'100'].entries()) events.push(...detector.push(ch, 500 + i * 10));
    events.push(...detector.push('Enter', 530));
    // only "100" came fast after the pause: too short to be a scan
    expect(bursts(events)).toEqual([]);
    expect(events.some((e) => e.type === 'reset' && e.reason === 'too-slow')).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'reset', reason: 'too-short' });
  });

  it('ignores bursts shorter than the minimum, with the buffer cleared for the next one', () => {
    const detector = new BurstDetector();
    expect(bursts(type(detector, '123', 5))).toEqual([]);
    expect(bursts(type(detector, '1234', 5, 5_000))).toEqual(['1234']);
    expect(bursts(type(new BurstDetector({ minLength: 6 }), '12345', 5))).toEqual([]);
  });

  it('does nothing on Enter alone, and lets Shift and other named keys pass without breaking a burst', () => {
    const detector = new BurstDetector();
    expect(detector.push('Enter', 0)).toEqual([]);
    const events: BurstEvent[] = [];
    let t = 100;
    for (const key of ['1', '1', '0', '1', 'Shift', 'x', 'Shift', '9']) {
      events.push(...detector.push(key, t));
      t += 5;
    }
    events.push(...detector.push('Enter', t));
    expect(bursts(events)).toEqual(['1101X9']);
  });

  it('normalises full-width digits and letters, spaces and case', () => {
    const detector = new BurstDetector();
    expect(bursts(type(detector, '１１０１０５１９７００１０１００１ｘ', 6))).toEqual(['11010519700101001X']);
    expect(bursts(type(detector, '2026 1100 001', 6, 9_000))).toEqual(['20261100001']);
  });

  it('forgets its buffer on reset()', () => {
    const detector = new BurstDetector();
    for (const [i, ch] of [...'20261100001'].entries()) detector.push(ch, i * 5);
    detector.reset();
    expect(detector.push('Enter', 60)).toEqual([]);
  });
});

describe('BurstDetector: suffixes and silence', () => {
  /** Keys `gapMs` apart from `startMs`, no suffix; returns the events and the last key's time. */
  function keys(detector: BurstDetector, text: string, gapMs: number, startMs = 1_000): { events: BurstEvent[]; lastAt: number } {
    const events: BurstEvent[] = [];
    let t = startMs;
    for (const ch of text) {
      events.push(...detector.push(ch, t));
      t += gapMs;
    }
    return { events, lastAt: t - gapMs };
  }

  it('ends a burst on Tab as on Enter', () => {
    const detector = new BurstDetector();
    const { events, lastAt } = keys(detector, '20261105170101', 8);
    events.push(...detector.push('Tab', lastAt + 8));
    expect(bursts(events)).toEqual(['20261105170101']);
  });

  it('ends a burst with no suffix once the keys have been quiet longer than the limit', () => {
    const detector = new BurstDetector();
    const { lastAt } = keys(detector, '20261105170101', 8);
    expect(detector.pending).toBe(true);
    // Not yet quiet long enough: the scanner may still be sending.
    expect(detector.idle(lastAt + DEFAULT_MAX_INTER_KEY_MS)).toEqual([]);
    expect(bursts(detector.idle(lastAt + DEFAULT_MAX_INTER_KEY_MS + 1))).toEqual(['20261105170101']);
    expect(detector.pending).toBe(false);
    // Nothing left for a second call.
    expect(detector.idle(lastAt + 5_000)).toEqual([]);
  });

  it('drops a stray key or two when they go quiet, and ignores slow typing', () => {
    const detector = new BurstDetector();
    detector.push('a', 0);
    detector.push('b', 20);
    expect(detector.idle(500)).toEqual([{ type: 'reset', reason: 'too-short' }]);
    const slow = keys(detector, '20261105170101', 200, 10_000);
    expect(bursts([...slow.events, ...detector.idle(slow.lastAt + 1_000)])).toEqual([]);
  });

  it('swallows the late Enter or Tab of a burst already ended by silence, once', () => {
    const detector = new BurstDetector();
    const { lastAt } = keys(detector, '20261105170101', 8);
    expect(bursts(detector.idle(lastAt + 200))).toEqual(['20261105170101']);
    expect(detector.push('Enter', lastAt + 300)).toEqual([{ type: 'late-suffix' }]);
    // A second Enter is a person's again.
    expect(detector.push('Enter', lastAt + 400)).toEqual([]);
    // …and so is an Enter long after a scan.
    const next = keys(detector, '20261105170102', 8, 20_000);
    detector.idle(next.lastAt + 200);
    expect(detector.push('Tab', next.lastAt + 5_000)).toEqual([]);
  });

  it('a stray Tab or Enter with nothing buffered is left to the page', () => {
    const detector = new BurstDetector();
    expect(detector.push('Tab', 0)).toEqual([]);
    expect(detector.push('Enter', 10)).toEqual([]);
  });

  it('the same keys end the same way whatever the suffix, at a custom limit', () => {
    for (const suffix of ['Enter', 'Tab', null] as const) {
      const detector = new BurstDetector({ maxInterKeyMs: 150 });
      const { events, lastAt } = keys(detector, '１１０１０５１９７００１０１００１ｘ', 120);
      if (suffix) events.push(...detector.push(suffix, lastAt + 120));
      else events.push(...detector.idle(lastAt + 151));
      expect(bursts(events)).toEqual(['11010519700101001X']);
      expect(detector.interKeyLimitMs).toBe(150);
    }
  });
});
