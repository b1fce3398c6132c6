import { GATE_GROUP, type CompiledContext, type CompiledRange, type CompiledRule, type LanguageRules, type LeadMatcher, type PatternPiece } from './compile-rubric.ts';
import type { KeyGate } from './required-keys.ts';
import type { Utterance } from './segment.ts';
import { fillCodeUnits } from './char-code.ts';
import { contentKeysIn, countWordsIn, otherWordsOf, turnWordsOf, type TurnContext, type WordKey } from './turn-context.ts';

// Stage 3 of 4. Each utterance gets the first rule (highest priority) whose pattern matches, whose
// exceptions do not, and whose context conditions hold. One rule per utterance keeps every code
// explainable by exactly one rule; choosing among utterances is the next stage's job.

export interface UtteranceState {
  index: number;
  count: number;
  /** Permission as it stands at this utterance (an earlier utterance of the turn may have asked). */
  permission: boolean;
  /** Cached overlap with the other speaker's last turn; NaN until computed. */
  overlap: number;
  words: number;
  /** Where the utterance's LEAD may end (see LeadMatcher); null until first needed. */
  leadEnds: number[] | null;
  lead: LeadMatcher | null;
  gate: KeyGate;
  /** The KeyGate group of the rules being tried (GATE_GROUP of the speaker). */
  group: number;
  /** The language's pieces with keys, by gate number (LanguageRules.pieces). */
  pieces: readonly PatternPiece[];
  /** Whether `gate` holds this utterance's keys yet (loaded on first need). */
  keysLoaded: boolean;
  /**
   * The normalised turn and its code units (see fillCodeUnits): the word scanners read the
   * utterance as turnNorm[u.start, u.end), which differs from u.norm only in squeezed spaces.
   */
  turnNorm: string;
  codes: Uint16Array;
}

/** The language's key gate, holding this utterance's keys (read on first use per utterance). */
function gateFor(u: Utterance, state: UtteranceState): KeyGate {
  if (!state.keysLoaded) {
    state.gate.loadCodes(state.codes, u.start, u.end, state.group);
    state.keysLoaded = true;
  }
  return state.gate;
}

/** Whether one piece matches the utterance (a sticky piece: at some place where the LEAD may end). */
function pieceMatches(piece: PatternPiece, u: Utterance, state: UtteranceState): boolean {
  const re = piece.re;
  if (!piece.sticky) return re.test(u.norm);
  const ends = (state.leadEnds ??= state.lead!.ends(u.norm));
  for (let k = 0; k < ends.length; k++) {
    re.lastIndex = ends[k]!;
    if (re.test(u.norm)) return true;
  }
  return false;
}

/**
 * Whether the rule's pattern matches: any of its pieces (see CompiledRule.afterLead and .others),
 * the ones with keys only where the key gate lets them through. Which piece matches first does
 * not matter, so they run in the order the gate lists them.
 */
function patternMatches(r: CompiledRule, u: Utterance, state: UtteranceState): boolean {
  const gate = gateFor(u, state);
  const pieces = state.pieces;
  for (let p = r.gate < 0 ? -1 : gate.firstOf(r.gate); p >= 0; p = gate.nextOf(p)) {
    if (pieceMatches(pieces[p]!, u, state)) return true;
  }
  const keyless = r.keyless;
  for (let i = 0; i < keyless.length; i++) if (pieceMatches(keyless[i]!, u, state)) return true;
  return false;
}

/** The same answer as `rule.pattern.test(norm)`, the fast way (for tests and tools). */
export function ruleMatches(rule: CompiledRule, lang: LanguageRules, norm: string): boolean {
  const codes = fillCodeUnits(norm, new Uint16Array(norm.length));
  const group = GATE_GROUP[rule.speaker];
  lang.gate.loadCodes(codes, 0, norm.length, group);
  const state: UtteranceState = { index: 0, count: 1, permission: false, overlap: NaN, words: -1, leadEnds: null, lead: lang.lead, gate: lang.gate, group, pieces: lang.pieces, keysLoaded: true, turnNorm: norm, codes };
  return patternMatches(rule, { norm, start: 0, end: norm.length }, state);
}

function inRange(v: number, r: CompiledRange): boolean {
  return v >= r.min && v <= r.max;
}

const NO_CONTENT_WORDS = -1;

// Reused for every utterance: overlap is asked often, and the set never outlives the call.
const OWN = new Set<WordKey>();

function overlapOf(u: Utterance, state: UtteranceState, ctx: TurnContext, stopwords: ReadonlySet<string>): number {
  if (ctx.otherTurns.length === 0) return 0;
  const others = otherWordsOf(ctx, stopwords);
  OWN.clear();
  const own = contentKeysIn(state.turnNorm, state.codes, u.start, u.end, stopwords, OWN);
  // Only stopwords: the utterance neither repeats the client's words nor brings new ones, so no
  // overlap condition can hold (a bare "U zou dus door kunnen gaan" is not "in new words").
  if (own.size === 0) return NO_CONTENT_WORDS;
  let shared = 0;
  for (const w of own) {
    for (let i = 0; i < others.length; i++) {
      if (others[i]!.has(w)) {
        shared++;
        break;
      }
    }
  }
  return shared / own.size;
}

/** Conditions that cost no more than a comparison: checked before the rule's pattern runs. */
function cheapContextHolds(c: CompiledContext, u: Utterance, state: UtteranceState, ctx: TurnContext): boolean {
  if (c.permission !== null && c.permission !== state.permission) return false;
  if (c.position !== null) {
    const first = state.index === 0;
    const last = state.index === state.count - 1;
    switch (c.position) {
      case 'first':
        if (!first) return false;
        break;
      case 'last':
        if (!last) return false;
        break;
      case 'only':
        if (!(first && last)) return false;
        break;
      case 'not-first':
        if (first) return false;
        break;
      case 'not-last':
        if (last) return false;
        break;
    }
  }
  if (c.turnUtterances && !inRange(state.count, c.turnUtterances)) return false;
  if (c.turnWords && !inRange(turnWordsOf(ctx), c.turnWords)) return false;
  if (c.continuation !== null && c.continuation !== ctx.continuation) return false;
  if (c.words) {
    if (state.words < 0) state.words = countWordsIn(state.codes, u.start, u.end);
    if (!inRange(state.words, c.words)) return false;
  }
  if (c.prevPractitionerCodes !== 0 && (c.prevPractitionerCodes & ctx.prevPractitionerCode) === 0) return false;
  if (c.prevClientTalk !== 0 && (c.prevClientTalk & ctx.prevClientTalk) === 0) return false;
  return true;
}

/** Conditions that run regular expressions or count words: checked after the pattern matched. */
function costlyContextHolds(
  c: CompiledContext,
  u: Utterance,
  state: UtteranceState,
  ctx: TurnContext,
  stopwords: ReadonlySet<string>,
): boolean {
  if (c.prevPractitionerMatches && !(ctx.prevPractitioner && c.prevPractitionerMatches.test(ctx.prevPractitionerNorm))) return false;
  if (c.prevPractitionerNotMatches && ctx.prevPractitioner && c.prevPractitionerNotMatches.test(ctx.prevPractitionerNorm)) return false;
  if (c.prevClientMatches && !(ctx.prevClient && c.prevClientMatches.test(ctx.prevClientNorm))) return false;
  if (c.prevClientNotMatches && ctx.prevClient && c.prevClientNotMatches.test(ctx.prevClientNorm)) return false;
  if (c.overlap) {
    if (Number.isNaN(state.overlap)) state.overlap = overlapOf(u, state, ctx, stopwords);
    if (state.overlap === NO_CONTENT_WORDS || !inRange(state.overlap, c.overlap)) return false;
  }
  return true;
}

/** The first rule that codes this utterance, or null. */
export function classify(
  u: Utterance,
  rules: readonly CompiledRule[],
  state: UtteranceState,
  ctx: TurnContext,
  stopwords: ReadonlySet<string>,
): CompiledRule | null {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    // No piece with keys can match and there is none without: the rule cannot match.
    if (r.keyless.length === 0 && gateFor(u, state).firstOf(r.gate) < 0) continue;
    const c = r.context;
    if (c !== null && !cheapContextHolds(c, u, state, ctx)) continue;
    if (!patternMatches(r, u, state)) continue;
    if (r.exception !== null && r.exception.test(u.norm)) continue;
    if (c !== null && !costlyContextHolds(c, u, state, ctx, stopwords)) continue;
    return r;
  }
  return null;
}
