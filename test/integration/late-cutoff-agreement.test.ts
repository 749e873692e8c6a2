import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';
import { LATE_CUTOFF_CASES } from '../support/late-cutoff-cases';

/**
 * The door has three ways in: a scan, an admission with a reason (no barcode) and an admission in
 * doubt. For one plan and one clock all three must say the same about the late cut-off (第十九条),
 * on the exam day around 09:00 and on a day set up ahead, through the real core.
 */
describe('scan and manual admission agree on lateness', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  for (const { label, examDate, clock, late } of LATE_CUTOFF_CASES) {
    it(`${label}: ${late ? 'late' : 'not late'} on every path`, () => {
      const day = fixtureDay(30, { date: examDate });
      const core = openCore({ dataDir: temp.dir, now: () => clock });
      try {
        core.commit(fixtureDayEvents(day));
        const [scanned, typed, doubted] = day.candidates;
        const scan = core.handlers.checkIn({ roomNo: '01', input: scanned!.ticketNo, method: 'scanner', actorStaffId: 'P0002' });
        const manual = core.handlers.admitWithReason({ roomNo: '01', ticketNo: typed!.ticketNo, reason: 'scan-failed', actorStaffId: 'P0002' });
        const inDoubt = core.handlers.admitInDoubt({ roomNo: '01', ticketNo: doubted!.ticketNo, reason: 'photo-mismatch', actorStaffId: 'P0002' });

        expect(scan).toMatchObject({ ok: true, value: { verdict: { kind: late ? 'late' : 'admitted' } } });
        const refusedLate = { ok: false, error: { code: 'refused', message: expect.stringContaining('已过迟到时限') } };
        expect(manual).toMatchObject(late ? refusedLate : { ok: true, value: { verdict: { kind: 'admitted' } } });
        expect(inDoubt).toMatchObject(late ? refusedLate : { ok: true, value: { verdict: { kind: 'admitted' } } });
      } finally {
        core.close();
      }
    });
  }
});
