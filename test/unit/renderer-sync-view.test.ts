import { describe, expect, it } from 'vitest';
import { decodePairing } from '../../shared/sync/pairing-code';
import { formatMinutesSeconds, lastSyncLine, normalizePairingInput, secondsLeft } from '../../renderer/src/sync/sync-view';

const at = (h: number, m: number, s: number): string => new Date(2026, 10, 25, h, m, s).toISOString();
const door = (name: string, lastSyncAt: string | null, revoked = false) => ({ name, kind: 'door' as const, lastSyncAt, revoked });

describe('the header line: with whom and when this device last synced', () => {
  it.each([
    ['an unpaired device says nothing', { role: 'unpaired' as const, office: null, devices: [], lastSyncAt: null, outOfTouch: false }, null],
    ['an office without doors says nothing', { role: 'office' as const, office: null, devices: [], lastSyncAt: null, outOfTouch: false }, null],
    [
      'a door names its office, 24-hour',
      { role: 'door' as const, office: { name: '考务办', lastSyncAt: at(14, 2, 9) }, devices: [], lastSyncAt: at(14, 2, 9), outOfTouch: false },
      { time: '14:02:09', peer: '考务办', outOfTouch: false },
    ],
    [
      'a door out of touch says so',
      { role: 'door' as const, office: { name: '考务办', lastSyncAt: at(8, 0, 0) }, devices: [], lastSyncAt: at(8, 0, 0), outOfTouch: true },
      { time: '08:00:00', peer: '考务办', outOfTouch: true },
    ],
    [
      'an office names the door heard from last, ignoring revoked ones',
      {
        role: 'office' as const,
        office: null,
        devices: [door('第1考场门口', at(8, 12, 5)), door('第2考场门口', at(8, 12, 1)), door('旧电脑', at(9, 0, 0), true)],
        lastSyncAt: at(9, 0, 0),
        outOfTouch: false,
      },
      { time: '08:12:05', peer: '第1考场门口', outOfTouch: false },
    ],
    [
      'an office whose doors never synced',
      { role: 'office' as const, office: null, devices: [door('第1考场门口', null)], lastSyncAt: null, outOfTouch: false },
      { time: null, peer: null, outOfTouch: false },
    ],
  ])('%s', (_name, status, expected) => {
    expect(lastSyncLine(status)).toEqual(expected);
  });
});

describe('the pairing code as typed or pasted', () => {
  const code = '7ZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ';
  it.each([
    ['lower case becomes upper case', '7abc', '7ABC'],
    ['groups of four appear as typed', '7abcd', '7ABC-D'],
    ['a pasted code with spaces and line breaks', ' 7abc defg\nhjkm ', '7ABC-DEFG-HJKM'],
    ['a full code keeps its groups', code.toLowerCase(), code],
    ['a scanned QR text is kept as it is', 'EXAMDAY-PAIR:1:127.0.0.1:5790:ab:cd', 'EXAMDAY-PAIR:1:127.0.0.1:5790:ab:cd'],
    ['the first letters of a QR text arriving from a scanner', 'examday-p', 'EXAMDAY-P'],
    ['nothing', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalizePairingInput(input)).toBe(expected);
  });

  it('a real code, typed in lower case with spaces, still decodes after normalising', async () => {
    const { encodePairingCode } = await import('../../shared/sync/pairing-code');
    const real = encodePairingCode({ host: '192.168.1.20', port: 5790, fingerprint: 'ab'.repeat(32), token: '0123456789' });
    const typed = real.toLowerCase().replace(/-/g, ' ');
    const normalized = normalizePairingInput(typed);
    expect(normalized).toBe(real);
    expect(decodePairing(normalized)).toMatchObject({ ok: true, offer: { host: '192.168.1.20', port: 5790 } });
  });
});

describe('the pairing code countdown', () => {
  it.each([
    [600_000, 600, '10:00'],
    [59_001, 60, '1:00'],
    [1, 1, '0:01'],
    [-5_000, 0, '0:00'],
  ])('%i ms left', (ms, seconds, shown) => {
    const now = Date.parse('2026-11-25T08:00:00Z');
    const left = secondsLeft(new Date(now + ms).toISOString(), now);
    expect(left).toBe(seconds);
    expect(formatMinutesSeconds(left)).toBe(shown);
  });
});
