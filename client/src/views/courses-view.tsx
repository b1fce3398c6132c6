import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import type { CourseSummary, MyAssignment } from '../api/types.ts';
import { t, type MessageKey, fmt as fmtNumber } from '../i18n/index.ts';
import { currentUser } from '../lib/auth.ts';
import { errorText } from '../lib/errors.ts';
import { startSession } from '../lib/practice.ts';
import { href, navigate } from '../lib/router.ts';
import { LoadStatus } from '../components/load-status.tsx';

export function statusKey(s: string): MessageKey {
  return `status.${s}` as MessageKey;
}

/** A figure in the UI language's number format ("0,75" in Dutch), or a dash. */
export function fmt(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined ? '–' : fmtNumber(n, digits);
}

/** Courses I teach or follow; instructors create courses, students join and see their assignments. */
export function CoursesView() {
  const user = currentUser.value;
  const teaches = user?.role === 'instructor' || user?.role === 'admin';
  const [courses, setCourses] = useState<CourseSummary[] | null>(null);
  const [assignments, setAssignments] = useState<MyAssignment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  async function load() {
    try {
      const [c, a] = await Promise.all([api.courses(), api.myAssignments().catch(() => ({ assignments: [] }))]);
      setCourses(c.courses);
      setAssignments(a.assignments);
    } catch (e) {
      setError(errorText(e));
    }
  }
  useEffect(() => {
    void load();
  }, []);

  async function create(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const res = await api.createCourse({ name: name.trim() });
      setName('');
      navigate({ name: 'course', id: res.course.id });
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function join(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await api.joinCourse(code.trim());
      setCode('');
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function practise(a: MyAssignment) {
    setBusy(a.id);
    setError(null);
    const res = await startSession(null, a.id);
    setBusy(null);
    if (res.ok) navigate({ name: 'chat', id: res.data.id });
    else setError(errorText(res.error));
  }

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('courses.title')}</h1>
      </header>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div class="grid-2">
        {teaches && (
          <form class="card stack" onSubmit={create} aria-labelledby="create-course-h">
            <h2 id="create-course-h">{t('courses.create')}</h2>
            <div class="field">
              <label for="course-name">{t('courses.name')}</label>
              {/* A name of only spaces is refused here, in the browser's words, not by the server's generic error. */}
              <input id="course-name" required pattern={'.*\\S.*'} maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </div>
            <button class="btn btn-primary" type="submit">
              {t('courses.create.submit')}
            </button>
          </form>
        )}
        <form class="card stack" onSubmit={join} aria-labelledby="join-course-h">
          <h2 id="join-course-h">{t('courses.join')}</h2>
          <div class="field">
            <label for="join-code">{t('courses.joinCode')}</label>
            <input id="join-code" required minLength={4} maxLength={20} autocomplete="off" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
          </div>
          <button class="btn" type="submit">
            {t('courses.join.submit')}
          </button>
        </form>
      </div>

      <section aria-labelledby="my-courses-h" class="card">
        <h2 id="my-courses-h">{t('courses.mine')}</h2>
        {courses === null ? (
          <p role="status">…</p>
        ) : courses.length === 0 ? (
          <p class="muted">{t('courses.none')}</p>
        ) : (
          <ul class="plain-list">
            {courses.map((c) => (
              <li key={c.id}>
                {c.role === 'instructor' ? (
                  <>
                    <a href={href({ name: 'course', id: c.id })}>{c.name}</a>{' '}
                    <span class="muted">· {t('courses.students', { n: String(c.studentCount) })}</span>{' '}
                    <a href={href({ name: 'dashboard', id: c.id })}>{t('courses.dashboard')}</a>
                  </>
                ) : (
                  <span>{c.name}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {assignments.length > 0 && (
        <section aria-labelledby="my-assignments-h" class="card">
          <h2 id="my-assignments-h">{t('assign.mine')}</h2>
          <div class="table-wrap">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('assign.title')}</th>
                  <th scope="col">{t('courses.name')}</th>
                  <th scope="col">{t('assign.due')}</th>
                  <th scope="col">{t('assign.status')}</th>
                  <th scope="col">{t('dash.overall')}</th>
                  <th scope="col">
                    <span class="sr-only">{t('assign.practise')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((a) => (
                  <tr key={a.id} data-assignment={a.id}>
                    <td>{a.title || a.scenarioTitle}</td>
                    <td>{a.courseName}</td>
                    <td>{new Date(a.dueAt).toLocaleDateString()}</td>
                    <td>
                      <span class={`status status-${a.status}`}>{t(statusKey(a.status))}</span>
                    </td>
                    <td>{a.scores ? Math.round(a.scores.overall) : '–'}</td>
                    <td>
                      <button class="btn btn-primary" type="button" disabled={busy !== null} onClick={() => void practise(a)}>
                        {t('assign.practise')}
                      </button>
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

/** `/#/join/<CODE>`: joins and goes to the course list. */
export function JoinView({ code }: { code: string }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .joinCourse(code)
      .then(() => navigate({ name: 'courses' }))
      .catch((e) => setError(errorText(e)));
  }, [code]);
  return (
    <div class="page">
      <h1>{t('courses.join')}</h1>
      <LoadStatus error={error} />
    </div>
  );
}
