import type { DayView } from '../api/api';
import { useRefusalText, useRoleLabel, useT } from '../i18n/i18n';
import type { Custody } from './custody-api';
import { hhmm, stateTone, useBagRoomName, useCustodyLabels } from './custody-labels';

const SITE = '__site__';

/** Bags by room, in the rooms' order; bags with no room (site spares) last, under 考点. */
export function groupByRoom<T extends { roomNo: string | null }>(bags: readonly T[], rooms: DayView['rooms']): { roomNo: string | null; bags: T[] }[] {
  const order = rooms.map((r) => r.roomNo);
  const keys = [...new Set(bags.map((b) => b.roomNo ?? SITE))].sort((a, b) => {
    if (a === SITE) return 1;
    if (b === SITE) return -1;
    const [ia, ib] = [order.indexOf(a), order.indexOf(b)];
    return (ia < 0 ? 1e6 : ia) - (ib < 0 ? 1e6 : ib) || a.localeCompare(b);
  });
  return keys.map((k) => ({ roomNo: k === SITE ? null : k, bags: bags.filter((b) => (b.roomNo ?? SITE) === k) }));
}

/** 试卷流转 (item 4): where every bag is now, who holds it and since when, and what is overdue. */
export function WhereNowPanel({ day, custody, offsetMs, onBag }: { day: DayView; custody: Custody; offsetMs: number | null; onBag: (code: string) => void }) {
  const t = useT();
  const refusalText = useRefusalText();
  const labels = useCustodyLabels();
  const roleLabel = useRoleLabel();
  const overdueBy = new Map(custody.overdue.map((o) => [o.bagCode, o]));
  const roomName = useBagRoomName(day.rooms);
  return (
    <section className="custody-panel custody-where" aria-labelledby="custody-where-title" data-testid="custody-where">
      <h2 id="custody-where-title" className="custody-panel-title">
        {t('custody.whereTitle')}
        <span className="sync-count">{custody.bags.length}</span>
      </h2>
      {custody.overdue.length > 0 && (
        <ul className="custody-overdue" data-testid="custody-overdue">
          {custody.overdue.map((o) => (
            <li key={`${o.bagCode}/${o.rule}`}>
              <strong>{o.dueAt}</strong> {refusalText(o)}
            </li>
          ))}
        </ul>
      )}
      {custody.bags.length === 0 ? (
        <p className="muted">{t('custody.noBags')}</p>
      ) : (
        groupByRoom(custody.bags, day.rooms).map((group) => (
          <div key={group.roomNo ?? 'site'} className="custody-room" data-testid={`custody-room-${group.roomNo ?? 'site'}`}>
            <h3 className="custody-room-head">
              {roomName(group.roomNo)}
              {group.roomNo && <small className="muted">{group.roomNo}</small>}
            </h3>
            <ul className="custody-bag-list">
              {group.bags.map((bag) => {
                const late = overdueBy.get(bag.code);
                return (
                  <li key={bag.code} className={`custody-bag${late ? ' custody-bag-late' : ''}`} data-testid={`custody-bag-${bag.code}`}>
                    <button type="button" className="custody-bag-code mono" onClick={() => onBag(bag.code)} title={t('custody.showTimeline')}>
                      {bag.code}
                    </button>
                    <span className="custody-bag-kind">{labels.kind(bag.kind)}</span>
                    <span className="custody-bag-count">{t('custody.copies', { n: bag.count })}</span>
                    <span className={`custody-state custody-tone-${stateTone(bag.state)}`} data-testid="bag-state">
                      {labels.state(bag.state)}
                    </span>
                    <span className="custody-bag-holders">
                      {bag.holders.length === 0 ? '—' : bag.holders.map((h) => `${h.name}（${roleLabel(h.role)}）`).join(language(labels.language))}
                      {bag.place && <span className="muted"> · {labels.place(bag.place)}</span>}
                    </span>
                    <span className="custody-bag-since">{t('custody.since', { time: hhmm(bag.since, offsetMs) })}</span>
                    {late && (
                      <span className="custody-bag-overdue" data-testid="bag-overdue">
                        {refusalText(late)}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

const language = (l: 'zh' | 'en') => (l === 'zh' ? '、' : ', ');
