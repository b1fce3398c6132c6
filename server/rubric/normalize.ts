import { codeAt, isSpaceCode } from './char-code.ts';
// Stage 1 of 4 (normalize → segment → classify → resolve). Normalising first lets every rule be
// written once in lower case with straight quotes. The mapping is length-preserving, so offsets
// in the normalised text are offsets in the original turn text: spans need no translation.

const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '`': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  '\t': ' ',
  '\n': ' ',
  '\r': ' ',
  '\u2026': '.',
};

const NEEDS_REPLACING = /[\u2018\u2019\u201a\u201b\u2032`\u201c\u201d\u201e\u2013\u2014\u2212\u00a0\t\n\r\u2026]/g;

// Spoken transcripts stutter ("i-i-i don't", "it- it's"): the repeated start is blanked so rules
// see "i don't". Blanking with spaces keeps the length. Exported for the test that checks
// blankStutters against a plain global replace with it.
export const STUTTER = /\b([\p{L}']{1,12})-\s?(?=\1)/gu;
// The same expression, tried only at the places a stutter can start (see blankStutters).
const STUTTER_AT = new RegExp(STUTTER.source, 'uy');
/** Twelve letters, each up to two UTF-16 units: how far before a dash a stutter can start. */
const STUTTER_REACH = 24;
// Transcriber notes ("[inaudible 00:01:02]", "[laughs]") are not speech: blanked the same way.
const NOTE = /\[[^\]]{0,60}\]/g;

function wordy(c: number): boolean {
  // ASCII letters and the apostrophe, or anything beyond ASCII (left to the real expression).
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c >= 128;
}

/**
 * `s.replace(STUTTER, blanks)`, without scanning the whole text: a stutter ends in a dash and
 * starts in the run of letters right before it, so the expression runs only there (sticky), in
 * the order a global replace would find the matches.
 */
export function blankStutters(s: string): string {
  let out = '';
  let copied = 0;
  // A global replace goes on after the end of each match.
  let from = 0;
  const n = s.length;
  for (let dash = s.indexOf('-'); dash >= 0; dash = s.indexOf('-', dash + 1)) {
    if (dash < from) continue;
    // The repeat after the dash (one white space allowed) must start like a word, or nothing here matches.
    let next = dash + 1;
    if (next < n && isSpaceCode(codeAt(s, next))) next++;
    if (next >= n || !wordy(codeAt(s, next))) continue;
    let start = dash;
    while (start > from && dash - start < STUTTER_REACH && wordy(codeAt(s, start - 1))) start--;
    for (let p = start; p < dash; p++) {
      STUTTER_AT.lastIndex = p;
      if (!STUTTER_AT.test(s)) continue;
      const end = STUTTER_AT.lastIndex;
      out += s.slice(copied, p) + ' '.repeat(end - p);
      copied = end;
      from = end;
      break;
    }
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** Lower case, straight quotes, plain dashes and spaces, stutters blanked; same length as the input. */
export function normalize(text: string): string {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) {
    // A few characters change length when lower-cased (e.g. "İ"); keep those as they are.
    let out = '';
    for (const ch of text) {
      const l = ch.toLowerCase();
      out += l.length === ch.length ? l : ch;
    }
    lower = out;
  }
  const plain = lower.replace(NEEDS_REPLACING, (ch) => REPLACEMENTS[ch] ?? ch);
  const unstuttered = blankStutters(plain);
  return unstuttered.includes('[') ? unstuttered.replace(NOTE, (m) => ' '.repeat(m.length)) : unstuttered;
}
