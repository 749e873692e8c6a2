import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Finding } from '../../../shared/sync/findings';
import { archiveUrl, centerApi, resultsUrl, valueOf, type DayView } from './center-api';
import { DayRetention } from './Retention';
import { RoomView } from './RoomView';

/** One exam day: its rooms (考场情况 as read from the events), the findings and their decisions, the exports. */
export function DayPage({ dayKey, onBack }: { dayKey: string; onBack: () => void }) {
  const day = useQuery({ queryKey: ['day', dayKey], queryFn: () => valueOf(centerApi.day(dayKey)) });
  const [room, setRoom] = useState<string | null>(null);
  if (day.isPending) return <p className="center-muted">加载考试日…</p>;
  if (day.isError) return <p className="center-error">{day.error.message}</p>;
  const d = day.data;
  const selected = d.rooms.find((r) => r.roomNo === room);
  return (
    <section data-testid="day-page">
      <button type="button" className="center-link" onClick={onBack}>
        ← 全部考试日
      </button>
      <h2>
        {d.day.date} {d.planName} <small>{d.day.organisation}</small>
      </h2>
      <p className="center-muted">
        {d.devices} 台设备 · 最近接收 {d.lastReceivedAt ? new Date(d.lastReceivedAt).toLocaleString('zh-CN') : '—'}
      </p>
      <div className="center-actions">
        {d.canExport &&
          (d.exportBlocked !== null ? (
            <span className="center-warn" data-testid="export-blocked">
              {d.exportBlocked}
            </span>
          ) : (
            <>
              <a href={resultsUrl(dayKey, false)} data-testid="export-results" download>
                导出认定结果（证件号后四位）
              </a>
              {d.canSeeFullId && (
                <a href={resultsUrl(dayKey, true)} download>
                  导出认定结果（完整证件号，将记录）
                </a>
              )}
            </>
          ))}
        {d.canArchive && (
          <a href={archiveUrl(dayKey)} data-testid="export-archive" download>
            下载考试日档案
          </a>
        )}
      </div>
      <DayRetention dayKey={dayKey} />
      <h3>待处理事项</h3>
      <Findings view={d} />
      <ExportOverrides view={d} />
      <h3>试卷袋交接</h3>
      <Custody view={d} />
      <h3>考场</h3>
      <table className="center-table" data-testid="room-list">
        <thead>
          <tr>
            <th>考场</th>
            <th>考生</th>
            <th>参考</th>
            <th>缺考</th>
            <th>舞弊</th>
            <th>记录单</th>
          </tr>
        </thead>
        <tbody>
          {d.rooms.map((r) => (
            <tr key={r.roomNo} className={r.roomNo === room ? 'center-selected' : ''}>
              <td>
                <button type="button" className="center-link" onClick={() => setRoom(r.roomNo)}>
                  {r.name}
                </button>
              </td>
              <td>{r.candidates}</td>
              <td>{r.admitted}</td>
              <td>{r.absent}</td>
              <td>{r.cheating}</td>
              <td className={r.signed ? '' : 'center-warn'}>{r.signed ? '已签名' : '未签名'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && <RoomView view={d} room={selected} />}
    </section>
  );
}

function Findings({ view }: { view: DayView }) {
  if (view.findings.length === 0) return <p className="center-muted">没有待处理事项。</p>;
  return (
    <ul className="center-findings" data-testid="findings">
      {view.findings.map((f) => (
        <FindingItem key={f.id} finding={f} dayKey={view.dayKey} canResolve={view.canResolve} />
      ))}
    </ul>
  );
}

function FindingItem({ finding, dayKey, canResolve }: { finding: Finding; dayKey: string; canResolve: boolean }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const resolve = useMutation({
    mutationFn: () => valueOf(centerApi.resolve(dayKey, finding.id, reason)),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  return (
    <li>
      <p>{finding.summary}</p>
      <p className="center-muted">依据：{finding.events.map((e) => `设备 ${e.deviceId.slice(0, 6)} 第 ${e.seq} 条`).join('、')}</p>
      {finding.resolution ? (
        <p className="center-ok">
          已处理：{finding.resolution.reason}（{finding.resolution.by.name}，{new Date(finding.resolution.at).toLocaleString('zh-CN')}）
        </p>
      ) : canResolve ? (
        <form
          className="center-resolve"
          onSubmit={(e) => {
            e.preventDefault();
            resolve.mutate();
          }}
        >
          <input aria-label="处理理由" placeholder="处理理由（将以中心签名记录）" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} />
          <button type="submit" disabled={resolve.isPending}>
            处理
          </button>
          {resolve.isError && <span className="center-error">{resolve.error.message}</span>}
        </form>
      ) : (
        <p className="center-warn">待处理</p>
      )}
    </li>
  );
}

/** The signed overrides, and the form to sign one while open findings block the export. */
function ExportOverrides({ view }: { view: DayView }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const sign = useMutation({
    mutationFn: () => valueOf(centerApi.overrideExport(view.dayKey, reason)),
    onSuccess: () => {
      setReason('');
      void queryClient.invalidateQueries();
    },
  });
  if (view.overrides.length === 0 && (view.exportBlocked === null || !view.canOverride)) return null;
  return (
    <section className="center-overrides" data-testid="export-overrides">
      {view.overrides.map((o) => (
        <p key={o.eventId} className="center-override">
          已签署放行导出结果：{o.reason}（{o.byName}，{new Date(o.at).toLocaleString('zh-CN')}；当时待处理 {o.findingIds.length} 项，事项本身仍待处理）
        </p>
      ))}
      {view.exportBlocked !== null && view.canOverride && (
        <form
          className="center-resolve"
          onSubmit={(e) => {
            e.preventDefault();
            sign.mutate();
          }}
        >
          <input
            aria-label="放行理由"
            placeholder="放行理由：为何在事项处理前导出结果（将以中心签名记录）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            minLength={2}
            maxLength={500}
          />
          <button type="submit" disabled={sign.isPending}>
            签署放行
          </button>
          {sign.isError && <span className="center-error">{sign.error.message}</span>}
        </form>
      )}
    </section>
  );
}

function Custody({ view }: { view: DayView }) {
  const { custody } = view;
  if (custody.bags === 0) return <p className="center-muted">该考试日没有试卷袋交接记录。</p>;
  const open = custody.reconciliation.problems.filter((p) => !p.signed);
  return (
    <div data-testid="custody">
      <p className={open.length > 0 ? 'center-warn' : 'center-ok'}>
        {custody.bags} 个试卷袋 · {custody.dayClosed ? '已日结' : '未日结'} · {open.length > 0 ? `${open.length} 处未对账` : '已对账'}
      </p>
      {custody.reconciliation.problems.length > 0 && (
        <ul>
          {custody.reconciliation.problems.map((p) => (
            <li key={`${p.bagCode}-${p.message}`} className={p.signed ? 'center-muted' : 'center-warn'}>
              {p.message}
              {p.signed ? '（主考已签例外）' : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
