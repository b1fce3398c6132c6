import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fillCodeUnits } from '../../server/rubric/char-code.ts';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript, codeTurn, normalize, segment, type TurnInput } from '../../server/rubric/index.ts';
import { contentKeysIn, countWords, countWordsIn, wordKeyText } from '../../server/rubric/turn-context.ts';
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

/** The content-word keys of s[from, to), as text, read from `codes` (the turn's code units). */
function contentWordsIn(s: string, codes: Uint16Array, from: number, to: number): string[] {
  return [...contentKeysIn(s, codes, from, to, stop, new Set())].map(wordKeyText);
}

/** The same for a string read on its own (not as a span of a longer turn). */
function contentWordsOf(s: string): string[] {
  return contentWordsIn(s, fillCodeUnits(s, new Uint16Array(0)), 0, s.length);
}

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
    expect(contentWordsOf(normalize(text))).toEqual(words);
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
for (const rule of loadRubrics(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../rubrics')).byId.values()) {
  for (const e of rule.source.examples) texts.push(typeof e === 'string' ? e : e.text);
}

describe('counting on a span of the turn', () => {
  it('gives the words and content words of each utterance on its own', () => {
    const differing: string[] = [];
    let codes: Uint16Array = new Uint16Array(16);
    for (const text of texts) {
      const norm = normalize(text);
      codes = fillCodeUnits(norm, codes);
      for (const u of segment(norm)) {
        if (countWordsIn(codes, u.start, u.end) !== countWords(u.norm)) differing.push(`count: ${u.norm}`);
        const fromSpan = contentWordsIn(norm, codes, u.start, u.end);
        const own = contentWordsOf(u.norm);
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
      expect(contentWordsIn(s, codes, 0, to)).toEqual(contentWordsOf(s.slice(0, to)));
    }
  });
});

describe('what a coded turn remembers for the turns after it', () => {
  const rubric = loadRubrics(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../rubrics'));
  const opts = { rubric, language: 'en' as const };
  const turns: TurnInput[] = [
    { speaker: 'client', text: 'I keep skipping my knee exercises because work is so busy.' },
    { speaker: 'practitioner', text: 'Work leaves little room for the knee exercises.' },
  ];

  it('is invisible: no extra keys, the same JSON, and a spread copy carries nothing over', () => {
    const { turns: coded } = codeTranscript(turns, opts);
    const first = coded[0]!;
    expect(Object.keys(first).sort()).toEqual(['codes', 'fallbackReason', 'index', 'primary', 'source', 'speaker', 'talk', 'talkHits', 'talkSubtype', 'text']);
    expect(JSON.parse(JSON.stringify(first))).toEqual({ ...first });
    expect(Object.getOwnPropertySymbols({ ...first })).toEqual([]);
  });

  it('codes the next turn as a fresh coding would, and follows a copy whose text differs', () => {
    const { turns: coded } = codeTranscript(turns, opts);
    const again = codeTurn([coded[0]!], turns[1]!, opts);
    expect(again).toEqual(coded[1]);
    // The same client turn with other words: the reflection no longer mirrors it.
    const other = { ...coded[0]!, text: 'My daughter plays hockey on Saturdays.' };
    const fresh = codeTurn([other], turns[1]!, opts);
    const fromScratch = codeTranscript([{ speaker: 'client', text: other.text }, turns[1]!], opts).turns[1]!;
    expect(fresh).toEqual(fromScratch);
  });

  it('still codes turns that cannot take new properties (frozen)', () => {
    const { turns: coded } = codeTranscript(turns, opts);
    const frozen = Object.freeze({ ...coded[0]! });
    expect(codeTurn([frozen], turns[1]!, opts)).toEqual(coded[1]);
  });
});
