import { BAG_KIND_LABELS } from '../../../shared/custody/bags';
import { BAG_STATE_LABELS, CUSTODY_PLACE_LABELS, CUSTODY_STEP_LABELS, type PartyPart } from '../../../shared/custody/custody-steps';
import { STAFF_ROLE_LABELS } from '../../../shared/domain/labels';
import type { DayView } from '../api/api';
import { QrSvg } from '../print/qr-svg';
import type { BagView } from './custody-api';
import { hhmm } from './custody-labels';
import type { Handoff } from './handoffs';

/*
 * The custody papers for the archive, always in Chinese (they are filed with the day's record): the
 * 交接单 of one handoff, the bag labels, and the custody report of every bag.
 */

type Plan = DayView['plan'];

const PART_ZH: Record<PartyPart, string> = { giver: '交出', receiver: '接收', performer: '经办' };

function dateTimeZh(iso: string, offsetMs: number | null): string {
  const d = new Date(Date.parse(iso) - (offsetMs ?? 0));
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${hhmm(iso, offsetMs)}`;
}

type Rooms = DayView['rooms'];

/** A room as the papers print it: its name (第1考场), or 考点备用 for a site spare. */
const roomNameIn = (rooms: Rooms) => (no: string | null): string => (no === null ? '考点备用' : (rooms.find((r) => r.roomNo === no)?.name ?? `${no} 考场`));

const sealText = (seal: BagView['history'][number]['seal']): string =>
  seal === null ? '—' : `${seal.intact ? '完好' : '有损'}${seal.sealNo ? `（${seal.sealNo}）` : ''}`;

/** 试卷交接单 of one handoff: the bags, their counts and seals, and who gave and received them. */
export function ReceiptPage({ plan, handoff, offsetMs, rooms }: { plan: Plan; handoff: Handoff; offsetMs: number | null; rooms: Rooms }) {
  const roomName = roomNameIn(rooms);
  const parts = (['giver', 'receiver', 'performer'] as const).filter((p) => handoff.parties.some((x) => x.part === p));
  return (
    <section className="print-page custody-receipt" data-testid={`receipt-${handoff.handoffId}`}>
      <h1>试卷交接单</h1>
      {plan && (
        <p className="print-sub">
          {plan.organisation} · {plan.planName} · {plan.subject}
        </p>
      )}
      <p className="print-meta">
        <span>环节：{CUSTODY_STEP_LABELS[handoff.step].zh}</span>
        <span>时间：{dateTimeZh(handoff.at, offsetMs)}</span>
        <span>地点：{CUSTODY_PLACE_LABELS[handoff.place].zh}</span>
        <span>共 {handoff.rows.length} 袋</span>
      </p>
      <table className="print-table">
        <thead>
          <tr>
            <th>序号</th>
            <th>试卷袋编号</th>
            <th>类别</th>
            <th>职业 / 等级</th>
            <th>考场</th>
            <th>应有份数</th>
            <th>清点份数</th>
            <th>封条</th>
          </tr>
        </thead>
        <tbody>
          {handoff.rows.map(({ bag, entry }, i) => (
            <tr key={bag.code}>
              <td className="c">{i + 1}</td>
              <td className="mono">{bag.code}</td>
              <td>{BAG_KIND_LABELS[bag.kind].zh}</td>
              <td>
                {bag.occupation} {bag.level}
              </td>
              <td className="c nowrap">{roomName(entry.roomNo ?? bag.roomNo)}</td>
              <td className="c">{bag.count}</td>
              <td className="c">{entry.count ?? '—'}</td>
              <td>{sealText(entry.seal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {handoff.recipient && <p>评卷点接收人：{handoff.recipient}</p>}
      {handoff.note && <p>说明：{handoff.note}</p>}
      <div className="custody-receipt-parties">
        {parts.map((part) => (
          <div key={part} className="custody-receipt-party">
            <p className="custody-receipt-part">{PART_ZH[part]}人</p>
            {handoff.parties
              .filter((p) => p.part === part)
              .map((p) => (
                <p key={p.staffId}>
                  {p.name}（{STAFF_ROLE_LABELS[p.role].zh}，胸卡确认）
                </p>
              ))}
            <p className="custody-sign-line">签字：________________</p>
          </div>
        ))}
        {handoff.recipient && (
          <div className="custody-receipt-party">
            <p className="custody-receipt-part">接收人</p>
            <p>{handoff.recipient}（评卷点）</p>
            <p className="custody-sign-line">签字：________________</p>
          </div>
        )}
      </div>
      <p className="print-foot mono">交接编号 {handoff.handoffId}</p>
    </section>
  );
}

const LABELS_PER_PAGE = 24;

/** Bag labels, 3 × 8 on A4: the code as a QR code with the room, the kind and the 份数. */
export function BagLabelsPages({ bags, rooms }: { bags: readonly BagView[]; rooms: DayView['rooms'] }) {
  const pages: BagView[][] = [];
  for (let i = 0; i < bags.length; i += LABELS_PER_PAGE) pages.push(bags.slice(i, i + LABELS_PER_PAGE));
  const roomName = roomNameIn(rooms);
  return (
    <>
      {pages.map((page, i) => (
        <section key={i} className="print-page custody-labels">
          <div className="custody-label-grid">
            {page.map((bag) => (
              <div key={bag.code} className="custody-label">
                <QrSvg text={bag.code} sizeMm={22} />
                <div>
                  <p className="custody-label-room">{roomName(bag.roomNo)}</p>
                  <p>
                    {BAG_KIND_LABELS[bag.kind].zh} · {bag.count} 份
                  </p>
                  <p>
                    {bag.occupation} {bag.level}
                  </p>
                  <p className="mono">{bag.code}</p>
                </div>
              </div>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

/** 试卷流转报告 for the archive: every bag, where it ended, and each of its steps. */
export function CustodyReportPage({
  plan,
  bags,
  offsetMs,
  closed,
  rooms,
}: {
  plan: Plan;
  bags: readonly BagView[];
  offsetMs: number | null;
  closed: { at: string; byName: string } | null;
  rooms: Rooms;
}) {
  const roomName = roomNameIn(rooms);
  return (
    <section className="print-page custody-report">
      <h1>试卷流转记录</h1>
      {plan && (
        <p className="print-sub">
          {plan.organisation} · {plan.planName} · {plan.subject}
        </p>
      )}
      <p className="print-meta">
        <span>共 {bags.length} 袋</span>
        <span>{closed ? `已日结：${closed.byName} ${dateTimeZh(closed.at, offsetMs)}` : '尚未日结'}</span>
      </p>
      <table className="print-table custody-report-table">
        <thead>
          <tr>
            <th>试卷袋</th>
            <th>类别 / 考场 / 份数</th>
            <th>最终状态</th>
            <th>流转记录</th>
          </tr>
        </thead>
        <tbody>
          {bags.map((bag) => (
            <tr key={bag.code}>
              <td className="mono">{bag.code}</td>
              <td>
                {BAG_KIND_LABELS[bag.kind].zh} / {roomName(bag.roomNo)} / {bag.count} 份
              </td>
              <td>{BAG_STATE_LABELS[bag.state].zh}</td>
              <td>
                {bag.history.map((h) => (
                  <div key={h.eventId}>
                    {hhmm(h.at, offsetMs)} {CUSTODY_STEP_LABELS[h.step].zh}：{h.parties.map((p) => `${PART_ZH[p.part]} ${p.name}`).join('，')}
                    {h.count !== null ? `，清点 ${h.count} 份` : ''}
                    {h.seal ? `，封条${sealText(h.seal)}` : ''}
                    {h.standing !== 'applied' ? (h.standing === 'under-exception' ? '（主考例外）' : '（未生效）') : ''}
                  </div>
                ))}
                {bag.exceptions.map((e) => (
                  <div key={e.eventId}>
                    {hhmm(e.at, offsetMs)} 主考例外（{e.byName}）：{e.reason}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
