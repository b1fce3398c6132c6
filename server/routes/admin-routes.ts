import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from './require-user.ts';
import { ErrorBodySchema, IdParamsSchema, SetRoleBodySchema, UserBodySchema, UserSchema } from './schemas.ts';

// Account management for admins: list every account and give one another role (sign-up only makes
// students; instructors and reviewers used to need the command line with the server stopped).
// The role check is in the auth service.

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth } = app.kier;

  app.get(
    '/api/admin/users',
    { schema: { tags: ['admin'], response: { 200: z.object({ users: z.array(UserSchema) }), ...errors } } },
    async (req) => ({ users: await auth.listUsers(await requireUser(auth, req)) }),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['admin'], params: IdParamsSchema, body: SetRoleBodySchema, response: { 200: UserBodySchema, ...errors } },
    },
    async (req) => ({ user: await auth.setRole(await requireUser(auth, req), req.params.id, req.body.role) }),
  );
};
