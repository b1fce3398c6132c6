import { describe, expect, it } from 'vitest';
import { codeAt, isSpaceCode, letterOrDigitLength, startsWithAt } from '../../server/rubric/char-code.ts';

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

describe('isSpaceCode and letterOrDigitLength', () => {
  // Every code unit of the Basic Multilingual Plane, and a few letters and digits beyond it.
  const units = Array.from({ length: 0x10000 }, (_, c) => c);

  it('isSpaceCode answers as /\\s/ does for every code unit', () => {
    const differing = units.filter((c) => isSpaceCode(c) !== /\s/.test(String.fromCharCode(c)));
    expect(differing).toEqual([]);
  });

  it('letterOrDigitLength answers as /[\\p{L}\\p{N}]/u does, with the length of the code point', () => {
    const differing = units.filter((c) => {
      const ch = String.fromCharCode(c);
      return (letterOrDigitLength(ch, 0) === 1) !== /^[\p{L}\p{N}]$/u.test(ch);
    });
    expect(differing).toEqual([]);
    for (const ch of ['𝐀', '𝟙', '😀']) expect(letterOrDigitLength(`x${ch}`, 1)).toBe(/^[\p{L}\p{N}]$/u.test(ch) ? 2 : 0);
    expect(letterOrDigitLength('ab', 2)).toBe(0);
  });
});
