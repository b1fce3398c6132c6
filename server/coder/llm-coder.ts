import { z } from 'zod';
import { codeTurn as rulesCodeTurn, PRIMARY_PRECEDENCE, type CompiledRubric } from '../rubric/index.ts';
import {
  PractitionerCodeSchema,
  TalkSubtypeSchema,
  TalkTypeSchema,
  type CodeHit,
  type CodedTurn,
  type Language,
  type PractitionerCode,
  type TurnInput,
} from '../rubric/schemas.ts';
import { conversationLanguage, type Coder, type CoderMode } from './coder.ts';
import { CodingModelError, type CodingModel } from './coding-model.ts';

// The LLM coder: same input and output as the rules (CodedTurn), the model's answer constrained by
// a zod schema (structured output; only .nullable(), never .optional(), which strict mode rejects).
// The rules always run first: their result is the fallback when the model fails for a turn
// (timeout, 429, 5xx, bad JSON, refusal), marked source 'rules-fallback' with the reason, and in
// hybrid mode their confidence decides whether the model is asked at all.

export const LlmPractitionerCodingSchema = z.object({
  utterances: z
    .array(
      z.object({
        text: z.string().describe('The words of this utterance, copied exactly from the turn'),
        code: PractitionerCodeSchema,
        explanation: z.string().describe("One short sentence in the conversation's language: why this code"),
      }),
    )
    .describe('The turn split into utterances (thought units), in order, each with one code'),
  primary: PractitionerCodeSchema.describe("The turn's main behaviour: one of the utterance codes"),
  confidence: z.number().describe('0 to 1: how sure you are of the primary code'),
  asksPermission: z.boolean().describe("true when the turn asks the client's permission to give information or advice"),
});
export type LlmPractitionerCoding = z.infer<typeof LlmPractitionerCodingSchema>;

export const LlmClientCodingSchema = z.object({
  talk: TalkTypeSchema,
  subtype: TalkSubtypeSchema.nullable().describe('DARN-CAT subtype for change or sustain talk; null for neutral'),
  explanation: z.string().describe("One short sentence in the conversation's language: why"),
  confidence: z.number().describe('0 to 1: how sure you are'),
  permission: z
    .enum(['asks_advice', 'declines', 'none'])
    .describe("asks_advice: the client asks for advice or information; declines: the client turns down the practitioner's offer of advice or information; none: neither"),
});
export type LlmClientCoding = z.infer<typeof LlmClientCodingSchema>;

const CONTEXT_TURNS = 6;

const SYSTEM = `You code motivational interviewing (MI) conversations between a physiotherapy practitioner and a client, following MITI 4.2.1.
Practitioner codes (one per utterance): OQ open question; CQ closed question; SR simple reflection (says back what the client said); CR complex reflection (adds meaning, feeling, double-sided or amplified); SUM summary (collects or links several things the client said); AF affirmation (a specific strength, effort or intention; not generic praise); SEEK seeking collaboration or asking permission; AUTO emphasising the client's autonomy; GI giving neutral information; PWP advice or persuasion with permission (the client asked, the practitioner asked first, or it is framed as the client's choice); RR righting reflex: advice, persuasion, warning or "you should" without permission; CON confront: disagree, argue, blame, label, moralise; NC not codable (greeting, filler, structuring).
Permission given in the last few turns still counts, unless the client declined it since; say whether a practitioner turn asks permission and whether a client turn asks for advice or declines the offer. Client talk: change (towards the target behaviour) or sustain (against it) with a DARN-CAT subtype (desire, ability, reasons, need, commitment, activation, taking_steps), or neutral. A client's short "yes" to a question about change is change talk.
Reply only with the JSON object asked for.`;

function describeTurns(turns: readonly CodedTurn[]): string {
  return turns
    .slice(-CONTEXT_TURNS)
    .map((t) => `${t.speaker === 'practitioner' ? 'Practitioner' : 'Client'}: ${t.text}`)
    .join('\n');
}

function userPrompt(previous: readonly CodedTurn[], turn: TurnInput, language: Language): string {
  const lang = language === 'nl' ? 'Dutch' : 'English';
  const ctx = previous.length ? `Conversation so far (last turns):\n${describeTurns(previous)}\n\n` : '';
  const what =
    turn.speaker === 'practitioner'
      ? 'Split this practitioner turn into utterances and code each; give the primary code.'
      : 'Code the talk type of this client turn.';
  return `${ctx}${what} The conversation is in ${lang}; write explanations in ${lang}.\n\n${turn.speaker === 'practitioner' ? 'Practitioner' : 'Client'}: ${turn.text}`;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5);

/** How sure the rules are of a turn: the confidence behind its primary code or its talk type. */
export function turnConfidence(t: CodedTurn): number {
  if (t.speaker === 'practitioner') {
    let best = 0;
    for (const c of t.codes) if (c.code === t.primary && c.confidence > best) best = c.confidence;
    return best;
  }
  let best = 0;
  for (const h of t.talkHits) if (h.talk === t.talk && h.confidence > best) best = h.confidence;
  return best;
}

function practitionerTurn(base: CodedTurn, out: LlmPractitionerCoding, language: Language): CodedTurn {
  if (out.utterances.length === 0) throw new CodingModelError('bad_json', 'bad JSON: no utterances');
  const text = base.text;
  const lower = text.toLowerCase();
  let cursor = 0;
  const confidence = clamp01(out.confidence);
  const codes: CodeHit[] = out.utterances.map((u) => {
    const at = u.text.trim() ? lower.indexOf(u.text.trim().toLowerCase(), cursor) : -1;
    const span: [number, number] = at >= 0 ? [at, at + u.text.trim().length] : [0, text.length];
    if (at >= 0) cursor = span[1];
    return {
      code: u.code,
      text: at >= 0 ? text.slice(span[0], span[1]) : u.text,
      span,
      rule: `${language}.llm.${u.code.toLowerCase()}`,
      confidence,
      explanation: u.explanation,
    };
  });
  const present = new Set(codes.map((c) => c.code));
  const primary: PractitionerCode = present.has(out.primary)
    ? out.primary
    : (PRIMARY_PRECEDENCE.find((c) => present.has(c)) ?? 'NC');
  // Permission is read from the turns before, and the model's codes name no rule that opens it.
  return { ...base, codes, primary, permission: out.asksPermission ? 'opens' : null, source: 'llm', fallbackReason: null };
}

function clientTurn(base: CodedTurn, out: LlmClientCoding, language: Language): CodedTurn {
  const subtype = out.talk === 'neutral' ? null : out.subtype;
  return {
    ...base,
    talk: out.talk,
    talkSubtype: subtype,
    talkHits: [
      {
        talk: out.talk,
        subtype,
        text: base.text,
        span: [0, base.text.length],
        rule: `${language}.llm.${out.talk}`,
        confidence: clamp01(out.confidence),
        explanation: out.explanation,
      },
    ],
    permission: out.permission === 'asks_advice' ? 'opens' : out.permission === 'declines' ? 'closes' : null,
    source: 'llm',
    fallbackReason: null,
  };
}

export interface LlmCoderDeps {
  rubric: CompiledRubric;
  model: CodingModel;
  /** Which rules-coded turns go to the model (all of them in llm mode). */
  select?: (rulesTurn: CodedTurn) => boolean;
  mode?: CoderMode;
}

/** The LLM coder: every selected turn is coded by the model; any failure falls back to the rules. */
export function createLlmCoder(deps: LlmCoderDeps): Coder {
  const { rubric, model } = deps;
  const select = deps.select ?? (() => true);
  async function codeOne(previous: readonly CodedTurn[], turn: TurnInput, language: Language): Promise<CodedTurn> {
    const rules = rulesCodeTurn(previous, turn, { rubric, language });
    if (!select(rules)) return rules;
    try {
      if (turn.speaker === 'practitioner') {
        const out = await model.complete({
          system: SYSTEM,
          user: userPrompt(previous, turn, language),
          schema: LlmPractitionerCodingSchema,
          schemaName: 'practitioner_coding',
        });
        return practitionerTurn(rules, out, language);
      }
      const out = await model.complete({
        system: SYSTEM,
        user: userPrompt(previous, turn, language),
        schema: LlmClientCodingSchema,
        schemaName: 'client_coding',
      });
      return clientTurn(rules, out, language);
    } catch (err) {
      const reason = err instanceof CodingModelError ? err.message : `model call failed: ${err instanceof Error ? err.message : String(err)}`;
      return { ...rules, source: 'rules-fallback', fallbackReason: reason };
    }
  }
  return {
    mode: deps.mode ?? 'llm',
    codeTurn: (previous, turn, opts) => codeOne(previous, turn, opts.language),
    async codeTranscript(turns, opts = {}) {
      const language = conversationLanguage(turns, opts.language);
      const coded: CodedTurn[] = [];
      for (const t of turns) coded.push({ ...(await codeOne(coded, t, language)), index: coded.length });
      return { language, turns: coded };
    },
  };
}
