import type { z } from 'zod';
import { KeyGate, requiredKeys } from './required-keys.ts';
import { regexFlags, RuleFileSchema, type Rule, type RuleFile, type RuleFileContent } from './rule-schema.ts';
import { PRACTITIONER_CODES, TalkTypeSchema, type Language, type PractitionerCode, type Speaker, type TalkSubtype, type TalkType } from './schemas.ts';
import { codeAt, isSpaceCode, startsWithAt } from './char-code.ts';

// Rules are compiled once: every pattern list becomes one regular expression, rules are sorted by
// priority, and all context conditions become plain values, so coding a turn allocates little.

export interface CompiledRange {
  min: number;
  max: number;
}

export interface CompiledContext {
  permission: boolean | null;
  /** The codes the previous practitioner turn's primary must be one of, as bits (see codeBit); 0: any. */
  prevPractitionerCodes: number;
  prevPractitionerMatches: RegExp | null;
  prevPractitionerNotMatches: RegExp | null;
  /** The talk types the previous client turn must have one of, as bits (see codeBit); 0: any. */
  prevClientTalk: number;
  prevClientMatches: RegExp | null;
  prevClientNotMatches: RegExp | null;
  overlap: CompiledRange | null;
  words: CompiledRange | null;
  position: 'first' | 'last' | 'only' | 'not-first' | 'not-last' | null;
  turnUtterances: CompiledRange | null;
  turnWords: CompiledRange | null;
  continuation: boolean | null;
}

export interface CompiledRule {
  id: string;
  file: string;
  language: Language;
  speaker: Speaker;
  code: PractitionerCode | null;
  talk: TalkType | null;
  subtype: TalkSubtype | null;
  /** Where a change/sustain rule without a subtype may take one from (see resolve's subtypeFor). */
  subtypeFrom: 'previous-client' | null;
  /** The whole pattern list as one expression (what the rule means; tools and tests use it). */
  pattern: RegExp;
  /**
   * The same pattern cut up for speed; together they match exactly when `pattern` does. Patterns
   * written `^{{LEAD}}rest` become sticky `rest` pieces tried at each place the utterance's
   * discourse-marker lead may end (see LeadMatcher). Every other top-level alternative is a piece
   * of `others`, each with the word keys a match needs (required-keys.ts) so that an utterance
   * without them skips it; the alternatives without keys share one piece.
   */
  afterLead: readonly PatternPiece[];
  others: readonly PatternPiece[];
  /**
   * The rule's owner number in the language's KeyGate, which lists the rule's pieces with keys
   * that may match the loaded utterance (KeyGate.firstOf); -1 when no piece has keys.
   */
  gate: number;
  /** The pieces without keys (gate -1), which always run. */
  keyless: readonly PatternPiece[];
  exception: RegExp | null;
  context: CompiledContext | null;
  setsPermission: boolean;
  priority: number;
  confidence: number;
  explanation: string;
  /** The rule as written, for tests and tooling (examples, counterexamples). */
  source: Rule;
}

/** One expression of a rule and its number in the language's KeyGate (-1: no keys, always run it). */
export interface PatternPiece {
  re: RegExp;
  gate: number;
  /** A `rest` of `^{{LEAD}}rest`: run at each offset where the LEAD may end (see LeadMatcher). */
  sticky: boolean;
}

export interface LanguageRules {
  practitioner: readonly CompiledRule[];
  client: readonly CompiledRule[];
  /** The client rules that carry a subtype, by talk type, in priority order (see subtypeFor). */
  subtyped: { readonly change: readonly CompiledRule[]; readonly sustain: readonly CompiledRule[] };
  stopwords: ReadonlySet<string>;
  /** The language's LEAD macro as a matcher, when it has the usual shape (else null). */
  lead: LeadMatcher | null;
  /** Marks an utterance's word keys for the rules' pieces (see required-keys.ts). */
  gate: KeyGate;
  /** The pieces with keys, by their number in `gate`. */
  pieces: readonly PatternPiece[];
}

/** The KeyGate group of each speaker's rules: an utterance is only checked against its speaker's. */
export const GATE_GROUP: Readonly<Record<Speaker, number>> = { practitioner: 0, client: 1 };

/**
 * Many rules start `^{{LEAD}}`: any run of discourse markers ("so, well, okay ...") before the part
 * that matters. Running that prefix inside every rule's expression was the single biggest cost of
 * coding, so the prefix is read once per utterance instead: `ends(norm)` lists every offset at
 * which a LEAD match starting at 0 can end (0 included), exactly as the expression would allow.
 * Only a LEAD of the shape `(?:(?:w1|w2|...)[,.!]?\s+)*` is handled, each word a literal or a
 * literal whose last letter repeats (`hm+`); any other shape leaves rules on their full pattern.
 */
export interface LeadMatcher {
  ends(norm: string): number[];
}

const LEAD_SHAPE = /^\(\?:\(\?:([^()\[\]\\]+)\)\[,\.!\]\?\\s\+\)\*$/;
const LEAD_WORD = /^[a-z\u00e0-\u00ff' -]+\+?$/;

const COMMA = 44;
const FULL_STOP = 46;
const EXCLAMATION = 33;


export function leadMatcher(source: string | undefined): LeadMatcher | null {
  if (source === undefined) return null;
  const m = LEAD_SHAPE.exec(source);
  if (!m) return null;
  const words = m[1]!.split('|');
  if (!words.every((w) => w.length > 0 && LEAD_WORD.test(w) && !/\+./.test(w) && w.indexOf('+') !== 0)) return null;
  const parsed = words.map((w) => (w.endsWith('+') ? { lit: w.slice(0, -1), repeat: w.charCodeAt(w.length - 2) } : { lit: w, repeat: null }));
  // By the code of their first character: reading a character as a number is the cheap way (char-code.ts).
  const byFirst = new Map<number, typeof parsed>();
  for (const p of parsed) {
    const first = p.lit.charCodeAt(0);
    const list = byFirst.get(first) ?? [];
    list.push(p);
    byFirst.set(first, list);
  }
  return {
    ends(norm: string): number[] {
      // A handful of offsets at most: a plain array beats a Set here (this runs per utterance).
      const ends = [0];
      const n = norm.length;
      for (let k = 0; k < ends.length; k++) {
        const q = ends[k]!;
        const candidates = q < n ? byFirst.get(codeAt(norm, q)) : undefined;
        if (!candidates) continue;
        for (const w of candidates) {
          if (!startsWithAt(norm, w.lit, q)) continue;
          let r = q + w.lit.length;
          // `x+` is greedy, and a shorter run would be followed by x, which no LEAD may be.
          if (w.repeat !== null) while (r < n && codeAt(norm, r) === w.repeat) r++;
          const starts = [r];
          const after = r < n ? codeAt(norm, r) : -1;
          if (after === COMMA || after === FULL_STOP || after === EXCLAMATION) starts.push(r + 1);
          for (const s of starts) {
            let e = s;
            while (e < n && isSpaceCode(codeAt(norm, e))) {
              e++;
              if (!ends.includes(e)) ends.push(e);
            }
          }
        }
      }
      return ends;
    },
  };
}

const LEAD_PREFIX = '^{{LEAD}}';

/**
 * The structural characters of a regular expression source: each `(`, `)` and `|` outside
 * character classes and escapes, with the group depth after it.
 */
function* structure(source: string): Generator<{ i: number; c: string; depth: number }> {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(' || c === ')' || c === '|') {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      yield { i, c, depth };
    }
  }
}

/** Splits a regular expression source at its top-level `|` (outside groups and classes). */
export function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const { i, c, depth } of structure(source)) {
    if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/**
 * The inside of a pattern that is one non-capturing group and nothing else ("(?:a|b)", as a
 * macro used on its own expands), or null. Its alternatives can then be gated one by one.
 */
export function soleGroupInside(source: string): string | null {
  if (!source.startsWith('(?:') || !source.endsWith(')')) return null;
  for (const { i, c, depth } of structure(source)) {
    if (c === ')' && depth === 0) return i === source.length - 1 ? source.slice(3, -1) : null;
  }
  return null;
}

export interface CompiledRubric {
  languages: Readonly<Record<Language, LanguageRules>>;
  /** Every rule by id (both languages). */
  byId: ReadonlyMap<string, CompiledRule>;
  /** Ids of rules that open permission for advice. */
  permissionRules: ReadonlySet<string>;
  /** Client rules that close open permission (the client declines to hear advice). */
  permissionClosers: ReadonlySet<string>;
}

/** A rule file failed validation; the message names the file and the field path. */
export class RubricError extends Error {
  constructor(
    readonly file: string,
    readonly fieldPath: (string | number)[],
    readonly reason: string,
  ) {
    super(`${file}: ${formatPath(fieldPath) || '(file)'}: ${reason}`);
    this.name = 'RubricError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

type Path = (string | number)[];

/** Expands macros and compiles pattern lists, naming the file and field on any problem. */
class PatternCompiler {
  constructor(
    private readonly file: string,
    private readonly macros: ReadonlyMap<string, string>,
    private readonly gate: KeyGate,
    private readonly pieces: PatternPiece[],
  ) {}

  private expand(src: string, path: Path): string {
    // Macros may use other macros; a few rounds cover any sane nesting and stop cycles.
    let out = src;
    for (let round = 0; round < 5 && out.includes('{{'); round++) {
      out = out.replace(/\{\{([A-Za-z0-9_]+)\}\}/g, (_, name: string) => {
        const m = this.macros.get(name);
        if (m === undefined) throw new RubricError(this.file, path, `unknown macro {{${name}}}`);
        return m;
      });
    }
    if (/\{\{[A-Za-z0-9_]+\}\}/.test(out)) throw new RubricError(this.file, path, 'macros nest too deeply (a cycle?)');
    return out;
  }

  anyOf(sources: readonly string[] | undefined, path: Path): RegExp | null {
    if (!sources || sources.length === 0) return null;
    const parts = sources.map((s, i) => {
      const expanded = this.expand(s, [...path, i]);
      try {
        new RegExp(expanded, regexFlags(expanded));
      } catch (err) {
        throw new RubricError(this.file, [...path, i], `invalid regular expression: ${err instanceof Error ? err.message : String(err)}`);
      }
      return expanded;
    });
    const source = parts.length === 1 ? parts[0]! : parts.map((p) => `(?:${p})`).join('|');
    return new RegExp(source, regexFlags(source));
  }

  /**
   * The pattern list as the pieces classify runs (see CompiledRule.afterLead and .others): sticky
   * after-LEAD parts, and every other top-level alternative on its own when it has required keys
   * (so the gate can skip it), the key-less ones joined into one expression.
   */
  split(
    sources: readonly string[],
    path: Path,
    leadUsable: boolean,
    speaker: Speaker,
  ): { afterLead: PatternPiece[]; others: PatternPiece[]; gate: number; keyless: PatternPiece[] } {
    const expanded = sources.map((s, i) => this.expand(s, [...path, i]));
    const joined = expanded.length === 1 ? expanded[0]! : expanded.map((p) => `(?:${p})`).join('|');
    // Each part keeps the flags of the whole list, so it means what it meant inside it.
    const flags = regexFlags(joined);
    // Numbered back-references would change meaning once the list is cut up: keep such a list whole.
    if (/\\[1-9]|\\k</.test(joined)) {
      const whole = { re: new RegExp(joined, flags), gate: -1, sticky: false };
      return { afterLead: [], others: [whole], gate: -1, keyless: [whole] };
    }
    const afterLead: PatternPiece[] = [];
    const keyed: PatternPiece[] = [];
    const keyless: string[] = [];
    let owner = -1;
    const piece = (source: string, sticky: boolean): PatternPiece | null => {
      // A LEAD ends at the start or after white space, so a word right there starts a word.
      const clauses = requiredKeys(source, sticky);
      if (clauses === null) return null;
      if (owner < 0) owner = this.gate.owner(GATE_GROUP[speaker]);
      const p = { re: new RegExp(source, sticky ? `${flags}y` : flags), gate: this.gate.register(clauses, owner), sticky };
      // Classify finds a piece the gate lists by its number.
      this.pieces[p.gate] = p;
      return p;
    };
    const other = (alt: string): void => {
      const inside = soleGroupInside(alt);
      if (inside !== null) {
        const alts = topLevelAlternatives(inside);
        if (alts.length > 1) {
          for (const a of alts) other(a);
          return;
        }
      }
      const p = piece(alt, false);
      if (p === null) keyless.push(alt);
      else keyed.push(p);
    };
    sources.forEach((s, i) => {
      if (!leadUsable || !s.startsWith(LEAD_PREFIX)) {
        for (const alt of topLevelAlternatives(expanded[i]!)) other(alt);
        return;
      }
      // `^{{LEAD}}a|b|c` anchors only `a`; `b` and `c` match anywhere, as before.
      const [first, ...rest] = topLevelAlternatives(s);
      const sticky = this.expand(first!.slice(LEAD_PREFIX.length), [...path, i]);
      afterLead.push(piece(sticky, true) ?? { re: new RegExp(sticky, `${flags}y`), gate: -1, sticky: true });
      for (const alt of rest) other(this.expand(alt, [...path, i]));
    });
    const others = keyed;
    if (keyless.length > 0) {
      const source = keyless.length === 1 ? keyless[0]! : keyless.map((p) => `(?:${p})`).join('|');
      others.push({ re: new RegExp(source, flags), gate: -1, sticky: false });
    }
    return { afterLead, others, gate: owner, keyless: [...afterLead, ...others].filter((p) => p.gate < 0) };
  }
}

// Codes and talk types as bits, so a rule's condition on the previous turn is one AND: the
// previous turn's code is looked up once per turn (TurnContext), not in a set per rule.
const CODE_BIT = new Map<string, number>([...PRACTITIONER_CODES, ...TalkTypeSchema.options].map((v, i) => [v, 2 ** i]));

/** The bit of a practitioner code or talk type; 0 for null (or anything else). */
export function codeBit(code: string | null | undefined): number {
  return (code && CODE_BIT.get(code)) || 0;
}

/** The bits of a list of codes or talk types. */
function codeBits(codes: readonly string[] | undefined): number {
  let bits = 0;
  for (const c of codes ?? []) bits |= codeBit(c);
  return bits;
}

function range(r: { min?: number | undefined; max?: number | undefined } | undefined): CompiledRange | null {
  if (!r) return null;
  return { min: r.min ?? 0, max: r.max ?? Number.POSITIVE_INFINITY };
}

function compileRule(rule: Rule, file: RuleFileContent, path: string, i: number, pc: PatternCompiler, leadUsable: boolean): CompiledRule {
  const c = rule.context;
  const at = (...p: Path): Path => ['rules', i, ...p];
  const pattern = pc.anyOf(rule.patterns, at('patterns'))!;
  const split = pc.split(rule.patterns, at('patterns'), leadUsable, file.speaker);
  return {
    id: rule.id,
    file: path,
    language: file.language,
    speaker: file.speaker,
    code: rule.code ?? null,
    talk: rule.talk ?? null,
    subtype: rule.subtype ?? null,
    subtypeFrom: rule.subtypeFrom ?? null,
    pattern,
    afterLead: split.afterLead,
    others: split.others,
    gate: split.gate,
    keyless: split.keyless,
    exception: pc.anyOf(rule.exceptions, at('exceptions')),
    context: c
      ? {
          permission: c.permission ?? null,
          prevPractitionerCodes: codeBits(c.previousPractitioner?.codes),
          prevPractitionerMatches: pc.anyOf(c.previousPractitioner?.matches, at('context', 'previousPractitioner', 'matches')),
          prevPractitionerNotMatches: pc.anyOf(
            c.previousPractitioner?.notMatches,
            at('context', 'previousPractitioner', 'notMatches'),
          ),
          prevClientTalk: codeBits(c.previousClient?.talk),
          prevClientMatches: pc.anyOf(c.previousClient?.matches, at('context', 'previousClient', 'matches')),
          prevClientNotMatches: pc.anyOf(c.previousClient?.notMatches, at('context', 'previousClient', 'notMatches')),
          overlap: range(c.overlap),
          words: range(c.words),
          position: c.position ?? null,
          turnUtterances: range(c.turnUtterances),
          turnWords: range(c.turnWords),
          continuation: c.continuation ?? null,
        }
      : null,
    setsPermission: rule.setsPermission,
    priority: rule.priority,
    confidence: rule.confidence,
    explanation: rule.explanation,
    source: rule,
  };
}

function firstIssue(path: string, error: z.ZodError): RubricError {
  const issue = error.issues[0]!;
  return new RubricError(path, issue.path as (string | number)[], issue.message);
}

/**
 * Validate and compile rule files (both languages). Pure: takes parsed file contents, never reads
 * files. Throws a RubricError naming the file and field on the first problem.
 */
export function compileRubric(files: readonly RuleFile[]): CompiledRubric {
  const buckets: Record<Language, { practitioner: CompiledRule[]; client: CompiledRule[]; stopwords: Set<string> }> = {
    nl: { practitioner: [], client: [], stopwords: new Set() },
    en: { practitioner: [], client: [], stopwords: new Set() },
  };
  // Pass 1: validate every file and gather the language-wide macros and stopwords.
  const parsed: { path: string; content: RuleFileContent }[] = [];
  const macros: Record<Language, Map<string, { value: string; file: string }>> = { nl: new Map(), en: new Map() };
  for (const f of files) {
    const result = RuleFileSchema.safeParse(f.data);
    if (!result.success) throw firstIssue(f.path, result.error);
    const content = result.data;
    for (const [name, value] of Object.entries(content.macros)) {
      const seen = macros[content.language].get(name);
      if (seen && seen.value !== value) {
        throw new RubricError(f.path, ['macros', name], `macro ${name} is defined differently in ${seen.file}`);
      }
      macros[content.language].set(name, { value, file: f.path });
    }
    for (const w of content.stopwords) buckets[content.language].stopwords.add(w.toLowerCase());
    parsed.push({ path: f.path, content });
  }
  // Pass 2: compile the rules.
  const byId = new Map<string, CompiledRule>();
  const permissionRules = new Set<string>();
  const permissionClosers = new Set<string>();
  const leads: Record<Language, LeadMatcher | null> = {
    nl: leadMatcher(macros.nl.get('LEAD')?.value),
    en: leadMatcher(macros.en.get('LEAD')?.value),
  };
  const gates: Record<Language, KeyGate> = { nl: new KeyGate(), en: new KeyGate() };
  const pieces: Record<Language, PatternPiece[]> = { nl: [], en: [] };
  for (const { path, content } of parsed) {
    const pc = new PatternCompiler(path, new Map([...macros[content.language]].map(([k, v]) => [k, v.value])), gates[content.language], pieces[content.language]);
    const leadUsable = leads[content.language] !== null;
    content.rules.forEach((rule, i) => {
      const existing = byId.get(rule.id);
      if (existing) throw new RubricError(path, ['rules', i, 'id'], `duplicate rule id "${rule.id}" (also in ${existing.file})`);
      const compiled = compileRule(rule, content, path, i, pc, leadUsable);
      byId.set(rule.id, compiled);
      if (compiled.setsPermission) permissionRules.add(rule.id);
      if (rule.closesPermission) permissionClosers.add(rule.id);
      buckets[content.language][content.speaker].push(compiled);
    });
  }
  const order = (a: CompiledRule, b: CompiledRule) => b.priority - a.priority;
  const freeze = (b: (typeof buckets)['en'], lead: LeadMatcher | null, gate: KeyGate, keyed: PatternPiece[]): LanguageRules => {
    // Stable sort: equal priorities keep file order.
    const client = b.client.slice().sort(order);
    return {
      practitioner: b.practitioner.slice().sort(order),
      client,
      subtyped: {
        change: client.filter((r) => r.talk === 'change' && r.subtype !== null),
        sustain: client.filter((r) => r.talk === 'sustain' && r.subtype !== null),
      },
      stopwords: b.stopwords,
      lead,
      gate,
      pieces: keyed,
    };
  };
  return { languages: { nl: freeze(buckets.nl, leads.nl, gates.nl, pieces.nl), en: freeze(buckets.en, leads.en, gates.en, pieces.en) }, byId, permissionRules, permissionClosers };
}
