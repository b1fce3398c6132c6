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
 * The index of one group of pieces (one speaker's rules): a group is loaded on its own, so coding a
 * practitioner utterance never walks the client rules' keys.
 */
interface GroupIndex {
  /** For each key number: where the pieces whose first clause lists it start in `triggerData`. */
  triggerStart: number[];
  triggerData: number[];
  /** For each key number: where the later clauses listing it start in `postingData`. */
  postingStart: number[];
  postingData: number[];
  /** For each key number, its bit when it is one of the group's most listed keys (else -1). */
  keyBit: number[];
  /** The group's pieces (for text the gate cannot read, which passes them all). */
  pieces: number[];
}

/**
 * The gate of one language. Every expression (piece) with required keys is registered with its
 * clauses and, optionally, its owner (the rule it belongs to, see `owner`). Loading an utterance
 * reads its words once and lists, per owner, the pieces whose every clause holds: classify then
 * walks only those (`firstOf`, `nextOf`) rather than asking every piece of every rule, which was
 * about a sixth of coding time (nine pieces in ten fail). A piece is found through its first
 * clause, the one least likely to hold (holdChance): each key lists the pieces whose first
 * clause holds it, and only those have their other clauses checked. Owners belong to groups (a
 * speaker's rules), and an utterance is loaded for its speaker's group only. The gate holds the
 * utterance loaded last: coding is synchronous, so one utterance is classified at a time.
 */
export class KeyGate {
  /** Key number + 1 for each packed key a rule uses; 0 for the rest. */
  private readonly idByKey = filled(KEY_SLOTS, 0);
  private keyCount = 0;
  /** Each piece's clauses, as lists of key numbers (while registering). */
  private readonly clauseKeys: number[][][] = [];
  private readonly pieceOwner: number[] = [];
  private readonly pieceGroup: number[] = [];
  private readonly ownerGroup: number[] = [];
  private groupCount = 1;
  // Built by seal().
  private sealed = false;
  private groups: GroupIndex[] = [];
  /**
   * The pieces' later clauses (all but the first) are numbered piece by piece: piece p's are the
   * clause numbers from restStart[p] up to restStart[p + 1].
   */
  private restStart: number[] = [];
  /** For each clause number, the bits of its keys that are tracked as bits in its group. */
  private clauseBits: number[] = [];
  // The loaded utterance. Arrays of stamps: an entry holds for the utterance when it equals `loaded`.
  private loaded = 0;
  /** The group loaded, or -1 for all of them. */
  private loadedGroup = -1;
  private open = false;
  private keySeen: number[] = [];
  /** The distinct key numbers of the loaded utterance. */
  private keys: number[] = [];
  private keysFound = 0;
  private heldIn: number[] = [];
  private passedIn: number[] = [];
  private ownerIn: number[] = [];
  private ownerFirst: number[] = [];
  private nextPiece: number[] = [];
  /** Code units for `load(norm)`. */
  private scratch: Uint16Array = new Uint16Array(256);

  /** A new owner (a rule) in a group (a speaker's rules, numbered from 0); returns its number. */
  owner(group = 0): number {
    this.sealed = false;
    this.ownerGroup.push(group);
    if (group >= this.groupCount) this.groupCount = group + 1;
    return this.ownerGroup.length - 1;
  }

  /**
   * Register a piece that needs all these clauses, for an owner (-1: none, the piece is only
   * asked about with `passes`); returns its number, or -1 (no clauses: always run it).
   */
  register(clauses: readonly (readonly string[])[] | null, owner = -1): number {
    if (clauses === null || clauses.length === 0) return -1;
    this.sealed = false;
    // The clause least likely to hold comes first: it is the one that finds the piece (see list).
    const ordered = clauses.map((clause) => ({ clause, chance: holdChance(clause) })).sort((x, y) => x.chance - y.chance);
    this.clauseKeys.push(
      ordered.map(({ clause }) =>
        clause.map((key) => {
          const packed = packKey(key, 0, key.length);
          if (this.idByKey[packed] === 0) this.idByKey[packed] = ++this.keyCount;
          return this.idByKey[packed]! - 1;
        }),
      ),
    );
    this.pieceOwner.push(owner);
    this.pieceGroup.push(owner < 0 ? 0 : this.ownerGroup[owner]!);
    return this.clauseKeys.length - 1;
  }

  /**
   * Lay the index out for reading, per group. The keys listed by most later clauses ("i", "you",
   * "that" …) would each mark dozens of clauses in every utterance; they become bits of one number
   * instead, and a clause holds when one of its bit keys is there or it is marked.
   */
  private seal(): void {
    const keys = this.keyCount;
    const pieces = this.clauseKeys.length;
    // The later clauses are numbered in piece order, so each piece's are a run of numbers.
    const restKeys: number[][] = [];
    const clauseGroup: number[] = [];
    this.restStart = filled(pieces + 1, 0);
    for (let p = 0; p < pieces; p++) {
      this.restStart[p] = restKeys.length;
      for (const clause of this.clauseKeys[p]!.slice(1)) {
        restKeys.push(clause);
        clauseGroup.push(this.pieceGroup[p]!);
      }
    }
    this.restStart[pieces] = restKeys.length;
    this.clauseBits = filled(restKeys.length, 0);
    this.groups = [];
    for (let g = 0; g < this.groupCount; g++) {
      const triggers: number[][] = Array.from({ length: keys }, () => []);
      const postings: number[][] = Array.from({ length: keys }, () => []);
      const groupPieces: number[] = [];
      for (let p = 0; p < pieces; p++) {
        if (this.pieceGroup[p] !== g) continue;
        groupPieces.push(p);
        for (const k of new Set(this.clauseKeys[p]![0])) triggers[k]!.push(p);
      }
      restKeys.forEach((clause, c) => {
        if (clauseGroup[c] !== g) return;
        for (const k of new Set(clause)) postings[k]!.push(c);
      });
      const frequent = [...postings.keys()]
        .filter((id) => postings[id]!.length > BIT_KEY_MIN_CLAUSES)
        .sort((x, y) => postings[y]!.length - postings[x]!.length)
        .slice(0, BIT_KEYS);
      const keyBit = filled(keys, -1);
      frequent.forEach((id, bit) => {
        keyBit[id] = bit;
        for (const c of postings[id]!) this.clauseBits[c]! |= 1 << bit;
      });
      const flat = (lists: number[][], skip: (id: number) => boolean) => {
        const start = filled(keys + 1, 0);
        const data: number[] = [];
        for (let id = 0; id < keys; id++) {
          start[id] = data.length;
          if (!skip(id)) data.push(...lists[id]!);
        }
        start[keys] = data.length;
        return { start, data };
      };
      const t = flat(triggers, () => false);
      const q = flat(postings, (id) => keyBit[id]! >= 0);
      this.groups.push({ triggerStart: t.start, triggerData: t.data, postingStart: q.start, postingData: q.data, keyBit, pieces: groupPieces });
    }
    this.keySeen = filled(keys, 0);
    this.heldIn = filled(restKeys.length, 0);
    this.passedIn = filled(pieces, 0);
    this.nextPiece = filled(pieces, -1);
    this.ownerIn = filled(this.ownerGroup.length, 0);
    this.ownerFirst = filled(this.ownerGroup.length, -1);
    this.loaded = 0;
    this.sealed = true;
  }

  /** Load the words of `norm`, for all groups (forgetting the previous utterance). */
  load(norm: string): void {
    this.scratch = fillCodeUnits(norm, this.scratch);
    this.loadCodes(this.scratch, 0, norm.length);
  }

  /**
   * `load` for the utterance whose code units are codes[from, to) (see fillCodeUnits): coding reads
   * a whole turn's units once and loads each utterance from its span. With a group, only that
   * group's pieces are listed; `passes` then answers true for the pieces of other groups.
   */
  loadCodes(codes: Uint16Array, from: number, to: number, group = -1): void {
    if (!this.sealed) this.seal();
    // A new number for this utterance forgets the last one's stamps without clearing them.
    if (this.loaded === 0x7fffffff) {
      for (const a of [this.keySeen, this.heldIn, this.passedIn, this.ownerIn]) a.fill(0);
      this.loaded = 0;
    }
    this.loaded++;
    this.loadedGroup = group;
    this.readKeys(codes, from, to);
    if (group >= 0) this.list(this.groups[group]!);
    else for (const g of this.groups) this.list(g);
  }

  /** Collect the distinct key numbers of the words in codes[from, to) into `keys`. */
  private readKeys(codes: Uint16Array, from: number, to: number): void {
    const now = this.loaded;
    const keySeen = this.keySeen;
    const keys = this.keys;
    const idByKey = this.idByKey;
    let n = 0;
    let open = false;
    let i = from;
    while (i < to) {
      const c = codes[i]!;
      const d = c < 128 ? DIGIT[c]! : 0;
      if (d === 0) {
        if (c > 0x130 && foldsToAscii(c)) open = true;
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
      if (id >= 0 && keySeen[id] !== now) {
        keySeen[id] = now;
        keys[n++] = id;
      }
      i = j;
    }
    this.open = open;
    this.keysFound = n;
  }

  /** Mark the group's clauses that the loaded keys satisfy and list the pieces that pass, per owner. */
  private list(g: GroupIndex): void {
    const now = this.loaded;
    const heldIn = this.heldIn;
    if (this.open) {
      // Text with a character whose case folding reaches ASCII: every piece may match.
      for (const p of g.pieces) this.pass(p);
      return;
    }
    const keys = this.keys;
    const found = this.keysFound;
    const { triggerStart, triggerData, postingStart, postingData, keyBit } = g;
    // First every later clause the keys satisfy, then the pieces their first clause finds: a
    // piece's later clauses may hold through a key further on in the utterance.
    let bits = 0;
    for (let i = 0; i < found; i++) {
      const id = keys[i]!;
      const bit = keyBit[id]!;
      if (bit >= 0) bits |= 1 << bit;
      else for (let k = postingStart[id]!, end = postingStart[id + 1]!; k < end; k++) heldIn[postingData[k]!] = now;
    }
    const passedIn = this.passedIn;
    const restStart = this.restStart;
    const clauseBits = this.clauseBits;
    for (let i = 0; i < found; i++) {
      const id = keys[i]!;
      for (let k = triggerStart[id]!, end = triggerStart[id + 1]!; k < end; k++) {
        const p = triggerData[k]!;
        // Found already through another key of its first clause.
        if (passedIn[p] === now) continue;
        // Its later clauses: each must hold (marked, or one of its bit keys is there).
        let c = restStart[p]!;
        const last = restStart[p + 1]!;
        while (c < last && (heldIn[c] === now || (clauseBits[c]! & bits) !== 0)) c++;
        if (c === last) this.pass(p);
      }
    }
  }

  /** Piece p passes the loaded utterance: mark it and put it on its owner's list. */
  private pass(p: number): void {
    const now = this.loaded;
    this.passedIn[p] = now;
    const o = this.pieceOwner[p]!;
    if (o < 0) return;
    if (this.ownerIn[o] !== now) {
      this.ownerIn[o] = now;
      this.ownerFirst[o] = -1;
    }
    this.nextPiece[p] = this.ownerFirst[o]!;
    this.ownerFirst[o] = p;
  }

  /** How many pieces are registered (piece numbers run from 0 to pieceCount - 1). */
  get pieceCount(): number {
    return this.clauseKeys.length;
  }

  /** Whether the piece with this number may match the loaded utterance. */
  passes(piece: number): boolean {
    if (piece < 0 || this.open) return true;
    if (this.loadedGroup >= 0 && this.pieceGroup[piece] !== this.loadedGroup) return true;
    return this.passedIn[piece] === this.loaded;
  }

  /** The first of the owner's pieces that passes the loaded utterance, or -1 (then see nextOf). */
  firstOf(owner: number): number {
    return this.ownerIn[owner] === this.loaded ? this.ownerFirst[owner]! : -1;
  }

  /** The owner's next piece after `piece` that passes the loaded utterance, or -1. */
  nextOf(piece: number): number {
    return this.nextPiece[piece]!;
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
/**
 * A rough chance that an utterance holds one of the clause's keys, taking a common key to be in a
 * third of utterances, a short one in a tenth and any other in a fiftieth. It only decides which
 * clause finds a piece in the KeyGate, never whether the piece passes.
 */
function holdChance(clause: Clause): number {
  let miss = 1;
  for (const k of clause) miss *= 1 - (COMMON.has(k) ? 0.3 : k.length < KEY_LENGTH ? 0.1 : 0.02);
  return 1 - miss;
}

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
