import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/result';
import { refusalText } from '../../renderer/src/i18n/i18n';
import { openClockedCore, type ClockedCore } from '../support/clocked-core';
import { fixtureDay } from '../support/fixture-day';
import { proofOf, setPinsAtBriefing } from '../support/staff-proof';

// Room 01: P0001 主监考, P0002 副监考; room 02: P0003 主监考; S001 主考; R001 流动监考. 8:30 开考, late from 9:00.
const day = fixtureDay(60);
const inRoom02 = day.candidates.find((c) => c.roomNo === '02')!;
const inRoom01 = day.candidates.find((c) => c.roomNo === '01')!;

/**
 * One representative refusal from each handler (issue 15 item 13): it carries its code, its Chinese
 * is the message the core always wrote, and its English is filled, with no placeholder left over.
 */
describe('the core\'s refusals carry their code, and render in English with their parameters', () => {
  let clocked: ClockedCore;
  beforeAll(() => {
    clocked = openClockedCore(day, 8, 10);
    setPinsAtBriefing(clocked.core, ['S001', 'P0001', 'P0002', 'P0003']);
  });
  afterAll(() => clocked.close());

  const cases: [string, () => ApiResult<unknown>, string, string, string][] = [
    ['checkin.ts', () => clocked.core.handlers.checkIn({ roomNo: '01', input: 'X', method: 'typed', actorStaffId: 'NOBODY' }), 'doorkeeper-unknown', '值守人员不在本考试日的工作人员名单中', 'The person on duty at the door is not on the day\'s staff list'],
    ['absentees.ts', () => clocked.core.handlers.confirmAbsentees({ roomNo: '01', ticketNos: [], confirmer: proofOf('P0001') }), 'absentees-before-cutoff', '迟到时限过后才能确认缺考名单', 'The absentee list is confirmed only after the late cut-off'],
    [
      'record-actions.ts',
      () => clocked.core.handlers.recordHandIn({ roomNo: '01', ticketNo: inRoom02.ticketNo, actorStaffId: 'P0001' }),
      'record-not-this-room',
      `${inRoom02.name}不是本考场考生（在第2考场 ${inRoom02.seatNo} 号座位）`,
      `${inRoom02.name} is not in this room (seat ${inRoom02.seatNo} in 第2考场)`,
    ],
    ['room-record.ts', () => clocked.core.handlers.getRoomRecord({ roomNo: '99' }), 'room-unknown', '没有第 99 考场', 'There is no room 99'],
    ['custody.ts', () => clocked.core.handlers.registerBags({ bags: [], actorStaffId: 'NOBODY' }), 'custody-registrar-unknown', '登记人不在本考试日的工作人员名单中', 'The person registering is not on the day\'s staff list'],
    ['signin.ts', () => clocked.core.handlers.unlockBadge({ badgeCode: 'KW-P0002', examinerBadgeCode: 'KW-S001', examinerPin: '000000' }), 'badge-not-locked', '副监考1的胸卡没有锁定', '副监考1\'s badge is not locked'],
    [
      'prove-actor.ts + approvals.ts (the badge names a person of another role and room)',
      () => clocked.core.handlers.closeDay({ examiner: proofOf('P0001') }),
      'approve-close-day',
      '日结须由主考扫描胸卡并输入 PIN：主监考1（第 01 考场主监考）不是主考',
      'Closing the day needs the chief examiner\'s badge and PIN: 主监考1 (Chief proctor, room 01) is not the chief examiner',
    ],
    [
      'privacy.ts (the 主考\'s wrong PIN, said as 主考：)',
      () => clocked.core.handlers.revealIdNumber({ ticketNo: inRoom01.ticketNo, examinerBadgeCode: 'KW-S001', examinerPin: '135792' }),
      'pin-wrong',
      '主考：PIN 不正确，还可尝试 4 次',
      'Chief examiner: Wrong PIN: 4 tries left',
    ],
    ['roster.ts', () => clocked.core.handlers.withdrawCandidate({ ticketNo: inRoom01.ticketNo, reason: ' ' }), 'roster-withdrawal-reason', `请填写${inRoom01.name}（准考证号 ${inRoom01.ticketNo}）退考的原因`, `Say why ${inRoom01.name} (ticket ${inRoom01.ticketNo}) withdraws`],
    ['setup.ts', () => clocked.core.handlers.defineRooms({ rooms: [day.rooms[0]!, day.rooms[0]!] }), 'room-no-twice', '考场号 01 重复', 'Room number 01 appears twice'],
    ['clock.ts', () => clocked.core.handlers.recordClockCheck({ reference: '7点35', actorStaffId: 'P0001' }), 'clock-typed-format', '考务办时间格式应为 HH:MM 或 HH:MM:SS（如 07:35:20），或扫描考务办的时间码', 'Type the office time as HH:MM or HH:MM:SS (like 07:35:20), or scan the office\'s time code'],
    [
      'schedule.ts (a step label carries its English)',
      () => clocked.core.handlers.confirmStep({ confirmationId: 'papers-returned', roomNo: '01', actorStaffId: 'P0001' }),
      'confirm-too-early',
      '尚未到“送还试卷”环节（10:05），不能提前确认',
      'It is not yet time for "Papers returned" (10:05): it cannot be confirmed early',
    ],
  ];

  it.each(cases)('%s', (_handler, act, code, zh, en) => {
    const answer = act();
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.refusal?.code).toBe(code);
    expect(answer.error.message).toBe(zh);
    expect(refusalText('zh', answer.error)).toBe(zh);
    expect(refusalText('en', answer.error)).toBe(en);
  });
});
