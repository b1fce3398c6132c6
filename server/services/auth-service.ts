import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Language } from '../rubric/schemas.ts';
import { UniqueViolationError, type Role, type Store, type User } from '../store/index.ts';
import { AppError } from './app-error.ts';

// Accounts and login sessions. Passwords: argon2id (the library's default algorithm). Session
// tokens: 32 random bytes to the browser, only their sha256 in the store, so a leaked table
// cannot log anyone in.

export const SESSION_COOKIE = 'kier_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Accounts are managed by admins only. */
function requireAdmin(actor: User): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'only admins manage accounts');
}

export function createAuthService(deps: { store: Store }) {
  const { store } = deps;
  // Verifying against a real hash when the email is unknown keeps both paths equally slow.
  let dummyHash: Promise<string> | null = null;

  async function createUser(u: { name: string; email: string; password: string; role: Role; locale: Language }): Promise<User> {
    try {
      return await store.users.create({ ...u, passwordHash: await hash(u.password) });
    } catch (err) {
      if (err instanceof UniqueViolationError) throw new AppError('email_taken', 'an account with this email exists');
      throw err;
    }
  }

  async function openSession(user: User): Promise<{ user: User; token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await store.authSessions.create(hashToken(token), user.id, expiresAt);
    return { user, token, expiresAt };
  }

  return {
    createUser,
    /** All accounts; admins only. */
    async listUsers(actor: User): Promise<User[]> {
      requireAdmin(actor);
      return store.users.list();
    },
    /**
     * Give an account another role; admins only. An admin cannot change their own role, so the
     * last admin cannot lock everyone out by accident.
     */
    async setRole(actor: User, id: string, role: Role): Promise<User> {
      requireAdmin(actor);
      if (actor.id === id) throw new AppError('forbidden', 'admins cannot change their own role');
      const user = await store.users.setRole(id, role);
      if (!user) throw new AppError('not_found', 'no such account');
      return user;
    },
    /** Self sign-up: always a student. */
    async signup(input: { name: string; email: string; password: string; locale?: Language | undefined }) {
      const user = await createUser({ ...input, locale: input.locale ?? 'nl', role: 'student' });
      return openSession(user);
    },
    async login(input: { email: string; password: string }) {
      const found = await store.users.findByEmail(input.email);
      if (!found) {
        dummyHash ??= hash('not-a-real-password');
        await verify(await dummyHash, input.password).catch(() => false);
        throw new AppError('invalid_credentials', 'wrong email or password');
      }
      const ok = await verify(found.passwordHash, input.password).catch(() => false);
      if (!ok) throw new AppError('invalid_credentials', 'wrong email or password');
      return openSession(found.user);
    },
    async logout(token: string | undefined): Promise<void> {
      if (token) await store.authSessions.delete(hashToken(token));
    },
    async userForToken(token: string | undefined): Promise<User | null> {
      if (!token) return null;
      return store.authSessions.findUser(hashToken(token));
    },
    /** First start: create the configured admin when no admin exists yet. */
    async ensureAdmin(admin: { email: string; password: string; name: string } | undefined): Promise<User | null> {
      if (!admin) return null;
      if ((await store.users.countByRole('admin')) > 0) return null;
      if (await store.users.findByEmail(admin.email)) return null;
      return createUser({ ...admin, role: 'admin', locale: 'nl' });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
