import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/domain/types';
import { admittedRefusal, checkAddition, checkCorrection, checkWithdrawal, planReimport, type RosterState } from '../../shared/roster/roster-changes';
import { fixtureDay, fixtureIdNumber } from '../support/fixture-day';

const day = fixtureDay(6);
const [a, b, c] = day.candidates as [Candidate, Candidate, Candidate, ...Candidate[]];
const admitted = new Set([b.ticketNo]);
const state: RosterState = { plan: day.plan, rooms: day.rooms, candidates: day.candidates, isAdmitted: (t) => admitted.has(t) };
const newcomer: Candidate = { ...a, ticketNo: 'T-NEW', name: '新考生', idNumber: fixtureIdNumber(900), seatNo: 20 };

describe('roster changes after the import (issue 15 item 2)', () => {
  it.each<[string, ReturnType<typeof checkAddition>, RegExp | null]>([
    ['a new candidate on a free seat', checkAddition(state, newcomer), null],
    ['a 准考证号 already on the list', checkAddition(state, { ...newcomer, ticketNo: a.ticketNo }), /已在名单中/],
    ['an ID number another candidate has', checkAddition(state, { ...newcomer, idNumber: a.idNumber }), /证件号码与前面的考生重复/],
    ['a seat already taken', checkAddition(state, { ...newcomer, seatNo: a.seatNo }), /座位已有人/],
    ['a room the day does not have', checkAddition(state, { ...newcomer, roomNo: '99' }), /没有 99 考场/],
    ['an ID with a wrong check digit', checkAddition(state, { ...newcomer, idNumber: `${newcomer.idNumber.slice(0, 17)}${newcomer.idNumber.endsWith('0') ? '1' : '0'}` }), /校验/],
    ['a corrected name', checkCorrection(state, { ...a, name: '改名' }), null],
    ['a move to a free seat', checkCorrection(state, { ...a, seatNo: 25 }), null],
    ['a move onto a taken seat', checkCorrection(state, { ...a, seatNo: c.seatNo }), /座位已有人/],
    ['a correction that changes nothing', checkCorrection(state, { ...a }), /没有改动/],
    ['a correction of an admitted candidate', checkCorrection(state, { ...b, name: '改名' }), /已入场，名单不能再更改/],
    ['a correction of someone not on the list', checkCorrection(state, { ...newcomer }), /名单中没有/],
    ['a withdrawal with a reason', checkWithdrawal(state, a.ticketNo, '退考'), null],
    ['a withdrawal without a reason', checkWithdrawal(state, a.ticketNo, '  '), /退考的原因/],
    ['a withdrawal of an admitted candidate', checkWithdrawal(state, b.ticketNo, '退考'), /已入场/],
  ])('%s', (_case, result, refusal) => {
    if (refusal === null) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(refusal) });
  });

  it('a re-imported file: added, changed and removed by 准考证号; admitted rows refused and kept', () => {
    const file = [
      { ...a, name: '更正姓名' },
      { ...b, seatNo: 28 },
      ...day.candidates.slice(3).filter((x) => x.ticketNo !== day.candidates[4]!.ticketNo),
      newcomer,
    ];
    const plan = planReimport(state, file);
    expect(plan.added.map((x) => x.ticketNo)).toEqual(['T-NEW']);
    expect(plan.changed.map((x) => [x.before.ticketNo, x.fields])).toEqual([[a.ticketNo, ['name']]]);
    expect(plan.removed.map((x) => x.ticketNo)).toEqual([c.ticketNo, day.candidates[4]!.ticketNo]);
    expect(plan.refused).toEqual([{ candidate: b, reason: admittedRefusal(b) }]);
    expect(plan.problems).toEqual([]);
  });

  it('an admitted candidate missing from the file stays; a roster that breaks a rule is reported whole', () => {
    const withoutAdmitted = planReimport(state, day.candidates.filter((x) => x.ticketNo !== b.ticketNo));
    expect(withoutAdmitted.removed).toEqual([]);
    expect(withoutAdmitted.refused.map((r) => r.candidate.ticketNo)).toEqual([b.ticketNo]);
    // Someone moved onto the admitted candidate's seat, which the admitted candidate keeps.
    const clash = planReimport(state, day.candidates.map((x) => (x.ticketNo === a.ticketNo ? { ...x, seatNo: b.seatNo } : x)));
    expect(clash.problems[0]).toMatch(/座位已有人/);
  });
});
