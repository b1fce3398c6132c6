import { z } from 'zod';
import { LanguageSchema, PractitionerCodeSchema, SpeakerSchema, TalkSubtypeSchema, TalkTypeSchema } from '../rubric/schemas.ts';
import { ScoresSchema } from '../rubric/scores-schema.ts';
import { TranscriptProblemSchema } from '../transcripts/transcript-problem.ts';
import { SessionSummarySchema } from './schemas.ts';

// HTTP shapes of review, sharing, import and export (docs: /work/kier-team/ISSUE5-API.md).

export const TurnIndexParamsSchema = z.object({ id: z.string().min(1).max(100), index: z.coerce.number().int().min(0).max(100_000) });
export const ShareParamsSchema = z.object({ id: z.string().min(1).max(100), userId: z.string().min(1).max(100) });

export const ReviewSessionSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  scenarioId: z.string().nullable(),
  title: z.string(),
  language: LanguageSchema,
  source: z.enum(['practice', 'import']),
  status: z.enum(['active', 'ended']),
  createdAt: z.string(),
});
export const ReviewCommentSchema = z.object({ id: z.string(), authorName: z.string(), text: z.string(), createdAt: z.string() });
export const HumanCodingSchema = z.object({
  primary: PractitionerCodeSchema.nullable(),
  talk: TalkTypeSchema.nullable(),
  talkSubtype: TalkSubtypeSchema.nullable(),
  note: z.string().nullable(),
  reviewerName: z.string(),
  createdAt: z.string(),
});
export const ReviewTurnSchema = z.object({
  index: z.number().int(),
  speaker: SpeakerSchema,
  text: z.string(),
  engine: z.object({
    codes: z.array(z.object({ code: PractitionerCodeSchema, text: z.string(), rule: z.string(), confidence: z.number(), explanation: z.string() })),
    talkHits: z.array(
      z.object({ talk: TalkTypeSchema, subtype: TalkSubtypeSchema.nullable(), text: z.string(), rule: z.string(), confidence: z.number(), explanation: z.string() }),
    ),
    primary: PractitionerCodeSchema.nullable(),
    talk: TalkTypeSchema.nullable(),
    talkSubtype: TalkSubtypeSchema.nullable(),
  }),
  human: HumanCodingSchema.nullable(),
  comments: z.array(ReviewCommentSchema),
});
export const ReviewPayloadSchema = z.object({
  session: ReviewSessionSchema,
  turns: z.array(ReviewTurnSchema),
  scores: z.object({ engine: ScoresSchema, withOverrides: ScoresSchema }),
});

export const OverrideBodySchema = z.object({
  primary: PractitionerCodeSchema.optional(),
  talk: TalkTypeSchema.optional(),
  talkSubtype: TalkSubtypeSchema.nullable().optional(),
  note: z.string().trim().max(1000).optional(),
  clear: z.boolean().optional(),
});
export const CommentBodySchema = z.object({ text: z.string().trim().min(1, 'empty comment').max(2000) });

export const AgreementRowSchema = z.object({
  code: z.string(),
  n: z.number().int(),
  agree: z.number().int(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
});
export const AgreementSchema = z.object({
  sessions: z.number().int(),
  n: z.number().int(),
  nTalk: z.number().int(),
  perCode: z.array(AgreementRowSchema),
  perTalk: z.array(AgreementRowSchema),
  kappa: z.number().nullable(),
  kappaTalk: z.number().nullable(),
});

export const ShareBodySchema = z.object({ email: z.string().trim().min(3).max(200) });
export const SharesSchema = z.object({ shares: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })) });

export const ReviewSessionSummarySchema = SessionSummarySchema.extend({ title: z.string(), source: z.enum(['practice', 'import']) });
export const SharedSessionSchema = ReviewSessionSummarySchema.extend({ ownerName: z.string() });

export const MAX_IMPORT_CHARS = 2 * 1024 * 1024;
export const ImportBodySchema = z.object({
  filename: z.string().trim().min(1).max(200),
  content: z.string().min(1, 'empty file').max(MAX_IMPORT_CHARS, 'at most 2 MB'),
  language: z.enum(['nl', 'en', 'auto']).optional(),
  title: z.string().trim().max(200).optional(),
});
export const ImportErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    line: z.number().int().nullable().optional(),
    field: z.string().optional(),
    problem: TranscriptProblemSchema.optional(),
  }),
});

export type ReviewPayload = z.infer<typeof ReviewPayloadSchema>;
export type ReviewTurn = z.infer<typeof ReviewTurnSchema>;
export type Agreement = z.infer<typeof AgreementSchema>;
export type SharedSession = z.infer<typeof SharedSessionSchema>;
export type ReviewSessionSummary = z.infer<typeof ReviewSessionSummarySchema>;
export type OverrideBody = z.infer<typeof OverrideBodySchema>;
