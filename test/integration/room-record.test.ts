import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { openClockedCore, valueOf, type ClockedCore } from '../support/clocked-core';
import { fixtureDay } from '../support/fixture-day';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';

// Room 01: P0001 主监考, P0002 副监考; S001 主考. 8:30 开考, late from 9:00.
const day = fixtureDay(60);
const [a, b, c, d, e] = day.candidates.filter((x) => x.roomNo === '01');
const record = (core: Core) => valueOf(core.handlers.getRoomRecord({ roomNo: '01' }));

describe('考场情况记录单 from the log', () => {
  let clocked: ClockedCore;
  let core: Core;
  beforeEach(() => {
    clocked = openClockedCore(day, 8, 10);
    core = clocked.core;
    setPinsAtBriefing(core, ['P0001']);
  });
  afterEach(() => clocked.close());

  it('lists manual and late admissions with who, 存疑, 开考核对 marks and the confirmed absentees', () => {
    const h = core.handlers;
    expect(h.checkIn({ roomNo: '01', input: a!.ticketNo, method: 'scanner', actorStaffId: 'P0002' }).ok).toBe(true);
    expect(h.checkIn({ roomNo: '01', input: a!.idNumber, method: 'scanner', actorStaffId: 'P0002' }).ok).toBe(true);
    expect(h.admitWithReason({ roomNo: '01', ticketNo: b!.ticketNo, reason: 'temporary-id', actorStaffId: 'P0002' }).ok).toBe(true);
    expect(h.admitInDoubt({ roomNo: '01', ticketNo: c!.ticketNo, reason: 'photo-mismatch', actorStaffId: 'P0002' }).ok).toBe(true);
    clocked.setClock(8, 31);
    expect(h.markReverify({ roomNo: '01', seatNo: b!.seatNo, result: 'suspected-impostor', note: '面部与照片不符', actorStaffId: 'P0002' }).ok).toBe(true);
    expect(h.confirmStep({ confirmationId: 'exam-started', roomNo: '01', actorStaffId: 'P0001' }).ok).toBe(true);
    expect(record(core).absentees).toMatchObject({ due: false, confirmed: null, list: [] });

    clocked.setClock(9, 2);
    expect(h.admitWithReason({ roomNo: '01', ticketNo: d!.ticketNo, reason: 'late-approved', note: '交通拥堵', actorStaffId: 'P0002', approver: proofOf('P0001') }).ok).toBe(true);
    expect(record(core).absentees.list).toHaveLength(26);
    const list = valueOf(core.handlers.getRoomRoster({ roomNo: '01' })).rows.filter((r) => r.absence === 'pending').map((r) => r.ticketNo);
    expect(h.confirmAbsentees({ roomNo: '01', ticketNos: list, confirmer: proofOf('P0001') }).ok).toBe(true);

    const r = record(core);
    expect(r).toMatchObject({ room: { roomNo: '01' }, expected: 30, admitted: 4 });
    expect(r.absentees.confirmed).toMatchObject({ by: { name: '主监考1', role: 'chief-proctor' } });
    expect(r.absentees.list[0]).toMatchObject({ ticketNo: e!.ticketNo, seatNo: e!.seatNo });
    expect(r.absentees.list).toHaveLength(26);
    expect(r.manualAdmissions).toEqual([expect.objectContaining({ ticketNo: b!.ticketNo, reason: 'temporary-id', by: { name: '副监考1', role: 'second-proctor' } })]);
    expect(r.lateAdmissions).toEqual([expect.objectContaining({ ticketNo: d!.ticketNo, note: '交通拥堵', by: { name: '主监考1', role: 'chief-proctor' } })]);
    expect(r.doubts).toEqual([expect.objectContaining({ ticketNo: c!.ticketNo, reason: 'photo-mismatch', status: 'open', resolvedBy: [] })]);
    expect(r.reverify).toMatchObject({ marked: 1, total: 30, impostors: [expect.objectContaining({ ticketNo: b!.ticketNo, by: '副监考1' })], emptySeats: [] });
    expect(r.confirmations).toEqual([expect.objectContaining({ confirmationId: 'exam-started', by: { name: '主监考1', role: 'chief-proctor' } })]);
  });

  it('refuses a room that does not exist', () => {
    expect(core.handlers.getRoomRecord({ roomNo: '99' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
