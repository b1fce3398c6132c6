import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../services/auth-service.ts';
import { AppError } from '../services/app-error.ts';
import { ErrorBodySchema, LoginBodySchema, SignupBodySchema, UserBodySchema } from './schemas.ts';

export const authRoutes: FastifyPluginAsyncZod<{ authPerMinute: number; trustProxy: boolean }> = async (app, opts) => {
  const { auth } = app.kier;
  const limited = { rateLimit: { max: opts.authPerMinute, timeWindow: '1 minute' } };

  function setCookie(reply: import('fastify').FastifyReply, secure: boolean, token: string): void {
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure,
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
  }
  const isSecure = (protocol: string) => opts.trustProxy && protocol === 'https';

  app.post(
    '/api/auth/signup',
    {
      config: limited,
      schema: { tags: ['auth'], body: SignupBodySchema, response: { 201: UserBodySchema, 400: ErrorBodySchema, 409: ErrorBodySchema } },
    },
    async (req, reply) => {
      const { user, token } = await auth.signup(req.body);
      setCookie(reply, isSecure(req.protocol), token);
      return reply.code(201).send({ user });
    },
  );

  app.post(
    '/api/auth/login',
    { config: limited, schema: { tags: ['auth'], body: LoginBodySchema, response: { 200: UserBodySchema, 401: ErrorBodySchema } } },
    async (req, reply) => {
      const { user, token } = await auth.login(req.body);
      setCookie(reply, isSecure(req.protocol), token);
      return { user };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null() } } }, async (req, reply) => {
    await auth.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: UserBodySchema, 401: ErrorBodySchema } } }, async (req) => {
    const user = await auth.userForToken(req.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError('unauthorized', 'not logged in');
    return { user };
  });
};
