import { codeAt, fillCodeUnits } from './char-code.ts';
// A cheap gate in front of each rule's regular expressions. Most utterances match no rule, and
// V8 has to try a `\b(?:…|…)` pattern at every position to find that out; that scanning was most
// of the time spent coding a turn. So each pattern is read once, at compile time, for the words
// any match must contain: a set of *keys* (the first three letters of a word, or a whole word of
// one or two letters) such that every match holds a word with one of those keys. An utterance
// whose words carry none of a rule's keys cannot match that rule, and its expressions are skipped.
//
// The gate only ever skips expressions that could not match, so coding is exactly the same with or
// without it (tests/rubric/pattern-pieces.test.ts checks every rule against real text). Anything
// the reader does not understand yields no keys: the rule then always runs its expressions.

/** Word characters as `\b` and `\w` see them without the `u` flag. */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
}

const KEY_LENGTH = 3;

function keyOf(word: string): string {
  return word.length > KEY_LENGTH ? word.slice(0, KEY_LENGTH) : word;
}

/**
 * Characters whose case folding reaches an ASCII letter (long s, dotless i, Kelvin and Ångström
 * signs): an ignore-case expression can match them where the keys, read as plain letters, cannot
 * tell. Text holding one runs every rule in full.
 */
function foldsToAscii(c: number): boolean {
  return c === 0x17f || c === 0x131 || c === 0x212a || c === 0x212b;
}

/** A word character's digit in a packed key: 1–26 letters, 27–36 digits, 37 underscore (0: none). */
function digit(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 65 && c <= 90) return c - 64;
  if (c >= 48 && c <= 57) return c - 21;
  return 37;
}

/**
 * A plain array of small integers. The gate's tables are plain arrays rather than typed arrays:
 * once any ArrayBuffer in the process has been detached (tsx's loader transfers some), V8 checks
 * every typed-array read for detachment, which made the gate's loops about a third slower.
 */
function filled(n: number, value: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(value);
  return a;
}

/** digit() of each ASCII code unit that is a word character; 0 for the rest. */
const DIGIT = filled(128, 0);
for (let c = 0; c < 128; c++) if (isWordCode(c)) DIGIT[c] = digit(c);

const BASE = 38;
/** Every possible key (up to three word characters) has a slot below this. */
const KEY_SLOTS = BASE * BASE * BASE;

/** A key (up to three word characters of s[from, to)) as a number below KEY_SLOTS. */
function packKey(s: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < from + KEY_LENGTH; i++) k = k * BASE + (i < to ? digit(codeAt(s, i)) : 0);
  return k;
}

/** Keys listed by more clauses than this are tracked as bits (see KeyGate.seal). */
const BIT_KEY_MIN_CLAUSES = 8;
const BIT_KEYS = 31;

/**
 * The gate of one language. Every expression (piece) with required keys is registered with its
 * clauses; `load(norm)` reads one utterance's words and stamps the clauses that hold, so
 * `passes(piece)` is a read or two per clause (one to three clauses). The gate holds the marks of
 * the utterance loaded last: coding is synchronous, so one utterance is classified at a time.
 */
export class KeyGate {
  /** Key number + 1 for each packed key a rule uses; 0 for the rest. */
  private readonly idByKey = filled(KEY_SLOTS, 0);
  /** For each key number, the clauses that list it (while registering). */
  private readonly postings: number[][] = [];
  private readonly pieceClauses: number[][] = [];
  private clauses = 0;
  // Built by seal(): the index in flat arrays, and the keys of very many clauses as bits.
  private sealed = false;
  private postingStart: number[] = [];
  private postingData: number[] = [];
  private keyBit: number[] = [];
  private clauseBits: number[] = [];
  // The loaded utterance.
  /** For each clause, the number of the last utterance that held it (see `loaded`). */
  private heldIn: number[] = [];
  /** The number of the utterance loaded last: a clause holds when heldIn[clause] equals it. */
  private loaded = 0;
  private bits = 0;
  private open = false;
  /** Code units for `load(norm)`. */
  private scratch: Uint16Array = new Uint16Array(256);

  /** Register a piece that needs all these clauses; returns its number, or -1 (none: always runs). */
  register(clauses: readonly (readonly string[])[] | null): number {
    if (clauses === null || clauses.length === 0) return -1;
    this.sealed = false;
    const ids = filled(clauses.length, 0);
    clauses.forEach((clause, c) => {
      const clauseId = this.clauses++;
      ids[c] = clauseId;
      for (const key of clause) {
        const packed = packKey(key, 0, key.length);
        let id = this.idByKey[packed]! - 1;
        if (id < 0) {
          id = this.postings.length;
          this.idByKey[packed] = id + 1;
          this.postings.push([]);
        }
        const list = this.postings[id]!;
        if (list[list.length - 1] !== clauseId) list.push(clauseId);
      }
    });
    this.pieceClauses.push(ids);
    return this.pieceClauses.length - 1;
  }

  /**
   * Lay the index out for reading. The keys listed by most clauses ("i", "you", "that" …) would
   * each mark dozens of clauses in every utterance; they become bits of one number instead, and a
   * clause holds when one of its bit keys is there or it is marked.
   */
  private seal(): void {
    const keys = this.postings.length;
    const frequent = [...this.postings.keys()]
      .filter((id) => this.postings[id]!.length > BIT_KEY_MIN_CLAUSES)
      .sort((x, y) => this.postings[y]!.length - this.postings[x]!.length)
      .slice(0, BIT_KEYS);
    this.keyBit = filled(keys, -1);
    this.clauseBits = filled(this.clauses, 0);
    frequent.forEach((id, bit) => {
      this.keyBit[id] = bit;
      for (const c of this.postings[id]!) this.clauseBits[c]! |= 1 << bit;
    });
    this.postingStart = filled(keys + 1, 0);
    const data: number[] = [];
    for (let id = 0; id < keys; id++) {
      this.postingStart[id] = data.length;
      if (this.keyBit[id]! < 0) data.push(...this.postings[id]!);
    }
    this.postingStart[keys] = data.length;
    this.postingData = data;
    this.heldIn = filled(this.clauses, 0);
    this.loaded = 0;
    this.sealed = true;
  }

  /** Mark the clauses the words of `norm` satisfy (and forget the previous utterance's). */
  load(norm: string): void {
    this.scratch = fillCodeUnits(norm, this.scratch);
    this.loadCodes(this.scratch, 0, norm.length);
  }

  /**
   * `load` for the utterance whose code units are codes[from, to) (see fillCodeUnits): coding reads
   * a whole turn's units once and loads each utterance from its span.
   */
  loadCodes(codes: Uint16Array, from: number, to: number): void {
    if (!this.sealed) this.seal();
    // A new number for this utterance forgets the last one's marks without clearing them.
    if (this.loaded === 0x7fffffff) {
      this.heldIn.fill(0);
      this.loaded = 0;
    }
    const now = ++this.loaded;
    const heldIn = this.heldIn;
    let bits = 0;
    this.open = false;
    const keyBit = this.keyBit;
    const start = this.postingStart;
    const data = this.postingData;
    const idByKey = this.idByKey;
    let i = from;
    while (i < to) {
      const c = codes[i]!;
      const d = c < 128 ? DIGIT[c]! : 0;
      if (d === 0) {
        if (c > 0x130 && foldsToAscii(c)) this.open = true;
        i++;
        continue;
      }
      // The word's key, packed as packKey does: its first KEY_LENGTH digits, 0 for any missing.
      let key = d;
      let j = i + 1;
      while (j < to) {
        const e = codes[j]!;
        const f = e < 128 ? DIGIT[e]! : 0;
        if (f === 0) break;
        if (j - i < KEY_LENGTH) key = key * BASE + f;
        j++;
      }
      for (let k = j - i; k < KEY_LENGTH; k++) key *= BASE;
      const id = idByKey[key]! - 1;
      if (id >= 0) {
        const bit = keyBit[id]!;
        if (bit >= 0) bits |= 1 << bit;
        else {
          for (let k = start[id]!, end = start[id + 1]!; k < end; k++) heldIn[data[k]!] = now;
        }
      }
      i = j;
    }
    this.bits = bits;
  }

  /** How many pieces are registered (piece numbers run from 0 to pieceCount - 1). */
  get pieceCount(): number {
    return this.pieceClauses.length;
  }

  /** Whether the piece with this number may match the loaded utterance. */
  passes(piece: number): boolean {
    if (piece < 0 || this.open) return true;
    const ids = this.pieceClauses[piece]!;
    for (let i = 0; i < ids.length; i++) {
      const c = ids[i]!;
      if (this.heldIn[c] !== this.loaded && (this.clauseBits[c]! & this.bits) === 0) return false;
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// A small reader for the regular-expression syntax rules use. It builds just enough of a tree to
// know which literal words are mandatory.

type Node =
  | { kind: 'char'; code: number } // one literal character (already lower-cased)
  | { kind: 'boundary' } // \b or ^: a word character right after it starts a word
  | { kind: 'zero' } // other zero-width assertions (lookarounds, $, \B): change nothing
  | { kind: 'class'; nonWordOnly: boolean } // a character class, ., \w, \s …
  | { kind: 'opaque' } // a back-reference or anything else we do not model
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'repeat'; node: Node; min: number };

class Unsupported extends Error {}

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node[][] {
    const alts = this.alternatives();
    if (this.i !== this.s.length) throw new Unsupported('unbalanced )');
    return alts;
  }

  private alternatives(): Node[][] {
    const alts: Node[][] = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  private sequence(): Node[] {
    const seq: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      seq.push(this.quantified(atom));
    }
    return seq;
  }

  private quantified(atom: Node): Node {
    const c = this.s[this.i];
    let min: number | null = null;
    if (c === '?' || c === '*') {
      min = 0;
      this.i++;
    } else if (c === '+') {
      min = 1;
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(this.s.slice(this.i));
      if (m) {
        min = Number(m[1]);
        this.i += m[0].length;
      }
    }
    if (min === null) return atom;
    if (this.s[this.i] === '?') this.i++; // lazy
    if (this.s[this.i] === '?' || this.s[this.i] === '*' || this.s[this.i] === '+') throw new Unsupported('stacked quantifier');
    return { kind: 'repeat', node: atom, min };
  }

  private atom(): Node {
    const c = this.s[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    this.i++;
    if (c === '^') return { kind: 'boundary' };
    if (c === '$') return { kind: 'zero' };
    if (c === '.') return { kind: 'class', nonWordOnly: false };
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') throw new Unsupported(`stray ${c}`);
    return { kind: 'char', code: c.toLowerCase().charCodeAt(0) };
  }

  private group(): Node {
    this.i++; // (
    let lookaround = false;
    if (this.s[this.i] === '?') {
      const rest = this.s.slice(this.i, this.i + 3);
      if (rest.startsWith('?:')) this.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.i += 2;
        lookaround = true;
      } else if (rest === '?<=' || rest === '?<!') {
        this.i += 3;
        lookaround = true;
      } else if (rest.startsWith('?<')) {
        const close = this.s.indexOf('>', this.i);
        if (close < 0) throw new Unsupported('named group');
        this.i = close + 1;
      } else throw new Unsupported('group kind');
    }
    const alternatives = this.alternatives();
    if (this.s[this.i] !== ')') throw new Unsupported('unclosed group');
    this.i++;
    return lookaround ? { kind: 'zero' } : { kind: 'group', alternatives };
  }

  private charClass(): Node {
    // A class is never a literal here; we only need to know whether it can hold a word character.
    let j = this.i + 1;
    const negated = this.s[j] === '^';
    if (negated) j++;
    let body = '';
    if (this.s[j] === ']') {
      body += ']';
      j++;
    }
    while (j < this.s.length && this.s[j] !== ']') {
      if (this.s[j] === '\\') {
        body += this.s.slice(j, j + 2);
        j += 2;
      } else body += this.s[j++];
    }
    if (j >= this.s.length) throw new Unsupported('unclosed class');
    this.i = j + 1;
    // Only a short list of punctuation and \s counts as "no word character"; anything else may be.
    const nonWordOnly = !negated && /^(?:\\s|\\[.,!?;:'"()\-\/]|[ .,!?;:'"()\/]|-(?=$))+$/.test(body);
    return { kind: 'class', nonWordOnly };
  }

  private escape(): Node {
    const c = this.s[this.i + 1];
    if (c === undefined) throw new Unsupported('trailing backslash');
    this.i += 2;
    switch (c) {
      case 'b':
        return { kind: 'boundary' };
      case 'B':
        return { kind: 'zero' };
      case 's':
        return { kind: 'class', nonWordOnly: true };
      case 'w':
      case 'W':
      case 'S':
      case 'd':
      case 'D':
        return { kind: 'class', nonWordOnly: false };
      case 'p':
      case 'P': {
        const close = this.s.indexOf('}', this.i);
        if (this.s[this.i] !== '{' || close < 0) throw new Unsupported('\\p');
        this.i = close + 1;
        return { kind: 'class', nonWordOnly: false };
      }
      case 'u':
      case 'x':
      case 'c':
      case 'k':
        throw new Unsupported(`\\${c}`);
      case 'n':
      case 'r':
      case 't':
      case 'f':
      case 'v':
        return { kind: 'class', nonWordOnly: true };
      default:
        if (c >= '0' && c <= '9') return { kind: 'opaque' };
        // An escaped punctuation character stands for itself.
        if (/[A-Za-z]/.test(c)) throw new Unsupported(`\\${c}`);
        return { kind: 'char', code: c.charCodeAt(0) };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What a node guarantees. `start` says whether a word character at the node's start is sure to
// start a word. A *clause* is a list of keys one of which every match contains; a requirement is
// a list of clauses that all hold (every mandatory part of a sequence adds its own), or null.

type Clause = readonly string[];

/**
 * Keys of words in most sentences (a tenth or more of the utterances of English and Dutch
 * counselling talk): a clause holding one of them nearly always holds, so it is chosen last.
 */
const COMMON = new Set([
  ...['you', 'i', 'tha', 'the', 'and', 'to', 'it', 'yea', 'a', 's', 'kno', 'so', 'of', 'thi', 'lik', 't', 'um', 'wha'],
  ...['hav', 'oka', 'rea', 'in', 'jus', 'abo', 'don', 'be', 'som', 'is', 'for', 'do', 'm', 'not'],
  ...['ik', 'je', 'het', 'de', 'een', 'dat', 'en', 'wat', 'nie', 'ja', 'dus', 'maa', 'van', 'op', 'die', 'er', 'zij'],
  ...['wel', 'heb', 'ook', 'nog', 'me', 'kan', 'als', 'om', 'te', 'met', 'dan', 'wee'],
]);
/** Smaller is more selective: common and short keys filter less than the others. */
function cost(clause: Clause): number {
  let c = 0;
  for (const k of clause) c += COMMON.has(k) ? 8 : k.length < KEY_LENGTH ? 4 : 1;
  return c;
}

/** At most this many clauses per expression: the most selective ones. */
const MAX_CLAUSES = 3;

/**
 * The `start` flag after the node: true when a word character right after it is sure to start a
 * word (it follows the start of the text, a non-word character, or a \b). Entered with `start`.
 */
function startAfter(node: Node, start: boolean): boolean {
  switch (node.kind) {
    case 'char':
      return !isWordCode(node.code);
    case 'boundary':
      return true;
    case 'zero':
      return start;
    case 'class':
      return node.nonWordOnly;
    case 'opaque':
      return false;
    case 'group':
      return node.alternatives.every((alt) => sequenceStartAfter(alt, start));
    case 'repeat':
      // Later rounds are entered with whatever the round before left; assume the worst for them.
      return (node.min > 0 || start) && startAfter(node.node, false) && startAfter(node.node, start);
  }
}

function sequenceStartAfter(seq: readonly Node[], start: boolean): boolean {
  let s = start;
  for (const n of seq) s = startAfter(n, s);
  return s;
}

/** Whether the node, right after a word character, ends that word (a non-word character or \b). */
function endsWord(node: Node | undefined): boolean {
  if (node === undefined) return false;
  if (node.kind === 'char') return !isWordCode(node.code);
  if (node.kind === 'class') return node.nonWordOnly;
  // "\s+" (at least one non-word character) ends the word as surely as one "\s" does.
  if (node.kind === 'repeat') return node.min >= 1 && endsWord(node.node);
  return node.kind === 'boundary';
}

/**
 * The clauses of a sequence entered with `start`; `endsAfter`: whatever follows the sequence ends
 * a word there (so "no" at the end of `(?:yes|no)\?` is the whole word "no").
 */
function sequenceClauses(seq: readonly Node[], start: boolean, endsAfter: boolean): Clause[] | null {
  const clauses: Clause[] = [];
  let s = start;
  for (let k = 0; k < seq.length; k++) {
    const n = seq[k]!;
    const endsAfterNode = k + 1 < seq.length ? endsWord(seq[k + 1]) : endsAfter;
    if (n.kind === 'char' && isWordCode(n.code) && s) {
      // A literal word starts here: gather its letters.
      let word = '';
      let j = k;
      while (j < seq.length) {
        const m = seq[j]!;
        if (m.kind !== 'char' || !isWordCode(m.code)) break;
        word += String.fromCharCode(m.code);
        j++;
      }
      // A short word only gives a key when the pattern itself ends it ("i'm", "it\b").
      const ended = j < seq.length ? endsWord(seq[j]) : endsAfter;
      if (word.length >= KEY_LENGTH || ended) clauses.push([keyOf(word)]);
      s = false;
      k = j - 1;
      continue;
    }
    let inner: Clause | null = null;
    if (n.kind === 'group') inner = alternativesClause(n.alternatives, s, endsAfterNode);
    else if (n.kind === 'repeat' && n.min >= 1 && n.node.kind === 'group') inner = alternativesClause(n.node.alternatives, s, false);
    if (inner !== null) clauses.push(inner);
    s = startAfter(n, s);
  }
  if (clauses.length === 0) return null;
  return clauses.sort((x, y) => cost(x) - cost(y)).slice(0, MAX_CLAUSES);
}

/** One clause for a choice: each alternative's most selective clause, joined; null if one has none. */
function alternativesClause(alts: readonly Node[][], start: boolean, endsAfter: boolean): Clause | null {
  const out = new Set<string>();
  for (const alt of alts) {
    const r = sequenceClauses(alt, start, endsAfter);
    if (r === null) return null;
    for (const k of r[0]!) out.add(k);
  }
  return [...out];
}

/**
 * The clauses every match of `source` satisfies (see the top of this file), or null when the
 * pattern guarantees none or uses syntax this reader does not model. `startsAfterNonWord`: the
 * expression only ever runs at the start of the text or right after a non-word character.
 */
export function requiredKeys(source: string, startsAfterNonWord = false): string[][] | null {
  let tree: Node[][];
  try {
    tree = new Reader(source).parse();
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
  if (tree.length === 1) {
    const r = sequenceClauses(tree[0]!, startsAfterNonWord, false);
    return r === null ? null : r.map((c) => [...c]);
  }
  const r = alternativesClause(tree, startsAfterNonWord, false);
  return r === null ? null : [[...r]];
}
