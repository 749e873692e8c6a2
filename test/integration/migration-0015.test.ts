import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const actor = { staffId: 'S001', name: '周主考', role: 'chief-examiner' } as const;

/** Migration 0015: an event's payload may change only when a stored purge names it, and nothing else of it ever. */
describe('migration 0015 (purge redaction): the narrowed append-only trigger', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir, now: () => new Date(2026, 10, 25, 11, 0) });
    core.commit(fixtureDayEvents(fixtureDay(2)));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  const registration = (): { id: string; payload: string } =>
    core.db.prepare("SELECT id, payload FROM events WHERE type = 'candidate.registered' ORDER BY seq LIMIT 1").get() as { id: string; payload: string };
  const update = (sql: string, ...args: unknown[]) => () => core.db.prepare(sql).run(...args);

  it('refuses any UPDATE of an event no purge names, and every DELETE', () => {
    const { id } = registration();
    expect(update('UPDATE events SET payload = ? WHERE id = ?', '{}', id)).toThrow(/append-only: UPDATE refused/);
    expect(update('DELETE FROM events WHERE id = ?', id)).toThrow(/append-only: DELETE refused/);
  });

  it('lets a named event’s payload change, but not its hash, signature, seq or type', () => {
    const { id, payload } = registration();
    const record = { eventId: id, payloadSha256: 'a'.repeat(64), redactedSha256: 'b'.repeat(64) };
    core.commit([{ type: 'privacy.purged', payload: { coveredBy: { receiverDeviceId: 'f'.repeat(16), receiptAt: '2026-11-25T03:00:00.000Z', seq: 1 }, headSeq: 1, events: [record], photos: [] }, actor }]);
    expect(update('UPDATE events SET payload = ? WHERE id = ?', payload.replace('"name":"', '"name":"X'), id)).not.toThrow();
    for (const column of ['hash', 'sig', 'type', 'prev_hash', 'at', 'actor']) {
      expect(update(`UPDATE events SET ${column} = 'x' WHERE id = ?`, id)).toThrow(/append-only: UPDATE refused/);
    }
    expect(update('UPDATE events SET seq = seq + 1000 WHERE id = ?', id)).toThrow(/append-only: UPDATE refused/);
    expect(update('DELETE FROM events WHERE id = ?', id)).toThrow(/append-only: DELETE refused/);
  });
});
