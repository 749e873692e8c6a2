import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES, examPlanSchema } from '../../shared/domain/types';
import { parseIdDocument } from '../../shared/id/id-number';
import { placeSampleDay, sampleDaySchema, type SampleDay } from '../../shared/sample/sample-day';

const SAMPLE_FILE = resolve(__dirname, '..', '..', 'resources', 'sample-day', 'sample-day.json');

function readSample(): unknown {
  return JSON.parse(readFileSync(SAMPLE_FILE, 'utf8'));
}

const day: SampleDay = sampleDaySchema.parse(readSample());

/** A local-time Date, as the machine's clock would give it. */
function localAt(hh: number, mm: number, ss = 0): Date {
  return new Date(2026, 10, 25, hh, mm, ss);
}

describe('sample-day.json', () => {
  it('parses with sampleDaySchema', () => {
    const parsed = sampleDaySchema.safeParse(readSample());
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  });

  it('is one 职业 at two levels, 理论知识, 90 minutes', () => {
    expect(day.plan.occupations).toHaveLength(1);
    expect(day.plan.occupations[0]?.levels).toHaveLength(2);
    expect(day.plan.subject).toBe('理论知识');
    expect(day.plan.durationMinutes).toBe(90);
    expect(day.plan.siteAddress).toMatch(/^北京市/);
  });

  it('has four rooms 01..04 of 30 seats', () => {
    expect(day.rooms.map((r) => r.roomNo)).toEqual(['01', '02', '03', '04']);
    expect(day.rooms.map((r) => r.name)).toEqual(['第1考场', '第2考场', '第3考场', '第4考场']);
    for (const room of day.rooms) expect(room.capacity).toBe(30);
  });

  it('has about 100 candidates, each in a room with seats 1..n', () => {
    expect(day.candidates.length).toBeGreaterThanOrEqual(95);
    expect(day.candidates.length).toBeLessThanOrEqual(110);
    for (const room of day.rooms) {
      const seats = day.candidates.filter((c) => c.roomNo === room.roomNo).map((c) => c.seatNo);
      expect(seats.length).toBeGreaterThan(0);
      expect(seats.length).toBeLessThanOrEqual(room.capacity);
      expect([...seats].sort((a, b) => a - b)).toEqual(Array.from({ length: seats.length }, (_, i) => i + 1));
    }
  });

  it('has unique tickets and ID numbers', () => {
    const tickets = day.candidates.map((c) => c.ticketNo);
    const ids = day.candidates.map((c) => c.idNumber);
    expect(new Set(tickets).size).toBe(tickets.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set([...tickets, ...ids]).size).toBe(tickets.length + ids.length);
  });

  it('has 14-digit tickets that can never be mistaken for an ID number', () => {
    for (const c of day.candidates) {
      expect(c.ticketNo).toMatch(/^\d{14}$/);
      expect(parseIdDocument(c.ticketNo).ok).toBe(false);
    }
  });

  it('has only ID numbers that pass parseIdDocument with their type, birth 1970–2004', () => {
    for (const c of day.candidates) {
      const result = parseIdDocument(c.idNumber, c.idType);
      expect(result.ok, `${c.name} ${c.idNumber}: ${result.ok ? '' : result.reason}`).toBe(true);
      expect(c.idNumber).toMatch(/^\d{17}[\dX]$/);
      const year = Number(c.idNumber.slice(6, 10));
      const month = Number(c.idNumber.slice(10, 12));
      const dayOfMonth = Number(c.idNumber.slice(12, 14));
      expect(year).toBeGreaterThanOrEqual(1970);
      expect(year).toBeLessThanOrEqual(2004);
      const birth = new Date(Date.UTC(year, month - 1, dayOfMonth));
      expect(birth.getUTCMonth() + 1).toBe(month);
      expect(birth.getUTCDate()).toBe(dayOfMonth);
      // GB 11643: the 17th digit is odd for men, even for women.
      expect(Number(c.idNumber[16]) % 2 === 1 ? '男' : '女', c.name).toBe(c.gender);
      if (c.idType === 'resident-id') expect(c.idNumber.slice(0, 2)).toBe('11');
      if (c.idType === 'hmt-residence-permit') expect(c.idNumber.slice(0, 6)).toBe('810000');
    }
  });

  it('includes the awkward cases the door must handle', () => {
    const names = day.candidates.map((c) => c.name);
    expect(names.some((n) => /^(欧阳|司马|诸葛)/.test(n))).toBe(true);
    expect(names).toContain('王𠈌');
    expect(names.some((n) => [...n].some((ch) => (ch.codePointAt(0) ?? 0) > 0xffff))).toBe(true);
    expect(names).toContain('阿依古丽·买买提');
    expect(day.candidates.some((c) => c.idType === 'resident-id' && c.idNumber.endsWith('X'))).toBe(true);
    expect(day.candidates.filter((c) => c.idType === 'hmt-residence-permit')).toHaveLength(1);
    expect(day.plan.acceptedIdTypes).toEqual(expect.arrayContaining(['resident-id', 'hmt-residence-permit']));
  });

  it('keeps the first two candidates of room 01 plain (the e2e tests scan them)', () => {
    const room01 = day.candidates.filter((c) => c.roomNo === '01').slice(0, 2);
    for (const c of room01) {
      expect(c.idType).toBe('resident-id');
      expect(c.idNumber).toMatch(/^\d{18}$/);
    }
  });

  it('staffs every role, with one chief and one second proctor per room', () => {
    const roles = new Set(day.staff.map((s) => s.role));
    for (const role of STAFF_ROLES) expect(roles, role).toContain(role);
    for (const room of day.rooms) {
      const proctors = day.staff.filter((s) => s.roomNo === room.roomNo);
      expect(proctors.map((s) => s.role).sort()).toEqual(['chief-proctor', 'second-proctor']);
    }
    expect(day.staff.filter((s) => (s.role === 'chief-proctor' || s.role === 'second-proctor') && s.roomNo === undefined)).toEqual([]);
    const ids = day.staff.map((s) => s.staffId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^S\d{2}$/);
  });

  it('is refused by the schema when a ticket repeats or a candidate names a missing room', () => {
    const raw = readSample() as { candidates: Array<Record<string, unknown>> };
    const dupTicket = structuredClone(raw);
    dupTicket.candidates[1]!.ticketNo = dupTicket.candidates[0]!.ticketNo;
    const dup = sampleDaySchema.safeParse(dupTicket);
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0]?.message).toMatch(/准考证号重复/);

    const noRoom = structuredClone(raw);
    noRoom.candidates[0]!.roomNo = '99';
    const missing = sampleDaySchema.safeParse(noRoom);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.message).toMatch(/考场不存在/);
  });
});

describe('placeSampleDay', () => {
  it('places the day on now’s local date, now + 20 minutes rounded to 5', () => {
    const cases: Array<[Date, string, string]> = [
      [localAt(8, 7), '08:25', '09:55'], // 08:27 → 08:25
      [localAt(8, 8), '08:30', '10:00'], // 08:28 → 08:30
      [localAt(8, 10), '08:30', '10:00'],
      [localAt(8, 12, 29), '08:30', '10:00'], // 08:32:29 → 08:30
      [localAt(8, 12, 30), '08:35', '10:05'], // 08:32:30 is a tie → rounds up
      [localAt(13, 58), '14:20', '15:50'],
      [localAt(23, 45), '22:20', '23:50'], // late night: clamped so the day ends before midnight
      [localAt(0, 5), '01:00', '02:30'], // just after midnight: 报到 (S−60) must not fall on the day before
    ];
    for (const [now, start, end] of cases) {
      const placed = placeSampleDay(day, { now });
      expect(placed.plan.date, now.toString()).toBe('2026-11-25');
      expect(placed.plan.startTime, now.toString()).toBe(start);
      expect(placed.plan.endTime, now.toString()).toBe(end);
      expect(examPlanSchema.safeParse(placed.plan).success).toBe(true);
    }
  });

  it('lands a newcomer in 查证入场 (S−25 … S−10) for any minute of the working day', () => {
    for (let minute = 6 * 60; minute < 20 * 60; minute += 1) {
      const now = localAt(Math.floor(minute / 60), minute % 60, 17);
      const placed = placeSampleDay(day, { now });
      const [h, m] = placed.plan.startTime.split(':').map(Number);
      const start = (h ?? 0) * 60 + (m ?? 0);
      const nowMinutes = minute + 17 / 60;
      expect(nowMinutes).toBeGreaterThanOrEqual(start - 25);
      expect(nowMinutes).toBeLessThan(start - 10);
    }
  });

  it('uses a pinned start as given: 08:30 → 08:30–10:00', () => {
    const placed = placeSampleDay(day, { now: localAt(15, 41), pinnedStart: '08:30' });
    expect(placed.plan.date).toBe('2026-11-25');
    expect(placed.plan.startTime).toBe('08:30');
    expect(placed.plan.endTime).toBe('10:00');
    expect(placed.plan.planName).toBe('20261125 保育师');
  });

  it('refuses a malformed or impossible pinned start, in Chinese', () => {
    for (const bad of ['8:30', '08:60', '24:00', '0830', '', 'abc', '08:30:00']) {
      expect(() => placeSampleDay(day, { now: localAt(8, 0), pinnedStart: bad }), bad).toThrow(/开考时间格式应为 HH:MM/);
    }
    expect(() => placeSampleDay(day, { now: localAt(8, 0), pinnedStart: '23:30' })).toThrow(/须在同一天内/);
    expect(() => placeSampleDay(day, { now: localAt(8, 0), pinnedStart: '00:30' })).toThrow(/须在同一天内/);
  });

  it('returns the rooms, staff and candidates unchanged, as valid domain objects', () => {
    const placed = placeSampleDay(day, { now: localAt(8, 0) });
    expect(placed.rooms).toEqual(day.rooms);
    expect(placed.staff).toEqual(day.staff);
    expect(placed.candidates).toEqual(day.candidates);
    expect(placed.plan).not.toHaveProperty('durationMinutes');
    expect(placed.plan).not.toHaveProperty('planLabel');
    expect(placed.plan.organisation).toBe(day.plan.organisation);
    expect(placed.plan.lateCutoffMinutes).toBe(day.plan.lateCutoffMinutes);
  });
});
