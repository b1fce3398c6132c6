import { randomUUID } from 'node:crypto';
import type { CodedTurn, Language } from '../rubric/schemas.ts';
import type { Db, Queryable, Row } from './db.ts';

// Repositories: the only place that knows table and column names. They return plain objects with
// ISO timestamps, never driver rows.

/** Every role an account can have; the migration's CHECK constraint lists the same four. */
export const ROLES = ['student', 'instructor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: Language;
}

export interface StoredSession {
  id: string;
  userId: string;
  scenarioId: string;
  language: Language;
  status: 'active' | 'ended';
  parentId: string | null;
  branchedAtTurn: number | null;
  voice: 'offline' | 'llm';
  seed: number;
  scores: unknown;
  createdAt: string;
  endedAt: string | null;
}

export interface StoredTurn {
  id: string;
  sessionId: string;
  index: number;
  speaker: 'practitioner' | 'client';
  text: string;
  coded: CodedTurn;
  patientState: unknown;
  mood: unknown;
  voice: 'offline' | 'llm' | 'offline-fallback' | null;
  clientTurnId: string | null;
  createdAt: string;
}

export class UniqueViolationError extends Error {
  constructor(readonly constraint: string | undefined) {
    super(`unique violation${constraint ? ` (${constraint})` : ''}`);
  }
}

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}
function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}
function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}
function isUnique(err: unknown): err is { code: string; constraint?: string } {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
async function insert(q: Queryable, sql: string, params: unknown[]): Promise<Row[]> {
  try {
    return await q.query(sql, params);
  } catch (err) {
    if (isUnique(err)) throw new UniqueViolationError(err.constraint);
    throw err;
  }
}

const toUser = (r: Row): User => ({
  id: String(r.id),
  name: String(r.name),
  email: String(r.email),
  role: r.role as Role,
  locale: r.locale as Language,
});

const toSession = (r: Row): StoredSession => ({
  id: String(r.id),
  userId: String(r.user_id),
  scenarioId: String(r.scenario_id),
  language: r.language as Language,
  status: r.status as 'active' | 'ended',
  parentId: (r.parent_id as string | null) ?? null,
  branchedAtTurn: r.branched_at_turn === null || r.branched_at_turn === undefined ? null : Number(r.branched_at_turn),
  voice: r.voice as 'offline' | 'llm',
  seed: Number(r.seed),
  scores: r.scores ?? null,
  createdAt: iso(r.created_at),
  endedAt: isoOrNull(r.ended_at),
});

const toTurn = (r: Row): StoredTurn => ({
  id: String(r.id),
  sessionId: String(r.session_id),
  index: Number(r.idx),
  speaker: r.speaker as 'practitioner' | 'client',
  text: String(r.text),
  coded: r.coded as CodedTurn,
  patientState: r.patient_state ?? null,
  mood: r.mood ?? null,
  voice: (r.voice as StoredTurn['voice']) ?? null,
  clientTurnId: (r.client_turn_id as string | null) ?? null,
  createdAt: iso(r.created_at),
});

export function createUserRepository(db: Queryable) {
  return {
    /** Throws UniqueViolationError when the email is taken (emails are stored lower-case). */
    async create(u: { email: string; name: string; passwordHash: string; role: Role; locale: Language }): Promise<User> {
      const rows = await insert(
        db,
        `INSERT INTO users (id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [randomUUID(), u.email.trim().toLowerCase(), u.name, u.passwordHash, u.role, u.locale],
      );
      return toUser(rows[0]!);
    },
    async findByEmail(email: string): Promise<{ user: User; passwordHash: string } | null> {
      const rows = await db.query('SELECT * FROM users WHERE email = $1', [email.trim().toLowerCase()]);
      return rows[0] ? { user: toUser(rows[0]), passwordHash: String(rows[0].password_hash) } : null;
    },
    async findById(id: string): Promise<User | null> {
      const rows = await db.query('SELECT * FROM users WHERE id = $1', [id]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    /** Every account, for the admin's account list (names first, then email). */
    async list(): Promise<User[]> {
      const rows = await db.query('SELECT * FROM users ORDER BY lower(name), email');
      return rows.map(toUser);
    },
    /** The account with its new role, or null when there is no such account. */
    async setRole(id: string, role: Role): Promise<User | null> {
      const rows = await db.query('UPDATE users SET role = $2 WHERE id = $1 RETURNING *', [id, role]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async countByRole(role: Role): Promise<number> {
      const rows = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM users WHERE role = $1', [role]);
      return Number(rows[0]?.n ?? 0);
    },
  };
}

export function createAuthSessionRepository(db: Queryable) {
  return {
    async create(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
      await db.query('INSERT INTO auth_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
        tokenHash,
        userId,
        expiresAt.toISOString(),
      ]);
    },
    async findUser(tokenHash: string): Promise<User | null> {
      const rows = await db.query(
        `SELECT u.* FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now()`,
        [tokenHash],
      );
      return rows[0] ? toUser(rows[0]) : null;
    },
    async delete(tokenHash: string): Promise<void> {
      await db.query('DELETE FROM auth_sessions WHERE token_hash = $1', [tokenHash]);
    },
  };
}

export function createPracticeSessionRepository(db: Queryable) {
  return {
    async create(s: {
      id?: string;
      userId: string;
      scenarioId: string;
      language: Language;
      voice: 'offline' | 'llm';
      seed: number;
      parentId?: string | null;
      branchedAtTurn?: number | null;
    }): Promise<StoredSession> {
      const rows = await insert(
        db,
        `INSERT INTO practice_sessions (id, user_id, scenario_id, language, voice, seed, parent_id, branched_at_turn)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [s.id ?? randomUUID(), s.userId, s.scenarioId, s.language, s.voice, s.seed, s.parentId ?? null, s.branchedAtTurn ?? null],
      );
      return toSession(rows[0]!);
    },
    async get(id: string): Promise<StoredSession | null> {
      const rows = await db.query('SELECT * FROM practice_sessions WHERE id = $1', [id]);
      return rows[0] ? toSession(rows[0]) : null;
    },
    async listByUser(userId: string): Promise<(StoredSession & { practitionerTurns: number })[]> {
      const rows = await db.query(
        `SELECT s.*, (SELECT count(*) FROM turns t WHERE t.session_id = s.id AND t.speaker = 'practitioner') AS practitioner_turns
         FROM practice_sessions s WHERE s.user_id = $1 ORDER BY s.created_at DESC, s.id`,
        [userId],
      );
      return rows.map((r) => ({ ...toSession(r), practitionerTurns: Number(r.practitioner_turns) }));
    },
    async end(id: string, scores: unknown): Promise<StoredSession | null> {
      const rows = await db.query(
        `UPDATE practice_sessions SET status = 'ended', ended_at = COALESCE(ended_at, now()), scores = $2::jsonb WHERE id = $1 RETURNING *`,
        [id, json(scores)],
      );
      return rows[0] ? toSession(rows[0]) : null;
    },
  };
}

export function createTurnRepository(db: Queryable) {
  return {
    /** Throws UniqueViolationError on a taken index or a repeated clientTurnId. */
    async insert(t: {
      sessionId: string;
      index: number;
      speaker: 'practitioner' | 'client';
      text: string;
      coded: CodedTurn;
      patientState?: unknown;
      mood?: unknown;
      voice?: StoredTurn['voice'];
      clientTurnId?: string | null;
    }): Promise<StoredTurn> {
      const rows = await insert(
        db,
        `INSERT INTO turns (id, session_id, idx, speaker, text, coded, patient_state, mood, voice, client_turn_id)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10) RETURNING *`,
        [
          randomUUID(),
          t.sessionId,
          t.index,
          t.speaker,
          t.text,
          json(t.coded),
          json(t.patientState),
          json(t.mood),
          t.voice ?? null,
          t.clientTurnId ?? null,
        ],
      );
      return toTurn(rows[0]!);
    },
    async list(sessionId: string): Promise<StoredTurn[]> {
      const rows = await db.query('SELECT * FROM turns WHERE session_id = $1 ORDER BY idx', [sessionId]);
      return rows.map(toTurn);
    },
    async findByClientTurnId(sessionId: string, clientTurnId: string): Promise<StoredTurn | null> {
      const rows = await db.query('SELECT * FROM turns WHERE session_id = $1 AND client_turn_id = $2', [sessionId, clientTurnId]);
      return rows[0] ? toTurn(rows[0]) : null;
    },
  };
}

export interface Store {
  db: Db;
  users: ReturnType<typeof createUserRepository>;
  authSessions: ReturnType<typeof createAuthSessionRepository>;
  sessions: ReturnType<typeof createPracticeSessionRepository>;
  turns: ReturnType<typeof createTurnRepository>;
  ping(): Promise<boolean>;
}

export function createStore(db: Db): Store {
  return {
    db,
    users: createUserRepository(db),
    authSessions: createAuthSessionRepository(db),
    sessions: createPracticeSessionRepository(db),
    turns: createTurnRepository(db),
    async ping() {
      try {
        await db.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
  };
}
