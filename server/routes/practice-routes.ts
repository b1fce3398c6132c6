import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Scenario } from '../patient/index.ts';
import { SessionViewSchema } from '../realtime/events.ts';
import { LanguageSchema } from '../rubric/schemas.ts';
import { ScoresSchema } from '../rubric/scores-schema.ts';
import { SESSION_COOKIE } from '../services/auth-service.ts';
import { AppError } from '../services/app-error.ts';
import type { User } from '../store/index.ts';
import { AlternativeSchema, ErrorBodySchema, IdParamsSchema, ScenarioCardSchema, SessionSummarySchema } from './schemas.ts';

export function scenarioCard(s: Scenario): z.infer<typeof ScenarioCardSchema> {
  return {
    id: s.id,
    language: s.language,
    title: s.title,
    summary: s.summary,
    condition: s.condition,
    difficulty: s.difficulty,
    setting: s.setting,
    referral: s.referral,
    persona: {
      name: s.persona.name,
      age: s.persona.age,
      gender: s.persona.gender,
      work: s.persona.work,
      condition: s.persona.condition,
    },
    targetBehaviour: s.targetBehaviour,
  };
}

export const practiceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth, practice } = app.kier;

  async function requireUser(req: FastifyRequest): Promise<User> {
    const user = await auth.userForToken(req.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError('unauthorized', 'not logged in');
    return user;
  }

  app.get(
    '/api/scenarios',
    {
      schema: {
        tags: ['scenarios'],
        querystring: z.object({ language: LanguageSchema.optional() }),
        response: {
          // `voices`: the patient voices an assignment can use here (the LLM only when configured).
          200: z.object({ scenarios: z.array(ScenarioCardSchema), voices: z.array(z.enum(['offline', 'llm'])) }),
          401: ErrorBodySchema,
        },
      },
    },
    async (req) => {
      await requireUser(req);
      const all = practice.scenarios().filter((s) => !req.query.language || s.language === req.query.language);
      return { scenarios: all.map(scenarioCard), voices: practice.voices() };
    },
  );

  app.get(
    '/api/scenarios/:id',
    { schema: { tags: ['scenarios'], params: IdParamsSchema, response: { 200: ScenarioCardSchema, 404: ErrorBodySchema } } },
    async (req) => {
      await requireUser(req);
      return scenarioCard(practice.scenario(req.params.id));
    },
  );

  app.get(
    '/api/sessions',
    { schema: { tags: ['sessions'], response: { 200: z.object({ sessions: z.array(SessionSummarySchema) }), 401: ErrorBodySchema } } },
    async (req) => ({ sessions: await practice.list(await requireUser(req)) }),
  );

  app.get(
    '/api/sessions/:id',
    { schema: { tags: ['sessions'], params: IdParamsSchema, response: { 200: SessionViewSchema, 404: ErrorBodySchema } } },
    async (req) => (await practice.view(await requireUser(req), req.params.id)).view,
  );

  app.get(
    '/api/sessions/:id/report',
    {
      schema: {
        tags: ['sessions'],
        params: IdParamsSchema,
        response: {
          200: z.object({ session: SessionViewSchema, scores: ScoresSchema, alternatives: z.array(AlternativeSchema) }),
          404: ErrorBodySchema,
        },
      },
    },
    async (req) => practice.report(await requireUser(req), req.params.id),
  );
};
