// The center's benchmarks (issue 14): ingest of signed events from a site (every event's chain,
// hash and schema checked, and its signature: on its own at the end of each device's run in a
// batch, through the sealed links before it, shared/events/chain-link.ts; stored in one durable
// transaction per batch) on the embedded store and on a durable PostgreSQL (fsync on) on the real
// disk; one day of 100 rooms read and folded for review; that day's signed archive (with its PDFs).
// Prints `BENCH` lines; figures, never assertions.
import { SignaturePool } from '../../electron/core/signature-pool';
import { buildDayArchive } from '../../electron/center/archive';
import { loadCenterKey } from '../../electron/center/center-identity';
import { openDay, openFindings, roomSummaries } from '../../electron/center/day-view';
import { CenterIngest } from '../../electron/center/ingest';
import type { CenterStore, SiteRow } from '../../electron/center/store/center-store';
import { PostgresCenterStore } from '../../electron/center/store/postgres-center-store';
import { SqliteCenterStore } from '../../electron/center/store/sqlite-center-store';
import { dayKeyOf } from '../../shared/center/center-protocol';
import { MAX_BATCH_EVENTS } from '../../shared/sync/protocol';
import { enrolOffice, KeyedDevice, proctor } from '../support/center-fixture';
import { fixtureDay } from '../support/fixture-day';
import { startPostgresCluster } from '../support/postgres-cluster';
import { BENCH_DATA_ROOT, makeBenchDataDir } from './bench-data-dir';

const INGEST_DEVICES = 40;
const INGEST_EVENTS_PER_DEVICE = 1_000;
const DAY_CANDIDATES = 3_000; // 100 rooms of 30 (附件3)
const RUNS = 5;

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${value.toFixed(1)} ${unit}`);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const wire = (events: readonly object[]): Record<string, unknown>[] => events.map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);

/** 40 doors × 1,000 admissions, signed, pushed as a site pushes: batches of 2,000 in planBatch's order (device by device). */
async function ingestRate(store: CenterStore, pool: SignaturePool): Promise<number> {
  const day = fixtureDay(60);
  const identity = { organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId };
  const office = new KeyedDevice();
  const { site } = await enrolOffice(store, office, day.plan.organisation);
  const key = await loadCenterKey(store);
  const ingest = new CenterIngest(store, key, pool, () => new Date());
  const doors = Array.from({ length: INGEST_DEVICES }, () => new KeyedDevice());
  const t0 = Date.UTC(2026, 10, 25, 0, 10);
  for (const door of doors) {
    for (let i = 0; i < INGEST_EVENTS_PER_DEVICE; i += 1) {
      door.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: `T${i}` }, verdict: 'not-on-roster' }, proctor, new Date(t0 + i * 1000));
    }
  }
  const all = wire(doors.flatMap((d) => d.events));
  const keys = doors.map((d) => d.key);
  const started = performance.now();
  for (let i = 0; i < all.length; i += MAX_BATCH_EVENTS) {
    const outcome = await ingest.receive(site, { day: identity, events: all.slice(i, i + MAX_BATCH_EVENTS), keys });
    if (!outcome.ok || outcome.stored !== Math.min(MAX_BATCH_EVENTS, all.length - i)) throw new Error(`ingest: ${JSON.stringify(outcome).slice(0, 300)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  return all.length / seconds;
}

/** One site's day of 100 rooms: the office's setup and 100 doors' admissions (with one admitted twice). */
async function seedDay(store: CenterStore, pool: SignaturePool): Promise<string> {
  const day = fixtureDay(DAY_CANDIDATES);
  const identity = { organisation: day.plan.organisation, date: day.plan.date, planId: day.plan.planId };
  const t0 = new Date(2026, 10, 25, 8, 5).getTime();
  const office = new KeyedDevice();
  office.write('plan.set', { plan: day.plan }, proctor, new Date(t0));
  for (const room of day.rooms) office.write('room.defined', { room }, proctor, new Date(t0));
  for (const staff of day.staff) office.write('staff.registered', { staff }, proctor, new Date(t0));
  for (let i = 0; i < day.candidates.length; i += 500) office.write('candidates.registered', { candidates: day.candidates.slice(i, i + 500) }, proctor, new Date(t0));
  const doors = day.rooms.map((room) => {
    const door = new KeyedDevice();
    day.candidates
      .filter((c) => c.roomNo === room.roomNo)
      .slice(0, 29)
      .forEach((c, i) => door.write('checkin.attempted', { roomNo: room.roomNo, input: { method: 'scanner', value: c.ticketNo }, verdict: 'admitted', ticketNo: c.ticketNo }, proctor, new Date(t0 + i * 20_000)));
    return door;
  });
  const { site } = await enrolOffice(store, office, day.plan.organisation);
  const key = await loadCenterKey(store);
  const ingest = new CenterIngest(store, key, pool, () => new Date());
  const all = wire([...office.events, ...doors.flatMap((d) => d.events)]);
  for (let i = 0; i < all.length; i += MAX_BATCH_EVENTS) {
    const outcome = await ingest.receive(site as SiteRow, { day: identity, events: all.slice(i, i + MAX_BATCH_EVENTS), keys: doors.map((d) => d.key) });
    if (!outcome.ok) throw new Error(outcome.reason);
  }
  return dayKeyOf(identity);
}

async function main(): Promise<void> {
  const pool = new SignaturePool();
  const embeddedDir = makeBenchDataDir('center-embedded-');
  const dayDir = makeBenchDataDir('center-day-');
  try {
    const embedded = SqliteCenterStore.open(embeddedDir.dir);
    bench('center_ingest_events_per_s_embedded', await ingestRate(embedded, pool), 'events/s');
    await embedded.close();

    const cluster = await startPostgresCluster({ durable: true, parentDir: BENCH_DATA_ROOT });
    try {
      const postgres = await PostgresCenterStore.open(cluster.url);
      bench('center_ingest_events_per_s_postgres', await ingestRate(postgres, pool), 'events/s');
      await postgres.close();
    } finally {
      cluster.stop();
    }

    const store = SqliteCenterStore.open(dayDir.dir);
    const dayKey = await seedDay(store, pool);
    const now = new Date(2026, 10, 26, 9, 0);
    const viewMs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      const model = await openDay(store, dayKey);
      const rooms = roomSummaries(model!, now);
      if (rooms.length !== 100 || openFindings(model!).length !== 0) throw new Error(`day view: ${rooms.length} rooms`);
      viewMs.push(performance.now() - started);
    }
    bench('center_day_view_ms', median(viewMs), 'ms');
    const key = await loadCenterKey(store);
    const archiveMs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      const archive = await buildDayArchive(store, key, dayKey, now);
      if (!archive || archive.bytes.length < 10_000) throw new Error('archive too small');
      archiveMs.push(performance.now() - started);
    }
    bench('archive_export_ms', median(archiveMs), 'ms');
    await store.close();
  } finally {
    await pool.close();
    embeddedDir.remove();
    dayDir.remove();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
