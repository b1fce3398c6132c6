import { useEffect } from 'preact/hooks';
import { api } from './api/http.ts';
import { locale, setLocale, t, type UiLocale } from './i18n/index.ts';
import { currentUser, loadMe } from './lib/auth.ts';
import { disconnect } from './lib/practice.ts';
import { href, navigate, route } from './lib/router.ts';
import { AuthView } from './views/auth-view.tsx';
import { ChatView } from './views/chat-view.tsx';
import { HistoryView } from './views/history-view.tsx';
import { PickerView } from './views/picker-view.tsx';
import { ReportView } from './views/report-view.tsx';
import { CourseView } from './views/course-view.tsx';
import { CoursesView, JoinView } from './views/courses-view.tsx';
import { DashboardView } from './views/dashboard-view.tsx';
import { ReviewView } from './views/review-view.tsx';
import { AgreementView, ImportView, SharedView } from './views/review-tools-view.tsx';
import { AccountsView } from './views/accounts-view.tsx';

function LanguageSwitch() {
  return (
    <label class="lang-switch">
      <span class="sr-only">{t('lang.label')}</span>
      <select
        aria-label={t('lang.label')}
        value={locale.value}
        onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value as UiLocale)}
      >
        <option value="nl" lang="nl">
          {t('lang.nl')}
        </option>
        <option value="en" lang="en">
          {t('lang.en')}
        </option>
      </select>
    </label>
  );
}

async function logout() {
  try {
    await api.logout();
  } catch {
    // Logged out locally either way.
  }
  disconnect();
  currentUser.value = null;
  navigate({ name: 'login' });
}

function Header() {
  const user = currentUser.value;
  const r = route.value.name;
  return (
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href={user ? href({ name: 'scenarios' }) : href({ name: 'login' })}>
          <span class="brand-mark" aria-hidden="true">
            K
          </span>
          <span class="brand-text">
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-tag">{t('app.tagline')}</span>
          </span>
        </a>
        {user && (
          <nav aria-label={t('nav.main')} class="mainnav">
            <a href={href({ name: 'scenarios' })} aria-current={r === 'scenarios' || r === 'chat' ? 'page' : undefined}>
              {t('nav.practice')}
            </a>
            <a href={href({ name: 'sessions' })} aria-current={r === 'sessions' || r === 'report' ? 'page' : undefined}>
              {t('nav.sessions')}
            </a>
            <a href={href({ name: 'courses' })} aria-current={['courses', 'course', 'dashboard', 'join'].includes(r) ? 'page' : undefined}>
              {t('nav.courses')}
            </a>
            <a href={href({ name: 'shared' })} aria-current={r === 'shared' || r === 'review' ? 'page' : undefined}>
              {t('nav.shared')}
            </a>
            <a href={href({ name: 'import' })} aria-current={r === 'import' ? 'page' : undefined}>
              {t('nav.import')}
            </a>
            {user.role !== 'student' && (
              <a href={href({ name: 'agreement' })} aria-current={r === 'agreement' ? 'page' : undefined}>
                {t('nav.agreement')}
              </a>
            )}
            {user.role === 'admin' && (
              <a href={href({ name: 'accounts' })} aria-current={r === 'accounts' ? 'page' : undefined}>
                {t('nav.accounts')}
              </a>
            )}
          </nav>
        )}
        <div class="topbar-end">
          <LanguageSwitch />
          {user && (
            <button type="button" class="btn btn-ghost" onClick={logout} title={user.email}>
              {t('nav.logout')}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}

function Page() {
  const user = currentUser.value;
  const r = route.value;
  if (user === undefined) return <p class="loading" role="status" aria-live="polite">…</p>;
  // Keyed by mode: the login form's error and fields do not carry over to the sign-up form.
  if (!user) return <AuthView key={r.name} mode={r.name === 'signup' ? 'signup' : 'login'} />;
  switch (r.name) {
    case 'login':
    case 'signup':
    case 'scenarios':
      return <PickerView />;
    case 'chat':
      return <ChatView id={r.id} />;
    case 'report':
      return <ReportView id={r.id} />;
    case 'sessions':
      return <HistoryView />;
    case 'courses':
      return <CoursesView />;
    case 'course':
      return <CourseView id={r.id} />;
    case 'dashboard':
      return <DashboardView id={r.id} />;
    case 'join':
      return <JoinView code={r.id} />;
    case 'review':
      return <ReviewView id={r.id} />;
    case 'print':
      return <ReviewView id={r.id} print />;
    case 'shared':
      return <SharedView />;
    case 'agreement':
      return <AgreementView />;
    case 'accounts':
      return <AccountsView />;
    case 'import':
      return <ImportView />;
  }
}

export function App() {
  useEffect(() => {
    void loadMe();
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale.value;
    document.title = `${t('app.name')} · ${t('app.tagline')}`;
  }, [locale.value]);
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Page />
      </main>
    </>
  );
}
