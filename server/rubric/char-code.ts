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

/**
 * Whether the code point at i is a letter or digit ([\p{L}\p{N}]): how many UTF-16 units it takes
 * (1 or 2), or 0. ASCII is decided by code; the expression runs only beyond it.
 */
export function letterOrDigitLength(s: string, i: number): number {
  const c = codeAt(s, i);
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) return 1;
  if (c < 128 || Number.isNaN(c)) return 0;
  const cp = s.codePointAt(i)!;
  return LETTER_OR_DIGIT_BEYOND_ASCII.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}
