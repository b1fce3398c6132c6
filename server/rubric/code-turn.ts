import { GATE_GROUP, type CompiledRubric, type CompiledRule } from './compile-rubric.ts';
import { classify, type UtteranceState } from './classify.ts';
import { detectLanguage } from './detect-language.ts';
import { normalize } from './normalize.ts';
import { resolveClient, resolvePractitioner, type SubtypeSource } from './resolve.ts';
import type { CodedTurn, Language, TurnInput } from './schemas.ts';
import { segment, type Utterance } from './segment.ts';
import { fillCodeUnits } from './char-code.ts';
import { buildTurnContext, rememberNorm, type TurnContext } from './turn-context.ts';

// The stages run in this order: normalize → segment → classify → resolve (→ scoreTranscript).
// Each needs the previous one's output: rules are written against normalised text, rules fire on
// utterances, and a turn's codes are resolved from its utterances' decisions.

// The code units of the turn being coded (see fillCodeUnits), reused from turn to turn: coding is
// synchronous, so one turn at a time holds it.
let turnCodes: Uint16Array = new Uint16Array(1024);

function subtypeFor(
  rule: CompiledRule,
  u: Utterance,
  subtyped: readonly CompiledRule[],
  state: UtteranceState,
  ctx: TurnContext,
  stopwords: ReadonlySet<string>,
): SubtypeSource | null {
  const other = classify(u, subtyped, state, ctx, stopwords);
  if (other?.subtype) return { subtype: other.subtype, from: other.id };
  const prev = ctx.prevClient;
  if (rule.subtypeFrom === 'previous-client' && prev?.talk === rule.talk && prev.talkSubtype) {
    return { subtype: prev.talkSubtype, from: 'previous-client' };
  }
  return null;
}

export interface CodeTurnOptions {
  rubric: CompiledRubric;
  language: Language;
}

/** Code one turn given the turns before it (already coded). Used live and by codeTranscript. */
export function codeTurn(previous: readonly CodedTurn[], turn: TurnInput, opts: CodeTurnOptions): CodedTurn {
  const lang = opts.rubric.languages[opts.language];
  const rules = turn.speaker === 'practitioner' ? lang.practitioner : lang.client;
  const norm = normalize(turn.text);
  const utterances = segment(norm);
  turnCodes = fillCodeUnits(norm, turnCodes);
  const ctx = buildTurnContext(previous, turn.text, turn.speaker, opts.rubric, lang.stopwords);
  const fired: (CompiledRule | null)[] = new Array(utterances.length);
  // Client utterances whose rule names the talk type but not the subtype ("..., maar ik wil het
  // wel proberen"): the subtype comes from the first subtyped rule of the same talk type that
  // also matches, else, where the rule says so, from the client's previous turn.
  let subtypes: (SubtypeSource | null)[] | null = null;
  const state: UtteranceState = { index: 0, count: utterances.length, permission: ctx.permission, overlap: NaN, words: -1, leadEnds: null, lead: lang.lead, gate: lang.gate, group: GATE_GROUP[turn.speaker], pieces: lang.pieces, keysLoaded: false, turnNorm: norm, codes: turnCodes };
  for (let i = 0; i < utterances.length; i++) {
    state.index = i;
    state.overlap = NaN;
    state.words = -1;
    state.leadEnds = null;
    state.keysLoaded = false;
    const r = classify(utterances[i]!, rules, state, ctx, lang.stopwords);
    fired[i] = r;
    if (r !== null && r.subtype === null && (r.talk === 'change' || r.talk === 'sustain')) {
      const source = subtypeFor(r, utterances[i]!, lang.subtyped[r.talk], state, ctx, lang.stopwords);
      if (source) (subtypes ??= new Array<SubtypeSource | null>(utterances.length).fill(null))[i] = source;
    }
    // Asking permission earlier in the same turn counts for advice later in it.
    if (r?.setsPermission) state.permission = true;
  }
  const index = previous.length;
  if (turn.speaker === 'practitioner') {
    const { codes, primary } = resolvePractitioner(turn.text, utterances, fired, opts.language);
    const coded: CodedTurn = {
      index,
      speaker: 'practitioner',
      text: turn.text,
      codes,
      primary,
      talk: null,
      talkSubtype: null,
      talkHits: [],
      source: 'rules',
      fallbackReason: null,
    };
    rememberNorm(coded, norm);
    return coded;
  }
  const { talkHits, talk, talkSubtype } = resolveClient(turn.text, utterances, fired, opts.language, subtypes);
  const coded: CodedTurn = {
    index,
    speaker: 'client',
    text: turn.text,
    codes: [],
    primary: null,
    talk,
    talkSubtype,
    talkHits,
    source: 'rules',
    fallbackReason: null,
  };
  rememberNorm(coded, norm);
  return coded;
}

export interface CodeTranscriptOptions {
  rubric: CompiledRubric;
  /** Overrides detection (e.g. the scenario's language). */
  language?: Language;
}

/** Code a whole conversation, turn by turn, exactly as live coding would. */
export function codeTranscript(
  turns: readonly TurnInput[],
  opts: CodeTranscriptOptions,
): { language: Language; turns: CodedTurn[] } {
  const language = opts.language ?? detectLanguage(turns.map((t) => t.text));
  const coded: CodedTurn[] = [];
  for (const t of turns) coded.push(codeTurn(coded, t, { rubric: opts.rubric, language }));
  return { language, turns: coded };
}
