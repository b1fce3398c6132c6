import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript } from '../../server/rubric/index.ts';
import { scoreTranscript } from '../../server/rubric/score-transcript.ts';
import { parseCsv } from '../../server/transcripts/parse-csv.ts';
import { parseTranscriptFile } from '../../server/transcripts/parse-transcript-file.ts';
import { ANNOMI_DEV, hasAnnomi } from '../helpers/requirements.ts';

// Regression guard for `overall`: on the AnnoMI dev set, coded by the engine from speaker and
// text only, overall must rank the high-quality MI conversations above the low-quality ones
// (target AUC ≥ 0.95). The quality label is read only here, after coding and scoring.

/** Probability that a random high conversation scores above a random low one (ties count half). */
function auc(rows: readonly { high: boolean; score: number }[]): number {
  let wins = 0;
  let pairs = 0;
  for (const a of rows) {
    if (!a.high) continue;
    for (const b of rows) {
      if (b.high) continue;
      pairs++;
      wins += a.score > b.score ? 1 : a.score === b.score ? 0.5 : 0;
    }
  }
  return pairs ? wins / pairs : NaN;
}

describe.skipIf(!hasAnnomi())('overall on the AnnoMI dev set', () => {
  it('separates high from low MI quality with AUC ≥ 0.95 using the engine codes', () => {
    const rubric = loadRubrics();
    const records = parseCsv(readFileSync(ANNOMI_DEV, 'utf8'));
    const header = records[0]!.fields;
    const idCol = header.indexOf('transcript_id');
    const qCol = header.indexOf('mi_quality');
    const quality = new Map(records.slice(1).map((r) => [r.fields[idCol]!, r.fields[qCol]!]));
    const rows = parseTranscriptFile(ANNOMI_DEV).map((c) => {
      const input = c.turns.map((t) => ({ speaker: t.speaker, text: t.text }));
      const coded = codeTranscript(input, { rubric, language: 'en' });
      return { high: quality.get(c.id) === 'high', score: scoreTranscript(coded.turns, { language: 'en' }).overall };
    });
    expect(rows).toHaveLength(51);
    const value = auc(rows);
    process.stderr.write(`\n[kier tests] AUC of overall on AnnoMI dev: ${value.toFixed(3)}\n`);
    expect(value).toBeGreaterThanOrEqual(0.95);
  });
});

describe('auc', () => {
  it.each([
    [[{ high: true, score: 2 }, { high: false, score: 1 }], 1],
    [[{ high: true, score: 1 }, { high: false, score: 2 }], 0],
    [[{ high: true, score: 1 }, { high: false, score: 1 }], 0.5],
    [[{ high: true, score: 3 }, { high: true, score: 1 }, { high: false, score: 2 }], 0.5],
  ])('computes %j as %d', (rows, expected) => {
    expect(auc(rows)).toBe(expected);
  });
});
