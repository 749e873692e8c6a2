import { useState, type FormEvent } from 'react';
import { useAction } from '../api/use-action';
import { useT } from '../i18n/i18n';
import { centerApi, setCsrf } from './center-api';
import { LanguageToggle } from '../app/LanguageToggle';

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction((credentials: { username: string; password: string }) => centerApi.login(credentials.username, credentials.password));
  // The center's refusals come in Chinese and are shown as written.
  const error = login.error?.message ?? null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await login.run({ username, password });
    if (!answer?.ok) return;
    setCsrf(answer.value.csrf);
    onLoggedIn();
  };
  return (
    <form className="center-login" onSubmit={(e) => void submit(e)}>
      <LanguageToggle className="center-login-language" />
      <h1>{t('centerPage.login.title')}</h1>
      <label>
        {t('centerPage.login.username')}
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </label>
      <label>
        {t('centerPage.login.password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error && (
        <p className="center-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={login.busy}>
        {t('centerPage.login.submit')}
      </button>
    </form>
  );
}
