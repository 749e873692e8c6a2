import { compactText, halfWidth } from '../roster/cell-values';
import { BAG_KIND_LABELS, type BagKind } from './bags';

const KIND_NAMES = new Map<string, BagKind>([
  ['试卷', 'paper'],
  ['试题', 'paper'],
  ['答题卡', 'answer-sheet'],
  ['备用卷', 'spare'],
  ['备用试卷', 'spare'],
  ['备卷', 'spare'],
  ['答卷回收袋', 'paper-return'],
  ['试卷回收袋', 'paper-return'],
  ['答卷回收', 'paper-return'],
  ['试卷回收', 'paper-return'],
  ['答题卡回收袋', 'answer-sheet-return'],
  ['答题卡回收', 'answer-sheet-return'],
]);

/** The kind names a list may use, for the message that lists them. */
export const BAG_KIND_NAMES_HINT = '试卷、答题卡、备用卷（备用试卷）、答卷回收袋（试卷回收袋）、答题卡回收袋';

/**
 * 类别 as a press list writes it: the five names of `BAG_KIND_LABELS`, their variants (备用试卷,
 * 试卷回收袋), with or without a trailing 袋 ("试卷袋"). Undefined for anything else.
 */
export function parseBagKind(raw: string): BagKind | undefined {
  const text = compactText(raw);
  const labelled = (Object.keys(BAG_KIND_LABELS) as BagKind[]).find((kind) => BAG_KIND_LABELS[kind].zh === text);
  return labelled ?? KIND_NAMES.get(text) ?? KIND_NAMES.get(text.replace(/袋$/, ''));
}

/**
 * 份数 as a whole number: "30", "030", "30份", "30 张", "30.0" (Excel's number). A fraction, a negative
 * or anything else is undefined; the caller checks the upper bound.
 */
export function parseBagCount(raw: string): number | undefined {
  const match = /^(\d{1,9})(\.0+)?(份|张|本)?$/.exec(compactText(raw));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** 封条号: several may share a cell, separated by 、 , ; (either width) or spaces. */
export function splitSealNos(raw: string): string[] {
  return halfWidth(raw)
    .split(/[、,;，；\s]+/)
    .filter((part) => part !== '');
}
