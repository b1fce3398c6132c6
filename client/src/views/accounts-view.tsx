import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import type { User } from '../api/types.ts';
import { currentUser } from '../lib/auth.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { errorText } from '../lib/errors.ts';

const ROLES: User['role'][] = ['student', 'instructor', 'reviewer', 'admin'];

/**
 * Accounts (admins only): every account with its role, changed in place. Sign-up only makes
 * students, so this is where instructors and reviewers come from while the server runs.
 */
export function AccountsView() {
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const me = currentUser.value;

  useEffect(() => {
    api
      .users()
      .then((r) => setUsers(r.users))
      .catch((e) => setError(errorText(e)));
  }, []);

  async function change(user: User, role: User['role']) {
    setError(null);
    setSaved(null);
    try {
      const { user: updated } = await api.setRole(user.id, role);
      setUsers((list) => (list ?? []).map((u) => (u.id === updated.id ? updated : u)));
      setSaved(t('accounts.saved', { name: updated.name, role: t(`role.${updated.role}` as MessageKey) }));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('accounts.title')}</h1>
        <p class="muted">{t('accounts.intro')}</p>
      </header>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {/* Always in the page, so screen readers announce each change. */}
      <p class={saved ? 'notice' : 'sr-only'} role="status" aria-live="polite">
        {saved ?? ''}
      </p>
      {users && (
        <section class="card">
          <div class="table-wrap">
            <table class="data-table" data-testid="accounts">
              <caption class="sr-only">{t('accounts.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('accounts.name')}</th>
                  <th scope="col">{t('accounts.email')}</th>
                  <th scope="col">{t('accounts.role')}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} data-email={u.email}>
                    <th scope="row">{u.name}</th>
                    <td>{u.email}</td>
                    <td>
                      <label class="sr-only" for={`role-${u.id}`}>
                        {t('accounts.roleOf', { name: u.name })}
                      </label>
                      <select
                        id={`role-${u.id}`}
                        value={u.role}
                        // Your own role stays: the server refuses it, so that the last admin cannot lock everyone out.
                        disabled={u.id === me?.id}
                        onChange={(e) => void change(u, (e.currentTarget as HTMLSelectElement).value as User['role'])}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}` as MessageKey)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
