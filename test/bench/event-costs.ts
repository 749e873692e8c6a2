// Per-event costs of checking a stored event, step by step, on a real day's log (the verify and
// sync ingestion paths pay each of them once per event). Prints `BENCH` lines in µs per event.
import { openCore } from '../../electron/core/core';
import { publicKeyFromHex, verifySignature } from '../../electron/core/device-key';
import { eventHash, rowToRawEvent, type EventRow } from '../../electron/core/event-log';
import { parseEvent, type UnsignedEvent } from '../../shared/events/event';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

function perEvent(name: string, count: number, work: () => void): void {
  work(); // warm up
  const started = performance.now();
  work();
  console.log(`BENCH ${name} ${(((performance.now() - started) * 1000) / count).toFixed(2)} µs/event`);
}

const temp = makeTempDir('examday-event-costs-');
try {
  const day = fixtureDay(3_000);
  const core = openCore({ dataDir: temp.dir });
  core.commit(fixtureDayEvents(day));
  const proctor = day.staff.find((s) => s.role === 'second-proctor')!;
  for (let i = 0; i < 1_000; i += 1) {
    const candidate = day.candidates[(i * 7919) % day.candidates.length]!;
    core.handlers.checkIn({ roomNo: candidate.roomNo, input: candidate.ticketNo, method: 'scanner', actorStaffId: proctor.staffId });
  }
  const rows = core.db.prepare('SELECT * FROM events ORDER BY local_order').all() as EventRow[];
  const key = publicKeyFromHex(core.db.prepare('SELECT public_key FROM devices').pluck().get() as string)!;
  core.close();
  const raws = rows.map(rowToRawEvent);
  perEvent('event_cost_json_parse_row_us', rows.length, () => rows.forEach(rowToRawEvent));
  perEvent('event_cost_zod_parse_us', rows.length, () => raws.forEach((raw) => parseEvent(raw)));
  perEvent('event_cost_canonical_sha256_us', rows.length, () => raws.forEach((raw) => eventHash(raw as unknown as UnsignedEvent)));
  perEvent('event_cost_ed25519_verify_us', rows.length, () => rows.forEach((row) => verifySignature(key, row.hash, row.sig)));
} finally {
  temp.remove();
}
