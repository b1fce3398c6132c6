import type { CompiledRubric } from './compile-rubric.ts';
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
  prevClient: CodedTurn | null;
  prevClientNorm: string;
  /** The other speaker's last turns, newest first (for the overlap condition). */
  otherTurns: readonly CodedTurn[];
  /** Content-word keys of each of otherTurns; computed only when a rule needs them (otherWordsOf). */
  otherWords: readonly ReadonlySet<string>[] | null;
}

/** Content-word keys of the other speaker's last turns, computed on first use. */
export function otherWordsOf(ctx: TurnContext, stopwords: ReadonlySet<string>): readonly ReadonlySet<string>[] {
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

/** Content-word keys of `norm` (words of three letters or more, not stopwords) added to `into`. */
export function contentWords(norm: string, stopwords: ReadonlySet<string>, into: Set<string>): Set<string> {
  scratch = fillCodeUnits(norm, scratch);
  return contentWordsIn(norm, scratch, 0, norm.length, stopwords, into);
}

/** contentWords for s[from, to), whose code units are in `codes` at the same offsets. */
export function contentWordsIn(
  s: string,
  codes: Uint16Array,
  from: number,
  to: number,
  stopwords: ReadonlySet<string>,
  into: Set<string>,
): Set<string> {
  let i = from;
  while (i < to) {
    let len = wordCharLength(codes, s, i, to);
    if (len === 0) {
      i++;
      continue;
    }
    const start = i;
    while (len > 0) {
      i += len;
      len = i < to ? wordCharLength(codes, s, i, to) : 0;
    }
    if (i - start < 3) continue;
    const w = s.slice(start, i);
    if (stopwords.has(w)) continue;
    into.add(wordKey(w));
  }
  return into;
}

// Coded turns never change, so their normalised text and content words are computed once and
// kept on the turn itself, in non-enumerable symbol properties: no spread, JSON or schema sees
// them, and a copy of a turn starts without them. (A WeakMap did the same job at the cost of an
// ephemeron entry per turn, about 2 % of coding time.)
const NORM = Symbol('kier.norm');
const WORDS = Symbol('kier.words');
interface TurnCache {
  [NORM]?: string;
  [WORDS]?: { stopwords: ReadonlySet<string>; words: ReadonlySet<string> };
}

function keep(turn: CodedTurn, key: typeof NORM | typeof WORDS, value: unknown): void {
  if (Object.isExtensible(turn)) Object.defineProperty(turn, key, { value, writable: true });
}

/** codeTurn has the normalised text of the turn it codes: remembered so later turns need not redo it. */
export function rememberNorm(turn: CodedTurn, norm: string): void {
  keep(turn, NORM, squeezeSpaces(norm));
}

/** The turn's normalised text, spaces squeezed as in utterances (see segment.ts), so context patterns read the same shape. */
function normOf(turn: CodedTurn): string {
  let n = (turn as TurnCache)[NORM];
  if (n === undefined) {
    n = squeezeSpaces(normalize(turn.text));
    keep(turn, NORM, n);
  }
  return n;
}

function wordsOf(turn: CodedTurn, stopwords: ReadonlySet<string>): ReadonlySet<string> {
  const cached = (turn as TurnCache)[WORDS];
  if (cached !== undefined && cached.stopwords === stopwords) return cached.words;
  const words = contentWords(normOf(turn), stopwords, new Set());
  keep(turn, WORDS, { stopwords, words });
  return words;
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
    prevClient,
    prevClientNorm,
    otherTurns,
    otherWords: null,
  };
}
