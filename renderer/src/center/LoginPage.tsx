import { useState, type FormEvent } from 'react';
import { centerApi, setCsrf } from './center-api';

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await centerApi.login(username, password);
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
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
      <button type="submit" disabled={busy}>
        登录
      </button>
    </form>
  );
}
