import { describe, expect, it } from 'vitest';
import { normalize, segment } from '../../server/rubric/index.ts';

const parts = (text: string) => segment(normalize(text)).map((u) => text.slice(u.start, u.end));

describe('normalize', () => {
  it.each([
    ['It’s “fine”', "it's \"fine\""],
    ['A\u00a0B\tC', 'a b c'],
    ['I-I-I don’t know', "    i don't know"],
    ['So [laughs] yes', 'so          yes'],
    ['a well-known re-run', 'a well-known re-run'],
  ])('turns %j into %j, keeping the length', (input, output) => {
    expect(normalize(input)).toBe(output);
    expect(normalize(input)).toHaveLength(input.length);
  });
});

describe('segment', () => {
  it.each([
    ['Okay. So you feel stuck. What would help?', ['Okay.', 'So you feel stuck.', 'What would help?']],
    ['Mm-hmm.', ['Mm-hmm.']],
    ['Dr. Jones said so. Right?', ['Dr. Jones said so.', 'Right?']],
    ['I was going to-- Never mind.', ['I was going to', 'Never mind.']],
    ['Um, what happened next?', ['what happened next?']],
    ['Er is niets veranderd.', ['Er is niets veranderd.']],
    ['2.5 kilos, I think.', ['2.5 kilos, I think.']],
    ['   ', []],
  ])('splits %j into thought units', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it('gives spans that point into the original text', () => {
    const text = '“Well.” You’re tired!';
    for (const u of segment(normalize(text))) expect(normalize(text.slice(u.start, u.end))).toBe(u.norm);
  });
});
