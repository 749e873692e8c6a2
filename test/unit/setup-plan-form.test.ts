import { describe, expect, it } from 'vitest';
import { bytesToBase64, sniffPhotoMime } from '../../shared/photos/photo';
import { testJpeg, testPng, testWebp } from '../support/photo-files';
import { formFromPlan, planFormSchema, planFromForm, type PlanForm } from '../../shared/setup/plan-form';
import { recheckRoster } from '../../shared/setup/roster-import';
import { fixtureDay } from '../support/fixture-day';

const form: PlanForm = { ...formFromPlan(null, '2026-11-25'), organisation: '测试学校', planName: '20261125 保育师', siteAddress: '北京', occupations: [{ occupation: '保育师', levels: ['四级'] }] };

describe('plan form (附件1, 附件5 times)', () => {
  it('defaults to 理论知识, 08:30–10:00, 居民身份证 and a 30-minute late cut-off', () => {
    expect(form).toMatchObject({ subject: '理论知识', startTime: '08:30', endTime: '10:00', acceptedIdTypes: ['resident-id'], lateCutoffMinutes: 30 });
    expect(planFormSchema.safeParse(form).success).toBe(true);
    expect(planFromForm(form).planId).toBe('20261125-20261125 保育师');
  });

  it('wants the end after the start and 30 to 240 minutes, in Chinese', () => {
    const message = (patch: Partial<PlanForm>) => {
      const parsed = planFormSchema.safeParse({ ...form, ...patch });
      return parsed.success ? undefined : parsed.error.issues[0]?.message;
    };
    expect(message({ endTime: '08:30' })).toBe('结束时间应晚于开始时间');
    expect(message({ endTime: '08:00' })).toBe('结束时间应晚于开始时间');
    expect(message({ endTime: '08:59' })).toBe('考试时长应为 30–240 分钟，现为 29 分钟');
    expect(message({ endTime: '09:00' })).toBeUndefined();
    expect(message({ endTime: '12:30' })).toBeUndefined();
    expect(message({ endTime: '12:31' })).toBe('考试时长应为 30–240 分钟，现为 241 分钟');
    expect(message({ acceptedIdTypes: [] })).toBe('请至少选择一种有效证件');
    expect(message({ lateCutoffMinutes: 121 })).toBe('迟到时限不能超过 120 分钟');
    expect(message({ occupations: [{ occupation: '保育师', levels: [] }] })).toBe('请至少选择一个等级');
  });
});

describe('the core re-check of a confirmed roster', () => {
  const day = fixtureDay(35);
  it('passes a clean roster and names each problem by 准考证号', () => {
    expect(recheckRoster(day.plan, day.rooms, day.candidates)).toEqual([]);
    const [a, b] = day.candidates;
    const broken = [
      { ...a!, level: '一级' as const },
      { ...b!, seatNo: 31 },
      { ...day.candidates[2]!, ticketNo: a!.ticketNo },
      { ...day.candidates[3]!, roomNo: '99' },
      { ...day.candidates[4]!, idType: 'passport' as const, idNumber: 'E12345678' },
    ];
    const problems = recheckRoster(day.plan, day.rooms, broken, 10);
    expect(problems).toEqual([
      `准考证号 ${a!.ticketNo}：保育师一级不在考试计划中`,
      `准考证号 ${b!.ticketNo}：座位号 31 超出 01 考场容量（30 座）`,
      `准考证号 ${a!.ticketNo} 重复`,
      `准考证号 ${day.candidates[3]!.ticketNo}：没有 99 考场`,
      `准考证号 ${day.candidates[4]!.ticketNo}：本次认定不接受护照`,
    ]);
  });
});

describe('photos', () => {
  it('knows an image by its header, not its name (image-header.test.ts has the refusals)', () => {
    expect(sniffPhotoMime(testJpeg(1))).toBe('image/jpeg');
    expect(sniffPhotoMime(testPng(1))).toBe('image/png');
    expect(sniffPhotoMime(testWebp(1))).toBe('image/webp');
    expect(sniffPhotoMime(new TextEncoder().encode('GIF89a'))).toBeUndefined();
  });

  it('writes base64 as Node does, for every length', () => {
    for (let n = 0; n < 40; n += 1) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) % 256);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
