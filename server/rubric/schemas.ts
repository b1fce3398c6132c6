import { z } from 'zod';

// One schema per concept: the type, the validator of files/HTTP/socket payloads and the LLM's
// output format all come from here. The rubric engine, the patient engine, the server and the
// client share these, so change them with care.

export const LanguageSchema = z.enum(['nl', 'en']).meta({ description: 'Conversation language' });
export type Language = z.infer<typeof LanguageSchema>;

export const SpeakerSchema = z.enum(['practitioner', 'client']);
export type Speaker = z.infer<typeof SpeakerSchema>;

/** Practitioner behaviour codes (MITI 4.2.1 style, plus SUM and NC). */
export const PractitionerCodeSchema = z
  .enum(['OQ', 'CQ', 'SR', 'CR', 'SUM', 'AF', 'SEEK', 'AUTO', 'GI', 'PWP', 'RR', 'CON', 'NC'])
  .meta({ description: 'Practitioner behaviour code' });
export type PractitionerCode = z.infer<typeof PractitionerCodeSchema>;
export const PRACTITIONER_CODES = PractitionerCodeSchema.options;

export const TalkTypeSchema = z.enum(['change', 'sustain', 'neutral']).meta({ description: 'Client talk type' });
export type TalkType = z.infer<typeof TalkTypeSchema>;

/** DARN-CAT: preparatory (desire, ability, reasons, need) and mobilising (commitment, activation, taking steps). */
export const TalkSubtypeSchema = z.enum([
  'desire',
  'ability',
  'reasons',
  'need',
  'commitment',
  'activation',
  'taking_steps',
]);
export type TalkSubtype = z.infer<typeof TalkSubtypeSchema>;
export const TALK_SUBTYPES = TalkSubtypeSchema.options;

/** Where a code came from: the rules, the LLM, or the rules after the LLM failed for that turn. */
export const CodeSourceSchema = z.enum(['rules', 'llm', 'rules-fallback']);
export type CodeSource = z.infer<typeof CodeSourceSchema>;

/** One code on one utterance of a practitioner turn, with the rule that fired. */
export const CodeHitSchema = z.object({
  code: PractitionerCodeSchema,
  text: z.string().meta({ description: 'The utterance (thought unit) that carries the code' }),
  span: z.tuple([z.number().int().min(0), z.number().int().min(0)]).meta({
    description: 'Start and end character offsets of the matched text within the turn text',
  }),
  rule: z.string().meta({ description: 'Stable id of the rule that fired, e.g. en.oq.what-how' }),
  confidence: z.number().min(0).max(1),
  explanation: z.string().meta({ description: "Short explanation in the conversation's language" }),
});
export type CodeHit = z.infer<typeof CodeHitSchema>;

/** One talk-type decision on one utterance of a client turn. */
export const TalkHitSchema = z.object({
  talk: TalkTypeSchema,
  subtype: TalkSubtypeSchema.nullable(),
  text: z.string(),
  span: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  rule: z.string(),
  confidence: z.number().min(0).max(1),
  explanation: z.string(),
  /**
   * When `rule` names the talk type but not its subtype: the rule the subtype comes from, or
   * "previous-client" when it was taken from the client's previous turn (absent otherwise).
   */
  subtypeFrom: z.string().optional(),
});
export type TalkHit = z.infer<typeof TalkHitSchema>;

/** A turn as it goes into the engine. */
export const TurnInputSchema = z.object({
  speaker: SpeakerSchema,
  text: z.string().max(20_000),
});
export type TurnInput = z.infer<typeof TurnInputSchema>;

/** A turn as it comes out of the engine. */
export const CodedTurnSchema = z.object({
  index: z.number().int().min(0),
  speaker: SpeakerSchema,
  text: z.string(),
  /** Practitioner turns: one or more codes (NC when nothing else). Client turns: empty. */
  codes: z.array(CodeHitSchema),
  /** Practitioner turns: the main behaviour. Client turns: null. */
  primary: PractitionerCodeSchema.nullable(),
  /** Client turns: the talk type of the turn. Practitioner turns: null. */
  talk: TalkTypeSchema.nullable(),
  talkSubtype: TalkSubtypeSchema.nullable(),
  /** Client turns: the utterance-level decisions behind `talk`. Practitioner turns: empty. */
  talkHits: z.array(TalkHitSchema),
  source: CodeSourceSchema,
  /**
   * Set by the LLM coder: the turn opens permission for advice (the practitioner asks it, the
   * client asks for advice) or closes it (the client declines). Rules-coded turns say the same
   * through their rules (setsPermission, closesPermission) and leave this out.
   */
  permission: z.enum(['opens', 'closes']).nullable().optional(),
  /** Set when source is rules-fallback: why the LLM was not used for this turn. */
  fallbackReason: z.string().nullable(),
});
export type CodedTurn = z.infer<typeof CodedTurnSchema>;
