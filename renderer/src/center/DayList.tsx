import { useQuery } from '@tanstack/react-query';
import { centerApi, valueOf } from './center-api';

/** Every exam day the center holds, with what needs a look: devices seen, last sync, unsigned rooms, open findings. */
export function DayList({ onOpen }: { onOpen: (dayKey: string) => void }) {
  const days = useQuery({ queryKey: ['days'], queryFn: () => valueOf(centerApi.days()) });
  if (days.isPending) return <p className="center-muted">加载考试日…</p>;
  if (days.isError) return <p className="center-error">{days.error.message}</p>;
  if (days.data.length === 0) return <p className="center-muted">尚无考点上报记录。</p>;
  return (
    <table className="center-table" data-testid="day-list">
      <thead>
        <tr>
          <th>日期</th>
          <th>组织</th>
          <th>考试计划</th>
          <th>设备</th>
          <th>最近接收</th>
          <th>未签记录单</th>
          <th>待处理事项</th>
          <th>试卷袋未对账</th>
        </tr>
      </thead>
      <tbody>
        {days.data.map((d) => (
          <tr key={d.dayKey}>
            <td>
              <button type="button" className="center-link" onClick={() => onOpen(d.dayKey)}>
                {d.date}
              </button>
            </td>
            <td>{d.organisation}</td>
            <td>{d.planName}</td>
            <td>{d.devices}</td>
            <td>{d.lastReceivedAt ? new Date(d.lastReceivedAt).toLocaleString('zh-CN') : '—'}</td>
            <td className={d.unsignedRooms > 0 ? 'center-warn' : ''}>
              {d.unsignedRooms} / {d.rooms}
            </td>
            <td className={d.openFindings > 0 ? 'center-warn' : ''}>{d.openFindings}</td>
            <td className={d.custodyProblems > 0 ? 'center-warn' : ''}>{d.custodyProblems}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
