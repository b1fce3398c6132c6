import { z } from 'zod';
import { LanguageSchema } from '../rubric/schemas.ts';
import { ROLES } from '../store/repositories.ts';

// The HTTP shapes of the API contract (docs/brief), one zod schema each: validation, types and
// the OpenAPI document at /docs all come from here.

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export const RoleSchema = z.enum(ROLES);

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  locale: LanguageSchema,
});

export const SignupBodySchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  email: z.email('a valid email address').max(200),
  password: z.string().min(8, 'at least 8 characters').max(200),
  locale: LanguageSchema.optional(),
});

export const LoginBodySchema = z.object({
  email: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
});

export const UserBodySchema = z.object({ user: UserSchema });

export const SetRoleBodySchema = z.object({ role: RoleSchema });

export const ScenarioCardSchema = z.object({
  id: z.string(),
  language: LanguageSchema,
  title: z.string(),
  summary: z.string(),
  condition: z.string(),
  difficulty: z.string(),
  setting: z.string(),
  referral: z.string(),
  persona: z.object({ name: z.string(), age: z.number(), gender: z.string(), work: z.string(), condition: z.string() }),
  targetBehaviour: z.string(),
});

export const ScoreSummarySchema = z.object({
  overall: z.number(),
  reflectionToQuestion: z.number().nullable(),
  percentComplexReflections: z.number().nullable(),
  percentChangeTalk: z.number().nullable(),
});

export const SessionSummarySchema = z.object({
  id: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  language: LanguageSchema,
  status: z.enum(['active', 'ended']),
  parentId: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  practitionerTurns: z.number().int(),
  scores: ScoreSummarySchema.nullable(),
});

export const AlternativeSchema = z.object({
  turnIndex: z.number().int(),
  original: z.string(),
  alternative: z.string(),
  why: z.string(),
});

export const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
