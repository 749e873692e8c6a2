import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { examDayApiSpec } from '../../shared/api/contract';
import { rebuildProjections } from '../../electron/core/projection';
import { dumpProjection } from '../../electron/core/sqlite-projection-store';
import { fixtureDay, fixtureDayEvents } from '../support/fixture-day';
import { makeTempDir } from '../support/temp-dir';

// Room 01: P0001 主监考, P0002 副监考; P0003 is room 02's 主监考; S001 主考. 开考 08:30 on 2026-11-25.
const day = fixtureDay(60);
const [first, second] = day.candidates.filter((c) => c.roomNo === '01');

describe('revoking an admission through the core (issue 15 item 7)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let clockMs = 0;
  const roster = () => {
    const answer = core.handlers.getRoomRoster({ roomNo: '01' });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };
  beforeEach(() => {
    temp = makeTempDir();
    clockMs = new Date(2026, 10, 25, 8, 10).getTime();
    core = openCore({ dataDir: temp.dir, now: () => new Date(clockMs) });
    core.commit(fixtureDayEvents(day));
  });
  afterEach(() => {
    core.close();
    temp.remove();
  });

  it('frees the seat, records the reason and the actor, lets the candidate in again, and rebuilds to the same projection', () => {
    // The fixture's plan admits on one document.
    for (const input of [first!.ticketNo, second!.idNumber]) {
      expect(core.handlers.checkIn({ roomNo: '01', input, method: 'scanner', actorStaffId: 'P0002' })).toMatchObject({ ok: true, value: { verdict: { kind: 'admitted' } } });
    }
    expect(roster().room.admitted).toBe(2);

    const revoked = core.handlers.revokeAdmission({ roomNo: '01', ticketNo: first!.ticketNo, reason: 'other', note: '扫错了人', actorStaffId: 'P0002' });
    expect(revoked).toMatchObject({ ok: true });
    expect(roster().room.admitted).toBe(1);
    expect(roster().rows.find((r) => r.ticketNo === first!.ticketNo)?.admittedAt).toBeNull();
    const [event] = core.db.prepare("SELECT payload, actor FROM events WHERE type = 'checkin.revoked'").all() as { payload: string; actor: string }[];
    expect(JSON.parse(event!.payload)).toMatchObject({ ticketNo: first!.ticketNo, reason: 'other', note: '扫错了人', admission: { seq: expect.any(Number) } });
    expect(JSON.parse(event!.actor)).toMatchObject({ staffId: 'P0002' });

    // A second revocation has nothing to revoke; the next scan admits the candidate again.
    expect(core.handlers.revokeAdmission({ roomNo: '01', ticketNo: first!.ticketNo, reason: 'wrong-candidate', actorStaffId: 'P0002' })).toMatchObject({
      ok: false,
      error: { refusal: { code: 'revoke-not-admitted' } },
    });
    expect(core.handlers.checkIn({ roomNo: '01', input: first!.idNumber, method: 'scanner', actorStaffId: 'P0002' })).toMatchObject({
      ok: true,
      value: { verdict: { kind: 'admitted' } },
    });
    expect(roster().room.admitted).toBe(2);

    // The room record keeps the revocation: who, why, when; the candidate counts as present again.
    const record = core.handlers.getRoomRecord({ roomNo: '01' });
    expect(record).toMatchObject({
      ok: true,
      value: { admitted: 2, revocations: [{ ticketNo: first!.ticketNo, reason: 'other', note: '扫错了人', by: { name: '副监考1' } }] },
    });

    const live = dumpProjection(core.db);
    rebuildProjections(core.db);
    expect(dumpProjection(core.db)).toEqual(live);
  });

  it('refuses another room\'s proctor, an admission at another door, and anyone from 开考 on, with the reason in Chinese', () => {
    expect(core.handlers.admitWithReason({ roomNo: '01', ticketNo: first!.ticketNo, reason: 'scan-failed', actorStaffId: 'P0002' }).ok).toBe(true);
    expect(core.handlers.revokeAdmission({ roomNo: '01', ticketNo: first!.ticketNo, reason: 'wrong-candidate', actorStaffId: 'P0003' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: '撤销入场须由本考场监考员或主考、副主考进行' },
    });
    expect(core.handlers.revokeAdmission({ roomNo: '02', ticketNo: first!.ticketNo, reason: 'wrong-candidate', actorStaffId: 'P0003' })).toMatchObject({
      ok: false,
      error: { message: `${first!.name}是在第1考场入场的，只能由该考场撤销` },
    });
    clockMs = new Date(2026, 10, 25, 8, 30).getTime();
    expect(core.handlers.revokeAdmission({ roomNo: '01', ticketNo: first!.ticketNo, reason: 'wrong-candidate', actorStaffId: 'S001' })).toMatchObject({
      ok: false,
      error: { refusal: { code: 'revoke-exam-started', params: { name: first!.name } } },
    });
    expect(core.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'checkin.revoked'").get()).toEqual({ n: 0 });
  });

  it('asks for a note with "other", at the boundary', () => {
    // The contract's schema, which dispatch parses every call with.
    const parsed = examDayApiSpec.revokeAdmission.input.safeParse({ roomNo: '01', ticketNo: first!.ticketNo, reason: 'other', actorStaffId: 'P0002' });
    expect(parsed.success ? null : parsed.error.issues[0]?.message).toBe('选择"其他"时请写明原因');
  });
});
