import type { ApiOutput } from '../api/contract';

type Dashboard = ApiOutput<'getDashboard'>;
type Cell = string | number;

const count = (n: number | null): Cell => (n === null ? '待统计' : n);

/**
 * The office's attendance sheet (issue 15 item 1): 应到 / 实到 / 缺考 / 存疑 / 异常 per room, the site's
 * totals, then per 职业·等级, as rows of an .xlsx. 缺考 reads 待统计 before the late cut-off.
 */
export function attendanceSheetRows(dashboard: Dashboard): Cell[][] {
  const header: Cell[] = ['考场号', '考场', '位置', '应到', '实到', '缺考', '存疑', '异常'];
  const rooms = dashboard.rooms.map((r): Cell[] => [r.roomNo, r.name, r.location, r.expected, r.admitted, count(r.absentees), r.inDoubt, r.incidents]);
  const t = dashboard.totals;
  const total: Cell[] = ['全场', '', '', t.expected, t.admitted, count(t.absentees), t.inDoubt, t.incidents];
  const groups = dashboard.groups.map((g): Cell[] => [`${g.occupation}${g.level}`, '', '', g.expected, g.admitted, count(g.absentees), g.inDoubt, '']);
  return [header, ...rooms, total, [], ['职业·等级', '', '', '应到', '实到', '缺考', '存疑', ''], ...groups];
}
