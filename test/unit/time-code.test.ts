import { describe, expect, it } from 'vitest';
import { describeOffsetZh, formatTimeCode, isClockOffsetTooLarge, looksLikeTimeCode, parseTimeCode } from '../../shared/timetable/time-code';
import { normalizeIdInput } from '../../shared/id/id-number';
import { virtualNowMs } from '../../shared/clock/virtual-clock';

describe('office time code', () => {
  const code = { referenceMs: 1_795_680_000_123, referenceDeviceId: 'c0408b7c229d1f6b' };

  it('round-trips, also after a scanner upper-cases it', () => {
    const text = formatTimeCode(code);
    expect(parseTimeCode(text)).toEqual(code);
    // The door normalises every burst (full-width, case); the code must survive that.
    expect(parseTimeCode(normalizeIdInput(text))).toEqual(code);
    expect(looksLikeTimeCode(normalizeIdInput(text))).toBe(true);
  });

  it('refuses anything else', () => {
    expect(parseTimeCode('20261105170101')).toBeUndefined();
    expect(parseTimeCode('EXAMDAY-TIME/abc/c0408b7c229d1f6b')).toBeUndefined();
    expect(parseTimeCode('EXAMDAY-TIME/1795680000123/short')).toBeUndefined();
    expect(looksLikeTimeCode('110105197001010019')).toBe(false);
  });

  it('flags offsets beyond 60 s and says them the way people do', () => {
    expect(isClockOffsetTooLarge(60_000)).toBe(false);
    expect(isClockOffsetTooLarge(60_001)).toBe(true);
    expect(isClockOffsetTooLarge(-300_000)).toBe(true);
    expect(describeOffsetZh(300_000)).toBe('+5分00秒');
    expect(describeOffsetZh(-12_400)).toBe('−12秒');
  });
});

describe('virtual clock', () => {
  it('runs from its anchor at its speed', () => {
    const spec = { anchorRealMs: 1_000, anchorVirtualMs: 50_000, speed: 10 };
    expect(virtualNowMs(spec, 1_000)).toBe(50_000);
    expect(virtualNowMs(spec, 4_000)).toBe(80_000);
  });
});
