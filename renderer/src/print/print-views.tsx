import type { DayView, RoomRoster } from '../api/api';
import { STAFF_ROLE_LABELS } from '../../../shared/domain/labels';
import { QrSvg } from './qr-svg';

export type PrintKind = 'signIn' | 'doorSign' | 'seatLabels' | 'blackboard' | 'arrangement' | 'badges';
type Plan = NonNullable<DayView['plan']>;
type Rosters = RoomRoster[];

const dateZh = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** "保育师四级、三级": the occupations and levels of these rows (or of the plan). */
function occupationLevels(plan: Plan, rows?: RoomRoster['rows']): string {
  const pairs = new Map<string, Set<string>>();
  if (rows && rows.length > 0) for (const r of rows) pairs.set(r.occupation, (pairs.get(r.occupation) ?? new Set()).add(r.level));
  else for (const o of plan.occupations) pairs.set(o.occupation, new Set(o.levels));
  return [...pairs].map(([occupation, levels]) => `${occupation}${[...levels].join('、')}`).join('；');
}

const ticketRange = (rows: RoomRoster['rows']): string => {
  const tickets = rows.map((r) => r.ticketNo).sort();
  return tickets.length === 0 ? '—' : tickets.length === 1 ? (tickets[0] ?? '') : `${tickets[0]} — ${tickets[tickets.length - 1]}`;
};

/** 附件3 三(三): posted at the door and signed at check-in (附件5 查证入场). */
function SignInSheet({ plan, roster }: { plan: Plan; roster: RoomRoster }) {
  return (
    <section className="print-page sign-in">
      <h1>考生信息汇总表</h1>
      <p className="print-sub">
        {plan.organisation} · {plan.planName}
      </p>
      <p className="print-meta">
        <span>考场：{roster.room.name}（{roster.room.roomNo}）</span>
        {roster.room.location && <span>地点：{roster.room.location}</span>}
        <span>
          {dateZh(plan.date)} {plan.startTime}—{plan.endTime}
        </span>
        <span>科目：{plan.subject}</span>
        <span>应考 {roster.rows.length} 人</span>
      </p>
      <table className="print-table">
        <thead>
          <tr>
            <th className="w-seat">座位号</th>
            <th className="w-name">姓名</th>
            <th className="w-ticket">准考证号</th>
            <th className="w-id">证件号码</th>
            <th className="w-occ">职业 / 等级</th>
            <th className="w-sign">考生签名</th>
          </tr>
        </thead>
        <tbody>
          {roster.rows.map((r) => (
            <tr key={r.ticketNo}>
              <td className="c">{r.seatNo}</td>
              <td>{r.name}</td>
              <td className="mono">{r.ticketNo}</td>
              <td className="mono">{r.idMasked}</td>
              <td>
                {r.occupation} {r.level}
              </td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="print-foot">监考员签名：____________　____________　　实到 ____ 人　缺考 ____ 人</p>
    </section>
  );
}

/** 附件3 二 1: "(机构名称)(职业等级名称)职业技能等级认定考场", with the room. */
function DoorSign({ plan, roster }: { plan: Plan; roster: RoomRoster }) {
  const seats = roster.rows.map((r) => r.seatNo);
  return (
    <section className="print-page door-sign">
      <p className="door-sign-title">
        <span>{plan.organisation}</span>
        <span>{occupationLevels(plan, roster.rows)}职业技能等级认定考场</span>
      </p>
      <p className="door-sign-room">{roster.room.name}</p>
      <p className="door-sign-no">考场号 {roster.room.roomNo}</p>
      <p className="door-sign-meta">
        {roster.room.location && <span>{roster.room.location}</span>}
        <span>座位号 {seats.length ? `${Math.min(...seats)}—${Math.max(...seats)}` : '—'}</span>
        <span>准考证号 {ticketRange(roster.rows)}</span>
        <span>
          {dateZh(plan.date)} {plan.startTime}—{plan.endTime} {plan.subject}
        </span>
      </p>
    </section>
  );
}

/** 附件3 三(四): stuck to the desk's top-right corner. */
function SeatLabels({ roster }: { roster: RoomRoster }) {
  return (
    <section className="print-page seat-labels">
      <div className="label-grid">
        {roster.rows.map((r) => (
          <div key={r.ticketNo} className="seat-label">
            <span className="seat-label-room">{roster.room.name}</span>
            <span className="seat-label-no">{r.seatNo}</span>
            <span className="seat-label-name">{r.name}</span>
            <span className="seat-label-ticket mono">{r.ticketNo}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

/** 附件3 三(五) 板书内容: written on the left of the blackboard. */
function Blackboard({ plan, roster }: { plan: Plan; roster: RoomRoster }) {
  const occupations = [...new Set(roster.rows.map((r) => r.occupation))];
  const levels = [...new Set(roster.rows.map((r) => r.level))];
  return (
    <section className="print-page blackboard">
      <p className="blackboard-room">{roster.room.name} · 板书内容</p>
      <p>职业：{occupations.join('、') || plan.occupations.map((o) => o.occupation).join('、')}</p>
      <p>等级：{levels.join('、') || plan.occupations.flatMap((o) => o.levels).join('、')}</p>
      <p>科目：{plan.subject}</p>
      <p className="blackboard-phone">关闭手机！</p>
      <p>
        考试时间：{plan.startTime}-{plan.endTime}
      </p>
    </section>
  );
}

/** 附件3 二 1: posted at the site's entrance, which room is where and for whom. */
function Arrangement({ plan, rosters }: { plan: Plan; rosters: Rosters }) {
  return (
    <section className="print-page arrangement">
      <h1>考场安排表</h1>
      <p className="print-sub">
        {plan.organisation} · {plan.planName} · {dateZh(plan.date)} {plan.startTime}—{plan.endTime} · {plan.subject}
      </p>
      <p className="print-meta">
        <span>考点：{plan.siteAddress}</span>
      </p>
      <table className="print-table">
        <thead>
          <tr>
            <th>考场</th>
            <th>考场号</th>
            <th>位置</th>
            <th>职业 / 等级</th>
            <th>准考证号</th>
            <th>人数</th>
          </tr>
        </thead>
        <tbody>
          {rosters.map((r) => (
            <tr key={r.room.roomNo}>
              <td>{r.room.name}</td>
              <td className="c">{r.room.roomNo}</td>
              <td>{r.room.location}</td>
              <td>{occupationLevels(plan, r.rows)}</td>
              <td className="mono">{ticketRange(r.rows)}</td>
              <td className="c">{r.rows.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** 胸卡 (附件5 安排工作: badges handed out): name, role, room and the badge code as a QR code. */
function Badges({ plan, day }: { plan: Plan; day: DayView }) {
  const rooms = new Map(day.rooms.map((r) => [r.roomNo, r.name]));
  return (
    <section className="print-page badges">
      <div className="badge-grid">
        {day.staff.map((m) => (
          <div key={m.staffId} className="badge">
            <p className="badge-org">{plan.organisation}</p>
            <p className="badge-title">职业技能等级认定 · 考务工作人员</p>
            <div className="badge-body">
              <div>
                <p className="badge-name">{m.name}</p>
                <p className="badge-role">{STAFF_ROLE_LABELS[m.role].zh}</p>
                {m.roomNo && <p className="badge-room">{rooms.get(m.roomNo) ?? m.roomNo}</p>}
                <p className="badge-code mono">{m.badgeCode ?? '—'}</p>
              </div>
              {m.badgeCode && <QrSvg text={m.badgeCode} sizeMm={24} />}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

/** The pages of one document, for the chosen rooms, in print order. */
export function PrintDocument({ kind, plan, day, rosters }: { kind: PrintKind; plan: Plan; day: DayView; rosters: Rosters }) {
  switch (kind) {
    case 'signIn':
      return <>{rosters.map((r) => <SignInSheet key={r.room.roomNo} plan={plan} roster={r} />)}</>;
    case 'doorSign':
      return <>{rosters.map((r) => <DoorSign key={r.room.roomNo} plan={plan} roster={r} />)}</>;
    case 'seatLabels':
      return <>{rosters.map((r) => <SeatLabels key={r.room.roomNo} roster={r} />)}</>;
    case 'blackboard':
      return <>{rosters.map((r) => <Blackboard key={r.room.roomNo} plan={plan} roster={r} />)}</>;
    case 'arrangement':
      return <Arrangement plan={plan} rosters={rosters} />;
    case 'badges':
      return <Badges plan={plan} day={day} />;
  }
}
