import { useQuery } from '@tanstack/react-query';
import { useT } from '../i18n/i18n';
import { centerApi, valueOf } from './center-api';
import { useWhen } from './center-i18n';

/** Every exam day the center holds, with what needs a look: devices seen, last sync, unsigned rooms, open findings. */
export function DayList({ onOpen }: { onOpen: (dayKey: string) => void }) {
  const t = useT();
  const when = useWhen();
  const days = useQuery({ queryKey: ['days'], queryFn: () => valueOf(centerApi.days()) });
  if (days.isPending) return <p className="center-muted">{t('centerPage.days.loading')}</p>;
  if (days.isError) return <p className="center-error">{days.error.message}</p>;
  if (days.data.length === 0) return <p className="center-muted">{t('centerPage.days.none')}</p>;
  return (
    <table className="center-table" data-testid="day-list">
      <thead>
        <tr>
          <th>{t('centerPage.days.date')}</th>
          <th>{t('centerPage.days.organisation')}</th>
          <th>{t('centerPage.days.plan')}</th>
          <th>{t('centerPage.days.devices')}</th>
          <th>{t('centerPage.days.lastReceived')}</th>
          <th>{t('centerPage.days.unsigned')}</th>
          <th>{t('centerPage.days.openFindings')}</th>
          <th>{t('centerPage.days.custodyProblems')}</th>
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
            <td>{d.lastReceivedAt ? when(d.lastReceivedAt) : '—'}</td>
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
