import { seededRandom } from './seeded-random';
import { SYSTEM_ACTOR } from '../../shared/domain/types';
import type { ExamDayEvent } from '../../shared/events/event';
import type { ProjectionStore } from '../../shared/projection/store';
import { fixtureDay, type FixtureDay } from './fixture-day';
import { foldRecordLog } from '../../shared/record/record-log';
import { TestDevice } from './signed-chain';

/** A seeded PRNG: the same seed gives the same day and the same interleavings. */
export const prng = seededRandom;

export interface MultiDeviceDay {
  day: FixtureDay;
  devices: TestDevice[];
  /** Every device's chain, each in seq order. */
  chains: ExamDayEvent[][];
}

/**
 * The fixture day (90 candidates, 3 rooms) as an office and three door laptops write it, with the
 * day's conflicts in it: two doors admitting one candidate, two devices confirming one step, a doubt
 * raised at a door and resolved at the office, a door clock set back, re-verification and absentees.
 */
export function multiDeviceDay(): MultiDeviceDay {
  const day = fixtureDay(90);
  const office = new TestDevice('office');
  const doors = day.rooms.map((room) => new TestDevice(`door-${room.roomNo}`));
  const chief = day.staff[0]!;
  const at = (minute: number, second = 0): Date => new Date(Date.UTC(2026, 10, 25, 0, minute, second));
  const actor = (s: (typeof day.staff)[number]) => ({ staffId: s.staffId, name: s.name, role: s.role });
  const incidents: ExamDayEvent[] = [];

  office.write('plan.set', { plan: day.plan }, SYSTEM_ACTOR, at(0));
  for (const room of day.rooms) office.write('room.defined', { room }, SYSTEM_ACTOR, at(0));
  for (const staff of day.staff) office.write('staff.registered', { staff }, SYSTEM_ACTOR, at(0));
  office.write('candidates.registered', { candidates: day.candidates }, SYSTEM_ACTOR, at(1));

  doors.forEach((door, r) => {
    const roomNo = day.rooms[r]!.roomNo;
    const proctor = actor(day.staff[2 + 2 * r]!);
    const chiefProctor = actor(day.staff[1 + 2 * r]!);
    door.write('clock.checked', { method: 'time-code', referenceMs: 0, deviceMs: r * 200_000, offsetMs: r * 200_000 }, proctor, at(5));
    const inRoom = day.candidates.filter((c) => c.roomNo === roomNo);
    inRoom.forEach((c, i) => {
      if (i % 10 === 9) return; // absent
      // Door 2's clock was set back mid-morning: its later events carry earlier times.
      const minute = r === 1 && i > 15 ? 6 + (i % 5) : 10 + (i % 20);
      if (i % 7 === 3) {
        door.write('checkin.attempted', { roomNo, input: { method: 'scanner', value: c.ticketNo }, verdict: 'awaiting-id', ticketNo: c.ticketNo, document: 'ticket' }, proctor, at(minute, r));
      }
      if (i % 11 === 4) {
        door.write('candidate.doubt-raised', { roomNo, ticketNo: c.ticketNo, reason: 'photo-mismatch' }, proctor, at(minute, 30));
      } else {
        door.write('checkin.attempted', { roomNo, input: { method: 'scanner', value: c.ticketNo }, verdict: 'admitted', ticketNo: c.ticketNo, document: 'id' }, proctor, at(minute, 40));
      }
    });
    // A candidate of the next room admitted here too (the other door admits them as well).
    const stray = day.candidates.find((c) => c.roomNo === day.rooms[(r + 1) % day.rooms.length]!.roomNo)!;
    door.write('checkin.overridden', { roomNo, ticketNo: stray.ticketNo, reason: 'scan-failed' }, proctor, at(12 + r, 5));
    door.write('step.confirmed', { confirmationId: 'seal-shown', roomNo }, chiefProctor, at(25, r));
    inRoom.slice(0, 5).forEach((c) => door.write('seat.reverified', { roomNo, seatNo: c.seatNo, ticketNo: c.ticketNo, result: 'verified' }, proctor, at(31)));
    door.write('absentees.confirmed', { roomNo, absentees: inRoom.filter((_, i) => i % 10 === 9).map((c) => ({ ticketNo: c.ticketNo, seatNo: c.seatNo })) }, chiefProctor, at(60));
    // The room record (issue 12): counts at 启封, an incident, hand-ins, 收卷 and both signatures.
    const count = { kind: 'paper' as const, received: 30, issued: 27, spare: 0, absentKept: 3, collected: null };
    door.write('papers.counted', { roomNo, count }, chiefProctor, at(26));
    incidents.push(
      door.write('incident.recorded', { roomNo, subject: { kind: 'candidate', ticketNo: inRoom[2]!.ticketNo }, kindId: 'crib-notes', kindLabel: '夹带', cheating: true, actions: ['confiscated'], description: '', occurredAt: '09:05' }, chiefProctor, at(35)),
    );
    door.write('candidate.handed-in', { roomNo, ticketNo: inRoom[0]!.ticketNo }, chiefProctor, at(45 - 5 * r));
    door.write('candidate.left', { roomNo, ticketNo: inRoom[1]!.ticketNo, reason: 'toilet', accompaniedByStaffId: chief.staffId }, chiefProctor, at(50));
    door.write('candidate.returned', { roomNo, ticketNo: inRoom[1]!.ticketNo }, chiefProctor, at(52));
    door.write('papers.collected', { roomNo, ticketNos: inRoom.slice(1, 27).map((c) => c.ticketNo) }, chiefProctor, at(90));
    door.write('papers.counted', { roomNo, count: { ...count, collected: 27 } }, chiefProctor, at(91));
    door.write('record.signed', { roomNo, slot: 'chief-proctor', proof: 'badge' }, chiefProctor, at(95));
    door.write('record.signed', { roomNo, slot: 'second-proctor', proof: 'badge' }, proctor, at(95, 20));
  });

  // The office: confirms a room step too (two devices, one step), resolves a doubt, re-marks a seat.
  office.write('step.confirmed', { confirmationId: 'seal-shown', roomNo: day.rooms[0]!.roomNo }, actor(chief), at(25, 1));
  const doubted = day.candidates.filter((c) => c.roomNo === day.rooms[0]!.roomNo)[4]!;
  office.write('candidate.doubt-resolved', { roomNo: doubted.roomNo, ticketNo: doubted.ticketNo, outcome: 'cleared' }, actor(chief), at(40));
  office.write('seat.reverified', { roomNo: doubted.roomNo, seatNo: 1, ticketNo: day.candidates[0]!.ticketNo, result: 'suspected-impostor' }, actor(chief), at(31, 30));
  office.write('absentees.confirmed', { roomNo: day.rooms[2]!.roomNo, absentees: [] }, actor(chief), at(59));
  // The 主考 corrects a door's incident at the office (it may arrive before the incident), and amends a signed record.
  office.write('incident.corrected', { roomNo: day.rooms[0]!.roomNo, incidentEventId: incidents[0]!.id, correction: 'withdrawn', reason: '误记' }, actor(chief), at(55));
  office.write('incident.recorded', { roomNo: day.rooms[1]!.roomNo, subject: { kind: 'papers' }, kindId: 'count-mismatch', kindLabel: '数量不符', cheating: false, actions: [], description: '少 1 份', occurredAt: '08:26', amendmentReason: '补记' }, actor(chief), at(99));
  office.write('record.exception-signed', { roomNo: day.rooms[2]!.roomNo, reason: '答题卡未清点', problems: ['答题卡未清点'] }, actor(chief), at(94));

  const devices = [office, ...doors];
  return { day, devices, chains: devices.map((d) => d.events) };
}

/** A random interleaving that keeps each device's own order (as sync delivers a chain), cut into random batches. */
export function randomArrival(chains: readonly ExamDayEvent[][], random: () => number): ExamDayEvent[][] {
  const cursors = chains.map(() => 0);
  const batches: ExamDayEvent[][] = [];
  let batch: ExamDayEvent[] = [];
  for (;;) {
    const open = chains.map((c, i) => i).filter((i) => cursors[i]! < chains[i]!.length);
    if (open.length === 0) break;
    const device = open[Math.floor(random() * open.length)]!;
    // Runs of one device, like a batch from one peer.
    const run = 1 + Math.floor(random() * 8);
    for (let k = 0; k < run && cursors[device]! < chains[device]!.length; k += 1) {
      batch.push(chains[device]![cursors[device]!]!);
      cursors[device]! += 1;
    }
    if (random() < 0.3) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Everything a screen can read from a projection, in a stable order: two equal snapshots are one state. */
export function projectionSnapshot(store: ProjectionStore, day: FixtureDay, deviceIds: readonly string[]): unknown {
  const rooms = store.listRooms();
  const byKey = <T>(items: T[], key: (t: T) => string): T[] => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    plan: store.getPlan(),
    rooms,
    staff: store.listStaff(),
    candidates: store.countCandidates(),
    perRoom: rooms.map((room) => ({
      roomNo: room.roomNo,
      candidates: store.listCandidatesInRoom(room.roomNo),
      admissions: byKey(store.listAdmissionsInRoom(room.roomNo), (a) => a.ticketNo),
      doubts: store.listDoubtsInRoom(room.roomNo),
      reverify: store.listReverifyMarksInRoom(room.roomNo),
      absentees: store.getAbsenteeConfirmation(room.roomNo),
      activity: store.getRoomActivity(room.roomNo),
      pending: deviceIds.map((d) => store.getDoorPending(room.roomNo, d)),
      record: store.listRecordEntries(room.roomNo),
      recordState: foldRecordLog(store.listRecordEntries(room.roomNo)),
    })),
    confirmations: store.listConfirmations(),
    clocks: deviceIds.map((d) => store.getClockOffset(d)),
    photos: day.candidates.map((c) => store.getCandidatePhoto(c.ticketNo)),
  };
}
