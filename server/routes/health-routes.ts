import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.kier;
  app.get(
    '/healthz',
    { config: { rateLimit: false }, schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('unavailable') }) } },
    },
    async (_req, reply) => {
      if (await store.ping()) return { status: 'ready' as const };
      return reply.code(503).send({ status: 'unavailable' as const });
    },
  );
};
