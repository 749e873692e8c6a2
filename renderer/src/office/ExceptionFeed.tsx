import type { Dashboard } from '../api/api';
import { useDeviceClock } from '../clock/device-clock';
import { formatEventTime } from '../format';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';

type FeedItem = Dashboard['feed'][number];

/** The office's feed of exceptions as they happen, newest first; each opens its room. */
export function ExceptionFeed({ feed, roomName, onOpenRoom }: { feed: Dashboard['feed']; roomName: (roomNo: string) => string; onOpenRoom: (roomNo: string) => void }) {
  const t = useT();
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  const title = (item: FeedItem): string => {
    switch (item.kind) {
      case 'refused':
        return t('dash.feed.refused', { verdict: item.detail ? t(`dash.verdict.${item.detail}` as MessageKey) : '' });
      case 'doubt':
        return t('dash.feed.doubt', { reason: item.detail ? t(`doubt.reason.${item.detail}` as MessageKey) : '' });
      default:
        return t(`dash.feed.${item.kind}`);
    }
  };
  return (
    <section className="exception-feed" data-testid="exception-feed" aria-labelledby="feed-title">
      <h2 id="feed-title" className="exception-feed-title">
        {t('dash.feed.title')}
      </h2>
      {feed.length === 0 ? (
        <p className="muted">{t('dash.feed.empty')}</p>
      ) : (
        <ul className="exception-feed-list">
          {feed.map((item) => (
            <li key={item.eventId}>
              <button
                type="button"
                className={`feed-item feed-item-${item.kind}`}
                data-testid="feed-item"
                data-kind={item.kind}
                data-room={item.roomNo}
                onClick={() => onOpenRoom(item.roomNo)}
              >
                <span className="feed-item-time">{formatEventTime(item.at, offsetMs)}</span>
                <span className="feed-item-title">{title(item)}</span>
                <span className="feed-item-who">
                  {item.name ?? item.ticketNo ?? ''} · {t('dash.feed.by', { room: roomName(item.roomNo), who: item.byName })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
