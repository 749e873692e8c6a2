import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { canonicalJson } from '../../shared/events/canonical-json';
import { canonicalRowHash, canonicalRowJson, eventHash, eventRowFor, prepareHeadsQuery, rowToRawEvent, type EventRow } from '../../electron/core/event-log';
import type { ExamDayEvent, UnsignedEvent } from '../../shared/events/event';
import { multiDeviceDay } from '../support/multi-device-day';
import { seededRandom, testSeed } from '../support/seeded-random';
import { SignaturePool } from '../../electron/core/signature-pool';
import { verifyEventLog } from '../../electron/core/verify-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { openWriterAndReceiver } from '../support/writer-and-receiver';

const day = fixtureDay(20);

/** The same JSON object with every object's keys in reverse order (as another implementation might send it). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

describe('events from another device are checked, stored and folded in their stored form', () => {
  let writer: Core;
  let receiver: Core;
  let close: () => void;
  const pool = new SignaturePool(2);

  beforeEach(() => {
    ({ writer, receiver, close } = openWriterAndReceiver(day));
  });
  afterEach(async () => {
    close();
    await pool.close();
  });

  const rowsOf = (core: Core, deviceId: string) => core.db.prepare('SELECT * FROM events WHERE device_id = ? ORDER BY seq').all(deviceId) as EventRow[];
  const batchOf = (core: Core, shape: (raw: unknown) => unknown = (raw) => raw) => ({
    devices: [{ deviceId: core.deviceId, publicKeyHex: core.key.publicKeyHex }],
    events: rowsOf(core, core.deviceId).map((row) => shape(JSON.parse(JSON.stringify(rowToRawEvent(row))))),
  });

  it('stores the sender’s exact rows and a projection equal to a rebuild, whatever the key order on the wire', async () => {
    const batch = batchOf(writer, reversedKeys);
    const received = receiver.foreign.receive(batch, writer.deviceId, await receiver.foreign.preverify(batch, pool));
    expect(received).toMatchObject({ stored: batch.events.length, rejected: [] });
    const strip = (rows: EventRow[]) => rows.map(({ local_order: _, ...row }) => row);
    expect(strip(rowsOf(receiver, writer.deviceId))).toEqual(strip(rowsOf(writer, writer.deviceId)));
    const report = verifyEventLog(receiver.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('refuses an event carrying clockOffsetMs: null for its schema, as it came (not as the row would store it)', () => {
    const batch = batchOf(writer);
    (batch.events[3] as Record<string, unknown>).clockOffsetMs = null;
    const received = receiver.foreign.receive(batch, writer.deviceId);
    expect(received).toMatchObject({ stored: 3 });
    expect('rejected' in received && received.rejected[0]).toMatchObject({ index: 3, reason: expect.stringMatching(/事件格式错误/) });
  });

  it('answers every device’s head through the index, as GROUP BY over the whole log does', () => {
    const batch = batchOf(writer);
    expect(receiver.foreign.receive(batch, writer.deviceId)).toMatchObject({ stored: batch.events.length });
    receiver.commit(fixtureDayEvents(day).slice(0, 2));
    const heads = prepareHeadsQuery(receiver.db)();
    expect(heads).toEqual(receiver.db.prepare('SELECT device_id, MAX(seq) AS seq, hash FROM events GROUP BY device_id ORDER BY device_id').all());
    expect(heads.map((h) => h.device_id).sort()).toEqual([receiver.deviceId, writer.deviceId].sort());
  });

  it('hashes a canonical row as eventHash hashes the event it holds, for real days and random actors and payloads', () => {
    const events = [...multiDeviceDay().chains.flat(), ...rowsOf(writer, writer.deviceId).map((row) => rowToRawEvent(row) as unknown as ExamDayEvent)];
    const seed = testSeed(1130);
    const random = seededRandom(seed);
    const texts = ['', 'a', '考务', '😀', '"\\\n', '\u2028', 'é'];
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    for (let i = 0; i < 2_000; i += 1) {
      const base = pick(events);
      const payload = Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(texts) + pick(['', '1', '10', 'z']), pick<unknown>([pick(texts), random() * 1e6, -0, 1e21, null, [pick(texts)], { [pick(texts)]: random() < 0.5 }])]));
      const variant = { ...base, payload, seq: 1 + Math.floor(random() * 1e6), ...(random() < 0.5 ? { clockOffsetMs: Math.floor((random() - 0.5) * 1e6) } : {}) } as unknown as ExamDayEvent;
      events.push(variant);
    }
    for (const event of events) {
      const row = eventRowFor(event);
      expect(canonicalRowHash(row), `seed ${seed}, event ${event.id}`).toBe(eventHash(rowToRawEvent({ local_order: 0, ...row }) as unknown as UnsignedEvent));
      expect(canonicalRowHash(row)).toBe(eventHash(event));
      expect(canonicalRowJson(row), `seed ${seed}, event ${event.id}`).toBe(canonicalJson(event));
    }
  });
});
