// Strings reach the scanners in several internal forms (flat or sliced, one or two bytes per
// character, joined). Written `s.charCodeAt(i)`, a hot loop then finds the method through V8's
// megamorphic lookup on every character: measured with callgrind, that lookup was about a tenth of
// the instructions spent coding a turn. Calling one fixed function skips the lookup.

const charCodeAtOf = String.prototype.charCodeAt;

/** The UTF-16 code unit of s at i (NaN past the end), like s.charCodeAt(i). */
export function codeAt(s: string, i: number): number {
  return charCodeAtOf.call(s, i);
}

const startsWithOf = String.prototype.startsWith;

/** Whether s holds `part` at offset `at`, like s.startsWith(part, at). */
export function startsWithAt(s: string, part: string, at: number): boolean {
  return startsWithOf.call(s, part, at);
}

/** Whether the code unit is white space as `\s` sees it (an expression only for the rare one beyond ASCII). */
export function isSpaceCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 128 && /\s/.test(String.fromCharCode(c));
}

const LETTER_OR_DIGIT_BEYOND_ASCII = /^[\p{L}\p{N}]$/u;

function isAsciiLetterOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/**
 * Whether the code point at i is a letter or digit ([\p{L}\p{N}]): how many UTF-16 units it takes
 * (1 or 2), or 0. ASCII is decided by code; the expression runs only beyond it.
 */
export function letterOrDigitLength(s: string, i: number): number {
  const c = codeAt(s, i);
  if (isAsciiLetterOrDigit(c)) return 1;
  if (c < 128 || Number.isNaN(c)) return 0;
  const cp = s.codePointAt(i)!;
  return LETTER_OR_DIGIT_BEYOND_ASCII.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

// Scanning a string in a JavaScript loop costs far more per character than the same loop over a
// typed array: whichever way a character is read (`s.charCodeAt(i)` or codeAt), V8 goes through
// the string's representation on every one (callgrind: about 140 instructions a character for
// codeAt on a sliced string). So the normalised turn is copied once into an array of code units
// and the word scanners read that. The copy is native for ASCII text: `encodeInto` took about 760
// instructions for an 80-character string, where a codeAt loop took 11,000.
const ENCODER = new TextEncoder();
let utf8 = new Uint8Array(512);

/**
 * The UTF-16 code units of s in an array: `into` when it is long enough, else a new, larger one
 * (use the array returned; entries past s.length are left over from earlier use).
 */
export function fillCodeUnits(s: string, into: Uint16Array): Uint16Array {
  const n = s.length;
  const out = into.length >= n ? into : new Uint16Array(Math.max(n, 2 * into.length));
  if (utf8.length < n) utf8 = new Uint8Array(Math.max(n, 2 * utf8.length));
  // Every code unit below 128 encodes as one byte of the same value, and any other as two or more,
  // so all n units fitting in n bytes means the bytes are the code units.
  const r = ENCODER.encodeInto(s, utf8);
  if (r.read === n && r.written === n) {
    out.set(utf8.subarray(0, n));
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = codeAt(s, i);
  return out;
}

/**
 * letterOrDigitLength(s, i) with the code unit read from `codes` (the code units of s): ASCII is
 * decided from the array, and only a unit beyond it looks at the string.
 */
export function letterOrDigitLengthIn(codes: Uint16Array, s: string, i: number): number {
  const c = codes[i]!;
  if (isAsciiLetterOrDigit(c)) return 1;
  if (c < 128) return 0;
  return letterOrDigitLength(s, i);
}
