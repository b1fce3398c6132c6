import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../services/auth-service.ts';
import { z } from 'zod';
import { requireUser } from './require-user.ts';
import {
  AgreementSchema,
  CommentBodySchema,
  ImportBodySchema,
  ImportErrorBodySchema,
  OverrideBodySchema,
  ReviewCommentSchema,
  ReviewPayloadSchema,
  ReviewSessionSummarySchema,
  ShareBodySchema,
  ShareParamsSchema,
  SharesSchema,
  SharedSessionSchema,
  TurnIndexParamsSchema,
} from './review-schemas.ts';
import { ErrorBodySchema, IdParamsSchema } from './schemas.ts';
import { sendCsv } from './send-csv.ts';

// Review (annotated transcript, overrides, comments, agreement), sharing, import and export.
// Access is checked in the review service through session-access.

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const writes = { rateLimit: { max: 120, timeWindow: '1 minute' } };
// Imports code whole transcripts: limited per logged-in user (by session cookie), else per IP.
const imports = {
  rateLimit: { max: 20, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.cookies[SESSION_COOKIE] ?? req.ip },
};

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth, review } = app.kier;
  const user = (req: Parameters<typeof requireUser>[1]) => requireUser(auth, req);

  app.get(
    '/api/sessions/:id/review',
    { schema: { tags: ['review'], params: IdParamsSchema, response: { 200: ReviewPayloadSchema, ...errors } } },
    async (req) => review.review(await user(req), req.params.id),
  );

  app.put(
    '/api/sessions/:id/turns/:index/override',
    { config: writes, schema: { tags: ['review'], params: TurnIndexParamsSchema, body: OverrideBodySchema, response: { 200: ReviewPayloadSchema, ...errors } } },
    async (req) => review.override(await user(req), req.params.id, req.params.index, req.body ?? {}),
  );

  app.post(
    '/api/sessions/:id/turns/:index/comments',
    {
      config: writes,
      schema: { tags: ['review'], params: TurnIndexParamsSchema, body: CommentBodySchema, response: { 201: z.object({ comment: ReviewCommentSchema }), ...errors } },
    },
    async (req, reply) => reply.code(201).send({ comment: await review.comment(await user(req), req.params.id, req.params.index, req.body.text) }),
  );

  app.get(
    '/api/review/agreement',
    { schema: { tags: ['review'], response: { 200: AgreementSchema, ...errors } } },
    async (req) => review.agreement(await user(req)),
  );

  app.get(
    '/api/review/overrides.csv',
    { schema: { tags: ['review'], response: { 200: z.string(), ...errors } } },
    async (req, reply) => {
      const csv = await review.overridesCsv(await user(req));
      return sendCsv(reply, 'overrides.csv', csv);
    },
  );

  app.get(
    '/api/sessions/:id/shares',
    { schema: { tags: ['sharing'], params: IdParamsSchema, response: { 200: SharesSchema, ...errors } } },
    async (req) => ({ shares: await review.shares(await user(req), req.params.id) }),
  );

  app.post(
    '/api/sessions/:id/shares',
    { config: writes, schema: { tags: ['sharing'], params: IdParamsSchema, body: ShareBodySchema, response: { 200: SharesSchema, ...errors } } },
    async (req) => ({ shares: await review.share(await user(req), req.params.id, req.body.email) }),
  );

  app.delete(
    '/api/sessions/:id/shares/:userId',
    { config: writes, schema: { tags: ['sharing'], params: ShareParamsSchema, response: { 200: SharesSchema, ...errors } } },
    async (req) => ({ shares: await review.unshare(await user(req), req.params.id, req.params.userId) }),
  );

  app.get(
    '/api/shared',
    { schema: { tags: ['sharing'], response: { 200: z.object({ sessions: z.array(SharedSessionSchema) }), ...errors } } },
    async (req) => ({ sessions: await review.shared(await user(req)) }),
  );

  app.post(
    '/api/imports',
    {
      config: imports,
      // A 2 MB transcript as JSON text, with room for escaping.
      bodyLimit: 5 * 1024 * 1024,
      schema: { tags: ['import'], body: ImportBodySchema, response: { 201: z.object({ sessions: z.array(ReviewSessionSummarySchema) }), 400: ImportErrorBodySchema, 401: ErrorBodySchema } },
    },
    async (req, reply) => reply.code(201).send({ sessions: await review.import(await user(req), req.body) }),
  );

  app.get(
    '/api/sessions/:id/export.json',
    { schema: { tags: ['export'], params: IdParamsSchema, response: { 200: ReviewPayloadSchema, ...errors } } },
    async (req, reply) => {
      const body = await review.exportJson(await user(req), req.params.id);
      reply.header('content-disposition', `attachment; filename="kier-${req.params.id}.json"`);
      return body;
    },
  );

  app.get(
    '/api/sessions/:id/export.csv',
    { schema: { tags: ['export'], params: IdParamsSchema, response: { 200: z.string(), ...errors } } },
    async (req, reply) => {
      const csv = await review.exportCsv(await user(req), req.params.id);
      return sendCsv(reply, `kier-${req.params.id}.csv`, csv);
    },
  );
};
