import { codeTurn, type CompiledRubric } from '../rubric/index.ts';
import type { CodedTurn, TalkType } from '../rubric/schemas.ts';
import { decide, openingIntent, type Intent } from './decide.ts';
import type { LlmClient } from '../llm/llm-client.ts';
import { createLlmVoice } from './llm-voice.ts';
import { speakOffline } from './offline-voice.ts';
import { createPatient, type PatientState } from './patient-state.ts';
import type { Scenario } from './scenario-schema.ts';
import { SCRIPT_LENGTH, scriptedTurn, type PractitionerStyle } from './scripted-practitioners.ts';

// A scripted practitioner talks to the patient for 20 turns; every practitioner turn is coded by
// the rubric engine (so the patient reacts to what the engine hears), and every patient turn is
// coded too, to measure how often the spoken talk type matches the intended one.

export interface SimulatedExchange {
  practitioner: CodedTurn;
  intent: Intent;
  why: string[];
  patientText: string;
  lineKey: string | null;
  intendedTalk: TalkType;
  codedTalk: TalkType | null;
  voice: 'offline' | 'llm' | 'offline-fallback';
}

export interface SimulationResult {
  scenarioId: string;
  style: PractitionerStyle;
  exchanges: SimulatedExchange[];
  change: number;
  sustain: number;
  neutral: number;
  /** Share of patient turns whose coded talk type matches the intended one. */
  agreement: number;
  /** 1-based practitioner turn of the first commitment talk, or null. */
  firstCommitment: number | null;
  finalState: PatientState;
}

/** What the simulation asks a voice to say: the decided intent, with the engine's check. */
export interface SpeakRequest {
  state: PatientState;
  intent: Intent;
  history: readonly CodedTurn[];
  /** True when the rubric engine hears `text` as `talk` in this conversation. */
  accept: (text: string, talk: TalkType) => boolean;
}

export interface SpokenReply {
  text: string;
  key: string | null;
  talk: TalkType;
  state: PatientState;
  voice: 'offline' | 'llm' | 'offline-fallback';
}

// The conversation as a generator that yields each speak request and receives the reply, so the
// same loop drives the offline voice synchronously and the LLM voice asynchronously.
function* conversation(
  scenario: Scenario,
  rubric: CompiledRubric,
  style: PractitionerStyle,
  opts: { seed: number; turns?: number },
): Generator<SpeakRequest, SimulationResult, SpokenReply> {
  const language = scenario.language;
  const history: CodedTurn[] = [];
  let state = createPatient(scenario, { seed: opts.seed });
  const opening = speakOffline(scenario, state, openingIntent());
  state = opening.state;
  history.push(codeTurn(history, { speaker: 'client', text: opening.text }, { rubric, language }));
  const exchanges: SimulatedExchange[] = [];
  const turns = opts.turns ?? SCRIPT_LENGTH;
  for (let t = 0; t < turns; t++) {
    const text = scriptedTurn(style, scenario, t, state.ruler.importance ?? state.ruler.confidence);
    const practitioner = codeTurn(history, { speaker: 'practitioner', text }, { rubric, language });
    history.push(practitioner);
    const d = decide(state, scenario, practitioner);
    const accept = (candidate: string, talk: TalkType) =>
      codeTurn(history, { speaker: 'client', text: candidate }, { rubric, language }).talk === talk;
    const spoken = yield { state: d.state, intent: d.intent, history, accept };
    state = spoken.state;
    const coded = codeTurn(history, { speaker: 'client', text: spoken.text }, { rubric, language });
    history.push(coded);
    exchanges.push({
      practitioner,
      intent: d.intent,
      why: d.why,
      patientText: spoken.text,
      lineKey: spoken.key,
      // The LLM voice speaks the decided intent; the offline line's pool may differ from it.
      intendedTalk: spoken.voice === 'llm' ? d.intent.talk : spoken.talk,
      codedTalk: coded.talk,
      voice: spoken.voice,
    });
  }
  const count = (t: TalkType) => exchanges.filter((e) => e.intendedTalk === t).length;
  const agree = exchanges.filter((e) => e.codedTalk === e.intendedTalk).length;
  const firstCommit = exchanges.findIndex((e) => e.intendedTalk === 'change' && e.intent.subtype === 'commitment');
  return {
    scenarioId: scenario.id,
    style,
    exchanges,
    change: count('change'),
    sustain: count('sustain'),
    neutral: count('neutral'),
    agreement: exchanges.length ? agree / exchanges.length : 1,
    firstCommitment: firstCommit === -1 ? null : firstCommit + 1,
    finalState: state,
  };
}

/** The offline voice: deterministic for a seed. */
export function simulateConversation(
  scenario: Scenario,
  rubric: CompiledRubric,
  style: PractitionerStyle,
  opts: { seed: number; turns?: number },
): SimulationResult {
  const run = conversation(scenario, rubric, style, opts);
  let step = run.next();
  while (!step.done) {
    const req = step.value;
    const spoken = speakOffline(scenario, req.state, req.intent, { accept: req.accept });
    step = run.next({ ...spoken, voice: 'offline' });
  }
  return step.value;
}

/** The LLM voice (with its own retry and offline fallback), for `kier simulate` with a model configured. */
export async function simulateConversationWithLlm(
  scenario: Scenario,
  rubric: CompiledRubric,
  style: PractitionerStyle,
  opts: { seed: number; turns?: number; llm: LlmClient },
): Promise<SimulationResult> {
  const run = conversation(scenario, rubric, style, opts);
  let step = run.next();
  while (!step.done) {
    const req = step.value;
    const language = scenario.language;
    const history = req.history;
    const voice = createLlmVoice({
      llm: opts.llm,
      checkTalk: (text) => codeTurn(history, { speaker: 'client', text }, { rubric, language }).talk,
    });
    const said = await voice.speak({
      scenario,
      state: req.state,
      intent: req.intent,
      history: history.map((t) => ({ speaker: t.speaker, text: t.text })),
    });
    step = run.next({ text: said.text, key: null, talk: req.intent.talk, state: said.state, voice: said.voice });
  }
  return step.value;
}
