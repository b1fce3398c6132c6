import type { Queryable } from '../store/db.ts';
import { createSessionMetaRepository } from '../store/course-repositories.ts';
import type { Role, User } from '../store/repositories.ts';
import { AppError } from './app-error.ts';

// Who may read a session, decided in one place for every route and socket event: its owner; an
// admin; a user it is shared with; an instructor of the course whose assignment the session was
// made for, when the owner is a student of that course. Everyone else gets not_found, so a
// session's existence never leaks.

export async function canReadSession(db: Queryable, user: Pick<User, 'id' | 'role'>, sessionId: string): Promise<boolean> {
  return createSessionMetaRepository(db).canRead(sessionId, user);
}

/** Throws not_found unless `user` may read the session. */
export async function assertCanReadSession(db: Queryable, user: Pick<User, 'id' | 'role'>, sessionId: string): Promise<void> {
  if (!(await canReadSession(db, user, sessionId))) throw new AppError('not_found', 'no such session');
}

/** Roles that may put human codes on a transcript they can read (students comment only). */
export const REVIEW_ROLES: readonly Role[] = ['reviewer', 'instructor', 'admin'];

export function assertCanOverride(user: Pick<User, 'role'>): void {
  if (!REVIEW_ROLES.includes(user.role)) throw new AppError('forbidden', 'only reviewers, instructors and admins can change codes');
}
