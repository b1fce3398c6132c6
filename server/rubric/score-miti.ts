import type { CodedTurn, PractitionerCode } from './schemas.ts';
import { PRACTITIONER_CODES } from './schemas.ts';
import type { CodeCounts, Level, Miti, MitiFigure } from './scores-schema.ts';

// MITI 4.2.1 behaviour counts and summary figures from coded turns.
// Counting unit: the practitioner turn. A code counts at most once per turn, so several questions
// asked in one breath count as one question (the manual's rule for successive questions) and a
// reflection spread over two sentences is one reflection. Summaries count as complex reflections.

/** MITI 4.2.1 thresholds (fair, good). %OQ has none in MITI 4. */
export const MITI_THRESHOLDS = {
  reflectionToQuestion: { fair: 1, good: 2 },
  percentComplexReflections: { fair: 40, good: 50 },
  technical: { fair: 3, good: 4 },
  relational: { fair: 3.5, good: 4 },
} as const;

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function levelOf(value: number | null, fair: number | null, good: number | null): Level | null {
  if (value === null || fair === null || good === null) return null;
  if (value >= good) return 'good';
  if (value >= fair) return 'fair';
  return 'below';
}

export function figure(value: number | null, thresholds: { fair: number; good: number } | null): MitiFigure {
  const fair = thresholds?.fair ?? null;
  const good = thresholds?.good ?? null;
  return { value, fair, good, level: levelOf(value, fair, good) };
}

/** The set of codes each practitioner turn carries. */
export function turnCodeSets(turns: readonly CodedTurn[]): Set<PractitionerCode>[] {
  const sets: Set<PractitionerCode>[] = [];
  for (const t of turns) {
    if (t.speaker !== 'practitioner') continue;
    const s = new Set<PractitionerCode>();
    for (const c of t.codes) s.add(c.code);
    if (s.size === 0) s.add(t.primary ?? 'NC');
    sets.push(s);
  }
  return sets;
}

export function countCodes(sets: readonly Set<PractitionerCode>[]): CodeCounts {
  const counts = Object.fromEntries(PRACTITIONER_CODES.map((c) => [c, 0])) as CodeCounts;
  for (const s of sets) for (const c of s) counts[c]++;
  return counts;
}

/** Counts and summary figures; the technical and relational globals are computed elsewhere. */
export function scoreMiti(
  sets: readonly Set<PractitionerCode>[],
  counts: CodeCounts,
  globals: { technical: number; relational: number },
): Miti {
  let questions = 0;
  let openQuestions = 0;
  let reflections = 0;
  let complexReflections = 0;
  for (const s of sets) {
    if (s.has('OQ') || s.has('CQ')) {
      questions++;
      if (s.has('OQ')) openQuestions++;
    }
    if (s.has('SR') || s.has('CR') || s.has('SUM')) {
      reflections++;
      if (s.has('CR') || s.has('SUM')) complexReflections++;
    }
  }
  const rq = questions > 0 ? round(reflections / questions, 2) : null;
  const pcr = reflections > 0 ? round((100 * complexReflections) / reflections, 1) : null;
  const poq = questions > 0 ? round((100 * openQuestions) / questions, 1) : null;
  return {
    questions,
    openQuestions,
    closedQuestions: questions - openQuestions,
    reflections,
    simpleReflections: reflections - complexReflections,
    complexReflections,
    miAdherent: counts.AF + counts.SEEK + counts.AUTO,
    miNonAdherent: counts.RR + counts.CON,
    reflectionToQuestion: figure(rq, MITI_THRESHOLDS.reflectionToQuestion),
    percentComplexReflections: figure(pcr, MITI_THRESHOLDS.percentComplexReflections),
    percentOpenQuestions: figure(poq, null),
    technical: figure(globals.technical, MITI_THRESHOLDS.technical),
    relational: figure(globals.relational, MITI_THRESHOLDS.relational),
  };
}
