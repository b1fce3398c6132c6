import { clamp01 } from './score-globals.ts';
import { round } from './score-miti.ts';
import type { ChangeTalk, CodeCounts, Miti, OverallPart } from './scores-schema.ts';

// `overall` (0–100): one number for MI quality.
//
//   overall = round(100 × quality × (1 − nonAdherencePenalty))
//
// quality is a weighted mean of six MI ideas, each on 0–1 (1 = as the manual would want it):
//
//   part                  value                                                      weight
//   miConsistency         MI-consistent / (MI-consistent + MI-non-adherent) turns     0.20
//                         (MISC's %MIC idea): consistent = OQ, SR, CR, SUM, AF, SEEK,
//                         AUTO, PWP; non-adherent = RR, CON. None of either: 0.
//   evoking               evoking / (evoking + directing) turns: evoking = OQ and      0.40
//                         reflections; directing = CQ, GI, PWP, RR, CON. The evoking
//                         process is the heart of MI; a practitioner who mostly asks
//                         closed questions and tells is in the expert trap. None: 0.
//   reflectionToQuestion  R:Q / 2 (MITI good = 2); no questions: 1 if any reflection   0.10
//   complexReflections    %CR / 50 (MITI good = 50%); no reflections: 0                0.10
//   changeTalk            %CT / 100; neither change nor sustain talk: 0.5              0.10
//   globals               (mean(technical, relational) − 1) / 4                        0.10
//
// The factor: nonAdherence = 1 − min(1, (RR + CON turns) / practitioner turns / 0.25). Advice
// without permission and confrontation multiply the score down rather than being averaged away:
// MITI treats them as the clearest sign of poor MI, and one such turn in four leaves nothing.
// Evoking carries the largest weight because, across conversations, it is the behaviour that best
// tells good MI from poor (measured on the AnnoMI dev set: see server/rubric/README.md "Scores").
// No practitioner turns: overall 0.

export const OVERALL_WEIGHTS = {
  miConsistency: 0.2,
  evoking: 0.4,
  reflectionToQuestion: 0.1,
  complexReflections: 0.1,
  changeTalk: 0.1,
  globals: 0.1,
} as const;

/** (RR + CON) per practitioner turn at which the non-adherence factor reaches 0. */
export const NON_ADHERENCE_ZERO_AT = 0.25;

type WeightedName = keyof typeof OVERALL_WEIGHTS;

export function scoreOverall(input: {
  practitionerTurns: number;
  counts: CodeCounts;
  miti: Miti;
  changeTalk: ChangeTalk;
}): { overall: number; quality: number; parts: OverallPart[] } {
  const { practitionerTurns: p, counts: c, miti, changeTalk } = input;
  const consistent = c.OQ + miti.reflections + c.AF + c.SEEK + c.AUTO + c.PWP;
  const nonAdherent = miti.miNonAdherent;
  const evoking = c.OQ + miti.reflections;
  const directing = c.CQ + c.GI + c.PWP + c.RR + c.CON;
  const values: Record<WeightedName, number> = {
    miConsistency: consistent + nonAdherent > 0 ? consistent / (consistent + nonAdherent) : 0,
    evoking: evoking + directing > 0 ? evoking / (evoking + directing) : 0,
    reflectionToQuestion:
      miti.questions > 0 ? clamp01(miti.reflections / miti.questions / 2) : miti.reflections > 0 ? 1 : 0,
    complexReflections: miti.reflections > 0 ? clamp01(miti.complexReflections / miti.reflections / 0.5) : 0,
    changeTalk: changeTalk.percentChangeTalk === null ? 0.5 : changeTalk.percentChangeTalk / 100,
    globals: clamp01((((miti.technical.value ?? 1) + (miti.relational.value ?? 1)) / 2 - 1) / 4),
  };
  const factor = p > 0 ? 1 - clamp01(nonAdherent / p / NON_ADHERENCE_ZERO_AT) : 0;
  const parts: OverallPart[] = [];
  let quality = 0;
  for (const name of Object.keys(OVERALL_WEIGHTS) as WeightedName[]) {
    const weight = OVERALL_WEIGHTS[name];
    quality += weight * values[name];
    parts.push({ name, value: round(values[name], 4), role: 'weighted', weight });
  }
  parts.push({ name: 'nonAdherence', value: round(factor, 4), role: 'factor', weight: null });
  return { overall: p > 0 ? Math.round(100 * clamp01(quality * factor)) : 0, quality: round(quality, 4), parts };
}
