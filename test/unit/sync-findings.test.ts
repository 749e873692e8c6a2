import { describe, expect, it } from 'vitest';
import type { ExamDayEvent } from '../../shared/events/event';
import { deriveFindings, MAX_CLOCK_OFFSET_MS, type FindingKind } from '../../shared/sync/findings';
import { TestDevice } from '../support/signed-chain';
import { multiDeviceDay, prng } from '../support/multi-device-day';
import { fixtureDay } from '../support/fixture-day';

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 25, 0, minute));
const proctor = { staffId: 'P0002', name: '副监考1', role: 'second-proctor' } as const;
const chief = { staffId: 'S001', name: '周主考', role: 'chief-examiner' } as const;
const admit = (door: TestDevice, roomNo: string, ticketNo: string, minute: number): ExamDayEvent =>
  door.write('checkin.attempted', { roomNo, input: { method: 'scanner', value: ticketNo }, verdict: 'admitted', ticketNo }, proctor, at(minute));
const stepBag = (device: TestDevice, bagCode: string, step: 'issue' | 'arrive', minute: number): ExamDayEvent =>
  device.write('custody.recorded', { bagCode, step, handoffId: `h-${minute}`, place: 'room', roomNo: '01', parties: [{ part: 'performer', staffId: 'P0001', name: '主监考1', role: 'chief-proctor', proof: 'badge' }] }, proctor, at(minute));
const withdraw = (office: TestDevice, ticketNo: string, minute: number): ExamDayEvent => office.write('candidate.withdrawn', { ticketNo, reason: '本人申请退考' }, chief, at(minute));
const registerAgain = (office: TestDevice, ticketNo: string, minute: number): ExamDayEvent =>
  office.write('candidate.registered', { candidate: { ...fixtureDay(1).candidates[0]!, ticketNo } }, chief, at(minute));
const revoke = (door: TestDevice, ticketNo: string, minute: number): ExamDayEvent =>
  door.write('checkin.revoked', { roomNo: '01', ticketNo, admission: { deviceId: door.deviceId, seq: door.events.length }, reason: 'wrong-candidate' }, proctor, at(minute));
const clock = (device: TestDevice, offsetMs: number): ExamDayEvent =>
  device.write('clock.checked', { method: 'typed', referenceMs: 0, deviceMs: offsetMs, offsetMs }, proctor, at(1));

describe('findings from the merged events', () => {
  const kinds = (events: ExamDayEvent[]): FindingKind[] => deriveFindings(events).map((f) => f.kind);

  it.each<[string, (a: TestDevice, b: TestDevice, office: TestDevice) => ExamDayEvent[], FindingKind[]]>([
    ['one admission', (a) => [admit(a, '01', 'T1', 10)], []],
    ['two doors admit one candidate', (a, b) => [admit(a, '01', 'T1', 10), admit(b, '02', 'T1', 11)], ['admitted-twice']],
    ['an override at another door', (a, b) => [admit(a, '01', 'T1', 10), b.write('checkin.overridden', { roomNo: '02', ticketNo: 'T1', reason: 'scan-failed' }, proctor, at(12))], ['admitted-twice']],
    ['a doubt at the same door after admission', (a) => [admit(a, '01', 'T1', 10), a.write('candidate.doubt-raised', { roomNo: '01', ticketNo: 'T1', reason: 'photo-mismatch' }, proctor, at(11))], []],
    ['a wrong-room attempt at another door', (a, b) => [admit(a, '01', 'T1', 10), b.write('checkin.attempted', { roomNo: '02', input: { method: 'scanner', value: 'T1' }, verdict: 'wrong-room', ticketNo: 'T1' }, proctor, at(11))], []],
    ['a clock exactly two minutes off', (a) => [clock(a, MAX_CLOCK_OFFSET_MS)], []],
    ['a clock more than two minutes slow', (a) => [clock(a, -MAX_CLOCK_OFFSET_MS - 1)], ['clock-off']],
    ['an event after the day closed', (a, _b, office) => [office.write('day.closed', {}, chief, at(100)), admit(a, '01', 'T1', 101)], ['after-close']],
    ['an event before the close, a resolution after it', (a, _b, office) => [admit(a, '01', 'T1', 99), office.write('day.closed', {}, chief, at(100)), office.write('finding.resolved', { findingId: 'x', reason: '测试' }, chief, at(101))], []],
    ['the center’s export override after the close', (a, _b, office) => [admit(a, '01', 'T1', 99), office.write('day.closed', {}, chief, at(100)), office.write('results.export-overridden', { findingIds: ['x'], reason: '测试' }, chief, at(101))], []],
    ['the center’s retention setting and photo purge after the close', (a, _b, office) => [admit(a, '01', 'T1', 99), office.write('day.closed', {}, chief, at(100)), office.write('retention.set', { electronicYears: 5, photoDays: 0 }, chief, at(101)), office.write('photos.purged', { photosUntil: '2026-11-25', photos: ['a'.repeat(64)] }, chief, at(102))], []],
    ['one step of a bag on one device', (a) => [stepBag(a, 'SJ-01', 'arrive', 10)], []],
    ['the same step of a bag at a door and at the office', (a, _b, office) => [stepBag(a, 'SJ-01', 'arrive', 10), stepBag(office, 'sj-01', 'arrive', 11)], ['bag-handed-twice']],
    ['two steps of a bag on two devices', (a, _b, office) => [stepBag(office, 'SJ-01', 'issue', 10), stepBag(a, 'SJ-01', 'arrive', 11)], []],
    ['an event whose fast clock only seems after the close', (a, _b, office) => [office.write('day.closed', {}, chief, at(100)), a.write('checkin.attempted', { roomNo: '01', input: { method: 'typed', value: 'T1' }, verdict: 'not-on-roster' }, proctor, at(103), 5 * 60_000)], []],
    ['a withdrawal at the office, then an admission at a door that had not heard of it', (a, _b, office) => [withdraw(office, 'T1', 10), admit(a, '01', 'T1', 12)], ['admitted-after-withdrawal']],
    ['an admission, then a withdrawal written at the office without knowing of it', (a, _b, office) => [admit(a, '01', 'T1', 10), withdraw(office, 'T1', 12)], ['admitted-after-withdrawal']],
    ['a withdrawal and a 主监考 override at a door', (a, _b, office) => [withdraw(office, 'T1', 10), a.write('checkin.overridden', { roomNo: '01', ticketNo: 'T1', reason: 'scan-failed' }, proctor, at(12))], ['admitted-after-withdrawal']],
    ['an admission and a 存疑 at one door after a withdrawal: one finding', (a, _b, office) => [withdraw(office, 'T1', 10), admit(a, '01', 'T1', 12), a.write('candidate.doubt-raised', { roomNo: '01', ticketNo: 'T1', reason: 'photo-mismatch' }, proctor, at(13))], ['admitted-after-withdrawal']],
    ['a withdrawal, the candidate registered again, then admitted', (a, _b, office) => [withdraw(office, 'T1', 10), registerAgain(office, 'T1', 11), admit(a, '01', 'T1', 12)], []],
    ['a withdrawal, then admitted, then registered again', (a, _b, office) => [withdraw(office, 'T1', 10), admit(a, '01', 'T1', 11), registerAgain(office, 'T1', 12)], ['admitted-after-withdrawal']],
    ['a withdrawal and an admission taken back', (a, _b, office) => [withdraw(office, 'T1', 10), admit(a, '01', 'T1', 11), revoke(a, 'T1', 12)], []],
    ['a withdrawal and the door’s 已退考 answer', (a, _b, office) => [withdraw(office, 'T1', 10), a.write('checkin.attempted', { roomNo: '01', input: { method: 'scanner', value: 'T1' }, verdict: 'withdrawn', ticketNo: 'T1', document: 'ticket' }, proctor, at(11))], []],
    ['a withdrawal of another candidate', (a, _b, office) => [withdraw(office, 'T2', 10), admit(a, '01', 'T1', 11)], []],
  ])('%s', (_label, write, expected) => {
    expect(kinds(write(new TestDevice('door-a'), new TestDevice('door-b'), new TestDevice('office')))).toEqual(expected);
  });

  it('raises a fork the storage layer kept, once, whichever hash is named first', () => {
    const findings = deriveFindings([], [
      { deviceId: '0123456789abcdef', seq: 7, hashes: ['a'.repeat(64), 'b'.repeat(64)] },
      { deviceId: '0123456789abcdef', seq: 7, hashes: ['b'.repeat(64), 'a'.repeat(64)] },
    ]);
    expect(findings.map((f) => [f.kind, f.subject])).toEqual([['fork', '0123456789abcdef']]);
  });

  it('shows the 主考 resolution by the finding id, the earliest of two, and keeps the events', () => {
    const [a, b, office] = [new TestDevice('door-a'), new TestDevice('door-b'), new TestDevice('office')];
    const events = [admit(a, '01', 'T1', 10), admit(b, '02', 'T1', 11)];
    const [finding] = deriveFindings(events);
    expect(finding?.events.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    const first = office.write('finding.resolved', { findingId: finding!.id, reason: '考生误入02考场，已引导回01考场' }, chief, at(20));
    office.write('finding.resolved', { findingId: finding!.id, reason: '重复处理' }, chief, at(21));
    const resolved = deriveFindings([...office.events, ...events]);
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.resolution).toMatchObject({ reason: '考生误入02考场，已引导回01考场', eventId: first.id });
  });

  it('gives the same findings, ids included, for a real day in any order', () => {
    const { chains } = multiDeviceDay();
    const all = chains.flat();
    const expected = deriveFindings(all);
    expect(expected.map((f) => f.kind)).toContain('admitted-twice');
    expect(expected.map((f) => f.kind)).toContain('clock-off');
    for (let seed = 1; seed <= 20; seed += 1) {
      const random = prng(seed);
      const shuffled = [...all].sort(() => random() - 0.5);
      expect(deriveFindings(shuffled)).toEqual(expected);
    }
  });

  it('names the withdrawal and the admission behind an admitted-after-withdrawal, in that order, with the reason', () => {
    const [door, office] = [new TestDevice('door-a'), new TestDevice('office')];
    const withdrawal = withdraw(office, 'T1', 10);
    const admission = admit(door, '01', 'T1', 12);
    const [finding] = deriveFindings([admission, withdrawal]);
    expect(finding).toMatchObject({ kind: 'admitted-after-withdrawal', subject: 'T1' });
    expect(finding?.events.map((e) => e.eventId)).toEqual([withdrawal.id, admission.id]);
    expect(finding?.summary).toBe(`准考证号 T1 的考生已在设备 ${office.deviceId}办理退考（原因：本人申请退考），之后仍在设备 ${door.deviceId}（第01考场名下）入场，请核实该考生是否应参加考试`);
  });
});
