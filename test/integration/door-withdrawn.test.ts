import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import type { Candidate } from '../../shared/domain/types';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

const day = fixtureDay(40);
/** 08:10 on the fixture's exam day: 查证入场. */
const clockMs = new Date(2026, 10, 25, 8, 10).getTime();

/** 退考 at the office, then the candidate's 准考证 at the door: 已退考, not 不在名单 (checkin/decide-checkin.ts). */
describe('a withdrawn candidate scanned at the door', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
    core.commit(fixtureDayEvents(day));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  const gone = day.candidates[4] as Candidate;
  const scan = (input: string) => {
    const answer = core.handlers.checkIn({ roomNo: gone.roomNo, input, method: 'scanner', actorStaffId: 'P0002' });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };
  const storedVerdict = (eventId: string) => {
    const row = core.db.prepare("SELECT payload FROM events WHERE id = ? AND type = 'checkin.attempted'").get(eventId) as { payload: string } | undefined;
    return row && (JSON.parse(row.payload) as { verdict: string; ticketNo?: string; document?: string });
  };

  it('answers 已退考 with the row as it stood, when, by whom and why; the attempt is stored with that verdict; a rebuild gives the same projection', () => {
    expect(core.handlers.withdrawCandidate({ ticketNo: gone.ticketNo, reason: '本人申请退考', actorStaffId: 'S001' })).toMatchObject({ ok: true });

    const answer = scan(gone.ticketNo);
    expect(answer.verdict).toEqual({
      kind: 'withdrawn',
      candidate: {
        ticketNo: gone.ticketNo,
        name: gone.name,
        roomNo: gone.roomNo,
        seatNo: gone.seatNo,
        occupation: gone.occupation,
        level: gone.level,
        idMasked: `**************${gone.idNumber.slice(-4)}`,
      },
      withdrawnAt: new Date(clockMs).toISOString(),
      withdrawnByName: '周主考',
      reason: '本人申请退考',
    });
    expect(storedVerdict(answer.eventId)).toMatchObject({ verdict: 'withdrawn', ticketNo: gone.ticketNo, document: 'ticket' });
    // The office's feed of refused scans names the withdrawn candidate too.
    expect(core.handlers.getDashboard({})).toMatchObject({ ok: true, value: { feed: expect.arrayContaining([expect.objectContaining({ detail: 'withdrawn', name: gone.name })]) } });

    // The ID card alone says 已退考 too, and its attempt names the candidate and the document.
    const byCard = scan(gone.idNumber);
    expect(byCard.verdict).toEqual(answer.verdict);
    expect(storedVerdict(byCard.eventId)).toMatchObject({ verdict: 'withdrawn', ticketNo: gone.ticketNo, document: 'id' });
    // The number stays beside the withdrawal, never in the JSON the office lists.
    const row = core.db.prepare('SELECT id_number, withdrawal FROM proj_candidate_withdrawals WHERE ticket_no = ?').get(gone.ticketNo) as { id_number: string; withdrawal: string };
    expect(row.id_number).toBe(gone.idNumber);
    expect(row.withdrawal).not.toContain(gone.idNumber.slice(0, 14));

    const live = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
  });
});
