import { beforeEach, describe, expect, it } from 'vitest';
import { throughput, useRecentScans, type RecentScan } from '../../renderer/src/door/recent-scans';
import type { CheckinVerdict } from '../../shared/checkin/verdict';

const candidate = (ticketNo: string, name: string) => ({ ticketNo, name, roomNo: '01', seatNo: 1, occupation: '保育师', level: '四级', idMasked: '**0003' });
const at = (minute: number, second = 0): string => new Date(Date.UTC(2026, 10, 30, 0, minute, second)).toISOString();
const scan = (serial: number, ticketNo: string | null, kind: RecentScan['kind'], minute: number): RecentScan => ({
  serial,
  committedAt: at(minute),
  kind,
  name: ticketNo,
  ticketNo,
  seatNo: null,
  revoked: false,
});

describe('已查验 n 人 · 每分钟 m 人 (issue 15 item 7)', () => {
  it.each([
    ['nothing yet', [], 10, { checked: 0, perMinute: 0 }],
    ['a half pair is not a check', [scan(1, 'A', 'awaiting-id', 10)], 10, { checked: 0, perMinute: 0 }],
    ['one person, twice, in the first minute', [scan(2, 'A', 'already-admitted', 10), scan(1, 'A', 'admitted', 10)], 10, { checked: 1, perMinute: 1 }],
    ['ten people over five minutes', Array.from({ length: 10 }, (_, i) => scan(i, `T${i}`, 'admitted', 10 + i / 2)), 15, { checked: 10, perMinute: 2 }],
    ['people more than five minutes ago count as checked, not in the pace', [scan(2, 'B', 'admitted', 20), scan(1, 'A', 'admitted', 10)], 21, { checked: 2, perMinute: 0.2 }],
    ['a refusal without a name is one person', [scan(1, null, 'error', 10)], 10, { checked: 1, perMinute: 1 }],
  ] as const)('%s', (_label, scans, minute, expected) => {
    expect(throughput(scans, Date.parse(at(minute)))).toEqual(expected);
  });
});

describe('the strip of last scans', () => {
  beforeEach(() => useRecentScans.setState({ roomNo: null, scans: [] }));
  const verdict = (v: CheckinVerdict, minute: number) => ({ kind: 'verdict' as const, verdict: v, committedAt: at(minute) });

  it('keeps newest first, one entry for 存疑入场 right after 准予入场, and starts afresh in another room', () => {
    const { record, markRevoked } = useRecentScans.getState();
    const a = candidate('A', '王伟');
    record('01', 1, verdict({ kind: 'awaiting-id', candidate: a, expiresAt: at(11) }, 10));
    record('01', 2, verdict({ kind: 'admitted', candidate: a }, 10));
    record('01', 2, verdict({ kind: 'admitted', candidate: a }, 10));
    record('01', 3, verdict({ kind: 'admitted', candidate: a }, 10));
    record('01', 4, { kind: 'error', message: '查验失败' });
    expect(useRecentScans.getState().scans.map((s) => [s.serial, s.kind])).toEqual([
      [4, 'error'],
      [3, 'admitted'],
      [1, 'awaiting-id'],
    ]);
    markRevoked('A');
    expect(useRecentScans.getState().scans.find((s) => s.serial === 3)?.revoked).toBe(true);
    record('02', 5, verdict({ kind: 'not-on-roster', inputMasked: '123' }, 12));
    expect(useRecentScans.getState()).toMatchObject({ roomNo: '02', scans: [{ serial: 5, name: null }] });
  });
});
