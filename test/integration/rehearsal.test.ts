import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openCoreHost, REHEARSALS_FOLDER, type CoreHost } from '../../electron/core/core-host';
import { minutesOfDay } from '../../shared/timetable/gates';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const ROOT = join(__dirname, '..', '..');
const SAMPLE_DAY = join(ROOT, 'resources', 'sample-day', 'sample-day.json');
const day = fixtureDay(60);

function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('rehearsal (演练) beside the real core', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let host: CoreHost;

  beforeEach(() => {
    temp = makeTempDir();
    host = openCoreHost({ dataDir: temp.dir, resourcesDir: join(ROOT, 'resources'), sampleDayFile: SAMPLE_DAY });
  });
  afterEach(() => {
    host.close();
    temp.remove();
  });

  const realEvents = (): number => (host.real.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

  it('runs a copy of the real day on its own clock and leaves no event in the real record', () => {
    // The data folder was empty, so the real core loaded the sample day; replace nothing, count it.
    const realDay = value(host.handlers.getDay({}));
    const before = realEvents();
    const realDeviceId = realDay.deviceId;

    const info = value(host.handlers.startRehearsal({ startTime: '14:00', fromStepId: 'checkin-open', speed: 10 }));
    expect(info).toMatchObject({ startTime: '14:00', speed: 10 });
    expect(info.folder.startsWith(join(temp.dir, REHEARSALS_FOLDER))).toBe(true);
    expect(existsSync(join(info.folder, 'examday.sqlite'))).toBe(true);

    const clock = value(host.handlers.getClock({}));
    expect(clock.rehearsal).toEqual(info);
    expect(clock.speed).toBe(10);
    expect(clock.deviceId).not.toBe(realDeviceId); // its own key
    expect(minutesOfDay(new Date(clock.deviceNowMs))).toBeGreaterThanOrEqual(13 * 60 + 35);
    expect(minutesOfDay(new Date(clock.deviceNowMs))).toBeLessThan(13 * 60 + 40);

    const rehearsalDay = value(host.handlers.getDay({}));
    expect(rehearsalDay.plan).toMatchObject({ startTime: '14:00', endTime: '15:30', planId: realDay.plan?.planId });
    expect(rehearsalDay.rooms.map((r) => [r.roomNo, r.expected])).toEqual(realDay.rooms.map((r) => [r.roomNo, r.expected]));

    const staff = rehearsalDay.staff.find((s) => s.role === 'second-proctor' && s.roomNo === '01')!;
    const roster = value(host.handlers.getRoomRoster({ roomNo: '01' }));
    const verdict = value(host.handlers.checkIn({ roomNo: '01', input: roster.rows[0]!.ticketNo, method: 'scanner', actorStaffId: staff.staffId }));
    // The sample plan asks for 准考证 and ID: the ticket alone waits for the ID, in the rehearsal's log.
    expect(verdict.verdict.kind).toBe('awaiting-id');
    const chief = rehearsalDay.staff.find((s) => s.role === 'chief-proctor' && s.roomNo === '01')!;
    value(host.handlers.confirmStep({ confirmationId: 'papers-received', roomNo: '01', actorStaffId: chief.staffId }));
    value(host.handlers.recordClockCheck({ reference: '13:36', actorStaffId: chief.staffId }));
    expect(value(host.handlers.verifyLog({})).ok).toBe(true);

    expect(value(host.handlers.stopRehearsal({}))).toEqual({ stopped: true });
    expect(value(host.handlers.stopRehearsal({}))).toEqual({ stopped: false });
    expect(realEvents()).toBe(before);
    expect(value(host.handlers.getClock({}))).toMatchObject({ rehearsal: null, speed: 1, deviceId: realDeviceId, offsetMs: null });
    expect(value(host.handlers.getRoomRoster({ roomNo: '01' })).rows.every((r) => r.admittedAt === null)).toBe(true);
    expect(value(host.handlers.getSchedule({})).confirmations).toEqual([]);
  });

  it('shifts the real plan to the chosen start, keeping its length; a second rehearsal replaces the first', () => {
    const temp2 = makeTempDir();
    const own = openCoreHost({ dataDir: temp2.dir, resourcesDir: join(ROOT, 'resources') });
    try {
      own.real.commit(fixtureDayEvents(day)); // 08:30–10:00
      const first = value(own.handlers.startRehearsal({ startTime: '13:15', fromStepId: 'exam-start', speed: 60 }));
      expect(value(own.handlers.getDay({})).plan).toMatchObject({ startTime: '13:15', endTime: '14:45', planId: 'FIXTURE' });
      const second = value(own.handlers.startRehearsal({ startTime: '09:00', fromStepId: 'hand-in-closed', speed: 5 }));
      expect(second.folder).not.toBe(first.folder);
      expect(value(own.handlers.getClock({})).rehearsal).toEqual(second);
      const nowMinutes = minutesOfDay(new Date(value(own.handlers.getClock({})).deviceNowMs));
      expect(nowMinutes).toBeGreaterThanOrEqual(10 * 60 + 15);
      expect(nowMinutes).toBeLessThan(10 * 60 + 16);
      expect(readdirSync(join(temp2.dir, REHEARSALS_FOLDER))).toHaveLength(2);

      expect(own.handlers.startRehearsal({ startTime: '13:15', fromStepId: 'no-such-step', speed: 10 })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      expect(own.handlers.startRehearsal({ startTime: '23:00', fromStepId: 'exam-start', speed: 10 })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
      expect(value(own.handlers.getClock({})).rehearsal).toEqual(second); // a refused start changes nothing
    } finally {
      own.close();
      temp2.remove();
    }
  });
});
