import { describe, expect, it } from 'vitest';
import { bagCountFindings, type CountedBag, type RosterGroup } from '../../shared/custody/bag-counts';
import type { BagKind } from '../../shared/custody/bags';

const ROSTER: RosterGroup[] = [
  { roomNo: '03', occupation: '电工', level: '四级', candidates: 30 },
  { roomNo: '03', occupation: '电工', level: '三级', candidates: 4 },
  { roomNo: '10', occupation: '焊工', level: '四级', candidates: 20 },
];

let next = 0;
function bag(kind: BagKind, count: number, roomNo: string | undefined, occupation = '电工', level: CountedBag['level'] = '四级'): CountedBag {
  next += 1;
  return { code: `B${next}`, kind, occupation, level, count, ...(roomNo === undefined ? {} : { roomNo }) };
}

/** Every room and 职业·等级 of ROSTER with a 试卷 and an 答题卡 bag of exactly its candidates. */
const full = (): CountedBag[] =>
  ROSTER.flatMap((g) => [bag('paper', g.candidates, g.roomNo, g.occupation, g.level), bag('answer-sheet', g.candidates, g.roomNo, g.occupation, g.level)]);

describe('bagCountFindings', () => {
  it('finds nothing when every room has papers and sheets for each candidate, however many bags hold them', () => {
    const bags = [
      ...full().filter((b) => !(b.roomNo === '03' && b.level === '四级' && b.kind === 'paper')),
      bag('paper', 20, '03'),
      bag('paper', 12, '03'),
      bag('paper-return', 0, '03'),
      bag('answer-sheet-return', 999, '10', '焊工'),
    ];
    expect(bagCountFindings(bags, ROSTER)).toEqual([]);
  });

  it('reports a shortfall of papers as an error naming the room, 职业·等级, the counts and the bags', () => {
    const bags = [...full().filter((b) => !(b.roomNo === '03' && b.level === '四级' && b.kind === 'paper')), bag('paper', 20, '03'), bag('paper', 8, '03')];
    const codes = bags.slice(-2).map((b) => b.code);
    expect(bagCountFindings(bags, ROSTER)).toEqual([
      {
        kind: 'short',
        severity: 'error',
        roomNo: '03',
        occupation: '电工',
        level: '四级',
        bagKind: 'paper',
        count: 28,
        candidates: 30,
        bagCodes: codes,
        message: '第3考场 电工 四级：试卷 28 份，少于考生 30 人',
      },
    ]);
  });

  it('reports a shortfall of answer sheets the same way', () => {
    const bags = full().map((b) => (b.roomNo === '10' && b.kind === 'answer-sheet' ? { ...b, count: 19 } : b));
    expect(bagCountFindings(bags, ROSTER).map((f) => [f.severity, f.kind, f.message])).toEqual([['error', 'short', '第10考场 焊工 四级：答题卡 19 份，少于考生 20 人']]);
  });

  it('does not let 备用卷 make up a shortfall: they are reported apart, for the room or the site', () => {
    const bags = [
      ...full().filter((b) => !(b.roomNo === '03' && b.level === '三级' && b.kind === 'paper')),
      bag('paper', 3, '03', '电工', '三级'),
      bag('spare', 2, '03', '电工', '三级'),
      bag('spare', 5, undefined, '电工', '四级'),
      bag('spare', 1, undefined, '电工', '四级'),
    ];
    expect(bagCountFindings(bags, ROSTER).map((f) => [f.severity, f.kind, f.roomNo, f.count, f.candidates, f.message])).toEqual([
      ['error', 'short', '03', 3, 4, '第3考场 电工 三级：试卷 3 份，少于考生 4 人'],
      ['info', 'spare', '03', 2, 4, '第3考场 电工 三级：备用卷 2 份（另计，不计入试卷份数）'],
      ['info', 'spare', null, 6, 0, '考点备用 电工 四级：备用卷 6 份（另计，不计入试卷份数）'],
    ]);
  });

  it('warns of a room on the roster with no 试卷 or no 答题卡 bag registered yet', () => {
    const bags = full().filter((b) => !(b.roomNo === '10' || (b.roomNo === '03' && b.level === '三级' && b.kind === 'answer-sheet')));
    expect(bagCountFindings(bags, ROSTER).map((f) => [f.severity, f.kind, f.bagKind, f.count, f.message])).toEqual([
      ['warning', 'none-registered', 'answer-sheet', 0, '第3考场 电工 三级：尚未登记答题卡袋（考生 4 人）'],
      ['warning', 'none-registered', 'paper', 0, '第10考场 焊工 四级：尚未登记试卷袋（考生 20 人）'],
      ['warning', 'none-registered', 'answer-sheet', 0, '第10考场 焊工 四级：尚未登记答题卡袋（考生 20 人）'],
    ]);
  });

  it('adds up roster rows of the same room and 职业·等级, and skips groups with no candidates', () => {
    const roster: RosterGroup[] = [
      { roomNo: '03', occupation: '电工', level: '四级', candidates: 10 },
      { roomNo: '03', occupation: '电工', level: '四级', candidates: 5 },
      { roomNo: '04', occupation: '电工', level: '四级', candidates: 0 },
    ];
    const findings = bagCountFindings([bag('paper', 14, '03'), bag('answer-sheet', 15, '03')], roster);
    expect(findings.map((f) => f.message)).toEqual(['第3考场 电工 四级：试卷 14 份，少于考生 15 人']);
  });

  it('warns of 试卷 or 答题卡 bags for a room and 职业·等级 nobody on the roster sits, and of bags for no room', () => {
    const bags = [...full(), bag('paper', 10, '03', '焊工', '四级'), bag('answer-sheet', 7, undefined)];
    const roomless = bags.at(-1)?.code ?? '';
    expect(bagCountFindings(bags, ROSTER).map((f) => [f.severity, f.kind, f.roomNo, f.message])).toEqual([
      ['warning', 'no-candidates', '03', '第3考场 焊工 四级：有试卷 10 份，但名单中该考场没有这一职业等级的考生'],
      ['warning', 'without-room', null, `电工 四级：答题卡 7 份未指定考场（${roomless}），不计入任何考场`],
    ]);
  });

  it('keeps rooms, 职业·等级 and each 职业·等级 apart: papers for one never count for another', () => {
    const bags = [
      bag('paper', 34, '03', '电工', '四级'),
      bag('answer-sheet', 34, '03', '电工', '四级'),
      bag('paper', 40, '3', '电工', '三级'),
      bag('answer-sheet', 4, '03', '电工', '三级'),
      ...full().filter((b) => b.roomNo === '10'),
    ];
    const findings = bagCountFindings(bags, ROSTER);
    expect(findings.map((f) => [f.kind, f.roomNo, f.level, f.bagKind])).toEqual([
      ['none-registered', '03', '三级', 'paper'],
      ['no-candidates', '3', '三级', 'paper'],
    ]);
  });
});
