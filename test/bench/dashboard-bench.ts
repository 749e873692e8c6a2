// Office dashboard benchmark (issue 15 item 1): prints `BENCH <name> <value> <unit>` lines. Figures,
// never assertions. 100 rooms and 3,000 candidates after the late cut-off, most admitted, with
// refused scans and 存疑 for the feed; getDashboard answered as an API call is (dispatch, JSON out).
import { openCoreHost } from '../../electron/core/core-host';
import { SYSTEM_ACTOR } from '../../shared/domain/types';
import type { PendingEvent } from '../../electron/core/core-context';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { answerApiBody } from './api-call';
import { makeBenchDataDir } from './bench-data-dir';

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isFinite(value) ? value.toFixed(value < 10 ? 3 : 1) : value} ${unit}`);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const temp = makeBenchDataDir('dashboard-');
try {
  const day = fixtureDay(3_000, { requiredDocuments: 'either' });
  let clockMs = new Date(2026, 10, 25, 8, 10).getTime();
  const host = openCoreHost({ dataDir: temp.dir, now: () => new Date(clockMs) });
  const core = host.real;
  core.commit(fixtureDayEvents(day));
  // The door traffic as its events, in one commit: 2,850 admitted, 300 refused scans, 30 存疑.
  const admitted = day.candidates.slice(0, 2_850);
  const proctor = (roomNo: string) => ({ ...SYSTEM_ACTOR, staffId: `P${roomNo}`, name: `副监考${roomNo}`, role: 'second-proctor' as const });
  const traffic: PendingEvent[] = [
    ...admitted.map((c): PendingEvent => ({ type: 'checkin.attempted', payload: { roomNo: c.roomNo, input: { method: 'scanner', value: c.ticketNo }, verdict: 'admitted', ticketNo: c.ticketNo, document: 'ticket' }, actor: proctor(c.roomNo) })),
    ...day.candidates.slice(2_700, 3_000).map((c): PendingEvent => ({ type: 'checkin.attempted', payload: { roomNo: '001', input: { method: 'scanner', value: c.ticketNo }, verdict: 'wrong-room', ticketNo: c.ticketNo, document: 'ticket' }, actor: proctor('001') })),
    ...admitted.slice(0, 30).map((c): PendingEvent => ({ type: 'candidate.doubt-raised', payload: { roomNo: c.roomNo, ticketNo: c.ticketNo, reason: 'photo-mismatch' }, actor: proctor(c.roomNo) })),
  ];
  core.commit(traffic);
  clockMs = new Date(2026, 10, 25, 9, 10).getTime();

  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 30; i += 1) {
    const t0 = performance.now();
    const { result, reply } = answerApiBody(host.handlers, 'getDashboard', '{}');
    ms.push(performance.now() - t0);
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as { rooms: unknown[]; totals: { admitted: number; absentees: number | null }; feed: unknown[] };
    if (value.rooms.length !== 100 || value.totals.admitted !== 2_850 || value.totals.absentees !== 150 || value.feed.length === 0) {
      throw new Error(`dashboard incomplete: ${JSON.stringify(value.totals)}`);
    }
    bytes = reply.length;
  }
  console.log(`dashboard bench: 100 rooms, 3,000 candidates, ${traffic.length} door events, ${bytes} characters answered`);
  bench('dashboard_ms', median(ms), 'ms');
  bench('dashboard_max_ms', Math.max(...ms), 'ms');
  host.close();
} finally {
  temp.remove();
}
