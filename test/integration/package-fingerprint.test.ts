import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreHost, type CoreHost } from '../../electron/core/core-host';
import { FIXTURE_PLAN_FORM as planForm, fixtureDay } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

describe('the office key fingerprint on export and at the door (issue 9 item 17)', () => {
  let office: ReturnType<typeof makeTempDir>;
  let door: ReturnType<typeof makeTempDir>;
  let officeHost: CoreHost;
  const day = fixtureDay(4);
  beforeEach(() => {
    office = makeTempDir();
    door = makeTempDir();
    officeHost = openCoreHost({ dataDir: office.dir, now: () => new Date(2026, 10, 25, 7, 0) });
    expect(officeHost.handlers.savePlan({ plan: planForm })).toMatchObject({ ok: true });
    expect(officeHost.handlers.importRoster({ rooms: day.rooms, candidates: day.candidates })).toMatchObject({ ok: true });
  });
  afterEach(() => {
    officeHost.close();
    office.remove();
    door.remove();
  });

  it('shows the same fingerprint on both screens, and inspecting stores nothing', () => {
    const exported = officeHost.handlers.exportDayPackage({});
    if (!exported.ok) throw new Error(exported.error.message);
    const { fingerprint } = exported.value;
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const officeDeviceId = officeHost.real.deviceId;
    // The device id is the fingerprint's first four groups.
    expect(fingerprint.replace(/ /g, '').slice(0, 16).toLowerCase()).toBe(officeDeviceId);

    const doorHost = openCoreHost({ dataDir: door.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    try {
      const eventsBefore = doorHost.handlers.verifyLog({});
      const inspected = doorHost.handlers.inspectDayPackage({ content: exported.value.content, passphrase: exported.value.passphrase });
      expect(inspected).toEqual({
        ok: true,
        value: { officeDeviceId, fingerprint, planName: '20261125 保育师', events: exported.value.events, photos: 0 },
      });
      expect(doorHost.handlers.verifyLog({})).toEqual(eventsBefore);
      expect(doorHost.handlers.inspectDayPackage({ content: '{"hello":1}', passphrase: exported.value.passphrase })).toMatchObject({ ok: false, error: { message: '文件不是考试日数据包' } });
    } finally {
      doorHost.close();
    }
  });
});
