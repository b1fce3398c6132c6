import { describe, expect, it } from 'vitest';
import { codeAt, startsWithAt } from '../../server/rubric/char-code.ts';

// The scanners read strings of every internal form through these two helpers; they must answer
// exactly as the string methods do, whatever the form.
const long = 'so, you feel the knee is holding you back – and that worries you';
const forms: [string, string][] = [
  ['flat one-byte', 'so you feel stuck'],
  ['two-byte', 'zo’n knie, hè?'],
  ['sliced', long.slice(4, 40)],
  ['joined', ['so ', 'you ', 'wonder'].join('')],
  ['concatenated', `${long.slice(0, 10)}${'x'.repeat(20)}`],
  ['empty', ''],
];

describe('codeAt', () => {
  it.each(forms)('reads a %s string as charCodeAt does', (_, s) => {
    for (let i = -1; i <= s.length; i++) expect(Object.is(codeAt(s, i), s.charCodeAt(i))).toBe(true);
  });
});

describe('startsWithAt', () => {
  it.each(forms)('answers a %s string as startsWith does', (_, s) => {
    for (let i = 0; i <= s.length; i++) {
      for (const part of ['', 'so', 'you', s.slice(i, i + 3), 'zzz']) expect(startsWithAt(s, part, i)).toBe(s.startsWith(part, i));
    }
  });
});
