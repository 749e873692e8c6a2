import { useState, type FormEvent } from 'react';
import { useAction } from '../api/use-action';
import { centerApi, setCsrf } from './center-api';

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction((credentials: { username: string; password: string }) => centerApi.login(credentials.username, credentials.password));
  // The center's pages are Chinese only: its refusals are shown as written.
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
      <h1>考务中心 · 登录</h1>
      <label>
        用户名
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </label>
      <label>
        密码
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error && (
        <p className="center-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={login.busy}>
        登录
      </button>
    </form>
  );
}
