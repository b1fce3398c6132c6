import type { Scores } from '../../../server/rubric/scores-schema.ts';
import type { PractitionerCode, TalkSubtype } from '../api/types.ts';

// The report's scores as the views need them, from H2's Scores (server/rubric/scores-schema.ts,
// percentages 0–100 there). Views work with fractions 0–1 and thresholds next to each figure.

export type ReportScores = Scores;

export interface SummaryRow {
  key:
    | 'reflectionToQuestion'
    | 'percentComplexReflections'
    | 'percentOpenQuestions'
    | 'technical'
    | 'relational'
    | 'miAdherent'
    | 'miNonAdherent'
    | 'questions'
    | 'reflections';
  value: number | null;
  kind: 'ratio' | 'pct' | 'count' | 'global';
  fair?: number;
  good?: number;
}

export interface GlobalRow {
  key: string;
  value: number | null;
  reasons: string[];
}

export interface CtLink {
  practitionerTurn: number;
  clientTurn: number;
  code?: string;
  subtype?: TalkSubtype | null;
}

export interface CodeRate {
  code: string;
  count: number;
  followedByChange: number;
  rate: number | null;
}

export interface OverallPartRow {
  name: Scores['overallParts'][number]['name'];
  /** 0–1, 1 is best. */
  value: number;
  role: 'weighted' | 'factor';
  weight: number | null;
}

export interface NormalizedScores {
  overall: number | null;
  /** What `overall` is made of (server/rubric/README.md, "Scores"), so the report can explain it. */
  overallParts: OverallPartRow[];
  /** The weighted mean of the weighted parts (0–1), as the server computed it. */
  overallQuality: number;
  summary: SummaryRow[];
  counts: Partial<Record<PractitionerCode, number>>;
  globals: GlobalRow[];
  changeTalk: number;
  sustainTalk: number;
  percentChangeTalk: number | null;
  darn: Partial<Record<TalkSubtype, number>>;
  links: CtLink[];
  rates: CodeRate[];
  /** Cumulative %CT (0–1) after each client turn, in order. */
  series: (number | null)[];
}

const frac = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v / 100);
const thresholds = (f: { fair: number | null; good: number | null }, scale = 1) => ({
  ...(f.fair === null ? {} : { fair: f.fair * scale }),
  ...(f.good === null ? {} : { good: f.good * scale }),
});

export function normalizeScores(s: Scores): NormalizedScores {
  const m = s.miti;
  const summary: SummaryRow[] = [
    { key: 'reflectionToQuestion', value: m.reflectionToQuestion.value, kind: 'ratio', ...thresholds(m.reflectionToQuestion) },
    {
      key: 'percentComplexReflections',
      value: frac(m.percentComplexReflections.value),
      kind: 'pct',
      ...thresholds(m.percentComplexReflections, 0.01),
    },
    {
      key: 'percentOpenQuestions',
      value: frac(m.percentOpenQuestions.value),
      kind: 'pct',
      ...thresholds(m.percentOpenQuestions, 0.01),
    },
    { key: 'technical', value: m.technical.value, kind: 'global', ...thresholds(m.technical) },
    { key: 'relational', value: m.relational.value, kind: 'global', ...thresholds(m.relational) },
    { key: 'miAdherent', value: m.miAdherent, kind: 'count' },
    { key: 'miNonAdherent', value: m.miNonAdherent, kind: 'count' },
    { key: 'questions', value: m.questions, kind: 'count' },
    { key: 'reflections', value: m.reflections, kind: 'count' },
  ];
  const globals: GlobalRow[] = (['cultivatingChangeTalk', 'softeningSustainTalk', 'partnership', 'empathy'] as const).map(
    (key) => ({ key, value: s.globals[key].value, reasons: s.globals[key].reasons }),
  );
  const ct = s.changeTalk;
  return {
    overall: s.overall,
    overallParts: s.overallParts.map((p) => ({ name: p.name, value: p.value, role: p.role, weight: p.weight })),
    overallQuality: s.overallQuality,
    summary,
    counts: s.counts,
    globals,
    changeTalk: ct.changeTalk,
    sustainTalk: ct.sustainTalk,
    percentChangeTalk: frac(ct.percentChangeTalk),
    darn: ct.darnCat.change,
    links: ct.links.map((l) => ({ practitionerTurn: l.practitionerTurn, clientTurn: l.clientTurn, code: l.code, subtype: l.subtype })),
    rates: ct.followRates.map((r) => ({ code: r.code, count: r.answered, followedByChange: r.changeTalk, rate: r.rate })),
    series: ct.series.map((p) => frac(p.percentChangeTalk)),
  };
}
