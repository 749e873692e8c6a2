import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { openClockedCore, valueOf, type ClockedCore } from '../support/clocked-core';
import { fixtureDay } from '../support/fixture-day';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';

// Room 01: P0001 主监考, P0002 副监考; room 02: P0003 主监考; S001 主考. 8:30 开考, late from 9:00.
const day = fixtureDay(60);
const room01 = day.candidates.filter((c) => c.roomNo === '01');
const roster = (core: Core) => valueOf(core.handlers.getRoomRoster({ roomNo: '01' }));

describe('缺考 through the core', () => {
  let clocked: ClockedCore;
  let core: Core;
  beforeEach(() => {
    clocked = openClockedCore(day, 8, 10);
    core = clocked.core;
    setPinsAtBriefing(core, ['S001', 'P0001', 'P0002', 'P0003']);
    // Everyone of room 01 comes in except the last three seats.
    for (const c of room01.slice(0, -3)) {
      expect(core.handlers.admitWithReason({ roomNo: '01', ticketNo: c.ticketNo, reason: 'scan-failed', actorStaffId: 'P0002' }).ok).toBe(true);
    }
  });
  afterEach(() => clocked.close());

  const missing = () => room01.slice(-3);

  it('lists nobody before the cut-off and refuses a confirmation then', () => {
    clocked.setClock(8, 59);
    expect(roster(core).absentees).toEqual({ due: false, confirmed: null });
    expect(roster(core).rows.every((r) => r.absence === null)).toBe(true);
    expect(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: missing().map((c) => c.ticketNo), confirmer: proofOf('P0001') })).toMatchObject({
      ok: false,
      error: { message: '迟到时限过后才能确认缺考名单' },
    });
  });

  it('makes everyone not in a pending absentee at the cut-off; a late admission before confirming takes them off', () => {
    clocked.setClock(9, 0);
    const pending = roster(core).rows.filter((r) => r.absence === 'pending').map((r) => r.ticketNo);
    expect(pending).toEqual(missing().map((c) => c.ticketNo));
    const late = missing()[0]!;
    expect(core.handlers.admitWithReason({ roomNo: '01', ticketNo: late.ticketNo, reason: 'late-approved', actorStaffId: 'P0002', approver: proofOf('P0001') }).ok).toBe(true);
    expect(roster(core).rows.filter((r) => r.absence === 'pending').map((r) => r.ticketNo)).toEqual(missing().slice(1).map((c) => c.ticketNo));
    expect(valueOf(core.handlers.getDashboard({})).rooms.find((r) => r.roomNo === '01')).toMatchObject({ absentees: 2, absenteesConfirmed: false });
  });

  it('refuses a list that no longer stands, and anyone but the room 主监考 or the 主考', () => {
    clocked.setClock(9, 5);
    const list = missing().map((c) => c.ticketNo);
    // A late admission after the 主监考 opened the list.
    expect(core.handlers.admitWithReason({ roomNo: '01', ticketNo: list[0]!, reason: 'late-approved', actorStaffId: 'P0002', approver: proofOf('P0001') }).ok).toBe(true);
    expect(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: list, confirmer: proofOf('P0001') })).toMatchObject({
      ok: false,
      error: { message: '缺考名单已变化：有 1 名考生已入场，请重新核对后再确认' },
    });
    expect(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: list.slice(2), confirmer: proofOf('P0001') })).toMatchObject({ ok: false });
    expect(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: list.slice(1), confirmer: proofOf('P0002') })).toMatchObject({
      ok: false,
      error: { message: '缺考名单须由本考场主监考（或主考、副主考）确认：副监考1（第 01 考场副监考）不能确认' },
    });
    expect(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: list.slice(1), confirmer: proofOf('P0003') })).toMatchObject({ ok: false });
    expect(core.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'absentees.confirmed'").get()).toEqual({ n: 0 });
  });

  it('records the 主监考 confirmation with the actor; afterwards only the 主考 may admit one of them', () => {
    clocked.setClock(9, 10);
    const list = missing().map((c) => c.ticketNo);
    const answer = core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: [...list].reverse(), confirmer: proofOf('P0001') });
    expect(answer.ok).toBe(true);
    expect(core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: list, confirmer: proofOf('P0001') })).toMatchObject({ ok: false });
    const event = core.db.prepare("SELECT payload, actor FROM events WHERE type = 'absentees.confirmed'").get() as { payload: string; actor: string };
    expect(JSON.parse(event.actor)).toMatchObject({ staffId: 'P0001', role: 'chief-proctor' });
    expect((JSON.parse(event.payload) as { absentees: { ticketNo: string }[] }).absentees.map((a) => a.ticketNo)).toEqual(list);

    const view = roster(core);
    expect(view.absentees.confirmed).toMatchObject({ byName: '主监考1', ticketNos: list });
    expect(view.rows.filter((r) => r.absence === 'confirmed').map((r) => r.ticketNo)).toEqual(list);

    // The room's 主监考 can no longer let one of them in; the 主考 can (a correction on the record).
    const refused = core.handlers.admitWithReason({ roomNo: '01', ticketNo: list[0]!, reason: 'late-approved', actorStaffId: 'P0002', approver: proofOf('P0001') });
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok) expect(refused.error.message).toContain('已确认缺考的考生只有主考或副主考可以更正');
    expect(core.handlers.admitWithReason({ roomNo: '01', ticketNo: list[0]!, reason: 'late-approved', actorStaffId: 'P0002', approver: proofOf('S001') }).ok).toBe(true);
    expect(roster(core).rows.filter((r) => r.absence === 'confirmed').map((r) => r.ticketNo)).toEqual(list.slice(1));
    expect(valueOf(core.handlers.getDashboard({})).rooms.find((r) => r.roomNo === '01')).toMatchObject({ absentees: 2, absenteesConfirmed: true });

    const live = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
  });
});
