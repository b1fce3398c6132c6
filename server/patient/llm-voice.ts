import type { LlmClient, LlmMessage } from '../llm/llm-client.ts';
import type { TalkType } from '../rubric/schemas.ts';
import type { Intent } from './decide.ts';
import { speakOffline } from './offline-voice.ts';
import type { PatientState } from './patient-state.ts';
import type { Scenario } from './scenario-schema.ts';

// The LLM voice: speaks the intent the engine already decided, in the persona's words. The model
// never decides the talk type; the reply is checked (by the caller's checkTalk, the rubric
// engine's client coder in context) and, when it contradicts the intent or the call fails, the
// voice retries once and then falls back to the offline voice for that turn, saying why.
// Only the LlmClient interface is imported here: the openai SDK stays in server/llm/.

export interface HistoryTurn {
  speaker: 'practitioner' | 'client';
  text: string;
}

export interface LlmSpeakRequest {
  scenario: Scenario;
  /** The state after decide() for this turn. */
  state: PatientState;
  intent: Intent;
  /** The conversation so far, oldest first, ending with the practitioner turn being answered. */
  history: HistoryTurn[];
  /** Each streamed text delta of the attempt in progress. */
  onDelta?: (delta: string) => void;
  /** Called when text already streamed is discarded (before a retry or the offline fallback). */
  onRestart?: (reason: string) => void;
  signal?: AbortSignal;
}

export interface LlmSpoken {
  text: string;
  voice: 'llm' | 'offline-fallback';
  /** Why the offline voice spoke instead, e.g. "timeout after 15000 ms; rate limited (429)". */
  fallbackReason: string | null;
  /** Failed attempts before the final text (0 when the first reply was used). */
  attempts: number;
  state: PatientState;
}

export interface LlmVoiceOptions {
  llm: LlmClient;
  /** Codes a candidate reply as a client turn in context; null when it cannot say. */
  checkTalk?: (text: string) => TalkType | null;
  /** Recent turns included in the prompt. */
  historyTurns?: number;
}

export interface LlmVoice {
  speak(req: LlmSpeakRequest): Promise<LlmSpoken>;
}

const SUBTYPE_WORDS: Record<string, string> = {
  desire: 'desire (wanting to change: "I would like to…")',
  ability: 'ability (being able to: "I could…")',
  reasons: 'reasons (a concrete benefit of changing)',
  need: 'need (the change feels necessary: "I have to…")',
  commitment: 'commitment (saying they will do it)',
  activation: 'activation (being willing or ready)',
  taking_steps: 'taking steps (something they already did)',
};

const MOVE_WORDS: Record<Intent['move'], string> = {
  opening: 'open the conversation: greet and say briefly why you came',
  answer: 'answer what the practitioner just said',
  agree: 'accept the practitioner asking permission or respecting your choice; let them go ahead',
  short: 'give a short answer to the closed question, nothing more',
  discord: 'push back: you feel lectured or pushed and say so, irritated but realistic',
  reveal: 'open up about something deeper you had not said before',
  ruler: 'answer the 0–10 scale question with the number given below and one reason',
  'why-not-lower': 'explain why your number is not lower: what makes it matter or feel possible',
  affirmed: 'respond to the compliment or recognition you just got',
  summarised: 'respond to the summary: confirm it and add a little',
  planning: 'say concretely what you will do',
  closing: 'close the conversation',
};

const ANSWER_WORDS: Record<NonNullable<Intent['answers']>, string> = {
  'yes-no': 'it asks yes or no, so say yes or no (or "sometimes")',
  'how-much': 'it asks how often, how much or how long, so give an amount or a frequency',
  wh: 'it asks who, what, when or where, so name that (or say honestly that you are not sure)',
};

const TALK_WORDS: Record<TalkType, string> = {
  change: 'CHANGE TALK: words in favour of changing',
  sustain: 'SUSTAIN TALK: words in favour of staying as you are (doubts, barriers, "yes, but…")',
  neutral: 'NEUTRAL: neither for nor against the change',
};

function level(v: number, nl: boolean): string {
  if (v < 3.5) return nl ? 'laag' : 'low';
  if (v < 6.5) return nl ? 'gemiddeld' : 'medium';
  return nl ? 'hoog' : 'high';
}

/** The system prompt: persona, target behaviour, state in words, the decided intent, language. */
export function buildPatientPrompt(scenario: Scenario, state: PatientState, intent: Intent, opts: { retryNote?: string } = {}): string {
  const p = scenario.persona;
  const nl = scenario.language === 'nl';
  const theme = intent.theme ? scenario.themes.find((t) => t.id === intent.theme) : undefined;
  const layer = intent.layer ? scenario.layers.find((l) => l.id === intent.layer) : undefined;
  const lines = [
    `You are role-playing a patient in a physiotherapy consultation, for students practising motivational interviewing.`,
    ``,
    `## Who you are`,
    `Name: ${p.name}, ${p.age} years old (${p.gender}). Work: ${p.work}. Condition: ${p.condition}.`,
    `History: ${p.history}`,
    `Way of speaking: ${p.speakingStyle}`,
    `The change the practitioner hopes for (target behaviour): ${scenario.targetBehaviour}`,
    ``,
    `## How you feel now`,
    `Importance of the change to you: ${level(state.importance, false)}. Confidence you could do it: ${level(state.confidence, false)}. ` +
      `Friction with the practitioner: ${state.discord >= 6 ? 'high, you are irritated' : state.discord >= 3 ? 'some, you are guarded' : 'little'}. ` +
      `Trust in the practitioner: ${level(state.rapport, false)}.`,
    ``,
    `## What you say in this turn (decided for you; follow it exactly)`,
    `Move: ${MOVE_WORDS[intent.move]}.`,
    `Talk type: ${TALK_WORDS[intent.talk]}.`,
  ];
  if (intent.talk === 'change' && intent.subtype) lines.push(`Kind of change talk (DARN-CAT): ${SUBTYPE_WORDS[intent.subtype] ?? intent.subtype}.`);
  if (theme) lines.push(`Theme: ${theme.label} (${theme.side === 'for' ? 'a reason for change' : 'a reason against change'}).`);
  if (layer) lines.push(`Reveal this deeper ${layer.kind}: ${layer.label}.`);
  if (intent.move === 'ruler' && intent.ruler) lines.push(`Your ${intent.ruler.kind} number on the 0–10 scale: ${intent.ruler.n}. Say this number.`);
  if (intent.move === 'short' && intent.answers) lines.push(`Answer the question itself: ${ANSWER_WORDS[intent.answers]}.`);
  if (intent.discord) lines.push(`You are in discord with the practitioner: show it.`);
  if (intent.talk !== 'change') lines.push(`Do NOT say anything in favour of changing in this turn.`);
  if (intent.talk !== 'sustain') lines.push(`Do NOT argue against the change in this turn.`);
  lines.push(
    `Length: ${intent.length === 'short' ? 'very short, a few words to one sentence' : 'one to three short sentences'}.`,
    ``,
    `## Rules`,
    nl
      ? `Speak Dutch, natural spoken Dutch as a patient in the Netherlands or Flanders would talk ("nou", "ja, maar", "eigenlijk"), not written or translated Dutch.`
      : `Speak English, natural and spoken.`,
    `Reply with only what ${p.name.split(/\s+/)[0]} says out loud: one reply, in character. No narration, no stage directions, no quotes, no name label, no advice to the practitioner. Never mention these instructions, the talk type or motivational interviewing.`,
  );
  if (opts.retryNote) lines.push(``, `Your previous attempt was not usable (${opts.retryNote}). Follow the talk type above strictly.`);
  return lines.join('\n');
}

/** Turn the conversation into chat messages: the practitioner is the user, the patient the assistant. */
export function historyMessages(history: readonly HistoryTurn[], max: number): LlmMessage[] {
  const recent = history.slice(-max);
  const messages: LlmMessage[] = recent.map((t) => ({ role: t.speaker === 'practitioner' ? 'user' : 'assistant', content: t.text }));
  // The opening has no practitioner turn yet; chat models expect a user message to answer.
  if (messages.length === 0 || messages[messages.length - 1]!.role !== 'user') messages.push({ role: 'user', content: '(the consultation begins)' });
  return messages;
}

/** Strip what models add despite the rules: surrounding quotes and a "Name:" label. */
export function cleanReply(text: string, scenario: Scenario): string {
  let t = text.trim();
  const first = scenario.persona.name.split(/\s+/)[0] ?? '';
  for (const label of [scenario.persona.name, first, 'Patient', 'Patiënt', 'Client', 'Cliënt']) {
    if (label && t.toLowerCase().startsWith(`${label.toLowerCase()}:`)) t = t.slice(label.length + 1).trim();
  }
  if (/^["“„'].*["”']$/s.test(t) && t.length > 2) t = t.slice(1, -1).trim();
  return t;
}

export function createLlmVoice(opts: LlmVoiceOptions): LlmVoice {
  const maxHistory = opts.historyTurns ?? 12;
  return {
    async speak(req) {
      const { scenario, state, intent } = req;
      const reasons: string[] = [];
      for (let attempt = 0; attempt < 2; attempt++) {
        if (attempt > 0) req.onRestart?.(reasons[reasons.length - 1]!);
        try {
          const raw = await opts.llm.stream({
            system: buildPatientPrompt(scenario, state, intent, attempt > 0 ? { retryNote: reasons[reasons.length - 1]! } : {}),
            messages: historyMessages(req.history, maxHistory),
            ...(req.onDelta ? { onDelta: req.onDelta } : {}),
            ...(req.signal ? { signal: req.signal } : {}),
          });
          const text = cleanReply(raw, scenario);
          if (text === '') {
            reasons.push('empty reply');
            continue;
          }
          const heard = opts.checkTalk?.(text) ?? null;
          if (heard !== null && heard !== intent.talk) {
            reasons.push(`reply coded as ${heard}, intended ${intent.talk}`);
            continue;
          }
          return { text, voice: 'llm', fallbackReason: null, attempts: attempt, state };
        } catch (err) {
          // The caller went away (e.g. the student left): nothing to fall back for.
          if (req.signal?.aborted) throw err;
          reasons.push(err instanceof Error ? err.message : String(err));
        }
      }
      req.onRestart?.(reasons[reasons.length - 1]!);
      const check = opts.checkTalk;
      const accept = check ? (text: string, talk: TalkType) => check(text) === talk : undefined;
      const spoken = speakOffline(scenario, state, intent, accept ? { accept } : {});
      return { text: spoken.text, voice: 'offline-fallback', fallbackReason: reasons.join('; '), attempts: 2, state: spoken.state };
    },
  };
}
