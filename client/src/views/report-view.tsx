import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type Report } from '../api/http.ts';
import type { TurnView } from '../api/types.ts';
import { CodeChip } from '../components/code-chip.tsx';
import { LineChart } from '../components/line-chart.tsx';
import { fmt, t, type MessageKey } from '../i18n/index.ts';
import { CODE_ORDER, codeName, familyOf } from '../lib/codes.ts';
import { errorText } from '../lib/errors.ts';
import { branchSession } from '../lib/practice.ts';
import { normalizeScores, type NormalizedScores, type SummaryRow } from '../lib/report-scores.ts';
import { href, navigate } from '../lib/router.ts';
import { level } from '../lib/thresholds.ts';
import { branchOrdinal, practitionerOrdinals } from '../lib/turns.ts';

function formatValue(row: { value: number | null; kind: SummaryRow['kind'] }): string {
  if (row.value === null) return '–';
  switch (row.kind) {
    case 'pct':
      return `${fmt(row.value * 100)}%`;
    case 'ratio':
      return fmt(row.value, 2);
    case 'global':
      return fmt(row.value, 1);
    case 'count':
      return fmt(row.value);
  }
}

function formatThreshold(v: number | undefined, kind: SummaryRow['kind']): string {
  if (v === undefined) return '–';
  return kind === 'pct' ? `${fmt(v * 100)}%` : fmt(v, kind === 'global' ? 1 : 0);
}

/** %CT after each client turn, from the coded turns themselves (the chart's fallback series). */
export function cumulativeChangeTalk(turns: readonly TurnView[]): (number | null)[] {
  let ct = 0;
  let st = 0;
  const out: (number | null)[] = [];
  for (const turn of turns) {
    if (turn.speaker !== 'client') continue;
    if (turn.talk === 'change') ct++;
    if (turn.talk === 'sustain') st++;
    out.push(ct + st === 0 ? null : ct / (ct + st));
  }
  return out;
}

/** Jumps to a turn in the transcript below (the hash is the router's, so no #fragment links). */
function TurnLink({ index, class: cls, children }: { index: number; class?: string; children: ComponentChildren }) {
  return (
    <button
      type="button"
      class={`link ${cls ?? ''}`}
      onClick={() => {
        const el = document.getElementById(`turn-${index}`);
        el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
        el?.querySelector<HTMLElement>('.btn-retry')?.focus({ preventScroll: true });
      }}
    >
      {children}
    </button>
  );
}

/** How `overall` is made: each part's value and weight, and the factor that multiplies it down. */
function OverallParts({ scores }: { scores: NormalizedScores }) {
  if (scores.overallParts.length === 0) return null;
  const weighted = scores.overallParts.filter((p) => p.role === 'weighted');
  const factors = scores.overallParts.filter((p) => p.role === 'factor');
  return (
    <details class="overall-parts" data-testid="overall-parts">
      <summary>{t('report.overall.how')}</summary>
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">{t('report.overall.how')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.measure')}</th>
              <th scope="col" class="num">
                {t('report.value')}
              </th>
              <th scope="col" class="num">
                {t('report.part.weight')}
              </th>
            </tr>
          </thead>
          <tbody>
            {weighted.map((p) => (
              <tr key={p.name}>
                <th scope="row">{t(`report.part.${p.name}` as MessageKey)}</th>
                <td class="num">{fmt(p.value * 100)}%</td>
                <td class="num muted">{fmt((p.weight ?? 0) * 100)}%</td>
              </tr>
            ))}
            <tr class="parts-total">
              <th scope="row">{t('report.part.mean')}</th>
              <td class="num">
                <strong>{fmt(scores.overallQuality * 100)}%</strong>
              </td>
              <td />
            </tr>
            {factors.map((p) => (
              <tr key={p.name}>
                <th scope="row">{t(`report.part.${p.name}` as MessageKey)}</th>
                <td class="num">
                  <strong>× {fmt(p.value, 2)}</strong>
                </td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted small">{t('report.overall.formula')}</p>
    </details>
  );
}

function SummaryTable({ scores }: { scores: NormalizedScores }) {
  return (
    <div class="table-wrap">
      <table class="table" data-testid="miti-summary">
        <caption class="sr-only">{t('report.summary')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.measure')}</th>
            <th scope="col" class="num">
              {t('report.value')}
            </th>
            <th scope="col" class="num">
              {t('report.fair')}
            </th>
            <th scope="col" class="num">
              {t('report.good')}
            </th>
            <th scope="col">{t('report.level')}</th>
          </tr>
        </thead>
        <tbody>
          {scores.summary.map((row) => {
            const lv = row.fair !== undefined && row.good !== undefined ? level(row.value, row.fair, row.good) : null;
            return (
              <tr key={row.key}>
                <th scope="row">{t(`metric.${row.key}` as MessageKey)}</th>
                <td class="num">
                  <strong>{formatValue(row)}</strong>
                </td>
                <td class="num muted">{formatThreshold(row.fair, row.kind)}</td>
                <td class="num muted">{formatThreshold(row.good, row.kind)}</td>
                <td>{lv && <span class={`badge lv-${lv}`}>{t(`level.${lv}` as MessageKey)}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Counts({ scores }: { scores: NormalizedScores }) {
  return (
    <ul class="counts" data-testid="code-counts">
      {CODE_ORDER.map((code) => (
        <li key={code} class={`count fam-${familyOf(code)}-soft`}>
          <span class="count-code">{code}</span>
          <span class="count-name">{t(codeName(code))}</span>
          <strong class="count-n">{scores.counts[code] ?? 0}</strong>
        </li>
      ))}
    </ul>
  );
}

function Globals({ scores }: { scores: NormalizedScores }) {
  if (scores.globals.length === 0) return null;
  return (
    <section class="card" aria-labelledby="globals-title">
      <h2 id="globals-title">{t('report.globals')}</h2>
      <p class="muted small">{t('report.globals.note')}</p>
      <ul class="globals">
        {scores.globals.map((g) => (
          <li key={g.key} class="global">
            <div class="global-head">
              <span>{t(`global.${g.key}` as MessageKey)}</span>
              <strong>{g.value === null ? '–' : fmt(g.value, 1)}</strong>
            </div>
            <div class="pips" aria-hidden="true">
              {[1, 2, 3, 4, 5].map((i) => (
                <span key={i} class={`pip ${g.value !== null && g.value >= i - 0.25 ? 'on' : ''}`} />
              ))}
            </div>
            {g.reasons.length > 0 && (
              <ul class="reasons" aria-label={t('report.reasons')}>
                {g.reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ChangeTalk({ scores, turns }: { scores: NormalizedScores; turns: TurnView[] }) {
  const byIndex = new Map(turns.map((x) => [x.index, x]));
  const ord = practitionerOrdinals(turns);
  // The server links each change-talk turn to the practitioner turn that drew it out; use the
  // report's links, or the same information carried on the turns.
  const links = scores.links.length
    ? scores.links
    : turns
        .filter((x) => x.speaker === 'client' && x.drawnOutBy !== null)
        .map((x) => ({ practitionerTurn: x.drawnOutBy as number, clientTurn: x.index }));
  const darn = Object.entries(scores.darn).filter(([, n]) => (n ?? 0) > 0);
  return (
    <section class="card" aria-labelledby="ct-title" data-testid="change-talk">
      <h2 id="ct-title">{t('report.changeTalk')}</h2>
      <div class="stats">
        <div class="stat">
          <span class="stat-n">{scores.changeTalk}</span>
          <span class="stat-l">{t('report.ct')}</span>
        </div>
        <div class="stat">
          <span class="stat-n">{scores.sustainTalk}</span>
          <span class="stat-l">{t('report.st')}</span>
        </div>
        <div class="stat">
          <span class="stat-n">{scores.percentChangeTalk === null ? '–' : `${fmt(scores.percentChangeTalk * 100)}%`}</span>
          <span class="stat-l">{t('report.pct')}</span>
        </div>
      </div>
      {darn.length > 0 && (
        <>
          <h3 class="h4">{t('report.darn')}</h3>
          <ul class="tags">
            {darn.map(([k, n]) => (
              <li key={k} class="tag">
                {t(`subtype.${k}` as MessageKey)}: {n}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 class="h4">{t('report.links')}</h3>
      {links.length === 0 ? (
        <p class="muted">{t('report.links.none')}</p>
      ) : (
        <ul class="links" data-testid="ct-links">
          {links.map((l) => {
            const pt = byIndex.get(l.practitionerTurn);
            const ct = byIndex.get(l.clientTurn);
            return (
              <li key={`${l.practitionerTurn}-${l.clientTurn}`} class="link-row">
                <TurnLink index={l.practitionerTurn} class="link-from">
                  {t('report.turn', { n: ord.get(l.practitionerTurn) ?? l.practitionerTurn + 1 })}
                  {pt?.primary ? ` · ${pt.primary}` : ''}
                </TurnLink>
                <span class="link-text">{pt?.text ?? ''}</span>
                <span class="link-arrow" aria-hidden="true">
                  →
                </span>
                <span class="link-ct">{t('report.drewOut', { text: ct?.text ?? '' })}</span>
              </li>
            );
          })}
        </ul>
      )}
      {scores.rates.length > 0 && (
        <>
          <h3 class="h4">{t('report.rates')}</h3>
          <div class="table-wrap">
            <table class="table" data-testid="ct-rates">
              <thead>
                <tr>
                  <th scope="col">{t('report.code')}</th>
                  <th scope="col" class="num">
                    {t('report.after')}
                  </th>
                  <th scope="col" class="num">
                    {t('report.rate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {scores.rates.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">
                      <span class={`chip chip-static fam-${familyOf(r.code)}`}>{r.code}</span> {t(codeName(r.code))}
                    </th>
                    <td class="num">{r.count}</td>
                    <td class="num">{r.rate === null ? '–' : `${fmt(r.rate * 100)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Transcript({ report, onRetry, retrying }: { report: Report; onRetry: (turn: TurnView) => void; retrying: number | null }) {
  const altByTurn = new Map(report.alternatives.map((a) => [a.turnIndex, a]));
  const ord = practitionerOrdinals(report.session.turns);
  return (
    <section class="card" aria-labelledby="tr-title">
      <h2 id="tr-title">{t('report.transcript')}</h2>
      <p class="muted small">{t('report.retry.hint')}</p>
      <ol class="transcript transcript-report" lang={report.session.language}>
        {report.session.turns.map((turn) =>
          turn.speaker === 'practitioner' ? (
            <li key={turn.id} id={`turn-${turn.index}`} class="turn turn-me" data-turn={turn.index} data-speaker="practitioner">
              <span class="turn-who">{t('report.turn', { n: ord.get(turn.index) ?? turn.index + 1 })}</span>
              <div class="bubble">{turn.text}</div>
              <div class="chips">
                {turn.codes.map((hit, i) => (
                  <CodeChip key={i} hit={hit} align="end" />
                ))}
                <button
                  type="button"
                  class="btn btn-small btn-retry"
                  disabled={retrying !== null}
                  aria-label={`${t('report.retry')} (${t('report.turn', { n: ord.get(turn.index) ?? turn.index + 1 })})`}
                  onClick={() => onRetry(turn)}
                >
                  ↺ {t('report.retry')}
                </button>
              </div>
              {altByTurn.has(turn.index) && (
                <p class="alt-inline">
                  <strong>{t('report.rr.alternative')}:</strong> {altByTurn.get(turn.index)?.alternative}
                </p>
              )}
            </li>
          ) : (
            <li key={turn.id} id={`turn-${turn.index}`} class="turn turn-patient" data-turn={turn.index} data-speaker="client">
              <div class="bubble">{turn.text}</div>
              {turn.talk && turn.talk !== 'neutral' && (
                <span class={`talk talk-${turn.talk}`}>{t(`chat.talk.${turn.talk}` as MessageKey)}</span>
              )}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}

export function ReportView({ id }: { id: string }) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<number | null>(null);

  useEffect(() => {
    setReport(null);
    setError(null);
    api
      .report(id)
      .then(setReport)
      .catch((e) => setError(errorText(e)));
  }, [id]);

  const scores = useMemo(() => (report ? normalizeScores(report.scores) : null), [report]);

  async function retry(turn: TurnView) {
    setRetrying(turn.index);
    setError(null);
    const res = await branchSession(id, turn.index);
    setRetrying(null);
    if (res.ok) navigate({ name: 'chat', id: res.data.id });
    else setError(errorText(res.error));
  }

  if (error && !report) {
    return (
      <div class="page">
        <p class="alert" role="alert">
          {error}
        </p>
      </div>
    );
  }
  if (!report || !scores) {
    return (
      <p class="loading" role="status">
        {t('report.loading')}
      </p>
    );
  }

  const s = report.session;
  const series = scores.series.length ? scores.series : cumulativeChangeTalk(s.turns);
  const overall = scores.overall;
  const ord = practitionerOrdinals(s.turns);
  return (
    <div class="page report" data-testid="report">
      <header class="page-head report-head">
        <div>
          <h1>{t('report.title')}</h1>
          <p class="muted">
            {s.scenarioTitle} {s.parentId && <span class="tag tag-branch">{t('chat.branch')}</span>}
          </p>
          {s.parentId && (
            <p class="branch-note">
              {t('chat.branchOf', { n: branchOrdinal(s) })}{' '}
              <a href={href({ name: 'report', id: s.parentId })}>{t('chat.toParent')}</a>
            </p>
          )}
        </div>
        <div class="overall" title={t('report.overall.hint')}>
          <span class="overall-n" data-testid="overall">
            {overall === null ? '–' : fmt(overall)}
          </span>
          <span class="overall-l">{t('report.overall')} / 100</span>
        </div>
      </header>
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
      {s.status !== 'ended' && (
        <p class="notice">
          {t('report.notEnded')} <a href={href({ name: 'chat', id: s.id })}>{t('report.continue')}</a>
        </p>
      )}
      <div class="report-grid">
        <section class="card span-2" aria-labelledby="sum-title">
          <h2 id="sum-title">{t('report.summary')}</h2>
          <SummaryTable scores={scores} />
          <OverallParts scores={scores} />
        </section>
        <section class="card span-2" aria-labelledby="chart-title">
          <h2 id="chart-title">{t('report.chart')}</h2>
          {series.length >= 1 ? (
            <LineChart
              testId="ct-chart"
              label={t('report.chart')}
              x={series.map((_, i) => i + 1)}
              xLabel={t('report.chart.x')}
              yLabel={t('report.chart.y')}
              yRange={[0, 100]}
              series={[
                { label: t('report.pct'), values: series.map((v) => (v === null ? null : Math.round(v * 1000) / 10)), stroke: '#0f7b6c' },
                { label: '50%', values: series.map(() => 50), stroke: '#98a2b3', dash: [6, 6] },
              ]}
            />
          ) : (
            <p class="muted">{t('report.chart.empty')}</p>
          )}
        </section>
        <section class="card" aria-labelledby="counts-title">
          <h2 id="counts-title">{t('report.counts')}</h2>
          <Counts scores={scores} />
        </section>
        <Globals scores={scores} />
        <div class="span-2">
          <ChangeTalk scores={scores} turns={s.turns} />
        </div>
        <section class="card span-2" aria-labelledby="rr-title" data-testid="alternatives">
          <h2 id="rr-title">{t('report.rr')}</h2>
          {report.alternatives.length === 0 ? (
            <p class="muted">{t('report.rr.none')}</p>
          ) : (
            <ul class="alts">
              {report.alternatives.map((a) => (
                <li key={a.turnIndex} class="alt">
                  <TurnLink index={a.turnIndex} class="muted small">
                    {t('report.turn', { n: ord.get(a.turnIndex) ?? a.turnIndex + 1 })}
                  </TurnLink>
                  <p class="alt-original">
                    <span class="alt-label">{t('report.rr.original')}</span>
                    <span lang={s.language}>{a.original}</span>
                  </p>
                  <p class="alt-better">
                    <span class="alt-label">{t('report.rr.alternative')}</span>
                    <span lang={s.language}>{a.alternative}</span>
                  </p>
                  <p class="alt-why small">
                    <strong>{t('report.rr.why')}:</strong> {a.why}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <div class="span-2">
          <Transcript report={report} onRetry={retry} retrying={retrying} />
        </div>
      </div>
      <p>
        <a href={href({ name: 'scenarios' })}>← {t('report.back')}</a>
      </p>
    </div>
  );
}
