import type { TalkType } from '../rubric/schemas.ts';
import type { Intent } from './decide.ts';
import type { PatientState } from './patient-state.ts';
import { lineText, lineTheme, type Scenario, type ScenarioLine } from './scenario-schema.ts';
import { topicStems } from './detect-touch.ts';
import { nextRandom } from './seeded-random.ts';

// The offline voice: realises an intent with a line written in the scenario. A line is never
// spoken twice in one conversation (its key goes into state.usedLines); when a pool runs dry the
// voice falls back to a related pool, and says which talk type it really used.

export interface Spoken {
  text: string;
  /** Key of the scenario line, e.g. "change.desire#2"; null for the last-resort filler. */
  key: string | null;
  /** The talk type of the pool the line came from (equals intent.talk unless a pool ran dry). */
  talk: TalkType;
  state: PatientState;
}

interface Pool {
  path: string;
  lines: readonly ScenarioLine[];
  talk: TalkType;
  /** Other talk types a line of this pool may be heard as and still be right (see `opening`). */
  alsoTalk?: TalkType;
}

function pools(scenario: Scenario, intent: Intent): Pool[] {
  const L = scenario.lines;
  const change = (sub: keyof typeof L.change): Pool => ({ path: `change.${sub}`, lines: L.change[sub], talk: 'change' });
  const neutral: Pool = { path: 'neutral', lines: L.neutral, talk: 'neutral' };
  const short: Pool = { path: 'short', lines: L.short, talk: 'neutral' };
  const sustain: Pool = { path: 'sustain', lines: L.sustain, talk: 'sustain' };
  const discord: Pool = { path: 'discord', lines: L.discord, talk: 'sustain' };
  const preparatory = (['desire', 'reasons', 'need', 'ability'] as const).map(change);
  switch (intent.move) {
    case 'opening':
      // Why they came often carries a doubt ("…het gaat niet zo vlot met die oefeningen"): that is
      // the right answer to "what brings you here?", so it is not passed over for a neutral line.
      return [{ path: 'opening', lines: L.opening, talk: 'neutral', alsoTalk: 'sustain' }, neutral];
    case 'closing':
      return [{ path: 'closing', lines: L.closing, talk: 'neutral' }, short];
    case 'short':
      return intent.talk === 'sustain' ? [{ ...short, talk: 'sustain' }, sustain, discord] : [short, neutral];
    case 'agree':
      return [{ path: 'agree', lines: L.agree ?? [], talk: 'neutral' }, neutral];
    case 'affirmed':
      return [{ path: 'affirmed', lines: L.affirmed, talk: 'neutral' }, neutral];
    case 'summarised':
      return [{ path: 'summarised', lines: L.summarised, talk: 'neutral' }, neutral];
    case 'ruler':
      return [{ path: `ruler.${intent.ruler?.kind ?? 'importance'}`, lines: L.ruler[intent.ruler?.kind ?? 'importance'], talk: intent.talk }];
    case 'why-not-lower':
      return [{ path: 'ruler.whyNotLower', lines: L.ruler.whyNotLower, talk: 'change' }, ...preparatory];
    case 'planning':
      return [{ path: 'planning', lines: L.planning, talk: 'change' }, change('commitment'), change('activation')];
    case 'discord':
      return [discord, sustain];
    case 'reveal': {
      const layer = scenario.layers.find((l) => l.id === intent.layer);
      const own: Pool[] = layer ? [{ path: `layers.${layer.id}`, lines: layer.lines, talk: layer.talk }] : [];
      return [...own, ...(intent.talk === 'change' ? preparatory : intent.talk === 'sustain' ? [sustain] : [neutral])];
    }
    case 'answer':
      if (intent.talk === 'change') {
        const first = intent.subtype ? [change(intent.subtype)] : [];
        return [...first, ...preparatory.filter((p) => p.path !== first[0]?.path)];
      }
      if (intent.talk === 'sustain') return [sustain, discord];
      return [neutral, short];
  }
}

const FILLER: Record<Scenario['language'], string> = { nl: 'Hm. Ik weet het eigenlijk niet zo goed.', en: "Hm. I'm not really sure." };

// What a short line can answer, read from its words: scenario authors write plain lines ("Ja.",
// "Af en toe.", "Goh, dat weet ik niet."), so no tag is needed to fit them to a question.
const SAYS_YES_NO = /^(?:ja|nee|neen|jawel|niet|klopt|dat klopt|zeker|nou nee|yes|no|yeah|yep|nope|not really|sure|that's right|right)\b/i;
const SAYS_HOW_MUCH =
  /\b(?:soms|af en toe|vaak|nooit|elke|iedere|keer|weleens|wel eens|paar|een beetje|één|twee|drie|vier|vijf|dagen|uur|minuten|kwartier|weken|per dag|per week|tien|twintig|half|sometimes|often|never|once|twice|times|every|now and then|a few|a couple|a bit|hours?|minutes|days?|weeks?|a day|a week|one|two|three|four|five|ten|fifteen|twenty|half|\d+)\b/i;
const SAYS_UNSURE =
  /\b(?:weet (?:ik|het) (?:\w+ ){0,2}niet|geen idee|moeilijk te zeggen|weet ik veel|not (?:really )?sure|don't (?:really )?know|no idea|hard to say|couldn't (?:really )?say)\b/i;

const GREETING = /^(?:hoi|hallo|dag|hé|goedemorgen|goedemiddag|goedenavond|hi|hello|hey|hiya|morning|hi there|alright)[.!,]\s+(?=\S+\s+\S+\s+\S+)/i;

/** "Hoi. Ja, de enkel." → "Ja, de enkel.": the line without a greeting in front. */
export function withoutGreeting(text: string): string {
  const rest = text.replace(GREETING, '');
  return rest === text ? text : rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** Lines that only make sense as the answer to a question. */
const ANSWERS_A_QUESTION = new RegExp(`${SAYS_UNSURE.source}|\\b(?:goede vraag|good question|that's a question)\\b`, 'i');

/**
 * How well a line answers a question of this form: 0 fits, 1 is an honest "not sure", 2 does not
 * fit ("Nee." to "Hoe vaak?", "Af en toe." to "Wie helpt u?").
 */
function answerFit(text: string, form: NonNullable<Intent['answers']>): number {
  // A long line is a story, not an answer to a closed question, whatever words it holds.
  const short = text.split(/\s+/).length <= 8;
  if (short && form === 'yes-no' && (SAYS_YES_NO.test(text) || SAYS_HOW_MUCH.test(text))) return 0;
  if (short && form === 'how-much' && SAYS_HOW_MUCH.test(text)) return 0;
  return SAYS_UNSURE.test(text) ? 1 : 2;
}

export function fillPlaceholders(text: string, scenario: Scenario, intent: Intent, state: PatientState): string {
  const n = intent.ruler?.n ?? state.ruler.importance ?? Math.round(state.importance);
  const firstName = scenario.persona.name.split(/\s+/)[0] ?? scenario.persona.name;
  return text
    // "A {n}": English says "an 8", "an 11", "an 18".
    .replace(/\b([Aa]) \{n\}/g, (m, a: string) => (/^(8|11|18)$/.test(String(n)) ? `${a}n {n}` : m))
    .replaceAll('{n}', String(n))
    .replaceAll('{lower}', String(Math.max(0, n - 2)))
    .replaceAll('{name}', firstName)
    .replaceAll('{goal}', scenario.targetBehaviour);
}

/**
 * Checks a candidate line before it is spoken, e.g. with the rubric engine's client coder in the
 * conversation's context: lines whose talk type would be heard otherwise are passed over while
 * an alternative exists (the same check the LLM voice applies to its replies).
 */
export type AcceptLine = (text: string, talk: TalkType) => boolean;

export function speakOffline(scenario: Scenario, state: PatientState, intent: Intent, opts: { accept?: AcceptLine } = {}): Spoken {
  let rng = state.rng;
  const used = new Set(state.usedLines);
  const topic = new Set(intent.topic);
  const ordered: { pool: Pool; key: string; text: string }[] = [];
  for (const pool of pools(scenario, intent)) {
    const fresh = pool.lines.map((line, i) => ({ line, key: `${pool.path}#${i}` })).filter((c) => !used.has(c.key));
    // Prefer lines on the theme the intent is about, then untagged lines, then the rest;
    // shuffle within each group so conversations differ by seed.
    const groups = [
      fresh.filter((c) => intent.theme !== null && lineTheme(c.line) === intent.theme),
      fresh.filter((c) => lineTheme(c.line) === null),
      fresh.filter((c) => lineTheme(c.line) !== null && lineTheme(c.line) !== intent.theme),
    ];
    for (const group of groups) {
      const g = [...group];
      for (let i = g.length - 1; i > 0; i--) {
        const r = nextRandom(rng);
        rng = r.state;
        const j = Math.floor(r.value * (i + 1));
        [g[i], g[j]] = [g[j]!, g[i]!];
      }
      // Within a group, lines that share a word with the practitioner's turn come first
      // ("Wat vindt uw dochter ervan?" → the line about the daughter), the shuffle decides the rest.
      if (topic.size > 0) {
        const shared = new Map(g.map((c) => [c, topicStems(lineText(c.line)).filter((w) => topic.has(w)).length]));
        g.sort((a, b) => shared.get(b)! - shared.get(a)!);
      }
      for (const c of g) {
        let text = fillPlaceholders(lineText(c.line), scenario, intent, state);
        // Asked "what brings you here?" after the greetings, an opening line does not greet again.
        if (pool.path === 'opening' && state.turn > 0) text = withoutGreeting(text);
        ordered.push({ pool, key: c.key, text });
      }
    }
  }
  const form = intent.move === 'short' ? intent.answers : null;
  if (intent.answers === null && intent.talk === 'neutral') {
    // After a statement, lines that answer a question ("Dat is een goede vraag", "Geen idee") go last.
    const asked = new Map(ordered.map((c) => [c, ANSWERS_A_QUESTION.test(c.text) ? 1 : 0]));
    ordered.sort((a, b) => asked.get(a)! - asked.get(b)!);
  }
  if (form) {
    // Lines that answer the question first (a stable sort keeps the theme and pool order).
    const fit = new Map(ordered.map((c) => [c, answerFit(c.text, form)]));
    ordered.sort((a, b) => fit.get(a)! - fit.get(b)!);
    // A neutral short answer that fits nothing left is an honest "not sure", not a random "Ja.".
    if (intent.talk === 'neutral' && form !== 'yes-no' && ordered.every((c) => fit.get(c) === 2)) ordered.length = 0;
  }
  let talk: TalkType | undefined;
  const picked = opts.accept
    ? ordered.find((c) => {
        talk = [c.pool.talk, c.pool.alsoTalk].find((t) => t !== undefined && opts.accept!(c.text, t));
        return talk !== undefined;
      })
    : undefined;
  const chosen = picked ?? ordered[0];
  if (!chosen) return { text: FILLER[scenario.language], key: null, talk: 'neutral', state: { ...state, rng } };
  return {
    text: chosen.text,
    key: chosen.key,
    talk: picked ? talk! : chosen.pool.talk,
    state: { ...state, rng, usedLines: [...state.usedLines, chosen.key] },
  };
}
