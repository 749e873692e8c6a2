import { z } from 'zod';
import { levelSchema } from '../domain/types';
import { TEXT_LIMITS, scanText, text } from '../text/text-field';

/**
 * What a sealed bag holds (附件5 7:40 试卷、答题卡; 8:30 备用卷; 10:00 卷、卡分别装入密封袋). The two
 * return kinds are filled in the room at 收卷 and come back to the office.
 */
export const BAG_KINDS = ['paper', 'answer-sheet', 'spare', 'paper-return', 'answer-sheet-return'] as const;
export type BagKind = (typeof BAG_KINDS)[number];

export const BAG_KIND_LABELS: Record<BagKind, { zh: string; en: string }> = {
  paper: { zh: '试卷', en: 'Question papers' },
  'answer-sheet': { zh: '答题卡', en: 'Answer sheets' },
  spare: { zh: '备用卷', en: 'Spare papers' },
  'paper-return': { zh: '答卷回收袋', en: 'Answered papers (return)' },
  'answer-sheet-return': { zh: '答题卡回收袋', en: 'Answer sheets (return)' },
};

const RETURN_KINDS: readonly BagKind[] = ['paper-return', 'answer-sheet-return'];

/** A bag filled in the room at 收卷 and carried back to the office, rather than one opened there. */
export const isReturnBag = (kind: BagKind): boolean => RETURN_KINDS.includes(kind);

/** Which of the room record's paper counts (record/paper-counts.ts) a return bag's count must equal. */
export function recordCountKindOf(kind: BagKind): 'paper' | 'answer-sheet' | null {
  if (kind === 'paper-return') return 'paper';
  if (kind === 'answer-sheet-return') return 'answer-sheet';
  return null;
}

/** How a bag came into the registry. */
export const BAG_SOURCES = ['press-label', 'generated', 'imported', 'sealed-in-room'] as const;
export type BagSource = (typeof BAG_SOURCES)[number];

/** Any barcode the press printed may be a bag's code; our own are `KD-` and eight characters. */
export const bagCodeSchema = scanText(64).min(1, '请扫描试卷袋条码').max(64, '试卷袋条码过长');
export const sealNoSchema = text(40).min(1, '封条号不能为空');
export const MAX_BAG_COUNT = 10_000;
export const bagCountSchema = z.number().int('份数须为整数').min(0, '份数不能为负数').max(MAX_BAG_COUNT, '份数过大');

/** One bag of the registry (bags.registered). */
export const bagSchema = z.object({
  code: bagCodeSchema,
  kind: z.enum(BAG_KINDS),
  occupation: text(TEXT_LIMITS.occupation).min(1, '请填写职业'),
  level: levelSchema,
  /** 份数: papers or sheets inside. A return bag's is what was sealed into it. */
  count: bagCountSchema,
  /** The room it is for; a site spare kept by the 主考 has none until it is issued. */
  roomNo: text(TEXT_LIMITS.code).min(1).optional(),
  /** 封条号 where the press prints them. */
  sealNos: z.array(sealNoSchema).max(4),
  source: z.enum(BAG_SOURCES),
});
export type Bag = z.infer<typeof bagSchema>;

/** Bag codes are compared as scanned, trimmed and in upper case (scanners differ in case of letters). */
export const normaliseBagCode = (code: string): string => code.trim().toUpperCase();
