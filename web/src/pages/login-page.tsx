/** Login: paste a token (from `lakewatch token create <name>`); checked with GET /api/me. */
import { useState, type FormEvent } from 'react';
import { api, ApiError, setToken } from '../api/client';
import type { Me } from '../api/types';
import { ErrorBox } from '../components/common';

export function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const token = value.trim();
    if (!token) return;
    setBusy(true);
    setError(undefined);
    try {
      const me = await api.me(token);
      setToken(token);
      onLogin(me);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'That token was not accepted. Create one with `lakewatch token create <name>`.'
          : `Could not reach the server: ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form className="login-box" onSubmit={submit}>
        <div className="brand big">
          <span className="logo" /> Lakewatch
        </div>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          className="input"
          type="password"
          autoComplete="off"
          autoFocus
          placeholder="paste the token printed by `lakewatch token create`"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          data-testid="token-input"
        />
        <ErrorBox error={error} />
        <button
          className="btn primary"
          type="submit"
          disabled={busy || !value.trim()}
          data-testid="login-submit"
        >
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p className="muted small">The token is kept in this browser’s local storage until you sign out.</p>
      </form>
    </div>
  );
}
