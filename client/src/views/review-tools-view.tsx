import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, downloads } from '../api/http.ts';
import type { Agreement, SharedSession } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { errorText, importErrorText } from '../lib/errors.ts';
import { href, navigate } from '../lib/router.ts';
import { fmt } from './courses-view.tsx';
import { decodeTranscriptBytes } from '../../../server/transcripts/decode-transcript-bytes.ts';

/** Paste or upload a transcript; the server codes it, or names the bad line. */
export function ImportView() {
  const [text, setText] = useState('');
  // null: pasted text, which the server reads by its content.
  const [filename, setFilename] = useState<string | null>(null);
  const [language, setLanguage] = useState<'auto' | 'nl' | 'en'>('auto');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onFile(e: Event) {
    const f = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!f) return;
    setFilename(f.name);
    // Not f.text(): that reads every file as UTF-8, and Dutch Windows often saves Windows-1252.
    setText(decodeTranscriptBytes(new Uint8Array(await f.arrayBuffer())));
  }

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const res = await api.importTranscript({ filename: filename ?? t('import.pastedName'), content: text, language, title: title.trim() || undefined });
      const first = res.sessions[0];
      if (first) navigate({ name: 'review', id: first.id });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'import_invalid') setError(importErrorText(err));
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('import.title')}</h1>
        <p class="muted">{t('import.intro')}</p>
      </header>
      <form class="card stack" onSubmit={submit}>
        <div class="field">
          <label for="imp-file">{t('import.file')}</label>
          <input id="imp-file" type="file" accept=".txt,.csv,.jsonl,text/plain,text/csv" onChange={onFile} />
        </div>
        <div class="field">
          <label for="imp-text">{t('import.paste')}</label>
          <textarea id="imp-text" rows={12} value={text} onInput={(e) => {
            setText(e.currentTarget.value);
          }} />
          <p class="muted small">
            {t('import.fileName')}: <span data-testid="import-filename">{filename ?? t('import.pastedName')}</span>
          </p>
        </div>
        <div class="form-grid">
          <div class="field">
            <label for="imp-title">{t('assign.title')}</label>
            <input id="imp-title" maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="imp-lang">{t('picker.language')}</label>
            <select id="imp-lang" value={language} onChange={(e) => setLanguage(e.currentTarget.value as 'auto' | 'nl' | 'en')}>
              <option value="auto">{t('import.auto')}</option>
              <option value="nl">{t('lang.nl')}</option>
              <option value="en">{t('lang.en')}</option>
            </select>
          </div>
        </div>
        {error && (
          <p class="alert alert-error" role="alert" data-testid="import-error">
            {error}
          </p>
        )}
        <button class="btn btn-primary" type="submit" disabled={busy || text.length === 0}>
          {t('import.submit')}
        </button>
      </form>
    </div>
  );
}

/** Engine–human agreement over all overrides the caller can see. */
export function AgreementView() {
  const [data, setData] = useState<Agreement | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .agreement()
      .then(setData)
      .catch((e) => setError(errorText(e)));
  }, []);
  const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('agree.title')}</h1>
        <p>
          <a class="btn" href={downloads.overridesCsv()} download="overrides.csv" data-testid="overrides-csv">
            {t('agree.csv')}
          </a>
        </p>
      </header>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <section class="card">
          <p>
            {t('agree.summary', { n: String(data.n), sessions: String(data.sessions) })} · κ {fmt(data.kappa, 2)} · κ ({t('agree.talk')}) {fmt(data.kappaTalk, 2)}
          </p>
          {[
            [t('agree.perCode'), data.perCode],
            [t('agree.talk'), data.perTalk],
          ].map(([title, rows]) => (
            <div class="table-wrap" key={title as string}>
              <table class="data-table">
                <caption>{title as string}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agree.code')}</th>
                    <th scope="col">n</th>
                    <th scope="col">{t('agree.agree')}</th>
                    <th scope="col">{t('agree.precision')}</th>
                    <th scope="col">{t('agree.recall')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(rows as Agreement['perCode']).map((r) => (
                    <tr key={r.code}>
                      <th scope="row">{r.code}</th>
                      <td>{r.n}</td>
                      <td>{r.agree}</td>
                      <td>{pct(r.precision)}</td>
                      <td>{pct(r.recall)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      )}
    </div>
  );
}

/** Sessions shared with me (and, for instructors, their students' assignment sessions). */
export function SharedView() {
  const [rows, setRows] = useState<SharedSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .shared()
      .then((r) => setRows(r.sessions))
      .catch((e) => setError(errorText(e)));
  }, []);
  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('shared.title')}</h1>
      </header>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p class="muted">{t('shared.none')}</p>}
      {rows && rows.length > 0 && (
        <div class="table-wrap card">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('assign.title')}</th>
                <th scope="col">{t('shared.owner')}</th>
                <th scope="col">{t('shared.date')}</th>
                <th scope="col">{t('dash.overall')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={href({ name: 'review', id: s.id })}>{s.title}</a>
                  </td>
                  <td>{s.ownerName}</td>
                  <td>{new Date(s.createdAt).toLocaleDateString()}</td>
                  <td>{s.scores ? Math.round(s.scores.overall) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
