import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/http.ts';
import type { Assignment, CourseDetail, ScenarioCard } from '../api/types.ts';
import { fmtDay, t } from '../i18n/index.ts';
import { errorText } from '../lib/errors.ts';
import { href } from '../lib/router.ts';
import { LoadStatus } from '../components/load-status.tsx';

function joinLink(code: string): string {
  return `${location.origin}${location.pathname}#/join/${encodeURIComponent(code)}`;
}

function numOrUndefined(s: string): number | undefined {
  const n = Number(s);
  return s.trim() === '' || !Number.isFinite(n) ? undefined : n;
}

/** The local calendar day (YYYY-MM-DD) of an instant: a due date is set as a local day. */
function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** One course for its instructors: join code and link, co-instructors, assignments. */

export function CourseView({ id }: { id: string }) {
  const [detail, setDetail] = useState<CourseDetail | null>(null);
  const [scenarios, setScenarios] = useState<ScenarioCard[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [coEmail, setCoEmail] = useState('');
  const blankForm = () => ({
    scenarioId: '',
    title: '',
    dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
    minTurns: '5',
    language: 'nl' as 'nl' | 'en',
    voice: 'offline' as 'offline' | 'llm',
    rq: '1',
    pctComplex: '40',
    pctChange: '50',
  });
  const [form, setForm] = useState(blankForm);
  /** The assignment the form is editing; null: the form makes a new one. */
  const [editing, setEditing] = useState<Assignment | null>(null);

  function edit(a: Assignment) {
    const str = (v: number | undefined) => (v === undefined ? '' : String(v));
    setEditing(a);
    setNotice(null);
    setForm({
      scenarioId: a.scenarioId,
      title: a.title,
      dueAt: localDay(a.dueAt),
      minTurns: String(a.minTurns),
      language: a.language,
      voice: a.voice,
      rq: str(a.targets.rq),
      pctComplex: str(a.targets.pctComplex),
      pctChange: str(a.targets.pctChange),
    });
    document.getElementById('new-assignment-h')?.scrollIntoView({ block: 'start' });
  }

  function cancelEdit() {
    setEditing(null);
    setForm(blankForm());
  }

  // Until the server says otherwise, only the offline voice is offered.
  const [voices, setVoices] = useState<('offline' | 'llm')[]>(['offline']);

  async function load() {
    try {
      const [d, s] = await Promise.all([api.course(id), api.scenarios()]);
      setDetail(d);
      setScenarios(s.scenarios);
      setVoices(s.voices);
    } catch (e) {
      setError(errorText(e));
    }
  }
  useEffect(() => {
    void load();
  }, [id]);

  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const inLanguage = scenarios.filter((s) => s.language === form.language);

  async function addInstructor(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await api.addInstructor(id, coEmail.trim());
      setCoEmail('');
      setNotice(t('course.instructorAdded'));
      await load();
    } catch (err) {
      // The two refusals the form can get say what to do (the input already keeps to the body
      // schema: an address, at most 200 characters); anything else is the general message.
      const code = err instanceof ApiError ? err.code : null;
      setError(code === 'not_found' ? t('course.noSuchUser') : code === 'bad_request' ? t('course.notInstructor') : errorText(err));
    }
  }

  async function assign(e: Event) {
    e.preventDefault();
    setError(null);
    const scenarioId = form.scenarioId || inLanguage[0]?.id || '';
    const body = {
      scenarioId,
      title: form.title.trim() || undefined,
      dueAt: new Date(`${form.dueAt}T23:59:00`).toISOString(),
      minTurns: Number(form.minTurns),
      language: form.language,
      voice: form.voice,
      targets: { rq: numOrUndefined(form.rq), pctComplex: numOrUndefined(form.pctComplex), pctChange: numOrUndefined(form.pctChange) },
    };
    try {
      if (editing) await api.updateAssignment(editing.id, body);
      else await api.createAssignment(id, body);
      setNotice(t(editing ? 'course.assignmentSaved' : 'course.assigned'));
      setEditing(null);
      setForm(blankForm());
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  }

  if (!detail) {
    return (
      <div class="page">
        <LoadStatus error={error} />
      </div>
    );
  }
  const c = detail.course;
  return (
    <div class="page">
      <header class="page-head">
        <h1>{c.name}</h1>
        <p>
          <a class="btn" href={href({ name: 'dashboard', id })}>
            {t('courses.dashboard')}
          </a>
        </p>
      </header>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="alert" role="status">
          {notice}
        </p>
      )}
      <div class="grid-2">
        <section class="card stack" aria-labelledby="join-h">
          <h2 id="join-h">{t('course.joinInfo')}</h2>
          <p>
            {t('courses.joinCode')}: <strong class="join-code" data-testid="join-code">{c.joinCode}</strong>
          </p>
          <p class="break">
            {t('course.joinLink')}: <a href={joinLink(c.joinCode)} data-testid="join-link">{joinLink(c.joinCode)}</a>
          </p>
          <p class="muted">{t('courses.students', { n: String(detail.students.length) })}</p>
        </section>
        <section class="card stack" aria-labelledby="instr-h">
          <h2 id="instr-h">{t('course.instructors')}</h2>
          <ul class="plain-list">
            {detail.instructors.map((m) => (
              <li key={m.id}>
                {m.name} <span class="muted">({m.email})</span>
              </li>
            ))}
          </ul>
          <form onSubmit={addInstructor} class="inline-form">
            <label for="co-email">{t('course.addInstructor')}</label>
            <input id="co-email" type="email" required maxLength={200} value={coEmail} onInput={(e) => setCoEmail(e.currentTarget.value)} />
            <button class="btn" type="submit">
              {t('course.add')}
            </button>
          </form>
        </section>
      </div>

      <section class="card" aria-labelledby="assignments-h">
        <h2 id="assignments-h">{t('course.assignments')}</h2>
        {detail.assignments.length === 0 ? (
          <p class="muted">{t('course.noAssignments')}</p>
        ) : (
          <ul class="plain-list">
            {detail.assignments.map((a) => (
              <li key={a.id} data-assignment={a.id}>
                <strong>{a.title || a.scenarioTitle}</strong> · {t('assign.due')} {fmtDay(localDay(a.dueAt))} ·{' '}
                {t('assign.minTurns')} {a.minTurns} · {a.language.toUpperCase()} · {t(a.voice === 'llm' ? 'assign.voice.llm' : 'assign.voice.offline')}{' '}
                <button type="button" class="btn btn-ghost btn-small" onClick={() => edit(a)} aria-label={t('course.editAssignment', { title: a.title || a.scenarioTitle })}>
                  {t('course.edit')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="stack assignment-form" onSubmit={assign} aria-labelledby="new-assignment-h">
          <h3 id="new-assignment-h">{editing ? t('course.editingAssignment', { title: editing.title || editing.scenarioTitle }) : t('course.newAssignment')}</h3>
          <div class="form-grid">
            <div class="field">
              <label for="a-language">{t('picker.language')}</label>
              <select id="a-language" value={form.language} onChange={(e) => setForm({ ...form, language: e.currentTarget.value as 'nl' | 'en', scenarioId: '' })}>
                <option value="nl">{t('lang.nl')}</option>
                <option value="en">{t('lang.en')}</option>
              </select>
            </div>
            <div class="field">
              <label for="a-scenario">{t('assign.scenario')}</label>
              <select id="a-scenario" value={form.scenarioId || inLanguage[0]?.id} onChange={set('scenarioId')}>
                {inLanguage.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="a-title">{t('assign.title')}</label>
              <input id="a-title" maxLength={200} value={form.title} onInput={set('title')} />
            </div>
            <div class="field">
              <label for="a-due">{t('assign.due')}</label>
              {/* Not before today: a new assignment that is overdue at once is a slip of the date picker. */}
              <input id="a-due" type="date" required min={new Date().toISOString().slice(0, 10)} value={form.dueAt} onInput={set('dueAt')} />
            </div>
            <div class="field">
              <label for="a-turns">{t('assign.minTurns')}</label>
              <input id="a-turns" type="number" min={1} max={100} required value={form.minTurns} onInput={set('minTurns')} />
            </div>
            <div class="field">
              <label for="a-voice">{t('assign.voice')}</label>
              <select id="a-voice" value={form.voice} onChange={set('voice')}>
                <option value="offline">{t('assign.voice.offline')}</option>
                <option value="llm" disabled={!voices.includes('llm')}>
                  {t(voices.includes('llm') ? 'assign.voice.llm' : 'assign.voice.llmUnavailable')}
                </option>
              </select>
            </div>
            <div class="field">
              <label for="a-rq">{t('target.rq')}</label>
              <input id="a-rq" type="number" min={0} max={100} step="0.1" value={form.rq} onInput={set('rq')} />
            </div>
            <div class="field">
              <label for="a-cr">{t('target.pctComplex')}</label>
              <input id="a-cr" type="number" min={0} max={100} value={form.pctComplex} onInput={set('pctComplex')} />
            </div>
            <div class="field">
              <label for="a-ct">{t('target.pctChange')}</label>
              <input id="a-ct" type="number" min={0} max={100} value={form.pctChange} onInput={set('pctChange')} />
            </div>
          </div>
          <div class="inline-form">
            <button class="btn btn-primary" type="submit">
              {t(editing ? 'course.saveAssignment' : 'course.assign')}
            </button>
            {editing && (
              <button class="btn" type="button" onClick={cancelEdit}>
                {t('course.cancelEdit')}
              </button>
            )}
          </div>
        </form>
      </section>
    </div>
  );
}
