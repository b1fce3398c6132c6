import { z } from 'zod';
import { LanguageSchema, TalkSubtypeSchema, TalkTypeSchema } from '../rubric/schemas.ts';

// The scenario file format (scenarios/*.yaml). An instructor adds a scenario by dropping in a
// file; `kier lint` and the app validate it with this schema and report file + field path.
// Additive, optional fields only: every scenario in scenarios/ must keep validating.

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens');
const Score010 = z.number().int().min(0).max(10);

/**
 * A line the offline voice can say. A bare string, or an object tying it to a theme so the
 * patient can answer on the theme the student touched. Placeholders: {n} (a ruler number),
 * {lower} (a number below {n}), {name} (the patient's first name), {goal} (the target behaviour
 * in the patient's words).
 */
export const ScenarioLineSchema = z.union([
  z.string().min(1),
  z.object({ text: z.string().min(1), theme: Slug }).strict(),
]);
export type ScenarioLine = z.infer<typeof ScenarioLineSchema>;
const Lines = (min: number) => z.array(ScenarioLineSchema).min(min);

export const StageSchema = z.enum(['precontemplation', 'contemplation', 'preparation', 'action', 'maintenance']);
export type Stage = z.infer<typeof StageSchema>;

export const DifficultySchema = z.enum(['easy', 'medium', 'hard']);
export type Difficulty = z.infer<typeof DifficultySchema>;

/** A theme the patient cares about: a reason for change, or a reason against it. */
export const ThemeSchema = z
  .object({
    id: Slug,
    /** for: supports change (DARN themes). against: fears, barriers, beliefs. */
    side: z.enum(['for', 'against']),
    /** for `for`: desire | ability | reasons | need; for `against`: fear | barrier | belief | habit. */
    kind: z.enum(['desire', 'ability', 'reasons', 'need', 'fear', 'barrier', 'belief', 'habit']),
    label: z.string().min(1).meta({ description: 'Short label shown to the instructor, e.g. "pain means damage"' }),
    /** Words a practitioner might use when touching this theme (lower-case, any inflection stem). */
    keywords: z.array(z.string().min(2)).min(2),
  })
  .strict();
export type Theme = z.infer<typeof ThemeSchema>;

/** Something the patient only reveals when explored with open questions and reflections. */
export const LayerSchema = z
  .object({
    id: Slug,
    kind: z.enum(['value', 'fear', 'goal']),
    label: z.string().min(1),
    keywords: z.array(z.string().min(2)).min(2),
    /** How many evoking turns (open questions, reflections, summaries) it takes before it comes out. */
    depth: z.number().int().min(1).max(10),
    /** The talk type of the reveal lines (a value or goal is usually change talk, a fear sustain). */
    talk: TalkTypeSchema,
    subtype: TalkSubtypeSchema.nullable(),
    lines: Lines(2),
  })
  .strict();
export type Layer = z.infer<typeof LayerSchema>;

export const ScenarioLinesSchema = z
  .object({
    /** The patient's first words when the consult starts. */
    opening: Lines(2),
    /** Non-committal answers, neither for nor against change. */
    neutral: Lines(4),
    /** Short answers to closed questions. */
    short: Lines(5),
    /** Answers agreeing to a request for permission ("Ja hoor, vertel maar."). Optional: falls back to neutral. */
    agree: Lines(2).optional(),
    /** Sustain talk; tie lines to an `against` theme where they fit. */
    sustain: Lines(8),
    /** Change talk per DARN-CAT type; tie lines to a `for` theme where they fit. */
    change: z
      .object({
        desire: Lines(3),
        ability: Lines(3),
        reasons: Lines(3),
        need: Lines(3),
        commitment: Lines(2),
        activation: Lines(2),
        taking_steps: Lines(2),
      })
      .strict(),
    /** Push-back and discord after the righting reflex or a confrontation ("ja, maar…"). */
    discord: Lines(5),
    /** Responses to a genuine affirmation. */
    affirmed: Lines(3),
    /** Responses to a summary (they usually add something). */
    summarised: Lines(3),
    /** Ruler answers; {n} is filled in from the patient's state. */
    ruler: z
      .object({
        importance: Lines(2),
        confidence: Lines(2),
        /** Answers to "why a {n} and not a {lower}?": change talk. */
        whyNotLower: Lines(2),
      })
      .strict(),
    /** Planning lines once the patient is ready: concrete first steps. */
    planning: Lines(2),
    closing: Lines(2),
  })
  .strict();
export type ScenarioLines = z.infer<typeof ScenarioLinesSchema>;

export const ScenarioSchema = z
  .object({
    id: Slug,
    language: LanguageSchema,
    title: z.string().min(3),
    /** One line for the scenario picker. */
    summary: z.string().min(10),
    /** Condition tag for the picker filter, e.g. "knee osteoarthritis". */
    condition: z.string().min(2),
    difficulty: DifficultySchema,
    setting: z.enum(['first', 'follow-up']),
    /** What the student knows beforehand: the referral note. */
    referral: z.string().min(20),
    persona: z
      .object({
        name: z.string().min(1),
        age: z.number().int().min(10).max(110),
        gender: z.enum(['female', 'male', 'other']),
        work: z.string().min(2),
        condition: z.string().min(2),
        history: z.string().min(10),
        speakingStyle: z.string().min(5),
      })
      .strict(),
    /** The change goal, e.g. "do the home exercises three times a week". */
    targetBehaviour: z.string().min(5),
    start: z
      .object({
        importance: Score010,
        confidence: Score010,
        stage: StageSchema,
      })
      .strict(),
    themes: z.array(ThemeSchema).min(4),
    layers: z.array(LayerSchema).min(1),
    lines: ScenarioLinesSchema,
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;

export function lineText(line: ScenarioLine): string {
  return typeof line === 'string' ? line : line.text;
}

export function lineTheme(line: ScenarioLine): string | null {
  return typeof line === 'string' ? null : line.theme;
}
