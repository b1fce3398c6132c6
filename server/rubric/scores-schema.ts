import { z } from 'zod';
import { LanguageSchema, PractitionerCodeSchema, TalkSubtypeSchema, TalkTypeSchema } from './schemas.ts';

// What scoreTranscript() returns for one conversation. One schema for the CLI's JSON, the report
// route (GET /api/sessions/:id/report), OpenAPI and the web client. Percentages are 0–100 and
// ratios are plain numbers; a figure that cannot be computed yet (no questions, no reflections,
// no change or sustain talk) is null, never 0 or Infinity.

const count = z.number().int().min(0);
const percent = z.number().min(0).max(100);

/** Where a MITI summary figure stands against the manual's thresholds. */
export const LevelSchema = z
  .enum(['below', 'fair', 'good'])
  .meta({ description: 'below: under the fair threshold; fair: at least fair; good: at least good' });
export type Level = z.infer<typeof LevelSchema>;

/** A MITI 4.2.1 summary figure with its thresholds (null where the manual gives none). */
export const MitiFigureSchema = z.object({
  value: z.number().nullable().meta({ description: 'The figure; null when it cannot be computed (e.g. no questions)' }),
  fair: z.number().nullable().meta({ description: 'MITI 4.2.1 fair threshold, null when the manual has none' }),
  good: z.number().nullable().meta({ description: 'MITI 4.2.1 good threshold, null when the manual has none' }),
  level: LevelSchema.nullable().meta({ description: 'null when value or thresholds are missing' }),
});
export type MitiFigure = z.infer<typeof MitiFigureSchema>;

/** Practitioner turns carrying each code (a code counts at most once per turn). */
export const CodeCountsSchema = z
  .object(Object.fromEntries(PractitionerCodeSchema.options.map((c) => [c, count])) as Record<
    z.infer<typeof PractitionerCodeSchema>,
    typeof count
  >)
  .meta({ description: 'Practitioner turns carrying each code; a code counts at most once per turn' });
export type CodeCounts = z.infer<typeof CodeCountsSchema>;

export const MitiSchema = z
  .object({
    questions: count.meta({ description: 'Turns with a question (OQ or CQ); successive questions in one turn count once, as in MITI' }),
    openQuestions: count.meta({ description: 'Question turns with an open question' }),
    closedQuestions: count,
    reflections: count.meta({ description: 'Turns with a reflection (SR, CR or SUM)' }),
    simpleReflections: count.meta({ description: 'Reflection turns with only simple reflections' }),
    complexReflections: count.meta({ description: 'Reflection turns with a complex reflection or a summary (MITI counts summaries as complex)' }),
    miAdherent: count.meta({ description: 'MI-adherent behaviours: AF + SEEK + AUTO (MITI 4.2.1)' }),
    miNonAdherent: count.meta({ description: 'MI-non-adherent behaviours: RR (persuade without permission) + CON (MITI 4.2.1)' }),
    reflectionToQuestion: MitiFigureSchema.meta({ description: 'R:Q; fair 1, good 2' }),
    percentComplexReflections: MitiFigureSchema.meta({ description: '%CR = complex / all reflections × 100; fair 40, good 50' }),
    percentOpenQuestions: MitiFigureSchema.meta({ description: '%OQ = open / all questions × 100; MITI 4 gives no threshold' }),
    technical: MitiFigureSchema.meta({ description: 'Technical global = mean(cultivating change talk, softening sustain talk); fair 3, good 4' }),
    relational: MitiFigureSchema.meta({ description: 'Relational global = mean(partnership, empathy); fair 3.5, good 4' }),
  })
  .meta({ description: 'MITI 4.2.1 behaviour counts and summary figures' });
export type Miti = z.infer<typeof MitiSchema>;

/** An estimated MITI global rating with the reasons behind it. */
export const GlobalRatingSchema = z.object({
  value: z.number().int().min(1).max(5).meta({ description: 'Estimated rating 1–5' }),
  reasons: z.array(z.string()).meta({ description: "Why this rating, in the conversation's language" }),
});
export type GlobalRating = z.infer<typeof GlobalRatingSchema>;

export const GlobalsSchema = z
  .object({
    cultivatingChangeTalk: GlobalRatingSchema,
    softeningSustainTalk: GlobalRatingSchema,
    partnership: GlobalRatingSchema,
    empathy: GlobalRatingSchema,
  })
  .meta({ description: 'Estimated MITI 4.2.1 global ratings (an estimate from the codes, not a human rating)' });
export type Globals = z.infer<typeof GlobalsSchema>;

/** DARN-CAT counts of client turns, per subtype. */
export const SubtypeCountsSchema = z.object(
  Object.fromEntries(TalkSubtypeSchema.options.map((s) => [s, count])) as Record<
    z.infer<typeof TalkSubtypeSchema>,
    typeof count
  >,
);
export type SubtypeCounts = z.infer<typeof SubtypeCountsSchema>;

/** A client change-talk turn and the practitioner turn that drew it out. */
export const ChangeTalkLinkSchema = z.object({
  practitionerTurn: z.number().int().min(0).meta({ description: 'Index of the practitioner turn just before the change talk' }),
  clientTurn: z.number().int().min(0).meta({ description: 'Index of the client change-talk turn' }),
  code: PractitionerCodeSchema.meta({ description: "The practitioner turn's primary code" }),
  subtype: TalkSubtypeSchema.nullable(),
});
export type ChangeTalkLink = z.infer<typeof ChangeTalkLinkSchema>;

/** How often the client answered a practitioner code with change talk. */
export const FollowRateSchema = z.object({
  code: PractitionerCodeSchema,
  answered: count.meta({ description: 'Turns with this primary code that a client turn answered' }),
  changeTalk: count.meta({ description: 'Of those, answered with change talk' }),
  sustainTalk: count.meta({ description: 'Of those, answered with sustain talk' }),
  rate: z.number().min(0).max(1).nullable().meta({ description: 'changeTalk / answered; null when never answered' }),
});
export type FollowRate = z.infer<typeof FollowRateSchema>;

/** %CT after each client turn, cumulative from the start of the conversation. */
export const ChangeTalkPointSchema = z.object({
  clientTurn: z.number().int().min(0),
  talk: TalkTypeSchema,
  changeTalk: count.meta({ description: 'Cumulative change-talk turns so far' }),
  sustainTalk: count.meta({ description: 'Cumulative sustain-talk turns so far' }),
  percentChangeTalk: percent.nullable().meta({ description: 'Cumulative %CT; null while there is neither' }),
});
export type ChangeTalkPoint = z.infer<typeof ChangeTalkPointSchema>;

export const ChangeTalkSchema = z
  .object({
    changeTalk: count.meta({ description: 'Client turns coded change talk' }),
    sustainTalk: count.meta({ description: 'Client turns coded sustain talk' }),
    neutral: count,
    percentChangeTalk: percent.nullable().meta({ description: '%CT = CT / (CT + ST) × 100; null when neither occurs' }),
    darnCat: z
      .object({
        change: SubtypeCountsSchema,
        sustain: SubtypeCountsSchema,
        unspecified: z.object({ change: count, sustain: count }).meta({
          description: 'change / sustain talk turns without a subtype (e.g. discord); with these the counts add up to CT and ST',
        }),
      })
      .meta({ description: 'DARN-CAT subtypes of change and of sustain talk turns' }),
    links: z.array(ChangeTalkLinkSchema).meta({ description: 'Which practitioner turn drew out which change talk' }),
    followRates: z.array(FollowRateSchema).meta({ description: 'Rate of change talk right after each practitioner code (a turn counts once for each distinct code it carries)' }),
    series: z.array(ChangeTalkPointSchema).meta({ description: '%CT over the conversation, one point per client turn' }),
  })
  .meta({ description: 'Client change talk and what drew it out' });
export type ChangeTalk = z.infer<typeof ChangeTalkSchema>;

/** The parts of `overall`, so the number can be explained. */
export const OverallPartSchema = z.object({
  name: z.enum([
    'miConsistency',
    'evoking',
    'reflectionToQuestion',
    'complexReflections',
    'changeTalk',
    'globals',
    'nonAdherence',
  ]),
  value: z.number().min(0).max(1).meta({ description: 'The part on a 0–1 scale (1 is best)' }),
  role: z.enum(['weighted', 'factor']).meta({
    description: 'weighted: enters the weighted mean with its weight; factor: multiplies the weighted mean',
  }),
  weight: z.number().min(0).max(1).nullable().meta({ description: 'Weight in the mean; null for a factor' }),
});
export type OverallPart = z.infer<typeof OverallPartSchema>;

export const ScoresSchema = z
  .object({
    language: LanguageSchema,
    practitionerTurns: count,
    clientTurns: count,
    counts: CodeCountsSchema,
    miti: MitiSchema,
    globals: GlobalsSchema,
    changeTalk: ChangeTalkSchema,
    overall: z.number().min(0).max(100).meta({
      description: 'One number 0–100 summarising MI quality; formula in server/rubric/README.md ("Scores")',
    }),
    overallParts: z.array(OverallPartSchema).meta({ description: 'The weighted parts that make up overall' }),
    overallQuality: z.number().min(0).max(1).meta({
      description: 'The weighted mean of the weighted overallParts (0–1), before the non-adherence factor: overall = round(100 × overallQuality × factor)',
    }),
  })
  .meta({ description: 'Scores of one conversation (MITI 4.2.1 figures, estimated globals, change talk, overall)' });
export type Scores = z.infer<typeof ScoresSchema>;

/**
 * The live meters (server/realtime/events.ts MetersSchema) from a conversation's scores. Kept
 * structural so the rubric library does not import the realtime layer.
 */
export function toMeters(scores: Scores): {
  reflectionToQuestion: number | null;
  percentComplexReflections: number | null;
  percentChangeTalk: number | null;
  practitionerTurns: number;
} {
  return {
    reflectionToQuestion: scores.miti.reflectionToQuestion.value,
    percentComplexReflections: scores.miti.percentComplexReflections.value,
    percentChangeTalk: scores.changeTalk.percentChangeTalk,
    practitionerTurns: scores.practitionerTurns,
  };
}

/** The four figures a session list shows (SessionSummary.scores in the HTTP contract). */
export function toScoreSummary(scores: Scores): {
  overall: number;
  reflectionToQuestion: number | null;
  percentComplexReflections: number | null;
  percentChangeTalk: number | null;
} {
  return {
    overall: scores.overall,
    reflectionToQuestion: scores.miti.reflectionToQuestion.value,
    percentComplexReflections: scores.miti.percentComplexReflections.value,
    percentChangeTalk: scores.changeTalk.percentChangeTalk,
  };
}
