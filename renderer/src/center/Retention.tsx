import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MIN_ELECTRONIC_YEARS, RETENTION_ARTICLE } from '../../../shared/center/retention';
import { centerApi, valueOf, type DayRetention as DayRetentionView } from './center-api';

const when = (iso: string): string => new Date(iso).toLocaleString('zh-CN');

/**
 * 保存期限 (issue 14 item 6) on the day page: the date until which the day's 电子材料 and photos are
 * kept, the photos held and purged, and — for the 中心管理员, once the setting allows — the purge.
 */
export function DayRetention({ dayKey }: { dayKey: string }) {
  const view = useQuery({ queryKey: ['retention', 'day', dayKey], queryFn: () => valueOf(centerApi.dayRetention(dayKey)) });
  if (view.isPending) return null;
  if (view.isError) return <p className="center-error">{view.error.message}</p>;
  return (
    <section data-testid="day-retention">
      <h3>保存期限</h3>
      <RetentionFacts view={view.data} />
      {view.data.canPurge && view.data.purgeRefusal === null && <PurgeButton dayKey={dayKey} held={view.data.photos.held} />}
    </section>
  );
}

function RetentionFacts({ view }: { view: DayRetentionView }) {
  return (
    <>
      <p>
        电子材料（记录、收据、设备公钥、档案）保存至 <strong>{view.electronicUntil}</strong>；照片保存至 <strong>{view.photosUntil}</strong>
        <span className="center-muted">
          {' '}
          · 照片 {view.photos.named} 张：中心持有 {view.photos.held} 张，已清除 {view.photos.purged} 张
        </span>
      </p>
      {view.purges.map((p) => (
        <p key={p.eventId} className="center-muted">
          {when(p.at)} {p.byName} 清除照片 {p.count} 张（已签名记录，照片哈希保留）
        </p>
      ))}
    </>
  );
}

function PurgeButton({ dayKey, held }: { dayKey: string; held: number }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const purge = useMutation({
    mutationFn: () => valueOf(centerApi.purgePhotos(dayKey)),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ['retention'] });
    },
  });
  return (
    <div className="center-actions">
      {confirming ? (
        <>
          <span className="center-warn">清除后照片无法恢复（记录与照片哈希保留）。确认已导出考试日档案？</span>
          <button type="button" disabled={purge.isPending} onClick={() => purge.mutate()} data-testid="confirm-purge-photos">
            确认清除
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            取消
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} data-testid="purge-photos">
          清除本考试日的照片（{held} 张，已到期）
        </button>
      )}
      {purge.isError && <span className="center-error">{purge.error.message}</span>}
      {purge.isSuccess && <span className="center-ok">已清除 {purge.data.purged} 张照片</span>}
    </div>
  );
}

/** 保存期限设置 on the admin page: the settings in force, who signed them, and every day's dates and photos. */
export function RetentionSettings() {
  const overview = useQuery({ queryKey: ['retention', 'overview'], queryFn: () => valueOf(centerApi.retention()) });
  const queryClient = useQueryClient();
  const [electronicYears, setElectronicYears] = useState('');
  const [photoDays, setPhotoDays] = useState('');
  const save = useMutation({
    mutationFn: () =>
      valueOf(
        centerApi.setRetention({
          electronicYears: Number(electronicYears || overview.data?.settings.electronicYears),
          photoDays: Number(photoDays || overview.data?.settings.photoDays),
        }),
      ),
    onSuccess: () => {
      setElectronicYears('');
      setPhotoDays('');
      void queryClient.invalidateQueries({ queryKey: ['retention'] });
    },
  });
  if (overview.isError) return <p className="center-error">{overview.error.message}</p>;
  const data = overview.data;
  return (
    <section data-testid="retention-settings">
      <h3>保存期限</h3>
      <p className="center-muted">
        {RETENTION_ARTICLE}。照片只以哈希写入记录，可以早于电子材料清除；清除时写一条签名记录，列出每张照片的哈希，记录仍可验证。
      </p>
      {data && (
        <p>
          当前：电子材料 {data.settings.electronicYears} 年，照片 {data.settings.photoDays} 天
          {data.setBy ? `（${data.setBy.name} 于 ${when(data.setBy.at)} 设置）` : '（默认）'}
        </p>
      )}
      <form
        className="center-admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          电子材料保存（年，至少 {MIN_ELECTRONIC_YEARS}）
          <input type="number" step={1} value={electronicYears} placeholder={String(data?.settings.electronicYears ?? '')} onChange={(e) => setElectronicYears(e.target.value)} aria-label="电子材料保存年限" />
        </label>
        <label>
          照片保存（天，0 即导出档案后清除）
          <input type="number" step={1} value={photoDays} placeholder={String(data?.settings.photoDays ?? '')} onChange={(e) => setPhotoDays(e.target.value)} aria-label="照片保存天数" />
        </label>
        <button type="submit" disabled={save.isPending || !data}>
          保存设置（签名记录）
        </button>
        {save.isError && (
          <span className="center-error" data-testid="retention-error">
            {save.error.message}
          </span>
        )}
        {save.isSuccess && <span className="center-ok">已保存</span>}
      </form>
      <table className="center-table" data-testid="retention-days">
        <thead>
          <tr>
            <th>考试日</th>
            <th>电子材料保存至</th>
            <th>照片保存至</th>
            <th>照片（持有 / 已清除）</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {(data?.days ?? []).map((d) => (
            <tr key={d.dayKey}>
              <td>
                {d.date} {d.planId} <small>{d.organisation}</small>
              </td>
              <td>{d.electronicUntil}</td>
              <td>{d.photosUntil}</td>
              <td>
                {d.photos.held} / {d.photos.purged}
              </td>
              <td>{d.purgeRefusal === null ? <PurgeButton dayKey={d.dayKey} held={d.photos.held} /> : <span className="center-muted">{d.photos.held > 0 ? '未到期' : '—'}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
