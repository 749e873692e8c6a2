import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { heldEvents } from '../../electron/sync/sync-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

describe("a held event's wire size, from its stored texts", () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 8, 10) });
    core.commit(fixtureDayEvents(fixtureDay(30)));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  it('is never less than the JSON the batch sends, and at most a little more', () => {
    const events = [...heldEvents(core.db).eventsFrom(core.deviceId, 1, 1000)];
    expect(events.length).toBeGreaterThan(30);
    for (const event of events) {
      const sent = Buffer.byteLength(JSON.stringify(event.raw));
      expect(event.bytes).toBeGreaterThanOrEqual(sent);
      expect(event.bytes - sent).toBeLessThan(200);
    }
  });
});
