import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../services/auth-service.ts';
import { SESSION_COOKIE } from '../services/auth-service.ts';
import { AppError } from '../services/app-error.ts';
import type { User } from '../store/index.ts';

/** The logged-in user of a request, or unauthorized. */
export async function requireUser(auth: AuthService, req: FastifyRequest): Promise<User> {
  const user = await auth.userForToken(req.cookies[SESSION_COOKIE]);
  if (!user) throw new AppError('unauthorized', 'not logged in');
  return user;
}
