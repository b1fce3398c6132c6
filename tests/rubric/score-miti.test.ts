import { describe, expect, it } from 'vitest';
import { scoreTranscript } from '../../server/rubric/score-transcript.ts';
import { levelOf } from '../../server/rubric/score-miti.ts';
import { C, conversation, P } from './score-fixtures.ts';

const score = (rows: Parameters<typeof conversation>[0]) => scoreTranscript(conversation(rows), { language: 'en' });

describe('MITI counts and summary figures', () => {
  it.each([
    {
      name: 'a mixed conversation: R:Q 1 is fair, %CR 66.7 is good',
      rows: [P('OQ'), C('neutral'), P('SR'), C('change'), P('CR', 'OQ'), C('change'), P('CQ'), C('sustain'), P('SUM'), C('change')],
      expected: {
        questions: 3, openQuestions: 2, closedQuestions: 1, reflections: 3, simpleReflections: 1, complexReflections: 2,
        rq: 1, rqLevel: 'fair', pcr: 66.7, pcrLevel: 'good', poq: 66.7,
      },
    },
    {
      name: 'several questions in one turn count as one question, open when any is open',
      rows: [P('OQ', 'CQ'), C('neutral'), P('SR'), C('neutral'), P('CR'), C('neutral')],
      expected: {
        questions: 1, openQuestions: 1, closedQuestions: 0, reflections: 2, simpleReflections: 1, complexReflections: 1,
        rq: 2, rqLevel: 'good', pcr: 50, pcrLevel: 'good', poq: 100,
      },
    },
    {
      name: 'only closed questions and simple reflections: both figures below',
      rows: [P('CQ'), C('neutral'), P('CQ'), C('neutral'), P('CQ'), C('neutral'), P('SR'), C('neutral'), P('SR'), C('neutral')],
      expected: {
        questions: 3, openQuestions: 0, closedQuestions: 3, reflections: 2, simpleReflections: 2, complexReflections: 0,
        rq: 0.67, rqLevel: 'below', pcr: 0, pcrLevel: 'below', poq: 0,
      },
    },
    {
      name: 'no questions and no reflections: ratios are null with no level',
      rows: [P('GI'), C('neutral'), P('AF'), C('change')],
      expected: {
        questions: 0, openQuestions: 0, closedQuestions: 0, reflections: 0, simpleReflections: 0, complexReflections: 0,
        rq: null, rqLevel: null, pcr: null, pcrLevel: null, poq: null,
      },
    },
    {
      name: 'a summary counts as a complex reflection; 2 of 5 complex is exactly fair',
      rows: [P('SUM'), P('CR'), P('SR'), P('SR'), P('SR'), P('OQ')],
      expected: {
        questions: 1, openQuestions: 1, closedQuestions: 0, reflections: 5, simpleReflections: 3, complexReflections: 2,
        rq: 5, rqLevel: 'good', pcr: 40, pcrLevel: 'fair', poq: 100,
      },
    },
  ])('$name', ({ rows, expected }) => {
    const m = score(rows).miti;
    expect({
      questions: m.questions, openQuestions: m.openQuestions, closedQuestions: m.closedQuestions,
      reflections: m.reflections, simpleReflections: m.simpleReflections, complexReflections: m.complexReflections,
      rq: m.reflectionToQuestion.value, rqLevel: m.reflectionToQuestion.level,
      pcr: m.percentComplexReflections.value, pcrLevel: m.percentComplexReflections.level,
      poq: m.percentOpenQuestions.value,
    }).toEqual(expected);
    expect(m.percentOpenQuestions.level).toBeNull();
  });

  it('carries the MITI 4.2.1 thresholds on every summary figure that has them', () => {
    const m = score([P('OQ'), C('neutral')]).miti;
    expect([m.reflectionToQuestion.fair, m.reflectionToQuestion.good]).toEqual([1, 2]);
    expect([m.percentComplexReflections.fair, m.percentComplexReflections.good]).toEqual([40, 50]);
    expect([m.technical.fair, m.technical.good]).toEqual([3, 4]);
    expect([m.relational.fair, m.relational.good]).toEqual([3.5, 4]);
    expect([m.percentOpenQuestions.fair, m.percentOpenQuestions.good]).toEqual([null, null]);
  });

  it('counts MI-adherent (AF+SEEK+AUTO) and MI-non-adherent (RR+CON) behaviours, PWP in neither', () => {
    const m = score([P('AF', 'OQ'), C('neutral'), P('SEEK'), C('neutral'), P('AUTO', 'PWP'), C('neutral'), P('RR'), C('sustain'), P('CON'), P('RR', 'CON')]).miti;
    expect(m.miAdherent).toBe(3);
    expect(m.miNonAdherent).toBe(4);
  });

  it('counts a code once per turn even when it appears in several utterances', () => {
    const s = score([P('SR', 'OQ', 'SR'), C('neutral'), P('GI', 'GI', 'GI')]);
    expect(s.counts.SR).toBe(1);
    expect(s.counts.GI).toBe(1);
    expect(s.counts.OQ).toBe(1);
    expect(s.practitionerTurns).toBe(2);
    expect(s.clientTurns).toBe(1);
  });

  it.each([
    [0.99, 'below'],
    [1, 'fair'],
    [1.99, 'fair'],
    [2, 'good'],
    [null, null],
  ] as const)('levels R:Q %s as %s (fair at 1, good at 2)', (value, level) => {
    expect(levelOf(value, 1, 2)).toBe(level);
  });
});
