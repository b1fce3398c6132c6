import { codeBit, type CompiledRubric } from './compile-rubric.ts';
import { normalize } from './normalize.ts';
import { squeezeSpaces } from './segment.ts';
import type { CodedTurn, Speaker } from './schemas.ts';
import { fillCodeUnits, isSpaceCode, letterOrDigitLengthIn } from './char-code.ts';

// What a rule may know about the conversation so far. Built once per turn from the coded turns
// before it, looking back only a bounded number of turns, so live coding stays O(1) per turn.

/** MITI 4.2.1: permission, once asked (or advice requested by the client), carries over a few turns. */
export const PERMISSION_WINDOW = 4;
/** How many of the other speaker's last turns the overlap condition looks at. */
export const OVERLAP_TURNS = 3;

export interface TurnContext {
  speaker: Speaker;
  permission: boolean;
  /** The turn resumes an interrupted sentence (see isContinuation). */
  continuation: boolean;
  /** The turn's text (for conditions computed on first use). */
  text: string;
  /** Words in the whole turn; -1 until a rule asks (see turnWordsOf). */
  turnWords: number;
  prevPractitioner: CodedTurn | null;
  prevPractitionerNorm: string;
  /** The primary code of prevPractitioner as a bit (codeBit); 0 without one. */
  prevPractitionerCode: number;
  prevClient: CodedTurn | null;
  prevClientNorm: string;
  /** The talk type of prevClient as a bit (codeBit); 0 without one. */
  prevClientTalk: number;
  /** The other speaker's last turns, newest first (for the overlap condition). */
  otherTurns: readonly CodedTurn[];
  /** Content-word keys of each of otherTurns; computed only when a rule needs them (otherWordsOf). */
  otherWords: readonly ReadonlySet<WordKey>[] | null;
}

/** Content-word keys of the other speaker's last turns, computed on first use. */
export function otherWordsOf(ctx: TurnContext, stopwords: ReadonlySet<string>): readonly ReadonlySet<WordKey>[] {
  if (ctx.otherWords === null) ctx.otherWords = ctx.otherTurns.map((t) => wordsOf(t, stopwords));
  return ctx.otherWords;
}

/** Words in the whole turn, counted on first use. */
export function turnWordsOf(ctx: TurnContext): number {
  if (ctx.turnWords < 0) ctx.turnWords = countWords(ctx.text);
  return ctx.turnWords;
}

// Code units of a string being scanned (see fillCodeUnits); each use fills and reads it at once.
let scratch: Uint16Array = new Uint16Array(256);

/** Number of whitespace-separated words. */
export function countWords(s: string): number {
  scratch = fillCodeUnits(s, scratch);
  return countWordsIn(scratch, 0, s.length);
}

/** countWords for the text whose code units are codes[from, to). */
export function countWordsIn(codes: Uint16Array, from: number, to: number): number {
  let n = 0;
  let inWord = false;
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 160;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Crude language-neutral stem: the first five letters, so "drinking"/"drinks" and "rookt"/"roken" meet. */
export function wordKey(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

/**
 * Whether the code point at i belongs to a word ([\p{L}\p{N}']), and how many UTF-16 units it
 * takes; a pair cut by the end of the span (`to`) is no letter, as in the span on its own.
 */
function wordCharLength(codes: Uint16Array, s: string, i: number, to: number): number {
  if (codes[i] === 39) return 1;
  const len = letterOrDigitLengthIn(codes, s, i);
  return len === 2 && i + 1 >= to ? 0 : len;
}

/**
 * A word key (wordKey) as coding compares it: a number when its code units are ASCII letters,
 * digits or apostrophes (nearly always), else the key itself. Two words get the same WordKey
 * exactly when their wordKeys are equal, and the number costs neither a string nor a hash.
 */
export type WordKey = number | string;

// The digits of a packed key: 1–26 a–z, 27–52 A–Z, 53–62 0–9, 63 the apostrophe; 0 for the rest.
// Five digits in base 64, none of them 0, give each key of up to five characters its own number,
// below 2 ** 30 (a small integer to V8).
const KEY_BASE = 64;
const KEY_DIGITS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'";
const KEY_DIGIT: number[] = [];
for (let c = 0; c < 128; c++) KEY_DIGIT.push(KEY_DIGITS.indexOf(String.fromCharCode(c)) + 1);

/** The wordKey a WordKey stands for. */
export function wordKeyText(key: WordKey): string {
  if (typeof key === 'string') return key;
  let text = '';
  for (let k = key; k > 0; k = Math.floor(k / KEY_BASE)) text = KEY_DIGITS[(k % KEY_BASE) - 1]! + text;
  return text;
}

// The stopwords (of the set used last) as packed keys: the whole word for those of up to five
// characters, which settles a word of that length exactly, and the first five characters of the
// longer ones, which a longer word must share to be one of them. Most words are settled without
// being cut out of the text.
let stopwordsPacked: ReadonlySet<string> | null = null;
let shortStopwords = new Set<number>();
let longStopwordStarts = new Set<number>();

function packStopwords(stopwords: ReadonlySet<string>): void {
  if (stopwordsPacked === stopwords) return;
  shortStopwords = new Set();
  longStopwordStarts = new Set();
  for (const w of stopwords) {
    let key = 0;
    for (let i = 0; i < Math.min(w.length, 5) && key >= 0; i++) {
      const c = w.charCodeAt(i);
      const d = c < 128 ? KEY_DIGIT[c]! : 0;
      key = d === 0 ? -1 : key * KEY_BASE + d;
    }
    if (key >= 0) (w.length <= 5 ? shortStopwords : longStopwordStarts).add(key);
  }
  stopwordsPacked = stopwords;
}

/**
 * The content words of s[from, to) (words of three characters or more, not stopwords), whose code
 * units are in `codes` at the same offsets, added to `into` as WordKeys: what the overlap condition
 * compares.
 */
export function contentKeysIn(
  s: string,
  codes: Uint16Array,
  from: number,
  to: number,
  stopwords: ReadonlySet<string>,
  into: Set<WordKey>,
): Set<WordKey> {
  packStopwords(stopwords);
  let i = from;
  while (i < to) {
    // Read one word (or one character that is none), packing its key on the way. An ASCII word
    // character is exactly a key digit, so only characters beyond ASCII go to wordCharLength: a
    // call for every character cost more than the rest of the loop.
    const start = i;
    let key = 0;
    while (i < to) {
      const c = codes[i]!;
      if (c < 128) {
        const d = KEY_DIGIT[c]!;
        if (d === 0) break;
        if (key >= 0 && i - start < 5) key = key * KEY_BASE + d;
        i++;
      } else {
        const len = wordCharLength(codes, s, i, to);
        if (len === 0) break;
        if (i - start < 5) key = -1;
        i += len;
      }
    }
    if (i === start) {
      i++;
      continue;
    }
    if (i - start < 3) continue;
    if (key >= 0) {
      const stop = i - start <= 5 ? shortStopwords.has(key) : longStopwordStarts.has(key) && stopwords.has(s.slice(start, i));
      if (!stop) into.add(key);
    } else {
      const w = s.slice(start, i);
      if (!stopwords.has(w)) into.add(wordKey(w));
    }
  }
  return into;
}

// Coded turns never change, so their normalised text and content words are computed once and
// remembered for the turns coded last: a turn's context reads at most 12 turns before it. The
// table is indexed by turn index and checked by identity, so a copy of a turn, or another
// conversation's turn at the same index, only misses and is computed afresh. (A property defined
// on each turn did the same job at the cost of an Object.defineProperty per turn, about 2 % of
// coding time; a WeakMap at the cost of an ephemeron entry per turn for the garbage collector.)
interface Remembered {
  turn: CodedTurn | null;
  /** The turn's normalised text, spaces squeezed (see normOf). */
  norm: string;
  /** Its content-word keys for `stopwords`, or null until asked. */
  words: ReadonlySet<WordKey> | null;
  stopwords: ReadonlySet<string> | null;
}

/** A power of two above the 12 turns a context reads. */
const REMEMBERED_TURNS = 32;
const remembered: Remembered[] = Array.from({ length: REMEMBERED_TURNS }, () => ({ turn: null, norm: '', words: null, stopwords: null }));

function remember(turn: CodedTurn, norm: string): Remembered {
  const r = remembered[turn.index & (REMEMBERED_TURNS - 1)]!;
  r.turn = turn;
  r.norm = norm;
  r.words = null;
  r.stopwords = null;
  return r;
}

function rememberedOf(turn: CodedTurn): Remembered {
  const r = remembered[turn.index & (REMEMBERED_TURNS - 1)]!;
  return r.turn === turn ? r : remember(turn, squeezeSpaces(normalize(turn.text)));
}

/** codeTurn has the normalised text of the turn it codes: remembered so later turns need not redo it. */
export function rememberNorm(turn: CodedTurn, norm: string): void {
  remember(turn, squeezeSpaces(norm));
}

/** The turn's normalised text, spaces squeezed as in utterances (see segment.ts), so context patterns read the same shape. */
function normOf(turn: CodedTurn): string {
  return rememberedOf(turn).norm;
}

function wordsOf(turn: CodedTurn, stopwords: ReadonlySet<string>): ReadonlySet<WordKey> {
  const r = rememberedOf(turn);
  if (r.words === null || r.stopwords !== stopwords) {
    scratch = fillCodeUnits(r.norm, scratch);
    r.words = contentKeysIn(r.norm, scratch, 0, r.norm.length, stopwords, new Set());
    r.stopwords = stopwords;
  }
  return r.words;
}

/** 1: the turn opens permission for advice; -1: it closes it (the client declines); 0: neither. */
function permissionEffect(turn: CodedTurn, rubric: CompiledRubric): number {
  if (turn.permission) return turn.permission === 'opens' ? 1 : -1;
  let effect = 0;
  for (const c of turn.codes) if (rubric.permissionRules.has(c.rule)) effect = 1;
  for (const t of turn.talkHits) {
    // The last word of a client turn counts: "Sure. Well, not right now" declines.
    if (rubric.permissionRules.has(t.rule)) effect = 1;
    else if (rubric.permissionClosers.has(t.rule)) effect = -1;
  }
  return effect;
}

/** The index of the first code unit of `text` that is not white space; -1 when there is none. */
function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return i;
  return -1;
}

/** Whether the text ends a sentence: a full stop, ! or ?, not an ellipsis (trailing off). */
function endsSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isSpaceCode(text.charCodeAt(i))) i--;
  // Closing quotes and brackets after the full stop: 'He said "no."'
  while (i >= 0 && '"\')]'.includes(text[i]!)) i--;
  const c = text[i];
  if (c === '\u2026' || (c === '.' && text[i - 1] === '.')) return false;
  return c === '.' || c === '!' || c === '?';
}

/**
 * A turn resumes an interrupted sentence when it starts with a dash or an ellipsis, or starts in
 * lower case right after the same speaker's last turn broke off. Lower case alone is not enough:
 * people typing in a chat often write without capitals, and "you should really do your exercises"
 * is advice, not the tail of a sentence.
 */
function isContinuation(text: string, ownLast: CodedTurn | null): boolean {
  const i = firstNonSpace(text);
  if (i < 0) return false;
  const code = text.charCodeAt(i);
  if (code === 45 || code === 0x2013 || code === 0x2014 || code === 0x2026 || text.startsWith('...', i)) return true;
  if (ownLast === null) return false;
  const c = text[i]!;
  const lower = code < 128 ? code >= 97 && code <= 122 : c !== c.toUpperCase() && c === c.toLowerCase();
  return lower && !endsSentence(ownLast.text);
}

export function buildTurnContext(
  previous: readonly CodedTurn[],
  text: string,
  speaker: Speaker,
  rubric: CompiledRubric,
  stopwords: ReadonlySet<string>,
): TurnContext {
  let prevPractitioner: CodedTurn | null = null;
  let prevClient: CodedTurn | null = null;
  let permission = false;
  // The most recent turn in the window that opens or closes permission decides.
  let permissionDecided = false;
  const stop = Math.max(0, previous.length - 12);
  for (let i = previous.length - 1; i >= stop; i--) {
    const t = previous[i]!;
    if (t.speaker === 'practitioner') prevPractitioner ??= t;
    else prevClient ??= t;
    if (!permissionDecided && previous.length - i <= PERMISSION_WINDOW) {
      const effect = permissionEffect(t, rubric);
      if (effect !== 0) {
        permission = effect > 0;
        permissionDecided = true;
      }
    }
    if (prevPractitioner && prevClient && previous.length - i > PERMISSION_WINDOW) break;
  }
  const prevPractitionerNorm = prevPractitioner ? normOf(prevPractitioner) : '';
  const prevClientNorm = prevClient ? normOf(prevClient) : '';
  // A reflection may pick up something said a little earlier: the other speaker's last few turns count.
  const otherTurns: CodedTurn[] = [];
  const other: Speaker = speaker === 'practitioner' ? 'client' : 'practitioner';
  for (let i = previous.length - 1; i >= stop && otherTurns.length < OVERLAP_TURNS; i--) {
    const t = previous[i]!;
    if (t.speaker === other) otherTurns.push(t);
  }
  return {
    speaker,
    permission,
    continuation: isContinuation(text, speaker === 'practitioner' ? prevPractitioner : prevClient),
    text,
    turnWords: -1,
    prevPractitioner,
    prevPractitionerNorm,
    prevPractitionerCode: codeBit(prevPractitioner?.primary),
    prevClient,
    prevClientNorm,
    prevClientTalk: codeBit(prevClient?.talk),
    otherTurns,
    otherWords: null,
  };
}
