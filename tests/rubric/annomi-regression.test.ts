import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateAnnotated, readAnnotatedCsv } from '../../server/cli/commands/eval-command.ts';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { ANNOMI_DEV, hasAnnomi } from '../helpers/requirements.ts';
import baseline from './annomi-baseline.json' with { type: 'json' };

// The figures we report (annomi-baseline.json, also quoted in the README) must keep holding: a
// rule change that costs more than 0.02 macro-F1 on the AnnoMI development set fails here.

const TOLERANCE = 0.02;

describe.runIf(hasAnnomi())('AnnoMI dev-set regression', () => {
  const report = evaluateAnnotated(readAnnotatedCsv(readFileSync(ANNOMI_DEV, 'utf8'), ANNOMI_DEV), {
    rubric: loadRubrics(),
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
});
