import { LEVELS, type Level } from '../domain/types';
import { BAG_KIND_LABELS, type Bag } from './bags';

export const BAG_COUNT_FINDING_KINDS = [
  'short', // error: the bags of a kind hold fewer 份 than the room has candidates
  'none-registered', // warning: a room on the roster has no bag of that kind yet
  'no-candidates', // warning: bags for a room and 职业·等级 nobody on the roster sits
  'without-room', // warning: a 试卷 or 答题卡 bag for no room counts for no one
  'spare', // info: 备用卷, counted apart from the papers
] as const;
export type BagCountFindingKind = (typeof BAG_COUNT_FINDING_KINDS)[number];

/** The kinds whose 份数 are checked; return bags are filled at 收卷 and checked against the room record. */
export type CountedBagKind = 'paper' | 'answer-sheet' | 'spare';

export interface BagCountFinding {
  kind: BagCountFindingKind;
  severity: 'error' | 'warning' | 'info';
  /** Null for a site spare (kept by the 主考) or a bag registered without a room. */
  roomNo: string | null;
  occupation: string;
  level: Level;
  bagKind: CountedBagKind;
  /** Total 份数 of those bags. */
  count: number;
  /** Candidates on the roster in that room with that 职业·等级 (0 for a site spare). */
  candidates: number;
  bagCodes: string[];
  /** Chinese, e.g. "第3考场 电工 四级：试卷 28 份，少于考生 30 人". */
  message: string;
}

export type CountedBag = Pick<Bag, 'code' | 'kind' | 'occupation' | 'level' | 'count' | 'roomNo'>;
export interface RosterGroup {
  roomNo: string;
  occupation: string;
  level: Level;
  candidates: number;
}

const CHECKED_KINDS = ['paper', 'answer-sheet'] as const;

/**
 * 附件5 7:40 (主考 → 主监考 checks 职业、级别、份数) and 8:30 (备用卷): for each room and 职业·等级 on the
 * roster, the 试卷 bags together must hold at least one paper per candidate, and the 答题卡 bags one
 * sheet per candidate. 备用卷 are reported on their own and never make up a shortfall. Rooms and
 * occupations are compared as stored (both sides come from the day's canonical room numbers and plan).
 * Roster rows with the same room and 职业·等级 are added up.
 */
export function bagCountFindings(bags: readonly CountedBag[], roster: readonly RosterGroup[]): BagCountFinding[] {
  const candidates = new Map<string, RosterGroup>();
  for (const group of roster) {
    if (group.candidates <= 0) continue;
    const key = groupKey(group.roomNo, group.occupation, group.level);
    const seen = candidates.get(key);
    candidates.set(key, { ...group, candidates: (seen?.candidates ?? 0) + group.candidates });
  }

  interface Tally {
    roomNo: string | null;
    occupation: string;
    level: Level;
    bagKind: CountedBagKind;
    count: number;
    bagCodes: string[];
  }
  const tallies = new Map<string, Tally>();
  for (const bag of bags) {
    if (bag.kind !== 'paper' && bag.kind !== 'answer-sheet' && bag.kind !== 'spare') continue;
    const roomNo = bag.roomNo ?? null;
    const key = `${groupKey(roomNo ?? '', bag.occupation, bag.level)}\u0000${bag.kind}`;
    const tally = tallies.get(key) ?? { roomNo, occupation: bag.occupation, level: bag.level, bagKind: bag.kind, count: 0, bagCodes: [] };
    tally.count += bag.count;
    tally.bagCodes.push(bag.code);
    tallies.set(key, tally);
  }

  const findings: BagCountFinding[] = [];
  for (const group of candidates.values()) {
    const where = `${roomLabel(group.roomNo)} ${group.occupation} ${group.level}`;
    for (const bagKind of CHECKED_KINDS) {
      const label = BAG_KIND_LABELS[bagKind].zh;
      const tally = tallies.get(`${groupKey(group.roomNo, group.occupation, group.level)}\u0000${bagKind}`);
      const base = { roomNo: group.roomNo, occupation: group.occupation, level: group.level, bagKind, candidates: group.candidates };
      if (tally === undefined) {
        findings.push({ ...base, kind: 'none-registered', severity: 'warning', count: 0, bagCodes: [], message: `${where}：尚未登记${label}袋（考生 ${group.candidates} 人）` });
      } else if (tally.count < group.candidates) {
        findings.push({
          ...base,
          kind: 'short',
          severity: 'error',
          count: tally.count,
          bagCodes: tally.bagCodes,
          message: `${where}：${label} ${tally.count} 份，少于考生 ${group.candidates} 人`,
        });
      }
    }
  }

  for (const tally of tallies.values()) {
    if (tally.bagKind === 'spare') {
      const where = tally.roomNo === null ? `考点备用 ${tally.occupation} ${tally.level}` : `${roomLabel(tally.roomNo)} ${tally.occupation} ${tally.level}`;
      const onRoster = tally.roomNo === null ? 0 : (candidates.get(groupKey(tally.roomNo, tally.occupation, tally.level))?.candidates ?? 0);
      findings.push({ ...tally, kind: 'spare', severity: 'info', candidates: onRoster, message: `${where}：备用卷 ${tally.count} 份（另计，不计入试卷份数）` });
      continue;
    }
    const label = BAG_KIND_LABELS[tally.bagKind].zh;
    if (tally.roomNo === null) {
      findings.push({
        ...tally,
        kind: 'without-room',
        severity: 'warning',
        candidates: 0,
        message: `${tally.occupation} ${tally.level}：${label} ${tally.count} 份未指定考场（${tally.bagCodes.join('、')}），不计入任何考场`,
      });
    } else if (!candidates.has(groupKey(tally.roomNo, tally.occupation, tally.level))) {
      findings.push({
        ...tally,
        kind: 'no-candidates',
        severity: 'warning',
        candidates: 0,
        message: `${roomLabel(tally.roomNo)} ${tally.occupation} ${tally.level}：有${label} ${tally.count} 份，但名单中该考场没有这一职业等级的考生`,
      });
    }
  }
  return findings.sort(byPlace);
}

/** "03" → "第3考场"; a room numbered in words is shown as written. */
function roomLabel(roomNo: string): string {
  return /^\d+$/.test(roomNo) ? `第${Number(roomNo)}考场` : roomNo;
}

function groupKey(roomNo: string, occupation: string, level: Level): string {
  return `${roomNo}\u0000${occupation}\u0000${level}`;
}

const KIND_ORDER: readonly CountedBagKind[] = ['paper', 'answer-sheet', 'spare'];

/** Room by number (site-wide last), then 职业, 等级 from 五级 up, then 试卷, 答题卡, 备用卷. */
function byPlace(a: BagCountFinding, b: BagCountFinding): number {
  if (a.roomNo !== b.roomNo) {
    if (a.roomNo === null) return 1;
    if (b.roomNo === null) return -1;
    return a.roomNo.localeCompare(b.roomNo, 'zh-Hans-CN', { numeric: true });
  }
  return (
    a.occupation.localeCompare(b.occupation, 'zh-Hans-CN') ||
    LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
    KIND_ORDER.indexOf(a.bagKind) - KIND_ORDER.indexOf(b.bagKind)
  );
}
