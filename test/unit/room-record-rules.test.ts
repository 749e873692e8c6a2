import { describe, expect, it } from 'vitest';
import type { Actor, StaffMember } from '../../shared/domain/types';
import { collectRefusal, handInRefusal } from '../../shared/record/hand-ins';
import { incidentTimeRefusal } from '../../shared/record/incidents';
import { paperCountGaps, paperCountProblems, paperCountRefusal, roomBalance, type PaperCount, type PaperCountGap } from '../../shared/record/paper-counts';
import { foldRecordLog, standingCheating, type RecordEntry } from '../../shared/record/record-log';
import { candidateResult } from '../../shared/record/results';
import { changeRefusal, exceptionRefusal, signatureSlot, signingRefusal, type SignatureState } from '../../shared/record/signatures';
import { mayAccompanyLeave, mayWitnessIncident } from '../../shared/staffing/roles';
import { identifyActor } from '../../shared/staffing/who-acts';
import { timeGates } from '../../shared/timetable/gates';

const at = (hhmm: string): number => {
  const [h, m, s] = hhmm.split(':').map(Number);
  return h! * 60 + m! + (s ?? 0) / 60;
};

describe('hand-in window (附件5: S+30 until E−15)', () => {
  it.each([
    ['08:30', '10:00', '08:59:59', '开考30分钟后才能交卷：09:00 起可以交卷'],
    ['08:30', '10:00', '09:00', null],
    ['08:30', '10:00', '09:44:59', null],
    ['08:30', '10:00', '09:45', '已停止交卷（09:45 起不得交卷退场），请待 10:00 收卷'],
    ['08:30', '10:00', '08:40', '开考30分钟后才能交卷：09:00 起可以交卷'],
    ['14:00', '16:00', '14:29:59', '开考30分钟后才能交卷：14:30 起可以交卷'],
    ['14:00', '16:00', '14:30', null],
    ['14:00', '16:00', '15:44:59', null],
    ['14:00', '16:00', '15:45', '已停止交卷（15:45 起不得交卷退场），请待 16:00 收卷'],
  ])('%s–%s at %s → %s', (startTime, endTime, now, expected) => {
    const gates = timeGates({ startTime, endTime, lateCutoffMinutes: 15 })!;
    expect(handInRefusal(gates, at(now))).toBe(expected);
  });

  it('收卷 only from E', () => {
    const gates = timeGates({ startTime: '08:30', endTime: '10:00', lateCutoffMinutes: 15 })!;
    expect(collectRefusal(gates, at('09:59:59'))).toContain('10:00');
    expect(collectRefusal(gates, at('10:00'))).toBeNull();
  });

  it('an incident time lies between the doors opening and the end, never in the future', () => {
    const window = { from: at('08:05'), until: at('10:00') };
    expect(incidentTimeRefusal(at('09:10'), window, at('09:20'))).toBeNull();
    expect(incidentTimeRefusal(at('09:30'), window, at('09:20'))).toBe('违纪时间不能晚于现在');
    expect(incidentTimeRefusal(at('07:50'), window, at('09:20'))).toContain('考试时间内');
  });
});

describe('paper counts balance: received = issued + spare + absent-kept; collected = issued', () => {
  const count = (c: Partial<PaperCount>): PaperCount => ({ kind: 'paper', received: 32, issued: 28, spare: 2, absentKept: 2, collected: null, ...c });
  it.each<[string, Partial<PaperCount>, string | null, PaperCountGap[]]>([
    ['balances before 收卷', {}, null, []],
    ['balances after 收卷', { collected: 28 }, null, []],
    ['two papers unaccounted for', { spare: 0 }, null, [{ rule: 'received', difference: 2 }]],
    ['one fewer collected', { collected: 27 }, null, [{ rule: 'collected', difference: 1 }]],
    ['more out than received: negative balance refused', { issued: 30 }, '结余为负', []],
    ['more collected than issued refused', { collected: 29 }, '多于发出', []],
  ])('%s', (_name, change, refusal, gaps) => {
    const c = count(change);
    const refused = paperCountRefusal(c);
    if (refusal === null) expect(refused).toBeNull();
    else expect(refused).toContain(refusal);
    if (refused !== null) return;
    expect(paperCountGaps(c)).toEqual(gaps);
    expect(paperCountProblems(c)).toHaveLength(gaps.length);
  });

  it('the room balances only with both kinds counted and collected', () => {
    expect(roomBalance([]).balance).toBe('unknown');
    expect(roomBalance([count({ collected: 28 })]).problems).toEqual(['答题卡尚未清点']);
    expect(roomBalance([count({ collected: 28 }), count({ kind: 'answer-sheet', collected: 28 })])).toEqual({ balance: 'balanced', problems: [] });
    const short = roomBalance([count({ collected: 28 }), count({ kind: 'answer-sheet', spare: 1, collected: 28 })]);
    expect(short.balance).toBe('mismatch');
    expect(short.problems[0]).toContain('答题卡：收到 32 份 ≠ 发出 28 + 备用 1 + 缺考留存 2（差 1 份）');
  });
});

const staff = (staffId: string, role: StaffMember['role'], roomNo?: string, badgeCode?: string): StaffMember => ({
  staffId,
  name: staffId,
  role,
  ...(roomNo ? { roomNo } : {}),
  ...(badgeCode ? { badgeCode } : {}),
});
const none: SignatureState = { chief: null, second: null, exception: null };

describe('who may sign the record', () => {
  it.each<[string, StaffMember, boolean]>([
    ['this room’s 主监考', staff('P1', 'chief-proctor', '01'), true],
    ['this room’s 副监考', staff('P2', 'second-proctor', '01'), true],
    ['another room’s 主监考', staff('P3', 'chief-proctor', '02'), false],
    ['a 流动监考', staff('R1', 'roving-proctor'), false],
    ['the 主考', staff('S1', 'chief-examiner'), false],
  ])('%s → %s', (_name, member, allowed) => {
    expect(signatureSlot(member, '01').ok).toBe(allowed);
  });

  it.each<[string, StaffMember, boolean, boolean]>([
    ['this room’s 副监考', staff('P2', 'second-proctor', '01'), true, false],
    ['another room’s 副监考', staff('P4', 'second-proctor', '02'), false, false],
    ['a 流动监考', staff('R1', 'roving-proctor'), true, true],
    ['the 副主考', staff('S2', 'deputy-chief-examiner'), true, false],
  ])('%s: witness of an incident %s, goes along on a leave %s', (_name, member, witness, accompany) => {
    expect(mayWitnessIncident(member, '01')).toBe(witness);
    expect(mayAccompanyLeave(member)).toBe(accompany);
  });

  it('refuses a second signature by the same person, a line already signed, and signing while not in order', () => {
    const signed: SignatureState = { ...none, chief: { staffId: 'P1', name: '主监考1', at: 't' } };
    expect(signingRefusal(signed, { ...staff('P1', 'chief-proctor', '01'), name: '主监考1' }, '01', [])).toBe('主监考1已于本记录单签名，不能重复签名');
    expect(signingRefusal(signed, staff('P9', 'chief-proctor', '01'), '01', [])).toBe('本考场主监考已由主监考1签名');
    expect(signingRefusal(none, staff('P3', 'chief-proctor', '02'), '01', [])).toContain('第 02 考场');
    expect(signingRefusal(none, staff('P2', 'second-proctor', '01'), '01', ['缺考名单尚未确认'])).toContain('暂不能签名：缺考名单尚未确认');
    const excused: SignatureState = { ...none, exception: { staffId: 'S1', name: '主考', at: 't', reason: '答题卡缺一份已报告' } };
    expect(signingRefusal(excused, staff('P2', 'second-proctor', '01'), '01', ['缺考名单尚未确认'])).toBeNull();
  });

  it('an exception needs the 主考, a reason and something not in order', () => {
    expect(exceptionRefusal(none, staff('P1', 'chief-proctor', '01'), '原因', ['x'])).toContain('主考');
    expect(exceptionRefusal(none, staff('S1', 'chief-examiner'), ' ', ['x'])).toBe('请写明例外的原因');
    expect(exceptionRefusal(none, staff('S1', 'chief-examiner'), '原因', [])).toBe('记录单各项齐全，无需例外说明');
    expect(exceptionRefusal(none, staff('S1', 'deputy-chief-examiner'), '原因', ['x'])).toBeNull();
  });

  it('names the person by badge code, and refuses what is not a badge', () => {
    const list = [staff('P1', 'chief-proctor', '01', 'KW-AAAA1111')];
    expect(identifyActor(list, { badgeCode: ' kw-aaaa1111 ' })).toEqual({ ok: true, staff: list[0] });
    expect(identifyActor(list, { badgeCode: 'KW-ZZZZ9999' })).toEqual({ ok: false, reason: '胸卡码不在本考试日的工作人员名单中', refusal: { code: 'badge-unknown', params: {} } });
    expect(identifyActor(list, { badgeCode: '20261100000001' })).toMatchObject({ ok: false, reason: expect.stringContaining('KW-') });
  });
});

describe('freeze and amendments', () => {
  const actor = (staffId: string, role: Actor['role']): Actor => ({ staffId, name: staffId, role });
  let seq = 0;
  const entry = <T extends RecordEntry['type']>(type: T, payload: Extract<RecordEntry, { type: T }>['payload'], by: Actor, time: string): RecordEntry =>
    ({ type, payload, roomNo: '01', eventId: `e${++seq}`, deviceId: 'd', seq, at: `2026-11-25T${time}:00.000+08:00`, actor: by }) as RecordEntry;
  const chief = actor('P1', 'chief-proctor');
  const second = actor('P2', 'second-proctor');
  const incident = entry('incident.recorded', { roomNo: '01', subject: { kind: 'candidate', ticketNo: 'T1' }, kindId: 'crib-notes', kindLabel: '夹带', cheating: true, actions: ['confiscated'], description: '', occurredAt: 'x' }, chief, '09:10');

  it('the record freezes at the second signature; a change after it is an amendment with its reason', () => {
    const log = foldRecordLog([
      incident,
      entry('record.signed', { roomNo: '01', slot: 'chief-proctor', proof: 'badge' }, chief, '10:05'),
      entry('record.signed', { roomNo: '01', slot: 'second-proctor', proof: 'badge' }, second, '10:06'),
      entry('incident.corrected', { roomNo: '01', incidentEventId: incident.eventId, correction: 'amended', reason: '应为违纪', amended: { kindId: 'crib-notes', kindLabel: '夹带', cheating: false, actions: ['warning'], description: '' } }, chief, '10:20'),
    ]);
    expect(log.frozenAt).toBe('2026-11-25T10:06:00.000+08:00');
    expect(log.amendments).toEqual([{ at: '2026-11-25T10:20:00.000+08:00', by: chief, what: '更正违纪/舞弊记录：夹带', reason: '应为违纪' }]);
    expect(log.incidents[0]).toMatchObject({ cheating: false, actions: ['warning'], corrections: [{ correction: 'amended', reason: '应为违纪' }] });
    expect(standingCheating(log).size).toBe(0);
    expect(changeRefusal(log.signatures, undefined)).toContain('请填写更正原因');
    expect(changeRefusal(log.signatures, '补记')).toBeNull();
  });

  it('before both signatures nothing is an amendment; the same person cannot fill both lines', () => {
    const log = foldRecordLog([
      entry('record.signed', { roomNo: '01', slot: 'chief-proctor', proof: 'badge' }, chief, '10:05'),
      entry('record.signed', { roomNo: '01', slot: 'second-proctor', proof: 'badge' }, chief, '10:06'),
      entry('candidate.handed-in', { roomNo: '01', ticketNo: 'T2' }, chief, '10:07'),
    ]);
    expect(log.frozenAt).toBeNull();
    expect(log.signatures.second).toBeNull();
    expect(changeRefusal(log.signatures, undefined)).toBeNull();
    expect(log.amendments).toEqual([]);
  });

  it('a withdrawn 舞弊 no longer makes the result; a standing one outranks admission', () => {
    const withdrawn = foldRecordLog([incident, entry('incident.corrected', { roomNo: '01', incidentEventId: incident.eventId, correction: 'withdrawn', reason: '误记' }, chief, '09:20')]);
    expect(withdrawn.incidents[0]?.withdrawn).toBe(true);
    expect(standingCheating(withdrawn).size).toBe(0);
    expect(standingCheating(foldRecordLog([incident])).get('T1')?.kindLabel).toBe('夹带');
    expect(candidateResult({ admitted: true, absenteesDue: true, cheating: true })).toBe('cheating');
    expect(candidateResult({ admitted: true, absenteesDue: true, cheating: false })).toBe('sat');
    expect(candidateResult({ admitted: false, absenteesDue: true, cheating: false })).toBe('absent');
    expect(candidateResult({ admitted: false, absenteesDue: false, cheating: false })).toBe('pending');
  });
});
