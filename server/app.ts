import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { LlmClient } from './llm/index.ts';
import { registerServices, type KierServices } from './plugins/app/services.ts';
import { registerExternal } from './plugins/external/index.ts';
import { attachRealtime, closeRealtime, type KierServer } from './realtime/socket-server.ts';
import { isUnavailable } from './realtime/unavailable.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { courseRoutes } from './routes/course-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { practiceRoutes } from './routes/practice-routes.ts';
import { reviewRoutes } from './routes/review-routes.ts';
import { isAppError } from './services/app-error.ts';

// The Kier app: external plugins → services → routes, one error handler, socket.io on the same
// HTTP server. server/server.ts alone listens; tests build the same app on a temp store.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CLIENT_DIST = path.join(ROOT, 'client', 'dist');

export interface BuildOptions {
  /** Logger settings; defaults from config.log (pretty in a TTY, JSON otherwise). */
  logger?: FastifyServerOptions['logger'];
  clientDist?: string;
  /** Login/sign-up attempts per IP per minute. */
  authPerMinute?: number;
  /** Replaces the OpenAI-compatible client (tests). */
  llm?: LlmClient;
}

export type KierApp = FastifyInstance & { kier: KierServices; io: KierServer };

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  const redact = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', 'password'];
  if (config.log.level === 'silent') return false;
  return config.log.pretty
    ? { level: config.log.level, redact, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
    : { level: config.log.level, redact };
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<KierApp> {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config),
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : err.validationContext ?? 'request';
      return reply.code(400).send({ error: { code: 'bad_request', message: `${where}: ${first?.message ?? 'invalid'}` } });
    }
    if (isAppError(err)) return reply.code(err.status).send({ error: { code: err.code, message: err.message, ...err.details } });
    if (isUnavailable(err)) {
      req.log.warn({ err }, 'store unavailable');
      return reply.code(503).send({ error: { code: 'unavailable', message: 'storage is unavailable; try again' } });
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.code(429).send({ error: { code: 'rate_limited', message: err.message } });
    if (status >= 400 && status < 500) {
      const code = status === 404 ? 'not_found' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'bad_request';
      return reply.code(status).send({ error: { code, message: err.message } });
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error' } });
  });

  await registerExternal(app, { httpPerMinute: config.limits.httpPerMinute, clientDist: opts.clientDist ?? DEFAULT_CLIENT_DIST });
  const services = await registerServices(app, config, opts.llm ? { llm: opts.llm } : {});
  await app.register(healthRoutes);
  await app.register(authRoutes, { authPerMinute: opts.authPerMinute ?? 10, trustProxy: config.trustProxy });
  await app.register(practiceRoutes);
  await app.register(courseRoutes);
  await app.register(reviewRoutes);
  await app.register(adminRoutes);

  const io = attachRealtime(app.server, {
    auth: services.auth,
    practice: services.practice,
    courses: services.courses,
    log: app.log,
    turnsPerMinute: config.limits.turnsPerMinute,
    parseCookie: (header) => app.parseCookie(header),
  });
  app.decorate('io', io);
  // Sockets go first so the HTTP server can close; the store closes in onClose, after it.
  app.addHook('preClose', async () => {
    closeRealtime(io);
  });
  await app.ready();
  return app as unknown as KierApp;
}
