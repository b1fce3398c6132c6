import { useEffect, useState } from 'preact/hooks';
import { api, downloads } from '../api/http.ts';
import type { Dashboard } from '../api/types.ts';
import { Histogram, ProgressChart } from '../components/histogram.tsx';
import { fmtDay, t } from '../i18n/index.ts';
import { errorText } from '../lib/errors.ts';
import { href } from '../lib/router.ts';
import { fmt, statusKey } from './courses-view.tsx';
import { LoadStatus } from '../components/load-status.tsx';

type Cell = Dashboard['cells'][number];

function Mark({ ok }: { ok: boolean | undefined }) {
  if (ok === undefined) return null;
  return (
    <span class={ok ? 'meets yes' : 'meets no'}>
      <span aria-hidden="true">{ok ? ' ✓' : ' ✗'}</span>
      <span class="sr-only">{ok ? t('dash.met') : t('dash.unmet')}</span>
    </span>
  );
}

function CellView({ cell }: { cell: Cell | undefined }) {
  if (!cell) return <span class="muted">–</span>;
  const m = cell.metrics;
  const body = (
    <>
      <span class={`status status-${cell.status}`}>{t(statusKey(cell.status))}</span>
      {m && (
        <span class="cell-metrics">
          <span>
            {t('history.rq')} {fmt(m.rq)}
            <Mark ok={cell.meets.rq} />
          </span>
          <span>
            %CR {fmt(m.pctComplex, 0)}
            <Mark ok={cell.meets.pctComplex} />
          </span>
          <span>
            {t('history.ct')} {fmt(m.pctChange, 0)}
            <Mark ok={cell.meets.pctChange} />
          </span>
          <span>
            RR {m.rrCount} · {t('dash.overall')} {Math.round(m.overall)}
          </span>
        </span>
      )}
    </>
  );
  return cell.sessionId ? (
    <a class="cell-link" href={href({ name: 'review', id: cell.sessionId })}>
      {body}
    </a>
  ) : (
    body
  );
}

/** The class at a glance: students × assignments, distributions, progress. */
export function DashboardView({ id }: { id: string }) {
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .dashboard(id)
      .then(setData)
      .catch((e) => setError(errorText(e)));
  }, [id]);
  if (!data) {
    return (
      <div class="page">
        <LoadStatus error={error} />
      </div>
    );
  }
  const cells = new Map(data.cells.map((c) => [`${c.studentId}|${c.assignmentId}`, c]));
  return (
    <div class="page page-wide">
      <header class="page-head">
        <h1>{t('dash.title')}</h1>
        <p class="actions">
          <a class="btn" href={href({ name: 'course', id })}>
            {t('dash.course')}
          </a>
          <a class="btn" href={downloads.dashboardCsv(id)} download="dashboard.csv" data-testid="dashboard-csv">
            {t('dash.csv')}
          </a>
        </p>
      </header>
      <section class="card" aria-labelledby="table-h">
        <h2 id="table-h">{t('dash.table')}</h2>
        <div class="table-wrap">
          <table class="data-table dashboard-table">
            <thead>
              <tr>
                <th scope="col">{t('dash.student')}</th>
                {data.assignments.map((a) => (
                  <th scope="col" key={a.id}>
                    {a.title || a.scenarioTitle}
                    <span class="muted targets">
                      {a.targets.rq !== undefined && ` ${t('history.rq')}≥${fmt(a.targets.rq, 1)}`}
                      {a.targets.pctComplex !== undefined && ` %CR≥${a.targets.pctComplex}`}
                      {a.targets.pctChange !== undefined && ` ${t('history.ct')}≥${a.targets.pctChange}`}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.students.length === 0 && (
                <tr>
                  <td colSpan={data.assignments.length + 1} class="muted">
                    {t('dash.noStudents')}
                  </td>
                </tr>
              )}
              {data.students.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.name}
                    <span class="muted small"> {s.email}</span>
                  </th>
                  {data.assignments.map((a) => (
                    <td key={a.id} data-cell={`${s.email}|${a.id}`}>
                      <CellView cell={cells.get(`${s.id}|${a.id}`)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" aria-labelledby="dist-h">
        <h2 id="dist-h">{t('dash.distribution')}</h2>
        <div class="chart-grid">
          <Histogram title={t('history.rq')} values={data.distribution.rq} />
          <Histogram title={t('target.pctComplex')} values={data.distribution.pctComplex} />
          <Histogram title={t('target.pctChange')} values={data.distribution.pctChange} />
          <Histogram title={t('dash.rr')} values={data.distribution.rrCount} />
        </div>
      </section>
      <section class="card" aria-labelledby="prog-h">
        <h2 id="prog-h">{t('dash.progress')}</h2>
        <ProgressChart title={t('dash.meanOverall')} points={data.progress.map((p) => ({ label: fmtDay(p.date), value: p.meanOverall }))} />
      </section>
    </div>
  );
}
