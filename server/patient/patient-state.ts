import { z } from 'zod';
import type { Difficulty, Scenario } from './scenario-schema.ts';

// The simulated patient's inner state. JSON-serialisable: the server stores it with every
// patient turn so a session resumes or branches from exactly where it was.

export const PatientStateSchema = z.object({
  scenarioId: z.string(),
  /** How much the change matters to the patient, 0–10. */
  importance: z.number().min(0).max(10),
  /** How sure the patient is they could do it, 0–10. */
  confidence: z.number().min(0).max(10),
  /** Friction with the practitioner, 0–10; rises with the righting reflex, falls with autonomy. */
  discord: z.number().min(0).max(10),
  /** Trust in the practitioner, 0–10. */
  rapport: z.number().min(0).max(10),
  /** Evoking turns (open questions, reflections, summaries, affirmations) so far. */
  evoking: z.number().int().min(0),
  /** Evoking turns per theme id. */
  evokedThemes: z.record(z.string(), z.number().int()),
  /** Layer ids the patient has revealed. */
  revealed: z.array(z.string()),
  /** Last ruler answers given, so later answers stay consistent. */
  ruler: z.object({ importance: z.number().int().nullable(), confidence: z.number().int().nullable() }),
  /** Keys of the scenario lines already spoken (never repeated). */
  usedLines: z.array(z.string()),
  /** Practitioner turns answered so far. */
  turn: z.number().int().min(0),
  /** Change-talk turns so far (mobilising talk needs some preparatory talk first). */
  changeTalk: z.number().int().min(0),
  /** PRNG state (see seeded-random.ts). */
  rng: z.number().int(),
});
export type PatientState = z.infer<typeof PatientStateSchema>;

/** How hard a scenario resists: multiplies gains (down) and friction (up). */
export const RESISTANCE: Record<Difficulty, { gain: number; friction: number; commitAfter: number }> = {
  easy: { gain: 1, friction: 1, commitAfter: 6 },
  medium: { gain: 0.8, friction: 1.2, commitAfter: 8 },
  hard: { gain: 0.6, friction: 1.5, commitAfter: 10 },
};

export function createPatient(scenario: Scenario, opts: { seed: number }): PatientState {
  return {
    scenarioId: scenario.id,
    importance: scenario.start.importance,
    confidence: scenario.start.confidence,
    discord: 0,
    rapport: scenario.difficulty === 'hard' ? 3 : scenario.difficulty === 'medium' ? 4 : 5,
    evoking: 0,
    evokedThemes: {},
    revealed: [],
    ruler: { importance: null, confidence: null },
    usedLines: [],
    turn: 0,
    changeTalk: 0,
    rng: opts.seed | 0,
  };
}

export type Tone = 'open' | 'neutral' | 'guarded' | 'irritated';

/** What the student may see of the state: the tone, honestly, not the numbers. */
export function mood(state: PatientState): { tone: Tone; discord: boolean } {
  const discord = state.discord >= 4;
  let tone: Tone;
  if (state.discord >= 6) tone = 'irritated';
  else if (state.discord >= 3 || state.rapport < 3) tone = 'guarded';
  else if (state.rapport >= 6 && state.importance >= 5) tone = 'open';
  else tone = 'neutral';
  return { tone, discord };
}

/** 0–1: how ready the patient is for mobilising talk (commitment, activation, steps). */
export function readiness(state: PatientState): number {
  return Math.max(0, Math.min(1, (state.importance * 0.55 + state.confidence * 0.45) / 10 - state.discord / 20));
}
