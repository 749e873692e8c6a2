import { describe, expect, it } from 'vitest';
import { dayRetention, DEFAULT_RETENTION, photoPurgeRefusal, retentionSettingsSchema } from '../../shared/center/retention';
import { eventPayloadSchemas } from '../../shared/events/event-types';

describe('retention settings (第二十九条: 电子材料不少于5年)', () => {
  it.each([
    [{ electronicYears: 5, photoDays: 365 }, undefined],
    [{ electronicYears: 30, photoDays: 0 }, undefined],
    [{ electronicYears: 4, photoDays: 365 }, '电子材料（记录、收据、设备公钥、档案）至少保存 5 年（京职技鉴发〔2022〕1号 第二十九条：电子材料保管不少于5年），不能设得更短'],
    [{ electronicYears: 0, photoDays: 0 }, '第二十九条'],
    [{ electronicYears: 5.5, photoDays: 10 }, '电子材料的保存年限应为整数年'],
    [{ electronicYears: 5, photoDays: -1 }, '照片的保存天数不能为负数'],
    [{ electronicYears: 5, photoDays: 3651 }, '照片的保存天数不超过 3650 天'],
    [{ electronicYears: 5, photoDays: 1, extra: 1 }, 'Unrecognized key'],
  ])('%j → %s', (input, refusal) => {
    const parsed = retentionSettingsSchema.safeParse(input);
    if (refusal === undefined) expect(parsed.success).toBe(true);
    else expect(parsed.error?.issues[0]?.message).toContain(refusal);
  });

  it('is the payload schema of the signed retention.set event', () => {
    expect(eventPayloadSchemas['retention.set'].safeParse({ electronicYears: 3, photoDays: 0 }).success).toBe(false);
    expect(eventPayloadSchemas['retention.set'].safeParse(DEFAULT_RETENTION).success).toBe(true);
  });
});

describe('the dates a day’s material is kept to', () => {
  it.each([
    ['2026-11-28', { electronicYears: 5, photoDays: 365 }, '2031-11-28', '2027-11-28'],
    ['2026-11-28', { electronicYears: 5, photoDays: 0 }, '2031-11-28', '2026-11-28'],
    ['2028-02-29', { electronicYears: 5, photoDays: 1 }, '2033-03-01', '2028-03-01'],
    ['2026-12-31', { electronicYears: 10, photoDays: 31 }, '2036-12-31', '2027-01-31'],
  ])('%s with %j: 电子材料 until %s, photos until %s', (date, settings, electronicUntil, photosUntil) => {
    expect(dayRetention(date, settings)).toEqual({ electronicUntil, photosUntil });
  });

  it.each([
    ['2026-11-28', 0, '2026-11-28', undefined],
    ['2026-11-28', 30, '2026-12-27', '按当前设置，该考试日的照片保存至 2026-12-28（考试日后 30 天），到期前不能清除'],
    ['2026-11-28', 30, '2026-12-28', undefined],
    ['2026-11-28', 365, '2027-01-01', '按当前设置，该考试日的照片保存至 2027-11-28（考试日后 365 天），到期前不能清除'],
  ])('photos of %s kept %i days, purged on %s → %s', (date, photoDays, today, refusal) => {
    expect(photoPurgeRefusal(date, { electronicYears: 5, photoDays }, today)).toBe(refusal);
  });
});
