import { codeAt } from './char-code.ts';
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
// see "i don't". Blanking with spaces keeps the length.
const STUTTER = /\b([\p{L}']{1,12})-\s?(?=\1)/gu;
// Transcriber notes ("[inaudible 00:01:02]", "[laughs]") are not speech: blanked the same way.
const NOTE = /\[[^\]]{0,60}\]/g;

function wordy(c: number): boolean {
  // ASCII letters and the apostrophe, or anything beyond ASCII (left to the real expression).
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c >= 128;
}

/** A cheap necessary condition for STUTTER: a dash with a word character before and after it (one space allowed). */
function mayStutter(s: string): boolean {
  const n = s.length;
  let i = s.indexOf('-');
  while (i >= 0) {
    if (i > 0 && wordy(codeAt(s, i - 1))) {
      let j = i + 1;
      if (j < n && /\s/.test(s[j]!)) j++;
      if (j < n && wordy(codeAt(s, j))) return true;
    }
    i = s.indexOf('-', i + 1);
  }
  return false;
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
  const unstuttered = mayStutter(plain) ? plain.replace(STUTTER, (m) => ' '.repeat(m.length)) : plain;
  return unstuttered.includes('[') ? unstuttered.replace(NOTE, (m) => ' '.repeat(m.length)) : unstuttered;
}
