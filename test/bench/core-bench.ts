// Core benchmarks: prints `BENCH <name> <value> <unit>` lines. Figures, never assertions.
// The core is the browser mode's (openCoreHost), its data folder on disk (bench-data-dir.ts), and
// each check-in is answered as an API call is: JSON in, dispatchApiCall (the contract's zod parse,
// the handler, the durable commit), JSON out.
import { openCoreHost } from '../../electron/core/core-host';
import { verifyEventLog } from '../../electron/core/verify-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { answerApiBody } from './api-call';
import { makeBenchDataDir } from './bench-data-dir';
import { doorTraffic, verdictCounts } from './door-traffic';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isFinite(value) ? value.toFixed(value < 10 ? 3 : 1) : value} ${unit}`);
}

const ROSTER = 10_000;
const CHECKINS = 2_000;

const temp = makeBenchDataDir('core-');
try {
  // Both documents, as the regulations ask: a door's admission is two scans, two events.
  const day = fixtureDay(ROSTER, { requiredDocuments: 'ticket-and-id' });
  const host = openCoreHost({ dataDir: temp.dir });
  const core = host.real;

  let started = performance.now();
  core.commit(fixtureDayEvents(day));
  const seedMs = performance.now() - started;
  bench('roster_seed_10k_events_ms', seedMs, 'ms');
  bench('event_append_batched_per_s', (fixtureDayEvents(day).length / seedMs) * 1000, 'events/s');

  // Door traffic room after room until CHECKINS scans: mostly pairs, some refusals (door-traffic.ts).
  const durations: number[] = [];
  const kinds: string[] = [];
  for (const room of day.rooms) {
    if (durations.length >= CHECKINS) break;
    const proctor = day.staff.find((s) => s.role === 'second-proctor' && s.roomNo === room.roomNo)!;
    for (const scan of doorTraffic(day, room.roomNo)) {
      if (durations.length >= CHECKINS) break;
      const body = JSON.stringify({ roomNo: room.roomNo, input: scan.input, method: 'scanner', actorStaffId: proctor.staffId });
      const t0 = performance.now();
      const { result } = answerApiBody(host.handlers, 'checkIn', body);
      durations.push(performance.now() - t0);
      if (!result.ok) throw new Error(result.error.message);
      const kind = (result.value as { verdict: { kind: string } }).verdict.kind;
      if (kind !== scan.expected) throw new Error(`room ${room.roomNo}: expected ${scan.expected}, the core said ${kind}`);
      kinds.push(kind);
    }
  }
  console.log(`core bench: ${durations.length} check-ins through dispatch (${verdictCounts(kinds)})`);
  durations.sort((a, b) => a - b);
  bench('checkin_core_p50_ms', percentile(durations, 50), 'ms');
  bench('checkin_core_p99_ms', percentile(durations, 99), 'ms');

  // One durable transaction per event, as the door writes them.
  const appendCount = 1_000;
  started = performance.now();
  for (let i = 0; i < appendCount; i += 1) {
    core.commit([{ type: 'room.defined', payload: { room: { roomNo: `B${i}`, name: '基准', location: '', capacity: 30 } }, actor: { staffId: 'system', name: '系统', role: 'system' } }]);
  }
  bench('event_append_per_s', (appendCount / (performance.now() - started)) * 1000, 'events/s');

  started = performance.now();
  const report = verifyEventLog(core.db);
  bench('verify_log_ms', performance.now() - started, `ms (${report.eventsChecked} events, ok=${report.ok})`);
  host.close();
} finally {
  temp.remove();
}
