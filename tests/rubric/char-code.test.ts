import { describe, expect, it } from 'vitest';
import { codeAt, fillCodeUnits, isSpaceCode, letterOrDigitLength, letterOrDigitLengthIn, startsWithAt } from '../../server/rubric/char-code.ts';

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

describe('fillCodeUnits', () => {
  const units = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
  // Two-byte in memory but ASCII in content (a curly quote replaced), a lone surrogate, a letter
  // beyond the Basic Multilingual Plane, Latin-1 letters: the copy must not depend on the encoder.
  const more: [string, string][] = [
    ['two-byte with ASCII content', 'it’s fine'.replace('’', "'")],
    ['lone surrogate', 'ab\ud800cd'],
    ['beyond the BMP', 'x𝐀y😀'],
    ['Latin-1', 'patiënt, café, hè'],
    ['non-ASCII at the end', 'so you feel – '],
  ];

  it.each([...forms, ...more])('copies the code units of a %s string', (_, s) => {
    const out = fillCodeUnits(s, new Uint16Array(64));
    expect(Array.from(out.subarray(0, s.length))).toEqual(units(s));
  });

  it('fills the given array when it is long enough, and a longer one when not', () => {
    const into = new Uint16Array(8);
    expect(fillCodeUnits('so you', into)).toBe(into);
    const text = 'you want to walk again without the knee holding you back';
    const grown = fillCodeUnits(text, into);
    expect(grown).not.toBe(into);
    expect(Array.from(grown.subarray(0, text.length))).toEqual(units(text));
    // Longer than anything before it (the encoder's buffer grows too), ASCII and not.
    for (const big of ['ab '.repeat(5000), 'ë '.repeat(5000)]) {
      expect(Array.from(fillCodeUnits(big, grown).subarray(0, big.length))).toEqual(units(big));
    }
  });

  it('letterOrDigitLengthIn answers as letterOrDigitLength does', () => {
    const s = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).join('') + '𝐀𝟙😀';
    const codes = fillCodeUnits(s, new Uint16Array(0));
    const differing: number[] = [];
    for (let i = 0; i < s.length; i++) if (letterOrDigitLengthIn(codes, s, i) !== letterOrDigitLength(s, i)) differing.push(i);
    expect(differing).toEqual([]);
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
