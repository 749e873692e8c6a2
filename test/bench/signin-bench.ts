// Sign-in benchmark (issue 11 item 1): prints `BENCH <name> <value> <unit>` lines. Figures, never assertions.
import { openCoreHost } from '../../electron/core/core-host';
import { PIN_HASH_PARAMS } from '../../electron/core/pin-hash';
import { samplePin } from '../../shared/sample/sample-pins';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { answerApiBody } from './api-call';

function bench(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isFinite(value) ? value.toFixed(value < 10 ? 3 : 1) : value} ${unit}`);
}
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN;

function main(): void {
  const temp = makeTempDir('examday-signin-bench-');
  try {
    // A 100-room day (3,000 candidates, 202 staff) on a real data folder; 40 proctors set their PINs.
    const day = fixtureDay(3_000);
    const host = openCoreHost({ dataDir: temp.dir });
    host.real.commit(fixtureDayEvents(day));
    const people = day.staff.filter((s) => s.roomNo !== undefined).slice(0, 40);
    const setStarted = performance.now();
    for (const s of people) {
      const answer = host.handlers.setPin({ badgeCode: s.badgeCode!, pin: samplePin(s.staffId), pinRepeat: samplePin(s.staffId) });
      if (!answer.ok) throw new Error(answer.error.message);
    }
    bench('pin_set_ms', (performance.now() - setStarted) / people.length, 'ms');

    // Scan + PIN → signed in, core side: the JSON body as the renderer sends it, through dispatch
    // (zod parse, the scrypt check, the 'staff.signed-in' commit), the answer serialised.
    const times: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const s = people[i % people.length]!;
      const body = JSON.stringify({ badgeCode: s.badgeCode, pin: samplePin(s.staffId), roomNo: s.roomNo });
      const started = performance.now();
      const { result } = answerApiBody(host.handlers, 'signIn', body);
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(result.error.message);
    }
    bench('badge_signin_ms', quantile(times, 0.5), 'ms');
    bench('badge_signin_p95_ms', quantile(times, 0.95), 'ms');
    bench('pin_hash_cost_N', PIN_HASH_PARAMS.N, 'scrypt-N');

    // A wrong PIN costs the same hash and a 'staff.pin-failed' commit.
    const wrong: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const s = people[i]!;
      const started = performance.now();
      answerApiBody(host.handlers, 'signIn', JSON.stringify({ badgeCode: s.badgeCode, pin: '135790' }));
      wrong.push(performance.now() - started);
    }
    bench('badge_signin_wrong_pin_ms', quantile(wrong, 0.5), 'ms');
    host.close();
  } finally {
    temp.remove();
  }
}

main();
