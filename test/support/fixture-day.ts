import { idCheckDigit } from '../../shared/id/id-number';
import type { Candidate, ExamPlan, Room, StaffMember } from '../../shared/domain/types';
import { SYSTEM_ACTOR } from '../../shared/domain/types';
import type { PendingEvent } from '../../electron/core/core-context';
import type { PlanForm } from '../../shared/setup/plan-form';

export interface FixtureDay {
  plan: ExamPlan;
  rooms: Room[];
  staff: StaffMember[];
  candidates: Candidate[];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '𠈌'];

/** A fictional but valid 18-digit ID: Beijing region, a real birth date, correct check digit. */
export function fixtureIdNumber(index: number): string {
  const year = 1970 + (index % 30);
  const month = String(1 + (index % 12)).padStart(2, '0');
  const day = String(1 + (index % 28)).padStart(2, '0');
  const serial = String(index % 1000).padStart(3, '0');
  const first17 = `110105${year}${month}${day}${serial}`;
  return first17 + idCheckDigit(first17);
}

/** The fixture day's plan as the office types it in the plan form (setup tests and the import bench). */
export const FIXTURE_PLAN_FORM: PlanForm = {
  organisation: '北京市测试职业技能培训学校',
  planName: '20261125 保育师',
  siteAddress: '北京市海淀区测试路1号',
  date: '2026-11-25',
  subject: '理论知识',
  startTime: '08:30',
  endTime: '10:00',
  occupations: [{ occupation: '保育师', levels: ['四级', '三级'] }],
  acceptedIdTypes: ['resident-id'],
  lateCutoffMinutes: 30,
};

/** A deterministic exam day of `candidateCount` candidates in rooms of 30 (附件3). */
export function fixtureDay(
  candidateCount: number,
  options: { startTime?: string; date?: string; requiredDocuments?: ExamPlan['requiredDocuments'] } = {},
): FixtureDay {
  const roomCount = Math.max(1, Math.ceil(candidateCount / 30));
  const rooms: Room[] = Array.from({ length: roomCount }, (_, i) => {
    const roomNo = String(i + 1).padStart(roomCount > 99 ? 3 : 2, '0');
    return { roomNo, name: `第${i + 1}考场`, location: `教学楼${Math.floor(i / 10) + 1}层`, capacity: 30 };
  });
  const staff: StaffMember[] = [
    // Badge codes as the core would print them (KW-…), fixed so tests can scan them.
    { staffId: 'S001', name: '周主考', role: 'chief-examiner', badgeCode: 'KW-S001' },
    { staffId: 'R001', name: '吴流动', role: 'roving-proctor', badgeCode: 'KW-R001' },
    ...rooms.flatMap((room, i): StaffMember[] => {
      const [chief, second] = [`P${String(2 * i + 1).padStart(4, '0')}`, `P${String(2 * i + 2).padStart(4, '0')}`];
      return [
        { staffId: chief, name: `主监考${i + 1}`, role: 'chief-proctor', roomNo: room.roomNo, badgeCode: `KW-${chief}` },
        { staffId: second, name: `副监考${i + 1}`, role: 'second-proctor', roomNo: room.roomNo, badgeCode: `KW-${second}` },
      ];
    }),
  ];
  const candidates: Candidate[] = Array.from({ length: candidateCount }, (_, i) => {
    const idNumber = fixtureIdNumber(i);
    const genderDigit = Number(idNumber[16]);
    return {
      ticketNo: `2026110${String(i + 1).padStart(7, '0')}`,
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
      gender: genderDigit % 2 === 1 ? '男' : '女',
      idType: 'resident-id',
      idNumber,
      occupation: '保育师',
      level: i % 2 === 0 ? '四级' : '三级',
      roomNo: rooms[Math.floor(i / 30)]?.roomNo ?? '01',
      seatNo: (i % 30) + 1,
    };
  });
  const plan: ExamPlan = {
    ...FIXTURE_PLAN_FORM,
    planId: 'FIXTURE',
    date: options.date ?? FIXTURE_PLAN_FORM.date,
    startTime: options.startTime ?? FIXTURE_PLAN_FORM.startTime,
    // One scan admits unless a test asks for both documents: the log, durability and bench tests
    // are about one scan → one event.
    requiredDocuments: options.requiredDocuments ?? 'either',
  };
  return { plan, rooms, staff, candidates };
}

/** The events that put a fixture day into an empty log, as an import would. */
export function fixtureDayEvents(day: FixtureDay): PendingEvent[] {
  const actor = SYSTEM_ACTOR;
  return [
    { type: 'plan.set', payload: { plan: day.plan }, actor },
    ...day.rooms.map((room): PendingEvent => ({ type: 'room.defined', payload: { room }, actor })),
    ...day.staff.map((staff): PendingEvent => ({ type: 'staff.registered', payload: { staff }, actor })),
    ...day.candidates.map((candidate): PendingEvent => ({ type: 'candidate.registered', payload: { candidate }, actor })),
  ];
}
