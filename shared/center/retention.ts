import { z } from 'zod';

/**
 * How long the center keeps each class of an exam day's material (issue 14 item 6). 第二十九条
 * (京职技鉴发〔2022〕1号): 电子材料不少于5年 — the events, receipts, device keys and the archive, which
 * the center never deletes before then (and no action here deletes them at all). Candidate photos
 * (考生照片) are personal data the record needs only by hash: the events sign each photo's sha256,
 * so the bytes may go sooner and the chain still verifies.
 */
export const MIN_ELECTRONIC_YEARS = 5;
export const MAX_ELECTRONIC_YEARS = 100;
/** 0 days: the photos may be purged as soon as the day's archive has been exported. */
export const MIN_PHOTO_DAYS = 0;
export const MAX_PHOTO_DAYS = 3_650;

export const RETENTION_ARTICLE = '京职技鉴发〔2022〕1号 第二十九条：电子材料保管不少于5年';

export const retentionSettingsSchema = z
  .object({
    electronicYears: z
      .number({ message: '请填写电子材料的保存年限' })
      .int('电子材料的保存年限应为整数年')
      .min(MIN_ELECTRONIC_YEARS, `电子材料（记录、收据、设备公钥、档案）至少保存 ${MIN_ELECTRONIC_YEARS} 年（${RETENTION_ARTICLE}），不能设得更短`)
      .max(MAX_ELECTRONIC_YEARS, `电子材料的保存年限不超过 ${MAX_ELECTRONIC_YEARS} 年`),
    photoDays: z
      .number({ message: '请填写照片的保存天数' })
      .int('照片的保存期应为整数天')
      .min(MIN_PHOTO_DAYS, '照片的保存天数不能为负数（0 天即导出档案后即可清除）')
      .max(MAX_PHOTO_DAYS, `照片的保存天数不超过 ${MAX_PHOTO_DAYS} 天`),
  })
  .strict();
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** In force until an admin signs other settings: the legal minimum for 电子材料, a year for photos. */
export const DEFAULT_RETENTION: RetentionSettings = { electronicYears: MIN_ELECTRONIC_YEARS, photoDays: 365 };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoDate = (t: number): string => new Date(t).toISOString().slice(0, 10);

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export interface DayRetention {
  /** 电子材料 are kept at least until this date (the exam date plus the years; 29 Feb rolls to 1 Mar). */
  electronicUntil: string;
  /** Photos are kept until this date; from it on they may be purged. */
  photosUntil: string;
}

/** One day's retention as the center's page shows it (electron/center/center-retention.ts answers it). */
export interface DayRetentionView extends DayRetention {
  settings: RetentionSettings;
  photos: { named: number; held: number; purged: number };
  /** Why the photos may not be purged today; null when they may (and some are held). */
  purgeRefusal: string | null;
  purges: { eventId: string; at: string; byName: string; count: number }[];
}

/** The dates until which one exam day's material is kept, counted from the exam date. */
export function dayRetention(examDate: string, settings: RetentionSettings): DayRetention {
  const [y, m, d] = parts(examDate);
  return { electronicUntil: isoDate(Date.UTC(y + settings.electronicYears, m - 1, d)), photosUntil: isoDate(Date.UTC(y, m - 1, d + settings.photoDays)) };
}

/**
 * Why the photos of an exam day may not be purged on `today` (YYYY-MM-DD), if they may not: before
 * the date the photo setting keeps them to.
 */
export function photoPurgeRefusal(examDate: string, settings: RetentionSettings, today: string): string | undefined {
  const { photosUntil } = dayRetention(examDate, settings);
  if (today >= photosUntil) return undefined;
  return `按当前设置，该考试日的照片保存至 ${photosUntil}（考试日后 ${settings.photoDays} 天），到期前不能清除`;
}
