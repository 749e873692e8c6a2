import type { ReactNode } from 'react';
import type { DoubtReason, DoubtStatus } from '../../../shared/checkin/doubt';
import type { OverrideReason } from '../../../shared/checkin/verdict';
import type { RevokeReason } from '../../../shared/checkin/revoke-admission';
import { STAFF_ROLE_LABELS } from '../../../shared/domain/labels';
import type { RecordPlan, RoomRecord } from '../../../shared/record/room-record';
import { confirmationById } from '../../../shared/timetable/confirmations';
import { INCIDENT_ACTION_LABELS } from '../../../shared/record/incidents';
import { LEAVE_REASON_LABELS } from '../../../shared/record/hand-ins';
import { PAPER_KIND_LABELS } from '../../../shared/record/paper-counts';
import { formatEventTime } from '../format';

type Person = RoomRecord['doubts'][number]['raisedBy'];

// The record is an official paper form: Chinese only, like the other 附件3 print pages.
const MANUAL_REASONS: Record<Exclude<OverrideReason, 'late-approved'>, string> = {
  'document-damaged': '证件损坏',
  'scan-failed': '扫码失败',
  'temporary-id': '临时身份证明',
  other: '其他',
};
const REVOKE_REASONS: Record<RevokeReason, string> = { 'wrong-candidate': '误录（扫错了考生）', 'left-before-start': '入场后离开，未参加考试', other: '其他' };
const DOUBT_REASONS: Record<DoubtReason, string> = { 'photo-mismatch': '照片与本人不符', 'document-suspect': '证件可疑', other: '其他' };
const DOUBT_STATUSES: Record<DoubtStatus, string> = { open: '存疑未处理', cleared: '本人无误', confirmed: '存疑属实' };

const who = (p: Person): string => (p.role === 'system' ? p.name : `${p.name}（${STAFF_ROLE_LABELS[p.role].zh}）`);

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="record-section">
      <h2>
        {title}
        {count !== undefined && <span className="record-count">{count} 人</span>}
      </h2>
      {children}
    </section>
  );
}

function Table({ head, rows, empty, nowrap = [] }: { head: string[]; rows: ReactNode[][]; empty: string; nowrap?: number[] }) {
  if (rows.length === 0) return <p className="record-none">{empty}</p>;
  return (
    <table className="print-table record-table">
      <thead>
        <tr>
          {head.map((h, j) => (
            <th key={h} className={nowrap.includes(j) ? 'nw' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells, i) => (
          <tr key={i}>
            {cells.map((cell, j) => (
              <td key={j} className={[j === 0 ? 'c' : '', nowrap.includes(j) ? 'nw' : ''].join(' ').trim() || undefined}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 考场情况记录单 as an A4 page: every line comes from the log with who recorded it and when (times on
 * the office's clock): incidents with their corrections, hand-ins, paper counts and balance, seal
 * times, the two signatures and every amendment made after them. The site prints it; the center shows
 * the same page built from the events it received (`generatedBy` names who built it).
 */
export function RoomRecordPage({
  plan,
  record,
  offsetMs,
  generatedBy = '考务现场',
}: {
  plan: RecordPlan;
  record: RoomRecord;
  offsetMs: number | null;
  generatedBy?: string;
}) {
  const time = (iso: string): string => formatEventTime(iso, offsetMs);
  const { absentees } = record;
  const absentCount = absentees.due ? `${absentees.list.length}` : '—';
  return (
    <section className="print-page room-record" data-testid="room-record">
      <h1>考场情况记录单</h1>
      <p className="print-sub">
        {plan.organisation} · {plan.planName}
      </p>
      <p className="print-meta">
        <span>
          考场：{record.room.name}（{record.room.roomNo}）
        </span>
        {record.room.location && <span>地点：{record.room.location}</span>}
        <span>
          {plan.date} {plan.startTime}—{plan.endTime}
        </span>
        <span>科目：{plan.subject}</span>
      </p>
      <p className="record-totals" data-testid="room-record-totals">
        应到 <b>{record.expected}</b> 人　实到 <b>{record.admitted}</b> 人　缺考 <b>{absentCount}</b> 人
      </p>

      <Section title="缺考考生" count={absentees.due ? absentees.list.length : undefined}>
        <p className="record-note" data-testid="room-record-absentees-state">
          {!absentees.due
            ? '迟到时限未到，缺考名单尚未形成。'
            : absentees.confirmed
              ? `已由 ${who(absentees.confirmed.by)} 于 ${time(absentees.confirmed.at)} 确认。`
              : '待主监考确认（以下为当前未入场考生）。'}
        </p>
        {absentees.due && (
          <Table head={['座位号', '姓名', '准考证号']} rows={absentees.list.map((c) => [c.seatNo, c.name, c.ticketNo])} empty="无缺考。" />
        )}
      </Section>

      <Section title="迟到入场（经批准）" count={record.lateAdmissions.length}>
        <Table
          head={['座位号', '姓名', '入场时间', '批准人', '说明']}
          rows={record.lateAdmissions.map((a) => [a.seatNo, a.name, time(a.at), who(a.by), a.note ?? ''])}
          empty="无。"
        />
      </Section>

      <Section title="未经扫码入场" count={record.manualAdmissions.length}>
        <Table
          head={['座位号', '姓名', '入场时间', '原因', '经办人']}
          rows={record.manualAdmissions.map((a) => [
            a.seatNo,
            a.name,
            time(a.at),
            `${MANUAL_REASONS[a.reason]}${a.note ? `：${a.note}` : ''}`,
            who(a.by),
          ])}
          empty="无。"
        />
      </Section>

      <Section title="撤销入场（开考前）" count={record.revocations.length}>
        <Table
          head={['座位号', '姓名', '撤销时间', '原因', '经办人']}
          rows={record.revocations.map((r) => [r.seatNo, r.name, time(r.at), `${REVOKE_REASONS[r.reason]}${r.note ? `：${r.note}` : ''}`, who(r.by)])}
          empty="无。"
        />
      </Section>

      <Section title="存疑考生" count={record.doubts.length}>
        <Table
          head={['座位号', '姓名', '存疑原因', '标记', '处理结果']}
          rows={record.doubts.map((d) => [
            d.seatNo,
            d.name,
            `${DOUBT_REASONS[d.reason]}${d.note ? `：${d.note}` : ''}`,
            `${time(d.raisedAt)} ${who(d.raisedBy)}`,
            d.status === 'open' ? DOUBT_STATUSES.open : `${DOUBT_STATUSES[d.status]}（${d.resolvedAt ? time(d.resolvedAt) : ''} ${d.resolvedBy.map(who).join('、')}）`,
          ])}
          empty="无。"
        />
      </Section>

      <Section title={`开考核对（已核对 ${record.reverify.marked} / ${record.reverify.total} 座）`}>
        <Table
          head={['座位号', '姓名', '核对结果', '时间', '核对人']}
          rows={[
            ...record.reverify.impostors.map((m) => [m.seatNo, m.name, '疑似替考', time(m.at), m.by]),
            ...record.reverify.emptySeats.map((m) => [m.seatNo, m.name, '空座', time(m.at), m.by]),
          ]}
          empty="无疑似替考，无空座。"
        />
      </Section>

      <Section title="考务环节确认">
        <Table
          head={['环节', '时间', '确认人']}
          rows={record.confirmations.map((c) => [confirmationById(c.confirmationId)?.titleZh ?? c.confirmationId, time(c.at), who(c.by)])}
          empty="尚无确认。"
        />
      </Section>

      <Section title="验封、启封">
        <p className="record-note" data-testid="room-record-seal">
          {record.seal.shownAt
            ? `验封（向考生展示密封完好）${time(record.seal.shownAt)}；启封 ${record.seal.openedAt ? time(record.seal.openedAt) : '—'}；${record.seal.by ? who(record.seal.by) : ''}`
            : '尚未记录验封、启封。'}
        </p>
      </Section>

      <Section title="违纪、舞弊及试卷问题" count={record.incidents.filter((i) => !i.withdrawn && i.subject === 'candidate').length}>
        <Table
          head={['座位', '姓名', '时间', '类别', '认定', '处理及说明', '记录人 / 证明人']}
          nowrap={[0, 1, 2, 4]}
          rows={record.incidents.map((i) => [
            i.seatNo ?? '—',
            i.name ?? '试卷',
            time(i.occurredAt),
            `${i.kindLabel}${i.amendment ? '（签名后补记）' : ''}`,
            i.withdrawn ? '已撤销' : i.subject === 'papers' ? '试卷问题' : i.cheating ? '舞弊' : '违纪',
            <>
              {[i.actions.map((a) => INCIDENT_ACTION_LABELS[a].zh).join('、'), i.description].filter(Boolean).join('；')}
              {i.corrections.map((c, n) => (
                <div key={n} className="record-correction">
                  {c.correction === 'withdrawn' ? '撤销' : '更正'}：{c.reason}（{time(c.at)} {who(c.by)}）
                </div>
              ))}
            </>,
            `${who(i.recorded.by)}${i.witness ? ` / ${who(i.witness)}` : ''}`,
          ])}
          empty="无违纪、舞弊。"
        />
      </Section>

      <Section title="交卷退场" count={record.handIns.length}>
        <Table head={['座位号', '姓名', '交卷时间', '记录人']} rows={record.handIns.map((h) => [h.seatNo, h.name, time(h.at), who(h.by)])} empty="无提前交卷。" />
      </Section>

      {record.leaves.length > 0 && (
        <Section title="暂离" count={record.leaves.length}>
          <Table
            head={['座位号', '姓名', '原因', '离开', '返回', '陪同']}
            rows={record.leaves.map((l) => [
              l.seatNo,
              l.name,
              `${LEAVE_REASON_LABELS[l.reason].zh}${l.note ? `：${l.note}` : ''}`,
              time(l.leftAt),
              l.returnedAt ? time(l.returnedAt) : '未返回',
              l.accompaniedBy ? who(l.accompaniedBy) : '',
            ])}
            empty="无。"
          />
        </Section>
      )}

      <Section title="试卷、答题卡清点">
        <Table
          head={['', '收到', '发出', '备用', '缺考留存', '收回', '核对']}
          rows={record.paperCounts.map((c) => [
            PAPER_KIND_LABELS[c.kind].zh,
            c.received,
            c.issued,
            c.spare,
            c.absentKept,
            c.collected ?? '—',
            c.problems.length === 0 ? '相符' : c.problems.join('；'),
          ])}
          empty="尚未清点。"
        />
        <p className="record-note" data-testid="room-record-collected">
          {record.collected ? `收卷：${time(record.collected.at)}，${record.collected.count} 份，${who(record.collected.by)}` : '尚未收卷。'}
        </p>
      </Section>

      {record.amendments.length > 0 && (
        <Section title="签名后的更正" count={record.amendments.length}>
          <Table head={['时间', '更正内容', '原因', '更正人']} rows={record.amendments.map((a) => [time(a.at), a.what, a.reason, who(a.by)])} empty="无。" />
        </Section>
      )}

      <p className="print-foot" data-testid="room-record-signatures">
        主监考签名：{record.signatures.chief ? `${record.signatures.chief.name}（${time(record.signatures.chief.at)} 扫胸卡签名）` : '____________'}　　副监考签名：
        {record.signatures.second ? `${record.signatures.second.name}（${time(record.signatures.second.at)} 扫胸卡签名）` : '____________'}　　日期：{plan.date}
      </p>
      {record.signatures.exception && (
        <p className="record-note">
          主考例外说明：{record.signatures.exception.name}（{time(record.signatures.exception.at)}）：{record.signatures.exception.reason}
        </p>
      )}
      <p className="record-generated">
        本记录单由{generatedBy}根据事件记录生成于 {time(record.generatedAt)}。
      </p>
    </section>
  );
}
