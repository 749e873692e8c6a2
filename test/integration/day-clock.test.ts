import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core/core';
import { rowToRawEvent, type EventRow } from '../../electron/core/event-log';
import { verifyEventLog } from '../../electron/core/verify-log';
import { formatTimeCode } from '../../shared/timetable/time-code';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const RESOURCES = join(__dirname, '..', '..', 'resources');
const day = fixtureDay(60); // 08:30–10:00, late from 09:00, rooms 01 and 02
const chiefExaminer = 'S001';
const chiefProctor01 = 'P0001';
const secondProctor01 = 'P0002';
const chiefProctor02 = 'P0003';

/** 2026-11-25 at a local time of day: the clock the core reads. */
const at = (hhmmss: string): Date => {
  const [h, m, s] = hhmmss.split(':').map(Number);
  return new Date(2026, 10, 25, h ?? 0, m ?? 0, s ?? 0);
};

function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('running the day by the clock (real SQLite file, injected clock)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let now: Date;

  beforeEach(() => {
    temp = makeTempDir();
    now = at('07:30:00');
    core = openCore({ dataDir: temp.dir, now: () => now, resourcesDir: RESOURCES });
    core.commit(fixtureDayEvents(day));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  const eventCount = (): number => (core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

  it('gives the 附件5 timetable and gates of the plan', () => {
    const schedule = value(core.handlers.getSchedule({}));
    expect(schedule.steps.map((s) => s.at)).toEqual(['07:30', '07:35', '07:40', '07:50', '08:05', '08:20', '08:25', '08:30', '09:00', '09:45', '10:00', '10:05']);
    expect(schedule.gates).toMatchObject({ checkinOpensAt: 8 * 60 + 5, lateFrom: 9 * 60, handInFrom: 9 * 60, handInUntil: 9 * 60 + 45 });
    expect(schedule.confirmations).toEqual([]);
  });

  it('records a confirmation by an allowed role, refuses other roles, rooms and early ones', () => {
    const refusedRole = core.handlers.confirmStep({ confirmationId: 'briefing-held', actorStaffId: chiefProctor01 });
    expect(refusedRole).toMatchObject({ ok: false, error: { code: 'refused', message: '该环节须由规定的岗位人员确认' } });
    const otherRoom = core.handlers.confirmStep({ confirmationId: 'papers-received', roomNo: '02', actorStaffId: secondProctor01 });
    expect(otherRoom).toMatchObject({ ok: false, error: { code: 'refused', message: '监考人员只能确认本考场的环节' } });
    expect(core.handlers.confirmStep({ confirmationId: 'seal-shown', actorStaffId: chiefProctor01 })).toMatchObject({
      ok: false,
      error: { message: '请指明考场' },
    });
    expect(core.handlers.confirmStep({ confirmationId: 'seal-shown', roomNo: '01', actorStaffId: 'NOBODY' })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    // 07:30: 分发试卷 is at 07:40, confirmable from 07:25; 宣布开考 (08:30) only from 08:15.
    const early = core.handlers.confirmStep({ confirmationId: 'exam-started', roomNo: '01', actorStaffId: chiefProctor01 });
    expect(early).toMatchObject({ ok: false, error: { code: 'refused', message: '尚未到“宣布正式开考”环节（08:30），不能提前确认' } });
    now = at('07:10:00');
    expect(core.handlers.confirmStep({ confirmationId: 'papers-received', roomNo: '01', actorStaffId: secondProctor01 })).toMatchObject({
      ok: false,
      error: { message: '尚未到“分发试卷”环节（07:40），不能提前确认' },
    });
    expect(eventCount()).toBe(fixtureDayEvents(day).length);

    now = at('07:36:00');
    const briefing = value(core.handlers.confirmStep({ confirmationId: 'briefing-held', actorStaffId: chiefExaminer }));
    expect(briefing.confirmation).toEqual({
      confirmationId: 'briefing-held',
      roomNo: null,
      at: at('07:36:00').toISOString(),
      staffId: chiefExaminer,
      staffName: '周主考',
      role: 'chief-examiner',
    });
    const received = value(core.handlers.confirmStep({ confirmationId: 'papers-received', roomNo: '01', actorStaffId: secondProctor01 }));
    expect(received.confirmation).toMatchObject({ roomNo: '01', staffId: secondProctor01, role: 'second-proctor' });
    const row = core.db.prepare('SELECT * FROM events WHERE id = ?').get(received.eventId) as EventRow;
    expect(row.type).toBe('step.confirmed');
    expect(JSON.parse(row.payload)).toEqual({ confirmationId: 'papers-received', roomNo: '01' });
    expect(JSON.parse(row.actor)).toMatchObject({ staffId: secondProctor01 });

    const schedule = value(core.handlers.getSchedule({}));
    expect(schedule.confirmations.map((c) => [c.confirmationId, c.roomNo])).toEqual([
      ['briefing-held', null],
      ['papers-received', '01'],
    ]);
    expect(verifyEventLog(core.db).ok).toBe(true);
  });

  it('answers a repeated confirmation with the first one and records no second event', () => {
    now = at('07:45:00');
    const first = value(core.handlers.confirmStep({ confirmationId: 'papers-received', roomNo: '01', actorStaffId: secondProctor01 }));
    const count = eventCount();
    now = at('07:47:00');
    const again = value(core.handlers.confirmStep({ confirmationId: 'papers-received', roomNo: '01', actorStaffId: chiefProctor01 }));
    expect(again).toEqual(first);
    expect(eventCount()).toBe(count);
    // Room 02's confirmation of the same step is its own.
    const room02 = value(core.handlers.confirmStep({ confirmationId: 'papers-received', roomNo: '02', actorStaffId: chiefProctor02 }));
    expect(room02.eventId).not.toBe(first.eventId);
  });

  it('records a clock check from a time code and from a typed time, and stamps later events with the offset', () => {
    expect(value(core.handlers.getClock({}))).toMatchObject({ offsetMs: null, checkedAt: null, offsetTooLarge: false, speed: 1, rehearsal: null });
    expect(core.handlers.recordClockCheck({ reference: 'EXAMDAY-TIME/abc', actorStaffId: secondProctor01 })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: '时间码无法识别', refusal: { code: 'clock-code-unreadable', params: {} } },
    });
    expect(core.handlers.recordClockCheck({ reference: '7点35', actorStaffId: secondProctor01 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const before = eventCount();

    // The office reads 07:25:00 when this device reads 07:30:00: this device is 5 minutes fast.
    const office = 'abcdef0123456789';
    const fast = value(core.handlers.recordClockCheck({ reference: formatTimeCode({ referenceMs: at('07:25:00').getTime(), referenceDeviceId: office }), actorStaffId: secondProctor01 }));
    expect(fast.offsetMs).toBe(5 * 60_000);
    expect(fast.offsetTooLarge).toBe(true);
    const checkRow = core.db.prepare('SELECT * FROM events WHERE id = ?').get(fast.eventId) as EventRow;
    expect(JSON.parse(checkRow.payload)).toEqual({
      method: 'time-code',
      referenceDeviceId: office,
      referenceMs: at('07:25:00').getTime(),
      deviceMs: at('07:30:00').getTime(),
      offsetMs: 300_000,
    });
    expect(checkRow.clock_offset_ms).toBeNull(); // written before the offset was known
    expect(value(core.handlers.getClock({}))).toMatchObject({ offsetMs: 300_000, checkedAt: at('07:30:00').toISOString(), offsetTooLarge: true });

    now = at('08:10:00');
    const admitted = value(core.handlers.checkIn({ roomNo: '01', input: day.candidates[0]!.ticketNo, method: 'scanner', actorStaffId: secondProctor01 }));
    const stamped = core.db.prepare('SELECT * FROM events WHERE id = ?').get(admitted.eventId) as EventRow;
    expect(stamped.at).toBe(at('08:10:00').toISOString()); // raw device time…
    expect(stamped.clock_offset_ms).toBe(300_000); // …plus the offset
    expect(rowToRawEvent(stamped)).toMatchObject({ clockOffsetMs: 300_000 });

    // Typed "HH:MM:SS": the office reads 08:10:20, this device 08:10:00 → 20 s slow, a negative offset.
    const slow = value(core.handlers.recordClockCheck({ reference: '08:10:20', actorStaffId: secondProctor01 }));
    expect(slow).toMatchObject({ offsetMs: -20_000, offsetTooLarge: false });
    expect(value(core.handlers.getClock({})).offsetMs).toBe(-20_000);
    const typedRow = core.db.prepare('SELECT * FROM events WHERE id = ?').get(slow.eventId) as EventRow;
    expect(JSON.parse(typedRow.payload)).toMatchObject({ method: 'typed', offsetMs: -20_000 });
    expect(JSON.parse(typedRow.payload)).not.toHaveProperty('referenceDeviceId');
    expect(typedRow.clock_offset_ms).toBe(300_000);
    const next = value(core.handlers.checkIn({ roomNo: '01', input: day.candidates[1]!.ticketNo, method: 'scanner', actorStaffId: secondProctor01 }));
    expect((core.db.prepare('SELECT clock_offset_ms FROM events WHERE id = ?').get(next.eventId) as EventRow).clock_offset_ms).toBe(-20_000);

    expect(eventCount()).toBe(before + 4);
    expect(verifyEventLog(core.db)).toMatchObject({ ok: true });
  });

  it('takes a typed time across midnight as the nearest day, and refuses an absurd offset', () => {
    now = new Date(2026, 10, 26, 0, 0, 3);
    expect(value(core.handlers.recordClockCheck({ reference: '23:59:58', actorStaffId: chiefExaminer })).offsetMs).toBe(5_000);
    const yesterday = formatTimeCode({ referenceMs: new Date(2026, 10, 25, 6, 0, 0).getTime(), referenceDeviceId: 'abcdef0123456789' });
    const absurd = core.handlers.recordClockCheck({ reference: yesterday, actorStaffId: chiefExaminer });
    expect(absurd).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!absurd.ok && absurd.error.message).toMatch(/超过12小时/);
    const ownCode = formatTimeCode({ referenceMs: now.getTime(), referenceDeviceId: core.deviceId });
    expect(core.handlers.recordClockCheck({ reference: ownCode, actorStaffId: chiefExaminer })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('counts absentees on the dashboard only once the late cut-off has passed', () => {
    now = at('08:10:00');
    for (const candidate of day.candidates.slice(0, 25)) {
      value(core.handlers.checkIn({ roomNo: '01', input: candidate.ticketNo, method: 'scanner', actorStaffId: secondProctor01 }));
    }
    now = at('08:12:30');
    value(core.handlers.confirmStep({ confirmationId: 'papers-received', roomNo: '01', actorStaffId: chiefProctor01 }));

    now = at('08:59:59');
    const before = value(core.handlers.getDashboard({}));
    expect(before.generatedAt).toBe(at('08:59:59').toISOString());
    expect(before.rooms.map((r) => [r.roomNo, r.expected, r.admitted, r.absentees])).toEqual([
      ['01', 30, 25, null],
      ['02', 30, 0, null],
    ]);
    expect(before.rooms[0]).toMatchObject({ incidents: 0, lastActivityAt: at('08:12:30').toISOString(), confirmations: ['papers-received'] });
    expect(before.rooms[1]).toMatchObject({ lastActivityAt: null, confirmations: [] });

    now = at('09:00:00');
    const after = value(core.handlers.getDashboard({}));
    expect(after.rooms.map((r) => r.absentees)).toEqual([5, 30]);
  });

  it('gives the shipped announcements with the plan’s late cut-off, or the organisation’s valid copy', () => {
    const shipped = value(core.handlers.getAnnouncements({})).announcements;
    expect(shipped.map((a) => a.title)).toEqual(['考场规则', '考生违规处理规定']);
    expect(shipped[0]!.text).toContain('迟到超过30分钟');
    expect(shipped.map((a) => a.text).join('')).not.toContain('{');

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    writeFileSync(join(temp.dir, 'announcements.json'), '{"announcements": [{"id": "x"}]}');
    expect(value(core.handlers.getAnnouncements({})).announcements.map((a) => a.title)).toEqual(['考场规则', '考生违规处理规定']);
    value(core.handlers.getAnnouncements({}));
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();

    writeFileSync(join(temp.dir, 'announcements.json'), JSON.stringify({ announcements: [{ id: 'own', title: '本机构考场规则', text: '迟到{迟到时限}不得入场' }] }));
    expect(value(core.handlers.getAnnouncements({})).announcements).toEqual([{ id: 'own', title: '本机构考场规则', text: '迟到30分钟不得入场' }]);
  });
});
