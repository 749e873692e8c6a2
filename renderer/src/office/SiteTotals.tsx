import type { Dashboard } from '../api/api';
import { useT } from '../i18n/i18n';

const FIGURES = ['expected', 'admitted', 'absentees', 'inDoubt', 'incidents'] as const;

/** 应到 / 实到 / 缺考 / 存疑 / 异常 for the whole site, large, and the same per 职业·等级 beneath. */
export function SiteTotals({ dashboard }: { dashboard: Dashboard }) {
  const t = useT();
  const figure = (n: number | null) => (n === null ? t('dash.totals.pending') : n);
  return (
    <section className="site-totals" data-testid="site-totals" aria-label={t('dash.totals.site')}>
      <div className="site-totals-row">
        <span className="site-totals-label">{t('dash.totals.site')}</span>
        {FIGURES.map((f) => {
          const value = dashboard.totals[f];
          const alert = (f === 'inDoubt' || f === 'incidents') && value !== null && value > 0;
          return (
            <span key={f} className={`site-total${alert ? ' site-total-alert' : ''}`} data-testid={`site-total-${f}`} data-value={value ?? ''}>
              <span className="site-total-name">{t(`dash.totals.${f}`)}</span>
              <span className="site-total-value">{figure(value)}</span>
            </span>
          );
        })}
      </div>
      {dashboard.groups.length > 0 && (
        <table className="site-groups" data-testid="site-groups" aria-label={t('dash.groups.title')}>
          <thead>
            <tr>
              <th>{t('dash.groups.title')}</th>
              <th>{t('dash.totals.expected')}</th>
              <th>{t('dash.totals.admitted')}</th>
              <th>{t('dash.totals.absentees')}</th>
              <th>{t('dash.totals.inDoubt')}</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.groups.map((g) => (
              <tr key={`${g.occupation}/${g.level}`}>
                <td>
                  {g.occupation} {g.level}
                </td>
                <td className="num">{g.expected}</td>
                <td className="num">{g.admitted}</td>
                <td className="num">{figure(g.absentees)}</td>
                <td className="num">{g.inDoubt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
