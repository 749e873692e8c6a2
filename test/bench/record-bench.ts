// Room record benchmarks: prints `BENCH <name> <value> <unit>` lines. Figures, never assertions.
import { resolve } from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { openCore } from '../../electron/core/core';
import { resultSheetRows } from '../../shared/record/results';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isFinite(value) ? value.toFixed(value < 10 ? 3 : 1) : value} ${unit}`);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const temp = makeTempDir('examday-record-bench-');
  try {
    // 100 rooms, 3,000 candidates; the exam is over (10:00) so everyone not in is 缺考.
    const day = fixtureDay(3_000);
    let clockMs = new Date(2026, 10, 25, 8, 20).getTime();
    const core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs), resourcesDir: resolve(process.cwd(), 'resources') });
    core.commit(fixtureDayEvents(day));
    const h = core.handlers;
    setPinsAtBriefing(core, ['P0001']);
    const room = day.candidates.filter((c) => c.roomNo === '001');
    for (const c of day.candidates.slice(0, 2_900)) {
      const result = h.checkIn({ roomNo: c.roomNo, input: c.ticketNo, method: 'scanner', actorStaffId: 'P0002' });
      if (!result.ok) throw new Error(result.error.message);
    }
    // Room 001: 20 incidents, 5 of them corrected, hand-ins and counts, as a busy room might have.
    clockMs = new Date(2026, 10, 25, 9, 10).getTime();
    for (let i = 0; i < 20; i += 1) {
      const recorded = h.recordIncident({ roomNo: '001', subject: { kind: 'candidate', ticketNo: room[i]!.ticketNo }, kindId: i % 2 ? 'talking' : 'crib-notes', cheating: i % 2 === 0, actions: ['warning'], description: `第${i}条`, actorStaffId: 'P0001' });
      if (!recorded.ok) throw new Error(recorded.error.message);
      if (i % 4 === 0) h.correctIncident({ roomNo: '001', incidentEventId: recorded.value.eventId, correction: 'withdrawn', reason: '误记', corrector: proofOf('P0001') });
    }
    for (const c of room.slice(20, 25)) h.recordHandIn({ roomNo: '001', ticketNo: c.ticketNo, actorStaffId: 'P0001' });
    h.recordPaperCount({ roomNo: '001', count: { kind: 'paper', received: 32, issued: 30, spare: 2, absentKept: 0, collected: null }, actorStaffId: 'P0001' });
    clockMs = new Date(2026, 10, 25, 10, 0).getTime();

    const recordMs: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const t0 = performance.now();
      const record = h.getRoomRecord({ roomNo: '001' });
      recordMs.push(performance.now() - t0);
      if (!record.ok || record.value.incidents.length < 20) throw new Error('room record incomplete');
    }
    bench('room_record_ms', median(recordMs), 'ms');

    const exportMs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t0 = performance.now();
      const results = h.getResults({});
      if (!results.ok || results.value.rows.length !== 3_000) throw new Error('results incomplete');
      const bytes = await writeXlsxFile(resultSheetRows(results.value.rows).map((row) => row.map((value) => ({ value })))).toBuffer();
      exportMs.push(performance.now() - t0);
      if (bytes.length < 1_000) throw new Error('xlsx too small');
    }
    bench('day_results_export_ms', median(exportMs), 'ms');
    core.close();
  } finally {
    temp.remove();
}
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
