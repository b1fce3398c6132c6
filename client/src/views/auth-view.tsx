import { useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import { locale, setLocale, t } from '../i18n/index.ts';
import { currentUser } from '../lib/auth.ts';
import { errorText } from '../lib/errors.ts';
import { href, navigate } from '../lib/router.ts';

export function AuthView({ mode }: { mode: 'login' | 'signup' }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signup = mode === 'signup';

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = signup
        ? await api.signup({ name: name.trim(), email: email.trim(), password, locale: locale.value })
        : await api.login({ email: email.trim(), password });
      currentUser.value = user;
      // Logging in takes the account's language (chosen at sign-up or by an admin).
      if (!signup && user.locale && user.locale !== locale.value) setLocale(user.locale);
      navigate({ name: 'scenarios' });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="auth">
      <section class="card auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{signup ? t('auth.signup.title') : t('auth.login.title')}</h1>
        <p class="muted">{t('auth.intro')}</p>
        <form onSubmit={submit} class="form" noValidate={false}>
          {signup && (
            <div class="field">
              <label for="auth-name">{t('auth.name')}</label>
              <input
                id="auth-name"
                name="name"
                autoComplete="name"
                required
                maxLength={100}
                value={name}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            </div>
          )}
          <div class="field">
            <label for="auth-email">{t('auth.email')}</label>
            <input
              id="auth-email"
              name="email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="auth-password">{t('auth.password')}</label>
            <input
              id="auth-password"
              name="password"
              type="password"
              autoComplete={signup ? 'new-password' : 'current-password'}
              required
              minLength={signup ? 8 : undefined}
              aria-describedby={signup ? 'auth-password-hint' : undefined}
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
            {signup && (
              <small id="auth-password-hint" class="muted">
                {t('auth.password.hint')}
              </small>
            )}
          </div>
          {error && (
            <p class="alert" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('auth.busy') : signup ? t('auth.signup.submit') : t('auth.login.submit')}
          </button>
        </form>
        <p class="auth-switch">
          <a href={href({ name: signup ? 'login' : 'signup' })}>{signup ? t('auth.toLogin') : t('auth.toSignup')}</a>
        </p>
      </section>
    </div>
  );
}
