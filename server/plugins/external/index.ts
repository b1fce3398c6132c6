import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { AppError } from '../../services/app-error.ts';

// Third-party plugins, registered on the root instance (not encapsulated) so every route gets
// the headers, cookies, limits and docs.

export interface ExternalOptions {
  httpPerMinute: number;
  /** The built client (client/dist); served with an SPA fallback when it exists. */
  clientDist: string;
}

export async function registerExternal(app: FastifyInstance, opts: ExternalOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: opts.httpPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', `too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  });
  await app.register(swagger, {
    openapi: { info: { title: 'Kier API', version: '0.1.0', description: 'Motivational interviewing trainer' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  const index = path.join(opts.clientDist, 'index.html');
  const hasClient = existsSync(index);
  if (hasClient) {
    await app.register(fastifyStatic, { root: path.resolve(opts.clientDist), wildcard: false, index: ['index.html'] });
  } else {
    app.log.warn({ clientDist: opts.clientDist }, 'no built client: only the API is served (npm run build:client)');
  }

  // Unknown GETs outside the API are client routes: answer with the app shell.
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    const isApi = url.startsWith('/api/') || url === '/api' || url.startsWith('/socket.io') || url.startsWith('/docs');
    const isAsset = /\.[a-z0-9]+$/i.test(url);
    if (hasClient && (req.method === 'GET' || req.method === 'HEAD') && !isApi && !isAsset) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${url}` } });
  });
}
