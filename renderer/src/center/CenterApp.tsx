import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { mayDo } from '../../../shared/center/center-roles';
import { useT } from '../i18n/i18n';
import { AdminPage } from './AdminPage';
import { centerApi, setCsrf } from './center-api';
import { roleKey } from './center-i18n';
import { DayList } from './DayList';
import { DayPage } from './DayPage';
import { LanguageToggle } from '../app/LanguageToggle';
import { LoginPage } from './LoginPage';
import { UploadSyncFile } from './UploadSyncFile';

/** The hash of the admin page (a day's key is canonical JSON, never this word). */
const ADMIN_HASH = 'admin';

/** The center's page: log in, the days, one day (or the admin's 用户与登记码); the hash names what is open so a reload keeps it. */
export function CenterApp() {
  const queryClient = useQueryClient();
  const t = useT();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const answer = await centerApi.me();
      if (!answer.ok) return null;
      setCsrf(answer.value.csrf);
      return answer.value;
    },
  });
  const [dayKey, setDayKey] = useState<string | null>(() => (location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null));
  const open = (key: string | null): void => {
    setDayKey(key);
    history.replaceState(null, '', key ? `#${encodeURIComponent(key)}` : location.pathname);
  };

  if (me.isPending) return <p className="center-muted">{t('centerPage.loading')}</p>;
  if (!me.data) return <LoginPage onLoggedIn={() => void queryClient.invalidateQueries()} />;
  return (
    <div className="center-shell">
      <header className="center-header">
        <h1 onClick={() => open(null)}>{t('centerPage.title')}</h1>
        {mayDo(me.data.role, 'manage-users') && (
          <button type="button" className="center-nav" data-testid="open-admin" onClick={() => open(ADMIN_HASH)}>
            {t('centerPage.admin')}
          </button>
        )}
        <span className="center-user" data-testid="center-user">
          {t(roleKey(me.data.role))} {me.data.username}
        </span>
        <button
          type="button"
          onClick={() =>
            void centerApi.logout().then(() => {
              queryClient.clear();
              void queryClient.invalidateQueries();
            })
          }
        >
          {t('centerPage.logout')}
        </button>
        <LanguageToggle className="center-nav" />
      </header>
      <main>
        {dayKey === ADMIN_HASH && mayDo(me.data.role, 'manage-users') ? (
          <AdminPage me={me.data.username} onBack={() => open(null)} />
        ) : dayKey && dayKey !== ADMIN_HASH ? (
          <DayPage dayKey={dayKey} onBack={() => open(null)} />
        ) : (
          <>
            <DayList onOpen={open} />
            {me.data.role !== 'auditor' && <UploadSyncFile />}
          </>
        )}
      </main>
    </div>
  );
}
