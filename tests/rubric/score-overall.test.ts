import { describe, expect, it } from 'vitest';
import { MetersSchema } from '../../server/realtime/events.ts';
import { ScoresSchema, toMeters, toScoreSummary } from '../../server/rubric/scores-schema.ts';
import { scoreTranscript } from '../../server/rubric/score-transcript.ts';
import { C, conversation, P, type Row } from './score-fixtures.ts';

const score = (rows: Row[]) => scoreTranscript(conversation(rows), { language: 'en' });

const good: Row[] = [
  P('OQ'), C('neutral'), P('CR'), C('change', 'desire'), P('SR', 'OQ'), C('change', 'reasons'),
  P('AF', 'CR'), C('sustain', 'ability'), P('CR'), C('change', 'ability'), P('SEEK'), C('neutral'),
  P('SUM', 'OQ'), C('change', 'commitment'),
];
const poor: Row[] = [
  P('CQ'), C('neutral'), P('RR'), C('sustain', 'reasons'), P('CON'), C('sustain', 'ability'),
  P('GI'), C('neutral'), P('CQ'), C('neutral'), P('RR'), C('sustain', 'need'), P('SR'), C('neutral'),
];

describe('overall', () => {
  it('works out a mixed conversation by hand', () => {
    // miConsistency 3/4 = 0.75; evoking 3/5 = 0.6; R:Q 1 → 0.5; %CR 0; %CT 66.7 → 0.667;
    // globals ((1.5 + 3) / 2 − 1) / 4 = 0.3125. quality = 0.15 + 0.24 + 0.05 + 0 + 0.0667 + 0.03125
    // = 0.538; factor 1 − (1/5)/0.25 = 0.2 → overall round(10.76) = 11.
    const s = score([P('OQ'), C('neutral'), P('SR'), C('sustain'), P('RR'), C('change'), P('CQ'), C('change'), P('SR'), C('neutral')]);
    const parts = Object.fromEntries(s.overallParts.map((p) => [p.name, p.value]));
    expect(parts).toEqual({
      miConsistency: 0.75,
      evoking: 0.6,
      reflectionToQuestion: 0.5,
      complexReflections: 0,
      changeTalk: 0.667,
      globals: 0.3125,
      nonAdherence: 0.2,
    });
    expect(s.overall).toBe(11);
    expect(s.overallQuality).toBeCloseTo(0.538, 3);
  });

  it('reports the weighted mean it multiplies by the factor, so a reader (or the report) need not redo it', () => {
    for (const turns of [good, poor, [P('OQ'), C('neutral'), P('SR'), C('sustain'), P('RR'), C('change')]]) {
      const s = score(turns);
      const weighted = s.overallParts.filter((p) => p.role === 'weighted');
      const mean = weighted.reduce((a, p) => a + p.value * (p.weight ?? 0), 0);
      const factor = s.overallParts.find((p) => p.role === 'factor')!.value;
      expect(s.overallQuality).toBeCloseTo(mean, 3);
      expect(s.overall).toBe(Math.round(100 * s.overallQuality * factor));
    }
  });

  it('weights sum to 1 and the non-adherence part is a factor', () => {
    const parts = score(good).overallParts;
    const weights = parts.filter((p) => p.role === 'weighted').map((p) => p.weight ?? 0);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(parts.filter((p) => p.role === 'factor')).toEqual([{ name: 'nonAdherence', value: 1, role: 'factor', weight: null }]);
  });

  it('ranks good MI above poor MI', () => {
    const g = score(good).overall;
    const p = score(poor).overall;
    expect(g).toBeGreaterThan(70);
    expect(p).toBeLessThan(20);
  });

  it.each([
    ['one more unpermitted advice turn', P('RR')],
    ['one more confrontation', P('CON')],
    ['one more closed question', P('CQ')],
  ])('never rises with %s', (_name, extra) => {
    const before = score(good).overall;
    const after = score([...good, extra, C('neutral')]).overall;
    expect(after).toBeLessThan(before);
  });

  it('is 0 with no practitioner turns and always within 0–100', () => {
    expect(score([C('change')]).overall).toBe(0);
    for (const rows of [good, poor, [P('NC')], [P('RR'), P('CON')], [P('SUM')]]) {
      const o = score(rows).overall;
      expect(o).toBeGreaterThanOrEqual(0);
      expect(o).toBeLessThanOrEqual(100);
    }
  });

  it('four unpermitted advice turns in sixteen turns take the score to 0', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 12; i++) rows.push(P('CR'), C('change'));
    for (let i = 0; i < 4; i++) rows.push(P('RR'), C('neutral'));
    expect(score(rows).overall).toBe(0);
  });
});

describe('scores output', () => {
  it('validates against ScoresSchema and is deterministic', () => {
    const a = score(good);
    expect(ScoresSchema.parse(a)).toEqual(a);
    expect(score(good)).toEqual(a);
  });

  it('gives live meters that validate against the socket MetersSchema', () => {
    const s = score(good);
    const m = MetersSchema.parse(toMeters(s));
    expect(m).toEqual({
      reflectionToQuestion: s.miti.reflectionToQuestion.value,
      percentComplexReflections: s.miti.percentComplexReflections.value,
      percentChangeTalk: 80,
      practitionerTurns: 7,
    });
    expect(toScoreSummary(s).overall).toBe(s.overall);
  });
});
