import { describe, expect, it } from 'vitest';
import { fillCodeUnits } from '../../server/rubric/char-code.ts';
import { KeyGate } from '../../server/rubric/required-keys.ts';
import { contentKeysIn, wordKey, wordKeyText, type WordKey } from '../../server/rubric/turn-context.ts';

// Speed-only helpers: the overlap condition compares content words as WordKeys (numbers for ASCII
// keys), and the key gate lists the pieces that pass per rule. Both must give exactly what the
// plain versions give.

function keysOf(text: string, stopwords: ReadonlySet<string>): WordKey[] {
  const codes = fillCodeUnits(text, new Uint16Array(text.length));
  return [...contentKeysIn(text, codes, 0, text.length, stopwords, new Set())];
}

/** The content words the plain way: words of [\p{L}\p{N}'] of three units or more, not stopwords, by wordKey. */
function plainWords(text: string, stopwords: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const w of text.match(/[\p{L}\p{N}']+/gu) ?? []) if (w.length >= 3 && !stopwords.has(w)) out.add(wordKey(w));
  return [...out];
}

describe('WordKey', () => {
  const stop = new Set(['the', 'you', "don't", 'something', 'because', 'één']);

  it.each([
    'you and the knee',
    'something somethings because becausey',
    "don't don'ts you're",
    'walking walked walks wal',
    'Drinking drinking DRINKING 2024 abc12',
    'één keer een patiënt met pijn',
    "zo'n knie ''' x'y'z",
  ])('gives the words of %j as the plain scan does', (text) => {
    const keys = keysOf(text, stop);
    expect(keys.map(wordKeyText)).toEqual(plainWords(text, stop));
  });

  it('is a number for an ASCII key and the key itself otherwise', () => {
    expect(typeof keysOf('knee', stop)[0]).toBe('number');
    expect(keysOf('patiënt', stop)).toEqual(['patië']);
  });

  it('gives different keys to different words and the same to words sharing five characters', () => {
    expect(keysOf('drinking drinks', stop)).toHaveLength(1);
    expect(keysOf('drinking drinks drank', stop).map(wordKeyText)).toEqual(['drink', 'drank']);
    expect(keysOf("aaa aab aba baa a'a 0aa Aaa aaaa", stop)).toHaveLength(8);
  });
});

describe('KeyGate owner lists', () => {
  it('lists, per owner, the pieces whose every clause holds', () => {
    const gate = new KeyGate();
    const rule = gate.owner(0);
    const quit = gate.register([['qui', 'sto'], ['smo']], rule);
    const cut = gate.register([['cut']], rule);
    const listed = () => {
      const out: number[] = [];
      for (let p = gate.firstOf(rule); p >= 0; p = gate.nextOf(p)) out.push(p);
      return out.sort();
    };
    gate.load('i want to quit smoking');
    expect(listed()).toEqual([quit]);
    gate.load('i cut down, then stopped smoking');
    expect(listed()).toEqual([quit, cut].sort());
    gate.load('i want to quit drinking');
    expect(listed()).toEqual([]);
  });

  it('loads one group only when asked, and then answers for the other group conservatively', () => {
    const gate = new KeyGate();
    const practitioner = gate.owner(0);
    const client = gate.owner(1);
    const p = gate.register([['sto']], practitioner);
    const c = gate.register([['sto']], client);
    const text = 'stop';
    const codes = fillCodeUnits(text, new Uint16Array(text.length));
    gate.loadCodes(codes, 0, text.length, 1);
    expect(gate.firstOf(client)).toBe(c);
    expect(gate.firstOf(practitioner)).toBe(-1);
    // A piece of a group that was not loaded may always run.
    expect(gate.passes(p)).toBe(true);
    gate.loadCodes(codes, 0, 0, 1);
    expect(gate.passes(c)).toBe(false);
    expect(gate.firstOf(client)).toBe(-1);
  });
});
