import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import type { SessionSummary } from '../api/types.ts';
import { LineChart } from '../components/line-chart.tsx';
import { fmt, fmtDate, t } from '../i18n/index.ts';
import { errorText } from '../lib/errors.ts';
import { href } from '../lib/router.ts';
import { fraction } from '../lib/thresholds.ts';

const pct = (v: number | null | undefined) => {
  const f = fraction(v);
  return f === null ? '–' : `${fmt(f * 100)}%`;
};

export function HistoryView() {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .sessions()
      .then((r) => setSessions([...r.sessions].sort((a, b) => a.createdAt.localeCompare(b.createdAt))))
      .catch((e) => setError(errorText(e)));
  }, []);

  if (error) {
    return (
      <div class="page">
        <p class="alert" role="alert">
          {error}
        </p>
      </div>
    );
  }
  if (!sessions) {
    return (
      <p class="loading" role="status">
        {t('history.loading')}
      </p>
    );
  }

  const scored = sessions.filter((s) => s.scores !== null);
  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('history.title')}</h1>
      </header>
      {sessions.length === 0 ? (
        <p class="empty">
          {t('history.empty')} <a href={href({ name: 'scenarios' })}>{t('nav.practice')}</a>
        </p>
      ) : (
        <>
          {scored.length > 0 && (
            <section class="card" aria-labelledby="progress-title">
              <h2 id="progress-title">{t('history.progress')}</h2>
              <LineChart
                testId="progress-chart"
                label={t('history.progress')}
                x={scored.map((_, i) => i + 1)}
                xLabel={t('history.chart.x')}
                yLabel="0–100"
                yRange={[0, 100]}
                series={[
                  { label: t('history.overall'), values: scored.map((s) => s.scores?.overall ?? null), stroke: '#2f5bd3' },
                  {
                    label: t('history.ct'),
                    values: scored.map((s) => {
                      const f = fraction(s.scores?.percentChangeTalk);
                      return f === null ? null : Math.round(f * 100);
                    }),
                    stroke: '#0f7b6c',
                  },
                  {
                    label: t('history.cr'),
                    values: scored.map((s) => {
                      const f = fraction(s.scores?.percentComplexReflections);
                      return f === null ? null : Math.round(f * 100);
                    }),
                    stroke: '#b54708',
                  },
                ]}
              />
            </section>
          )}
          <section class="card" aria-labelledby="list-title">
            <h2 id="list-title" class="sr-only">
              {t('history.title')}
            </h2>
            <div class="table-wrap">
              <table class="table history" data-testid="history">
                <thead>
                  <tr>
                    <th scope="col">{t('history.date')}</th>
                    <th scope="col">{t('history.scenario')}</th>
                    <th scope="col">{t('history.status')}</th>
                    <th scope="col" class="num">
                      {t('history.turns')}
                    </th>
                    <th scope="col" class="num">
                      {t('history.overall')}
                    </th>
                    <th scope="col" class="num">
                      {t('history.rq')}
                    </th>
                    <th scope="col" class="num">
                      {t('history.cr')}
                    </th>
                    <th scope="col" class="num">
                      {t('history.ct')}
                    </th>
                    <th scope="col">
                      <span class="sr-only">{t('history.open')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...sessions].reverse().map((s) => (
                    <tr key={s.id} data-session={s.id}>
                      <td class="nowrap">{fmtDate(s.createdAt)}</td>
                      <td>
                        {s.scenarioTitle} <span class="tag">{s.language.toUpperCase()}</span>
                        {s.parentId && <span class="tag tag-branch">{t('history.branch')}</span>}
                      </td>
                      <td>{s.status === 'ended' ? t('status.ended') : t('status.active')}</td>
                      <td class="num">{s.practitionerTurns}</td>
                      <td class="num">
                        <strong>{s.scores ? fmt(s.scores.overall) : '–'}</strong>
                      </td>
                      <td class="num">
                        {s.scores?.reflectionToQuestion == null ? '–' : fmt(s.scores.reflectionToQuestion, 1)}
                      </td>
                      <td class="num">{pct(s.scores?.percentComplexReflections)}</td>
                      <td class="num">{pct(s.scores?.percentChangeTalk)}</td>
                      <td class="nowrap">
                        {s.status === 'ended' ? (
                          <a href={href({ name: 'report', id: s.id })}>{t('history.report')}</a>
                        ) : (
                          <a href={href({ name: 'chat', id: s.id })}>{t('history.open')}</a>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
