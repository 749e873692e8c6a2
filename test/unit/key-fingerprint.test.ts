import { describe, expect, it } from 'vitest';
import { formatKeyFingerprint, sameKeyFingerprint } from '../../shared/devices/key-fingerprint';

describe('formatKeyFingerprint', () => {
  it.each([
    ['3f2a9c01'.repeat(8), '3F2A 9C01 3F2A 9C01 3F2A 9C01 3F2A 9C01'],
    ['0123456789abcdef0123456789abcdef' + 'ff'.repeat(16), '0123 4567 89AB CDEF 0123 4567 89AB CDEF'],
  ])('%s → %s', (digest, shown) => {
    expect(formatKeyFingerprint(digest)).toBe(shown);
  });

  it('refuses a digest shorter than 128 bits (a bug, not a user error)', () => {
    expect(() => formatKeyFingerprint('abcd')).toThrow();
  });

  it('compares fingerprints however they are spaced or cased', () => {
    expect(sameKeyFingerprint('3f2a9c01 0000', '3F2A 9C01 0000')).toBe(true);
    expect(sameKeyFingerprint('3F2A 9C01', '3F2A 9C02')).toBe(false);
  });
});
