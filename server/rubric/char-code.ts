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
