import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateAnnotated, overallScorer, readAnnotatedCsv } from '../../server/cli/commands/eval-command.ts';
import type { EvaluationReport } from '../../server/rubric/evaluate.ts';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { ANNOMI_DEV, hasAnnomi } from '../helpers/requirements.ts';
import baseline from './annomi-baseline.json' with { type: 'json' };

// The figures we report (annomi-baseline.json, also quoted in the README) must keep holding: a
// rule change that costs more than 0.02 macro-F1 on the AnnoMI development set fails here.

const TOLERANCE = 0.02;

describe.runIf(hasAnnomi())('AnnoMI dev-set regression', () => {
  // Read in beforeAll, not while the suite is collected: vitest collects a skipped suite too, and a
  // machine without ../shared must see the skip notice, not a missing-file error.
  let report: EvaluationReport;
  beforeAll(() => {
    report = evaluateAnnotated(readAnnotatedCsv(readFileSync(ANNOMI_DEV, 'utf8'), ANNOMI_DEV), {
      rubric: loadRubrics(),
      scorer: overallScorer,
    });
  });

  it('codes every row of the dev set', () => {
    expect(report.conversations).toBe(baseline.conversations);
    expect(report.therapist.n + report.client.n).toBe(baseline.rows);
  });

  it(`keeps therapist main-behaviour macro-F1 within ${TOLERANCE} of ${baseline.therapistMacroF1}`, () => {
    expect(report.therapist.macroF1).toBeGreaterThanOrEqual(baseline.therapistMacroF1 - TOLERANCE);
  });

  it(`keeps client talk-type macro-F1 within ${TOLERANCE} of ${baseline.clientMacroF1}`, () => {
    expect(report.client.macroF1).toBeGreaterThanOrEqual(baseline.clientMacroF1 - TOLERANCE);
  });

  // The other figures the README reports hold to the same tolerance.
  it.each([
    ['therapist kappa', () => report.therapist.kappa, baseline.therapistKappa],
    ['therapist accuracy', () => report.therapist.accuracy, baseline.therapistAccuracy],
    ['client kappa', () => report.client.kappa, baseline.clientKappa],
    ['client accuracy', () => report.client.accuracy, baseline.clientAccuracy],
    ['open/closed accuracy', () => report.openClosed.accuracy, baseline.openClosedAccuracy],
    ['open/closed accuracy within the family', () => report.openClosed.conditionalAccuracy, baseline.openClosedAccuracyWhenBothQuestion],
    ['simple/complex accuracy', () => report.simpleComplex.accuracy, baseline.simpleComplexAccuracy],
    ['simple/complex accuracy within the family', () => report.simpleComplex.conditionalAccuracy, baseline.simpleComplexAccuracyWhenBothReflection],
    ['AUC of overall', () => report.auc ?? 0, baseline.aucOverall],
  ])(`keeps %s within ${TOLERANCE} of the baseline`, (_name, value, reported) => {
    expect(value()).toBeGreaterThanOrEqual(reported - TOLERANCE);
  });
});
