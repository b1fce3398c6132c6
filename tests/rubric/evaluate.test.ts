import { describe, expect, it } from 'vitest';
import {
  accuracy,
  auc,
  classificationReport,
  cohensKappa,
  evaluateCoding,
  mainBehaviour,
  type EvaluatedConversation,
} from '../../server/rubric/evaluate.ts';
import { PRACTITIONER_CODES } from '../../server/rubric/index.ts';

// Hand-computed cases: every expected figure below was worked out on paper from the inputs.

describe('classificationReport', () => {
  // gold:      a a a b b c
  // predicted: a a b b c c
  // a: tp 2, predicted 2, support 3 -> P 1, R 2/3, F1 0.8
  // b: tp 1, predicted 2, support 2 -> P 0.5, R 0.5, F1 0.5
  // c: tp 1, predicted 2, support 1 -> P 0.5, R 1, F1 2/3
  const r = classificationReport(['a', 'a', 'a', 'b', 'b', 'c'], ['a', 'a', 'b', 'b', 'c', 'c'], ['a', 'b', 'c']);

  it('computes precision, recall and F1 per class', () => {
    expect(r.perClass.map((c) => [c.label, c.precision, c.recall, c.f1, c.support])).toEqual([
      ['a', 1, 2 / 3, 0.8, 3],
      ['b', 0.5, 0.5, 0.5, 2],
      ['c', 0.5, 1, 2 / 3, 1],
    ]);
  });

  it('averages F1 over classes for macro-F1 and counts accuracy', () => {
    expect(r.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
    expect(r.accuracy).toBeCloseTo(4 / 6, 12);
  });

  it('builds the confusion matrix with gold in rows', () => {
    expect(r.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('leaves classes absent from the gold labels out of macro-F1', () => {
    const x = classificationReport(['a', 'a'], ['a', 'b'], ['a', 'b']);
    // a: P 1, R 0.5, F1 2/3; b has no support and does not count.
    expect(x.macroF1).toBeCloseTo(2 / 3, 12);
  });

  it('adds labels it was not told about instead of dropping rows', () => {
    const x = classificationReport(['a', 'z'], ['a', 'a'], ['a']);
    expect(x.labels).toEqual(['a', 'z']);
    expect(x.n).toBe(2);
  });

  it('rejects gold and predicted lists of different length', () => {
    expect(() => classificationReport(['a'], [])).toThrow(/length/);
  });
});

describe('cohensKappa', () => {
  it('matches a hand-computed 2x2 case', () => {
    // po = (20 + 15) / 50 = 0.7; rows 25/25, cols 30/20 -> pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa 0.4
    expect(cohensKappa([
      [20, 5],
      [10, 15],
    ])).toBeCloseTo(0.4, 12);
  });

  it('is 1 for perfect agreement and 0 for chance-level agreement', () => {
    expect(cohensKappa([
      [3, 0],
      [0, 7],
    ])).toBe(1);
    expect(cohensKappa([
      [25, 25],
      [25, 25],
    ])).toBe(0);
  });
});

describe('auc', () => {
  it('counts the share of positive-negative pairs ranked right, ties as half', () => {
    // pairs: (3,1) win, (3,2) win, (2,1) win, (2,2) tie -> 3.5 / 4
    expect(auc([3, 2], [1, 2])).toBeCloseTo(0.875, 12);
  });

  it('is null when one group is empty', () => {
    expect(auc([], [1])).toBeNull();
    expect(auc([1], [])).toBeNull();
  });
});

describe('accuracy', () => {
  it('counts matching positions', () => {
    expect(accuracy(['open', 'closed', 'open'], ['open', 'open', 'open'])).toEqual({ n: 3, correct: 2, accuracy: 2 / 3 });
  });
});

describe('mainBehaviour', () => {
  it.each([
    ['OQ', 'question'],
    ['CQ', 'question'],
    ['SR', 'reflection'],
    ['CR', 'reflection'],
    ['SUM', 'reflection'],
    ['GI', 'therapist_input'],
    ['PWP', 'therapist_input'],
    ['RR', 'therapist_input'],
    ['CON', 'therapist_input'],
    ['AF', 'other'],
    ['SEEK', 'other'],
    ['AUTO', 'other'],
    ['NC', 'other'],
  ] as const)('maps %s to %s', (code, group) => {
    expect(mainBehaviour(code)).toBe(group);
  });

  it('maps every practitioner code', () => {
    for (const c of PRACTITIONER_CODES) expect(mainBehaviour(c)).toBeTruthy();
  });
});

describe('evaluateCoding', () => {
  const none = { questionSubtype: null, reflectionSubtype: null, talk: null } as const;
  const conv = (id: string, quality: 'high' | 'low', overall: number | null): EvaluatedConversation => ({
    id,
    quality,
    overall,
    rows: [
      { speaker: 'practitioner', gold: { ...none, main: 'question', questionSubtype: 'open' }, predicted: { primary: 'OQ', codes: ['OQ'], talk: null } },
      { speaker: 'practitioner', gold: { ...none, main: 'question', questionSubtype: 'closed' }, predicted: { primary: 'OQ', codes: ['OQ'], talk: null } },
      // Primary is a reflection, but the turn also holds a closed question: strict accuracy uses it.
      { speaker: 'practitioner', gold: { ...none, main: 'question', questionSubtype: 'closed' }, predicted: { primary: 'SR', codes: ['SR', 'CQ'], talk: null } },
      { speaker: 'practitioner', gold: { ...none, main: 'reflection', reflectionSubtype: 'complex' }, predicted: { primary: 'SUM', codes: ['SUM'], talk: null } },
      { speaker: 'client', gold: { main: null, questionSubtype: null, reflectionSubtype: null, talk: 'change' }, predicted: { primary: null, codes: [], talk: 'change' } },
      { speaker: 'client', gold: { main: null, questionSubtype: null, reflectionSubtype: null, talk: 'sustain' }, predicted: { primary: null, codes: [], talk: 'neutral' } },
    ],
  });

  it('scores therapist rows by primary, client rows by talk type', () => {
    const r = evaluateCoding([conv('1', 'high', null)]);
    expect(r.therapist.n).toBe(4);
    expect(r.therapist.accuracy).toBeCloseTo(3 / 4, 12);
    expect(r.client.n).toBe(2);
    expect(r.client.accuracy).toBeCloseTo(1 / 2, 12);
  });

  it('reports open/closed over all gold questions and over those also coded as questions', () => {
    const r = evaluateCoding([conv('1', 'high', null)]);
    expect(r.openClosed).toEqual({ n: 3, accuracy: 2 / 3, conditionalN: 2, conditionalAccuracy: 1 / 2 });
    expect(r.simpleComplex).toEqual({ n: 1, accuracy: 1, conditionalN: 1, conditionalAccuracy: 1 });
  });

  it('gives the AUC of overall for high against low quality when scores exist', () => {
    const r = evaluateCoding([conv('1', 'high', 80), conv('2', 'high', 40), conv('3', 'low', 50)]);
    expect(r.auc).toBeCloseTo(0.5, 12);
    expect(r.aucNote).toBeNull();
  });

  it('says why the AUC is unavailable when there are no scores', () => {
    const r = evaluateCoding([conv('1', 'high', null)], 'no scorer');
    expect(r.auc).toBeNull();
    expect(r.aucNote).toBe('no scorer');
  });
});
