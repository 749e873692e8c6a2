// A child process for the crash test: performs check-ins forever and acknowledges each verdict
// on stdout only after the core returned it. The parent kills it with SIGKILL at random moments.
import { writeSync } from 'node:fs';
import { openCore } from '../../electron/core/core';
import { fixtureDay, fixtureDayEvents } from './fixture-day';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: checkin-worker DATA_DIR');
const day = fixtureDay(300);
const core = openCore({ dataDir });
if ((core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n === 0) {
  core.commit(fixtureDayEvents(day));
}
writeSync(1, 'READY\n');
const proctor = day.staff.find((s) => s.role === 'second-proctor')!;
for (let i = 0; ; i += 1) {
  const candidate = day.candidates[i % day.candidates.length]!;
  const result = core.handlers.checkIn({
    roomNo: candidate.roomNo,
    input: i % 2 === 0 ? candidate.ticketNo : candidate.idNumber,
    method: 'scanner',
    actorStaffId: proctor.staffId,
  });
  if (!result.ok) throw new Error(result.error.message);
  writeSync(1, `ACK ${candidate.ticketNo} ${result.value.verdict.kind} ${result.value.eventId}\n`);
}
