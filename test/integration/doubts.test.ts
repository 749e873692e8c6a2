import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { doubtResolutionRefusal } from '../../shared/checkin/doubt';
import type { StaffMember } from '../../shared/domain/types';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';
import { makeTempDir } from '../support/temp-dir';

const day = fixtureDay(60);
/** 08:10 on the fixture's exam day: 查证入场, before the late cut-off. */
const clockMs = new Date(2026, 10, 25, 8, 10).getTime();

describe('who may resolve a doubt', () => {
  const chief: StaffMember = { staffId: 'S001', name: '周主考', role: 'chief-examiner' } as StaffMember;
  const p1 = { staffId: 'P0001', name: '主监考1', role: 'chief-proctor', roomNo: '01' } as StaffMember;
  const p2 = { staffId: 'P0002', name: '副监考1', role: 'second-proctor', roomNo: '01' } as StaffMember;
  const other = { staffId: 'P0003', name: '主监考2', role: 'chief-proctor', roomNo: '02' } as StaffMember;
  it('the 主考 alone, or both proctors of the room, two different people', () => {
    expect(doubtResolutionRefusal(chief, undefined, '01')).toBeNull();
    expect(doubtResolutionRefusal(p1, p2, '01')).toBeNull();
    expect(doubtResolutionRefusal(p1, undefined, '01')).toMatch('两位监考员');
    expect(doubtResolutionRefusal(p1, p1, '01')).toMatch('同一人');
    expect(doubtResolutionRefusal(p1, other, '01')).toMatch('本考场');
  });
});

describe('存疑考生 through the core', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
    core.commit(fixtureDayEvents(day));
    setPinsAtBriefing(core, ['S001', 'P0001', 'P0002']);
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  const roster = () => {
    const r = core.handlers.getRoomRoster({ roomNo: '01' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const dashboardRoom = () => {
    const d = core.handlers.getDashboard({});
    if (!d.ok) throw new Error(d.error.message);
    return d.value.rooms.find((r) => r.roomNo === '01');
  };

  it('seats and flags the candidate; one proctor cannot clear it, both can, and both are recorded', () => {
    const a = day.candidates.find((c) => c.roomNo === '01')!;
    const raised = core.handlers.admitInDoubt({ roomNo: '01', ticketNo: a.ticketNo, reason: 'photo-mismatch', actorStaffId: 'P0002' });
    expect(raised).toMatchObject({ ok: true, value: { verdict: { kind: 'admitted' } } });
    const row = roster().rows.find((r) => r.ticketNo === a.ticketNo)!;
    expect(row.admittedAt).not.toBeNull();
    expect(row.doubt).toEqual({ status: 'open', reason: 'photo-mismatch' });
    expect(dashboardRoom()).toMatchObject({ admitted: 1, inDoubt: 1, incidents: 0 });
    expect(core.handlers.admitInDoubt({ roomNo: '01', ticketNo: a.ticketNo, reason: 'other', note: 'x', actorStaffId: 'P0001' })).toMatchObject({
      ok: false,
      error: { message: `${a.name}已标记为存疑考生` },
    });

    expect(core.handlers.resolveDoubt({ roomNo: '01', ticketNo: a.ticketNo, outcome: 'cleared', signer: proofOf('P0001') })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    expect(core.handlers.resolveDoubt({ roomNo: '01', ticketNo: a.ticketNo, outcome: 'cleared', signer: proofOf('P0001'), secondSigner: proofOf('P0001') })).toMatchObject({
      ok: false,
      error: { message: '两位确认人不能是同一人' },
    });
    expect(core.handlers.resolveDoubt({ roomNo: '01', ticketNo: a.ticketNo, outcome: 'cleared', signer: proofOf('P0001'), secondSigner: proofOf('P0002') }).ok).toBe(true);
    expect(roster().rows.find((r) => r.ticketNo === a.ticketNo)!.doubt).toEqual({ status: 'cleared', reason: 'photo-mismatch' });
    expect(dashboardRoom()).toMatchObject({ admitted: 1, inDoubt: 0 });
    const [event] = core.db.prepare("SELECT actor, payload FROM events WHERE type = 'candidate.doubt-resolved'").all() as { actor: string; payload: string }[];
    expect(JSON.parse(event!.actor)).toMatchObject({ staffId: 'P0001' });
    expect(JSON.parse(event!.payload)).toMatchObject({ outcome: 'cleared', countersignedBy: { staffId: 'P0002', role: 'second-proctor' } });
    expect(core.handlers.resolveDoubt({ roomNo: '01', ticketNo: a.ticketNo, outcome: 'confirmed', signer: proofOf('S001') })).toMatchObject({ ok: false });

    const live = dumpProjection(core.db);
    expect(live.proj_doubts).toHaveLength(1);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
  });

  it('the 主考 alone confirms a doubt, which counts as an incident; another room is refused', () => {
    const [a, b] = day.candidates.filter((c) => c.roomNo === '01');
    expect(core.handlers.checkIn({ roomNo: '01', input: a!.ticketNo, method: 'scanner', actorStaffId: 'P0002' }).ok).toBe(true);
    expect(core.handlers.admitInDoubt({ roomNo: '01', ticketNo: a!.ticketNo, reason: 'document-suspect', actorStaffId: 'P0002' }).ok).toBe(true);
    expect(core.handlers.admitInDoubt({ roomNo: '02', ticketNo: b!.ticketNo, reason: 'document-suspect', actorStaffId: 'P0002' })).toMatchObject({ ok: false });
    expect(core.handlers.resolveDoubt({ roomNo: '01', ticketNo: a!.ticketNo, outcome: 'confirmed', signer: proofOf('S001') }).ok).toBe(true);
    expect(dashboardRoom()).toMatchObject({ admitted: 1, inDoubt: 0, incidents: 1 });
  });
});
