import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { ruleMatches } from '../../server/rubric/classify.ts';
import { compileRubric } from '../../server/rubric/compile-rubric.ts';
import { KeyGate, requiredKeys } from '../../server/rubric/required-keys.ts';

// The reader behind the required-keys gate: which words every match of a pattern must contain.
// Whatever it cannot be sure of must give no key (null), never a wrong one; pattern-pieces.test.ts
// checks the whole rubric against real text.

const sorted = (clauses: string[][] | null) => (clauses === null ? null : clauses.map((c) => [...c].sort()).sort());

describe('requiredKeys', () => {
  const cases: [string, string, boolean, string[][] | null][] = [
    ['a literal word after \\b', "\\beasy for you to say", false, [['eas'], ['for'], ['say']]],
    ['a choice gives one clause of all its words', '\\b(?:quit|stop|cut down)\\b', false, [['cut', 'qui', 'sto']]],
    ['a short word closed by punctuation', "\\bi'm fine", false, [['fin'], ['i'], ['m']]],
    ['a short word closed by what follows its group', '\\b(?:yes|no)\\?$', false, [['no', 'yes']]],
    ['a word whose end is open gives a key only from three letters', '\\b(?:do|does)(?:n\'t)? you', false, [['you']]],
    ['the end of a word after a stem', '\\blectur\\w*', false, [['lec']]],
    ['an optional word is not required', '\\b(?:really )?think\\b', false, [['thi']]],
    ['a word that may continue an earlier one is not a word start', 'think', false, null],
    ['unless the piece starts after white space', 'think about', true, [['abo'], ['thi']]],
    ['a repeated letter', '\\bhm+\\b', false, null],
    ['a digit run is no key', '\\b\\d+ units?\\b', false, [['uni']]],
    ['any character in between', '\\bwant\\b[^.?!]*\\bquit\\b', false, [['qui'], ['wan']]],
    ['a lookahead requires nothing', '\\b(?=stop)\\w+', false, null],
    ['one alternative without a key spoils the choice', '\\b(?:quit|[a-z]+ing)\\b', false, null],
    ['a top-level choice', '\\bquit\\b|\\bstop\\b', false, [['qui', 'sto']]],
    ['unicode escapes are not read', '\\bst\\u00f6p', false, null],
    ['a back-reference is opaque, later words still count', '\\b(\\w+) \\1 quit', false, [['qui']]],
    ['white space ends a short word as surely as one space', '\\b(?:je|u)\\s+(?:wil|kan)\\b', false, [['je', 'u'], ['kan', 'wil']]],
    ['an optional run after a word does not end it', '\\b(?:je|u)\\s*x', false, null],
  ];
  it.each(cases)('%s: %s', (_name, source, afterNonWord, expected) => {
    expect(sorted(requiredKeys(source, afterNonWord))).toEqual(sorted(expected));
  });

  it('keeps at most three clauses, the most selective ones', () => {
    const r = requiredKeys('\\bi want to stop smoking and drinking tonight')!;
    expect(r).toHaveLength(3);
    expect(r.flat()).not.toContain('i');
  });
});

describe('KeyGate', () => {
  it('lets a piece through only when every clause has one of its keys in the utterance', () => {
    const gate = new KeyGate();
    const both = gate.register([['qui', 'sto'], ['smo']]);
    const none = gate.register(null);
    gate.load('i want to quit smoking');
    expect(gate.passes(both)).toBe(true);
    expect(gate.passes(none)).toBe(true);
    gate.load('i want to quit drinking');
    expect(gate.passes(both)).toBe(false);
    gate.load('stopped. smoked!');
    expect(gate.passes(both)).toBe(true);
  });

  it('reads short keys as whole words only', () => {
    const gate = new KeyGate();
    const it2 = gate.register([['it']]);
    gate.load("it's hard");
    expect(gate.passes(it2)).toBe(true);
    gate.load('item');
    expect(gate.passes(it2)).toBe(false);
  });

  it('stays open for text with a character whose case folding reaches ASCII', () => {
    const gate = new KeyGate();
    const stop = gate.register([['sto']]);
    gate.load('\u017ftop');
    expect(gate.passes(stop)).toBe(true);
  });
});

describe('the gate in the compiled rubric', () => {
  const rubric = loadRubrics();

  it('guards most rules of both languages (else it would not be worth its cost)', () => {
    for (const language of ['en', 'nl'] as const) {
      const rules = [...rubric.languages[language].practitioner, ...rubric.languages[language].client];
      const gated = rules.filter((r) => r.gate >= 0 || [...r.afterLead, ...r.others].some((p) => p.gate >= 0));
      expect(gated.length / rules.length).toBeGreaterThan(0.5);
    }
  });

  it('never hides a match that case folding makes (a pattern with capitals is case-insensitive)', () => {
    const toy = compileRubric([
      {
        path: 'toy.yaml',
        data: {
          language: 'en',
          speaker: 'client',
          rules: [
            {
              id: 'en.change.toy',
              talk: 'change',
              subtype: 'desire',
              priority: 1,
              confidence: 0.5,
              patterns: ['\\bStop\\p{L}*'],
              explanation: 'toy',
              examples: ['I want to stop.'],
            },
          ],
        },
      },
    ]);
    const rule = toy.byId.get('en.change.toy')!;
    expect(rule.pattern.flags).toBe('iu');
    const norm = '\u017ftop now';
    expect(rule.pattern.test(norm)).toBe(true);
    expect(ruleMatches(rule, toy.languages.en, norm)).toBe(true);
    expect(ruleMatches(rule, toy.languages.en, 'go on')).toBe(false);
  });
});
