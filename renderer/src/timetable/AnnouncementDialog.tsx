import { useAnnouncements } from '../api/api';
import { useT } from '../i18n/i18n';
import { useDialogStore } from '../state/dialog-store';
import { Dialog } from '../components/Dialog';

/** 宣布考场纪律: the texts the chief proctor reads out, in type large enough to read standing. */
export function AnnouncementDialog() {
  const t = useT();
  const setAnnouncements = useDialogStore((s) => s.setAnnouncements);
  const announcements = useAnnouncements();
  const list = announcements.value?.announcements;
  return (
    <Dialog title={t('ann.title')} onClose={() => setAnnouncements(false)} closeLabel={t('ann.close')} testId="announcements" wide>
      {!list ? (
        <p className="muted">{announcements.error ? announcements.error.message : t('ann.loading')}</p>
      ) : list.length === 0 ? (
        <p className="muted">{t('ann.none')}</p>
      ) : (
        list.map((a) => (
          <article key={a.id} className="announcement" data-testid={`announcement-${a.id}`} lang="zh-CN">
            <h3 className="announcement-title">{a.title}</h3>
            <div className="announcement-text">{a.text}</div>
          </article>
        ))
      )}
    </Dialog>
  );
}
