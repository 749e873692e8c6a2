// Verify benchmark: a ~14,000-event log (10,000-candidate day, 3,000 door scans, 1,000 rooms),
// timed through the audit command as an auditor runs it. Prints `BENCH` lines; figures, never assertions.
import { runVerifyCommand } from '../../electron/cli/verify-command';
import { openCore } from '../../electron/core/core';
import { verifyEventLog } from '../../electron/core/verify-log';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const ROSTER = 10_000;
const CHECKINS = 3_000;

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${value.toFixed(1)} ${unit}`);
}

const temp = makeTempDir('examday-verify-bench-');
try {
  const day = fixtureDay(ROSTER);
  const core = openCore({ dataDir: temp.dir });
  core.commit(fixtureDayEvents(day));
  const proctor = day.staff.find((s) => s.role === 'second-proctor')!;
  for (let i = 0; i < CHECKINS; i += 1) {
    const candidate = day.candidates[(i * 7919) % ROSTER]!;
    const result = core.handlers.checkIn({ roomNo: candidate.roomNo, input: i % 2 === 0 ? candidate.ticketNo : candidate.idNumber, method: 'scanner', actorStaffId: proctor.staffId });
    if (!result.ok) throw new Error(result.error.message);
  }
  let started = performance.now();
  const live = verifyEventLog(core.db);
  bench('verify_log_ms', performance.now() - started, `ms (${live.eventsChecked} events, ok=${live.ok})`);
  core.close();

  const lines: string[] = [];
  started = performance.now();
  const cpu = process.cpuUsage();
  const code = runVerifyCommand(['--data', temp.dir], (line) => lines.push(line));
  const ms = performance.now() - started;
  // CPU time as well: on a shared machine the wall clock mostly measures the neighbours.
  const { user, system } = process.cpuUsage(cpu);
  bench('verify_command_ms', ms, `ms (exit ${code}, ${((live.eventsChecked / ms) * 1000).toFixed(0)} events/s)`);
  bench('verify_command_cpu_ms', (user + system) / 1000, 'ms CPU');
} finally {
  temp.remove();
}
