// Core benchmarks: prints `BENCH <name> <value> <unit>` lines. Figures, never assertions.
import { openCore } from '../../electron/core/core';
import { verifyEventLog } from '../../electron/core/verify-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isFinite(value) ? value.toFixed(value < 10 ? 3 : 1) : value} ${unit}`);
}

const ROSTER = 10_000;
const CHECKINS = 2_000;

const temp = makeTempDir('examday-bench-');
try {
  const day = fixtureDay(ROSTER);
  const core = openCore({ dataDir: temp.dir });

  let started = performance.now();
  core.commit(fixtureDayEvents(day));
  const seedMs = performance.now() - started;
  bench('roster_seed_10k_events_ms', seedMs, 'ms');
  bench('event_append_batched_per_s', (fixtureDayEvents(day).length / seedMs) * 1000, 'events/s');

  // Door traffic on a 10,000-candidate roster: ticket and ID scans, some wrong rooms, repeats, typos.
  const proctor = day.staff.find((s) => s.role === 'second-proctor')!;
  const durations: number[] = [];
  for (let i = 0; i < CHECKINS; i += 1) {
    const candidate = day.candidates[(i * 7919) % ROSTER]!;
    const kind = i % 10;
    const input = kind === 9 ? candidate.idNumber.slice(0, 17) + 'Y' : kind % 2 === 0 ? candidate.ticketNo : candidate.idNumber;
    const roomNo = kind === 7 ? day.rooms[0]!.roomNo : candidate.roomNo;
    const t0 = performance.now();
    const result = core.handlers.checkIn({ roomNo, input, method: 'scanner', actorStaffId: proctor.staffId });
    durations.push(performance.now() - t0);
    if (!result.ok) throw new Error(result.error.message);
  }
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
  core.close();
} finally {
  temp.remove();
}
