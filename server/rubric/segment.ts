import { codeAt, letterOrDigitLength } from './char-code.ts';
// Stage 2 of 4. Codes belong to thought units, not to whole turns: a turn such as
// "Okay. So you feel stuck. What would help?" carries three. Segmenting after normalising keeps
// the splitting rules simple; spans point into the original turn text.

export interface Utterance {
  /**
   * The normalised utterance (what rules match against), with every run of spaces squeezed to
   * one: blanking a stutter ("thanks for-for talking") leaves several, and rules are written with
   * single spaces. Spans (start, end) still point into the turn text.
   */
  norm: string;
  /** Start and end offsets in the turn text (end exclusive). */
  start: number;
  end: number;
}

// Sentence ends: ., ! or ? (possibly repeated) followed by a space or the end; an interrupted
// sentence ending in "--" or "-" followed by a space and more text.
const BOUNDARY = /[.!?]+(?=\s|$|["')])["')]?|\s-{1,2}(?=\s)|-{2,}(?=\s|$)/g;

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATION = /(?:^|\s)(?:dr|mr|mrs|ms|st|vs|etc|e\.g|i\.e|dhr|mevr|bijv|bv|o\.a|d\.w\.z|ca|nr)\.$/;

// Pure disfluencies at the start of an utterance carry no meaning; the utterance starts after them.
// (Not "er": it is a Dutch word.)
const LEADING_FILLER = /^(?:(?:u+m+|u+h+m*|erm+|eh+m*|uhm+)\b[,.]?\s*)+/;

// Characters trimmed from the ends of an utterance (a quote is kept at the end: "doin'"), by code
// (a set of one-character strings cost a lookup with a hash for every character tried).
function trimmedAtEnd(c: number): boolean {
  return c === 32 || c === 44 || c === 59 || c === 58 || c === 34 || c === 45; // space , ; : " -
}

function trimmedAtStart(c: number): boolean {
  return c === 39 || trimmedAtEnd(c); // ' or any of those
}

const SPACES = /\s{2,}/g;
/** Whether norm[start, end) holds a letter or digit. */
function hasLetterOrDigit(norm: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (letterOrDigitLength(norm, i) > 0) return true;
  return false;
}

/** Runs of white space as one space (a quick check first: most utterances have none). */
export function squeezeSpaces(s: string): string {
  return s.includes('  ') ? s.replace(SPACES, ' ') : s;
}

function push(out: Utterance[], norm: string, start: number, end: number): void {
  // Trim spaces and stray punctuation at both ends.
  while (start < end && trimmedAtStart(codeAt(norm, start))) start++;
  while (end > start && trimmedAtEnd(codeAt(norm, end - 1))) end--;
  if (start >= end) return;
  const filler = LEADING_FILLER.exec(norm.slice(start, end));
  if (filler && filler[0].length < end - start) {
    start += filler[0].length;
    while (start < end && trimmedAtStart(codeAt(norm, start))) start++;
  }
  if (!hasLetterOrDigit(norm, start, end)) return;
  out.push({ norm: squeezeSpaces(norm.slice(start, end)), start, end });
}

/** Split a normalised turn into utterances with spans. Always returns at least one utterance for non-empty text. */
export function segment(norm: string): Utterance[] {
  const out: Utterance[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(norm)) !== null) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && ABBREVIATION.test(norm.slice(Math.max(start, m.index - 6), m.index + 1))) continue;
    push(out, norm, start, end);
    start = end;
  }
  push(out, norm, start, norm.length);
  if (out.length === 0 && hasLetterOrDigit(norm, 0, norm.length)) {
    const s = norm.length - norm.trimStart().length;
    out.push({ norm: squeezeSpaces(norm.trim()), start: s, end: s + norm.trim().length });
  }
  return out;
}
