import { z } from 'zod';
import {
  LanguageSchema,
  PractitionerCodeSchema,
  SpeakerSchema,
  TalkSubtypeSchema,
  TalkTypeSchema,
} from './schemas.ts';

// The format of the rule files in rubrics/<lang>/*.yaml (documented in rubrics/README.md).
// This schema is the single definition: the type, the validator and the docs come from it.

/**
 * Flags patterns are compiled with. The text rules read is already lower case (normalize), so a
 * pattern written in lower case needs no case-insensitive flag, and matching without it is
 * markedly faster; a pattern with an upper-case letter of its own gets `i`, so it still means
 * what its author wrote. Unicode mode is switched on only for patterns that need it (\p{…},
 * \u{…}): it makes V8's matching about three times slower.
 */
const NEEDS_UNICODE = /\\[pPu]\{/;
/** Escapes (\b, \S, \p{Lu} …) are not letters the pattern means to match. */
const ESCAPES = /\\(?:[pP]\{[^}]*\}|u\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|.)/g;

/** The flags a pattern (after macro expansion) is compiled with. */
export function regexFlags(source: string): string {
  const caseless = /[A-Z\u00c0-\u00de]/.test(source.replace(ESCAPES, '')) ? 'i' : '';
  return NEEDS_UNICODE.test(source) ? `${caseless}u` : caseless;
}

// Patterns may use {{NAME}} macros (see `macros`), so they are checked as regular expressions after
// expansion, at compile time (compileRubric), with the same file + field path in the error.
const RegexSource = z.string().min(1);

export const MACRO_NAME = /^[A-Z][A-Z0-9_]*$/;

const RangeSchema = z
  .object({ min: z.number().min(0).optional(), max: z.number().min(0).optional() })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: 'min must not exceed max',
  });

/** A condition on the last practitioner turn before this one. */
const PreviousPractitionerSchema = z
  .object({
    codes: z.array(PractitionerCodeSchema).min(1).optional().meta({
      description: 'its primary code is one of these',
    }),
    matches: z.array(RegexSource).min(1).optional().meta({
      description: 'its normalised text matches at least one of these',
    }),
    notMatches: z.array(RegexSource).min(1).optional().meta({
      description: 'its normalised text matches none of these',
    }),
  })
  .strict();

/** A condition on the last client turn before this one. */
const PreviousClientSchema = z
  .object({
    talk: z.array(TalkTypeSchema).min(1).optional().meta({ description: 'its talk type is one of these' }),
    matches: z.array(RegexSource).min(1).optional(),
    notMatches: z.array(RegexSource).min(1).optional(),
  })
  .strict();

export const RuleContextSchema = z
  .object({
    permission: z.boolean().optional().meta({
      description:
        'true: only when permission is active (asked or requested within the last turns, MITI 4.2.1); false: only when it is not',
    }),
    previousPractitioner: PreviousPractitionerSchema.optional(),
    previousClient: PreviousClientSchema.optional(),
    overlap: RangeSchema.optional().meta({
      description:
        "share (0-1) of the utterance's content words that also occur in the other speaker's last turn",
    }),
    words: RangeSchema.optional().meta({ description: 'number of words in the utterance' }),
    position: z.enum(['first', 'last', 'only', 'not-first', 'not-last']).optional().meta({
      description: 'where the utterance sits in its turn',
    }),
    turnUtterances: RangeSchema.optional().meta({ description: 'number of utterances in the turn' }),
    turnWords: RangeSchema.optional().meta({ description: 'number of words in the whole turn' }),
    continuation: z.boolean().optional().meta({
      description:
        'true: only when the turn resumes an interrupted sentence (starts with a dash, an ellipsis or a lower-case letter); false: only when it does not',
    }),
  })
  .strict();
export type RuleContext = z.infer<typeof RuleContextSchema>;

/** A previous turn given with an example, so context rules can be exercised. */
const ExampleTurnSchema = z.object({ speaker: SpeakerSchema, text: z.string().min(1) }).strict();

export const RuleExampleSchema = z.union([
  z.string().min(1),
  z
    .object({
      text: z.string().min(1),
      previous: z.array(ExampleTurnSchema).min(1).meta({ description: 'turns before the example, oldest first' }),
    })
    .strict(),
]);
export type RuleExample = z.infer<typeof RuleExampleSchema>;

export const RuleSchema = z
  .object({
    id: z
      .string()
      .regex(/^(nl|en)\.[a-z0-9-]+\.[a-z0-9.-]+$/, 'id must look like <lang>.<code or talk>.<name> (lower case)'),
    code: PractitionerCodeSchema.optional(),
    talk: TalkTypeSchema.optional(),
    subtype: TalkSubtypeSchema.optional(),
    subtypeFrom: z.enum(['previous-client']).optional().meta({
      description:
        'for a change/sustain rule without a subtype of its own: when no subtyped rule of the same talk also matches, take the previous client turn\'s subtype (for agreeing with or continuing that turn)',
    }),
    patterns: z.array(RegexSource).min(1),
    exceptions: z.array(RegexSource).default([]),
    context: RuleContextSchema.optional(),
    setsPermission: z.boolean().default(false).meta({
      description: 'a turn coded by this rule opens permission for advice in the next turns',
    }),
    closesPermission: z.boolean().default(false).meta({
      description: 'client rules: a turn coded by this rule closes open permission (the client declines to hear advice)',
    }),
    priority: z.number().int().min(0).max(1000).default(50),
    confidence: z.number().min(0).max(1).default(0.7),
    explanation: z.string().min(1),
    examples: z.array(RuleExampleSchema).min(1),
    counterexamples: z.array(RuleExampleSchema).default([]),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

export const RuleFileSchema = z
  .object({
    language: LanguageSchema,
    speaker: SpeakerSchema,
    stopwords: z.array(z.string().min(1)).default([]).meta({
      description: 'words ignored when measuring overlap with the other speaker (language-wide)',
    }),
    macros: z
      .record(z.string().regex(MACRO_NAME, 'macro names are UPPER_CASE'), z.string())
      .default({})
      .meta({ description: 'regex fragments usable as {{NAME}} in any pattern of this language' }),
    rules: z.array(RuleSchema).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    file.rules.forEach((rule, i) => {
      if (!rule.id.startsWith(`${file.language}.`)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `id must start with "${file.language}."` });
      }
      if (file.speaker === 'practitioner') {
        if (!rule.code) ctx.addIssue({ code: 'custom', path: ['rules', i, 'code'], message: 'practitioner rules need a code' });
        if (rule.closesPermission) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'closesPermission'], message: 'only a client rule can close permission' });
        }
        if (rule.talk || rule.subtype || rule.subtypeFrom) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'talk'], message: 'practitioner rules take code, not talk/subtype' });
        }
      } else {
        if (!rule.talk) ctx.addIssue({ code: 'custom', path: ['rules', i, 'talk'], message: 'client rules need a talk type' });
        if (rule.code) ctx.addIssue({ code: 'custom', path: ['rules', i, 'code'], message: 'client rules take talk, not code' });
        if (rule.talk === 'neutral' && rule.subtype) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'subtype'], message: 'neutral talk has no subtype' });
        }
        if (rule.subtypeFrom && (rule.subtype || rule.talk === 'neutral')) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'subtypeFrom'], message: 'subtypeFrom is for change/sustain rules without a subtype' });
        }
      }
    });
  });
export type RuleFileContent = z.infer<typeof RuleFileSchema>;

/** A rule file as handed to compileRubric: where it came from (for errors) and its parsed content. */
export interface RuleFile {
  path: string;
  data: unknown;
}
