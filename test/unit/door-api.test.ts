import { describe, expect, it } from 'vitest';
import { doorApiSpec } from '../../shared/checkin/door-api';
import { matchCandidate } from '../../shared/checkin/search-candidates';
import { fixtureDay } from '../support/fixture-day';

describe('admitWithReason input', () => {
  const input = doorApiSpec.admitWithReason.input;
  const base = { roomNo: '01', ticketNo: '20261100000001', actorStaffId: 'P0002' };

  it('takes a reason from the short list, and "other" only with a note', () => {
    expect(input.safeParse({ ...base, reason: 'scan-failed' }).success).toBe(true);
    expect(input.safeParse({ ...base, reason: 'other', note: '证件遗失，持派出所证明' }).success).toBe(true);
    const noNote = input.safeParse({ ...base, reason: 'other', note: '  ' });
    expect(noNote.error?.issues[0]?.message).toMatch(/其他/);
    expect(input.safeParse({ ...base, reason: 'because' }).error?.issues[0]?.message).toMatch(/入场原因/);
    expect(input.safeParse({ ...base, reason: 'scan-failed', sql: 'x' }).success).toBe(false);
  });
});

describe('matchCandidate (door search)', () => {
  const c = { ...fixtureDay(1).candidates[0]!, name: '欧阳晓峰', seatNo: 7 };

  it('matches a seat number, the last 5 of the 准考证号 and the last 6 of the ID', () => {
    expect(matchCandidate(c, '7', undefined)).toBe('seat');
    expect(matchCandidate(c, '07', undefined)).toBe('seat');
    expect(matchCandidate(c, '8', undefined)).toBeUndefined();
    expect(matchCandidate(c, c.ticketNo.slice(-5), undefined)).toBe('ticket-tail');
    expect(matchCandidate(c, c.idNumber.slice(-6).toLowerCase(), undefined)).toBe('id-tail');
    expect(matchCandidate(c, '１２３４５', undefined)).toBeUndefined();
  });

  it('matches any part of the name, and pinyin initials from the left when given', () => {
    expect(matchCandidate(c, '晓峰', undefined)).toBe('name');
    expect(matchCandidate(c, ' 欧阳 ', undefined)).toBe('name');
    expect(matchCandidate(c, '王', undefined)).toBeUndefined();
    expect(matchCandidate(c, 'oyx', 'OYXF')).toBe('initials');
    expect(matchCandidate(c, 'xf', 'OYXF')).toBeUndefined();
    expect(matchCandidate(c, 'oyx', undefined)).toBeUndefined();
  });
});
