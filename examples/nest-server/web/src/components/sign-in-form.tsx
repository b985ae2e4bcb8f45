import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { signIn } from '../session.js';

/** Sign in, or create an account and sign in with it (`/api/auth/register`, then `/api/auth/login`). */
export function SignInForm() {
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'register') await api.register(email, password);
      const login = await api.login(email, password);
      signIn(email.trim().toLowerCase(), login.access_token, login.expires_in);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{mode === 'login' ? 'Sign in' : 'Create an account'}</h1>
      <p class="muted">Your portfolio is kept on the server; live values arrive over the WebSocket.</p>
      <label>
        E-mail
        <input
          type="email"
          name="email"
          autocomplete="email"
          required
          value={email}
          onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        Password <small class="muted">(at least 10 characters)</small>
        <input
          type="password"
          name="password"
          autocomplete={mode === 'login' ? 'current-password' : 'new-password'}
          required
          minLength={10}
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {mode === 'login' ? 'Sign in' : 'Register and sign in'}
      </button>
      <p>
        {mode === 'login' ? 'No account yet? ' : 'Have an account? '}
        <button type="button" class="link" onClick={() => setMode(mode === 'login' ? 'register' : 'login')}>
          {mode === 'login' ? 'Register' : 'Sign in'}
        </button>
      </p>
    </form>
  );
}
