import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fillCodeUnits } from '../../server/rubric/char-code.ts';
import { normalize, segment } from '../../server/rubric/index.ts';
import { contentWords, contentWordsIn, countWords, countWordsIn } from '../../server/rubric/turn-context.ts';
import { parseTranscriptFile } from '../../server/transcripts/parse-transcript-file.ts';
import { ANNOMI_DEV, hasAnnomi } from '../helpers/requirements.ts';

// The word counts and content words behind the `words`, `turnWords` and `overlap` conditions.
// Coding reads them from the span of the turn's code units rather than from each utterance's own
// string (see fillCodeUnits); both must give the same answer.

const stop = new Set(['the', 'and', 'you', 'het', 'een', 'dat']);

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['so', 1],
    ['so you feel stuck', 4],
    ['  so\tyou\nfeel\r\nstuck  ', 4],
    ['so\u00a0you', 2],
    ["it's - well, hard", 4],
    ['zo’n knie, hè?', 3],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

describe('contentWords', () => {
  it.each([
    ['you and the knee', ['knee']],
    ['drinking drinks', ['drink']],
    ['it is so', []],
    ["don't you worry", ["don't", 'worry']],
    ['het is een patiënt met pijn', ['patië', 'met', 'pijn']],
    ['zo’n knie, hè?', ["zo'n", 'knie']],
    // The stem is five code units, even where that cuts a letter beyond the BMP in two.
    ['run 𝐀𝐀𝐀 far', ['run', '𝐀𝐀𝐀'.slice(0, 5), 'far']],
    ['12345 steps', ['12345', 'steps']],
  ])('%j has the content words %j', (text, words) => {
    expect([...contentWords(normalize(text), stop, new Set())]).toEqual(words);
  });
});

// Every utterance of the rule examples, our fixture transcripts, the AnnoMI development set where
// it is present, and texts built to stress the span: doubled spaces, non-ASCII letters, letters
// beyond the BMP, stutters and notes blanked by normalize.
const texts: string[] = [
  'so  you   feel stuck.  and then?',
  'Zo’n knie… hè? Ja. Patiënt voelt   pijn.',
  'I-I-I want to stop. [laughs] It is hard.',
  'Run 𝐀𝐀𝐀. far 😀 away',
  '\tTabs\tand\nnew lines. In\u00a0between',
  'ab\ud800. cd',
];
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/transcripts');
const files = readdirSync(fixtures)
  .filter((f) => !f.startsWith('bad-') && f !== 'README.md')
  .map((f) => path.join(fixtures, f));
if (hasAnnomi()) files.push(ANNOMI_DEV);
for (const f of files) for (const c of parseTranscriptFile(f)) for (const t of c.turns) texts.push(t.text);

describe('counting on a span of the turn', () => {
  it('gives the words and content words of each utterance on its own', () => {
    const differing: string[] = [];
    let codes: Uint16Array = new Uint16Array(16);
    for (const text of texts) {
      const norm = normalize(text);
      codes = fillCodeUnits(norm, codes);
      for (const u of segment(norm)) {
        if (countWordsIn(codes, u.start, u.end) !== countWords(u.norm)) differing.push(`count: ${u.norm}`);
        const fromSpan = [...contentWordsIn(norm, codes, u.start, u.end, stop, new Set())];
        const own = [...contentWords(u.norm, stop, new Set())];
        if (fromSpan.join('|') !== own.join('|')) differing.push(`content: ${u.norm}`);
      }
    }
    expect(texts.length).toBeGreaterThan(100);
    expect(differing).toEqual([]);
  });

  it('ends a word where the span ends, even inside a letter beyond the BMP', () => {
    const s = 'walk 𝐀𝐀𝐀𝐀 far';
    const codes = fillCodeUnits(s, new Uint16Array(0));
    for (let to = 0; to <= s.length; to++) {
      expect([...contentWordsIn(s, codes, 0, to, stop, new Set())]).toEqual([...contentWords(s.slice(0, to), stop, new Set())]);
    }
  });
});
