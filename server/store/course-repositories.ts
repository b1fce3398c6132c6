import { randomUUID } from 'node:crypto';
import type { Language, PractitionerCode, TalkSubtype, TalkType } from '../rubric/schemas.ts';
import type { Queryable, Row } from './db.ts';
import { UniqueViolationError, type Role } from './repositories.ts';

// Repositories of migration 2: courses and their members, assignments, the session → assignment
// link and session source, shares, human overrides (stored beside the engine's codes, which stay
// untouched in turns.coded) and comments.

export interface Course {
  id: string;
  name: string;
  description: string;
  joinCode: string;
  createdAt: string;
}
export type CourseRole = 'instructor' | 'student';
export interface Member {
  id: string;
  name: string;
  email: string;
}
export interface Targets {
  rq?: number | undefined;
  pctComplex?: number | undefined;
  pctChange?: number | undefined;
}
export interface StoredAssignment {
  id: string;
  courseId: string;
  scenarioId: string;
  title: string;
  dueAt: string;
  minTurns: number;
  language: Language;
  voice: 'offline' | 'llm';
  targets: Targets;
  createdAt: string;
}
export interface SessionMeta {
  id: string;
  userId: string;
  source: 'practice' | 'import';
  title: string | null;
  assignmentId: string | null;
}
export interface StoredOverride {
  sessionId: string;
  turnIndex: number;
  reviewerId: string | null;
  reviewerName: string | null;
  primary: PractitionerCode | null;
  talk: TalkType | null;
  talkSubtype: TalkSubtype | null;
  note: string | null;
  createdAt: string;
}
export interface StoredComment {
  id: string;
  sessionId: string;
  turnIndex: number;
  authorId: string | null;
  authorName: string;
  text: string;
  createdAt: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isUnique = (err: unknown): err is { constraint?: string } =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';

async function insert(q: Queryable, sql: string, params: unknown[]): Promise<Row[]> {
  try {
    return await q.query(sql, params);
  } catch (err) {
    if (isUnique(err)) throw new UniqueViolationError(err.constraint);
    throw err;
  }
}

const toCourse = (r: Row): Course => ({
  id: String(r.id),
  name: String(r.name),
  description: String(r.description ?? ''),
  joinCode: String(r.join_code),
  createdAt: iso(r.created_at),
});
const toMember = (r: Row): Member => ({ id: String(r.id), name: String(r.name), email: String(r.email) });
const toAssignment = (r: Row): StoredAssignment => ({
  id: String(r.id),
  courseId: String(r.course_id),
  scenarioId: String(r.scenario_id),
  title: String(r.title),
  dueAt: iso(r.due_at),
  minTurns: Number(r.min_turns),
  language: r.language as Language,
  voice: r.voice as 'offline' | 'llm',
  targets: (r.targets ?? {}) as Targets,
  createdAt: iso(r.created_at),
});
const toOverride = (r: Row): StoredOverride => ({
  sessionId: String(r.session_id),
  turnIndex: Number(r.turn_index),
  reviewerId: (r.reviewer_id as string | null) ?? null,
  reviewerName: (r.reviewer_name as string | null) ?? null,
  primary: (r.primary_code as PractitionerCode | null) ?? null,
  talk: (r.talk as TalkType | null) ?? null,
  talkSubtype: (r.talk_subtype as TalkSubtype | null) ?? null,
  note: (r.note as string | null) ?? null,
  createdAt: iso(r.created_at),
});
const toComment = (r: Row): StoredComment => ({
  id: String(r.id),
  sessionId: String(r.session_id),
  turnIndex: Number(r.turn_index),
  authorId: (r.author_id as string | null) ?? null,
  authorName: String(r.author_name ?? ''),
  text: String(r.text),
  createdAt: iso(r.created_at),
});

export function createCourseRepository(db: Queryable) {
  return {
    /** Throws UniqueViolationError when the join code is taken. */
    async create(c: { name: string; description: string; joinCode: string; createdBy: string }): Promise<Course> {
      const rows = await insert(
        db,
        `INSERT INTO courses (id, name, description, join_code, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [randomUUID(), c.name, c.description, c.joinCode.toUpperCase(), c.createdBy],
      );
      return toCourse(rows[0]!);
    },
    async get(id: string): Promise<Course | null> {
      const rows = await db.query('SELECT * FROM courses WHERE id = $1', [id]);
      return rows[0] ? toCourse(rows[0]) : null;
    },
    async findByJoinCode(code: string): Promise<Course | null> {
      const rows = await db.query('SELECT * FROM courses WHERE join_code = $1', [code.trim().toUpperCase()]);
      return rows[0] ? toCourse(rows[0]) : null;
    },
    /** Courses the user belongs to, with their role there and the number of students. */
    async listForUser(userId: string): Promise<(Course & { role: CourseRole; studentCount: number })[]> {
      const rows = await db.query(
        `SELECT c.*, m.role AS member_role,
           (SELECT count(*) FROM course_members s WHERE s.course_id = c.id AND s.role = 'student') AS student_count
         FROM courses c JOIN course_members m ON m.course_id = c.id AND m.user_id = $1
         ORDER BY c.created_at DESC, c.id`,
        [userId],
      );
      return rows.map((r) => ({ ...toCourse(r), role: r.member_role as CourseRole, studentCount: Number(r.student_count) }));
    },
    async listAll(): Promise<(Course & { studentCount: number })[]> {
      const rows = await db.query(
        `SELECT c.*, (SELECT count(*) FROM course_members s WHERE s.course_id = c.id AND s.role = 'student') AS student_count
         FROM courses c ORDER BY c.created_at DESC, c.id`,
      );
      return rows.map((r) => ({ ...toCourse(r), studentCount: Number(r.student_count) }));
    },
    /** Adds a member; an existing membership keeps its role unless `upgrade` (student → instructor). */
    async addMember(courseId: string, userId: string, role: CourseRole): Promise<void> {
      await db.query(
        `INSERT INTO course_members (course_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (course_id, user_id) DO UPDATE SET role = CASE WHEN EXCLUDED.role = 'instructor' THEN 'instructor' ELSE course_members.role END`,
        [courseId, userId, role],
      );
    },
    async memberRole(courseId: string, userId: string): Promise<CourseRole | null> {
      const rows = await db.query('SELECT role FROM course_members WHERE course_id = $1 AND user_id = $2', [courseId, userId]);
      return rows[0] ? (rows[0].role as CourseRole) : null;
    },
    async members(courseId: string, role: CourseRole): Promise<Member[]> {
      const rows = await db.query(
        `SELECT u.id, u.name, u.email FROM course_members m JOIN users u ON u.id = m.user_id
         WHERE m.course_id = $1 AND m.role = $2 ORDER BY u.name, u.email`,
        [courseId, role],
      );
      return rows.map(toMember);
    },
  };
}

export function createAssignmentRepository(db: Queryable) {
  return {
    async create(a: Omit<StoredAssignment, 'id' | 'createdAt'>): Promise<StoredAssignment> {
      const rows = await db.query(
        `INSERT INTO assignments (id, course_id, scenario_id, title, due_at, min_turns, language, voice, targets)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) RETURNING *`,
        [randomUUID(), a.courseId, a.scenarioId, a.title, a.dueAt, a.minTurns, a.language, a.voice, JSON.stringify(a.targets)],
      );
      return toAssignment(rows[0]!);
    },
    async get(id: string): Promise<StoredAssignment | null> {
      const rows = await db.query('SELECT * FROM assignments WHERE id = $1', [id]);
      return rows[0] ? toAssignment(rows[0]) : null;
    },
    async update(id: string, a: Omit<StoredAssignment, 'id' | 'createdAt' | 'courseId'>): Promise<StoredAssignment | null> {
      const rows = await db.query(
        `UPDATE assignments SET scenario_id = $2, title = $3, due_at = $4, min_turns = $5, language = $6, voice = $7, targets = $8::jsonb
         WHERE id = $1 RETURNING *`,
        [id, a.scenarioId, a.title, a.dueAt, a.minTurns, a.language, a.voice, JSON.stringify(a.targets)],
      );
      return rows[0] ? toAssignment(rows[0]) : null;
    },
    async delete(id: string): Promise<void> {
      await db.query('DELETE FROM assignments WHERE id = $1', [id]);
    },
    async listByCourse(courseId: string): Promise<StoredAssignment[]> {
      const rows = await db.query('SELECT * FROM assignments WHERE course_id = $1 ORDER BY due_at, created_at, id', [courseId]);
      return rows.map(toAssignment);
    },
    /** Assignments of every course the user is a student in, with the course name. */
    async listForStudent(userId: string): Promise<(StoredAssignment & { courseName: string })[]> {
      const rows = await db.query(
        `SELECT a.*, c.name AS course_name FROM assignments a
         JOIN courses c ON c.id = a.course_id
         JOIN course_members m ON m.course_id = a.course_id AND m.user_id = $1 AND m.role = 'student'
         ORDER BY a.due_at, a.created_at, a.id`,
        [userId],
      );
      return rows.map((r) => ({ ...toAssignment(r), courseName: String(r.course_name) }));
    },
    /** Sessions tied to any of these assignments, with their practitioner turn counts. */
    async sessionsFor(assignmentIds: readonly string[]): Promise<
      { id: string; userId: string; assignmentId: string; status: 'active' | 'ended'; scores: unknown; practitionerTurns: number; createdAt: string; endedAt: string | null }[]
    > {
      if (assignmentIds.length === 0) return [];
      const rows = await db.query(
        `SELECT s.id, s.user_id, s.assignment_id, s.status, s.scores, s.created_at, s.ended_at,
           (SELECT count(*) FROM turns t WHERE t.session_id = s.id AND t.speaker = 'practitioner') AS practitioner_turns
         FROM practice_sessions s WHERE s.assignment_id = ANY($1::text[]) ORDER BY s.created_at, s.id`,
        [assignmentIds],
      );
      return rows.map((r) => ({
        id: String(r.id),
        userId: String(r.user_id),
        assignmentId: String(r.assignment_id),
        status: r.status as 'active' | 'ended',
        scores: r.scores ?? null,
        practitionerTurns: Number(r.practitioner_turns),
        createdAt: iso(r.created_at),
        endedAt: r.ended_at === null || r.ended_at === undefined ? null : iso(r.ended_at),
      }));
    },
  };
}

export function createSessionMetaRepository(db: Queryable) {
  return {
    async get(sessionId: string): Promise<SessionMeta | null> {
      const rows = await db.query('SELECT id, user_id, source, title, assignment_id FROM practice_sessions WHERE id = $1', [sessionId]);
      const r = rows[0];
      if (!r) return null;
      return {
        id: String(r.id),
        userId: String(r.user_id),
        source: r.source as 'practice' | 'import',
        title: (r.title as string | null) ?? null,
        assignmentId: (r.assignment_id as string | null) ?? null,
      };
    },
    async set(sessionId: string, meta: { source?: 'practice' | 'import'; title?: string | null; assignmentId?: string | null }): Promise<void> {
      await db.query(
        `UPDATE practice_sessions SET source = COALESCE($2, source), title = CASE WHEN $3::boolean THEN $4 ELSE title END,
           assignment_id = CASE WHEN $5::boolean THEN $6 ELSE assignment_id END WHERE id = $1`,
        [sessionId, meta.source ?? null, 'title' in meta, meta.title ?? null, 'assignmentId' in meta, meta.assignmentId ?? null],
      );
    },
    /**
     * Whether `user` may read the session (see server/services/session-access.ts for the rule):
     * owner, admin, shared with them, or an instructor of the course of the session's assignment
     * in which the owner is a student.
     */
    async canRead(sessionId: string, user: { id: string; role: Role }): Promise<boolean> {
      const rows = await db.query(
        `SELECT 1 FROM practice_sessions s WHERE s.id = $1 AND (
           s.user_id = $2 OR $3 = 'admin'
           OR EXISTS (SELECT 1 FROM session_shares sh WHERE sh.session_id = s.id AND sh.user_id = $2)
           OR ($3 = 'instructor' AND EXISTS (
             SELECT 1 FROM assignments a
             JOIN course_members i ON i.course_id = a.course_id AND i.user_id = $2 AND i.role = 'instructor'
             JOIN course_members st ON st.course_id = a.course_id AND st.user_id = s.user_id AND st.role = 'student'
             WHERE a.id = s.assignment_id)))`,
        [sessionId, user.id, user.role],
      );
      return rows.length > 0;
    },
    /** Sessions visible to the user that are not their own: shared with them, and for instructors their students'. */
    async listVisible(user: { id: string; role: Role }): Promise<{ id: string; ownerName: string; title: string | null; source: 'practice' | 'import' }[]> {
      const rows = await db.query(
        `SELECT s.id, u.name AS owner_name, s.title, s.source, s.created_at FROM practice_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.user_id <> $1 AND (
           EXISTS (SELECT 1 FROM session_shares sh WHERE sh.session_id = s.id AND sh.user_id = $1)
           OR ($2 = 'instructor' AND EXISTS (
             SELECT 1 FROM assignments a
             JOIN course_members i ON i.course_id = a.course_id AND i.user_id = $1 AND i.role = 'instructor'
             JOIN course_members st ON st.course_id = a.course_id AND st.user_id = s.user_id AND st.role = 'student'
             WHERE a.id = s.assignment_id)))
         ORDER BY s.created_at DESC, s.id`,
        [user.id, user.role],
      );
      return rows.map((r) => ({
        id: String(r.id),
        ownerName: String(r.owner_name),
        title: (r.title as string | null) ?? null,
        source: r.source as 'practice' | 'import',
      }));
    },
  };
}

export function createShareRepository(db: Queryable) {
  return {
    async add(sessionId: string, userId: string): Promise<void> {
      await db.query('INSERT INTO session_shares (session_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [sessionId, userId]);
    },
    async remove(sessionId: string, userId: string): Promise<void> {
      await db.query('DELETE FROM session_shares WHERE session_id = $1 AND user_id = $2', [sessionId, userId]);
    },
    async list(sessionId: string): Promise<{ userId: string; name: string; email: string }[]> {
      const rows = await db.query(
        `SELECT u.id, u.name, u.email FROM session_shares sh JOIN users u ON u.id = sh.user_id WHERE sh.session_id = $1 ORDER BY u.name, u.email`,
        [sessionId],
      );
      return rows.map((r) => ({ userId: String(r.id), name: String(r.name), email: String(r.email) }));
    },
  };
}

export function createReviewRepository(db: Queryable) {
  const overrideSelect = `SELECT o.*, u.name AS reviewer_name FROM turn_overrides o LEFT JOIN users u ON u.id = o.reviewer_id`;
  return {
    async setOverride(o: {
      sessionId: string;
      turnIndex: number;
      reviewerId: string;
      primary: PractitionerCode | null;
      talk: TalkType | null;
      talkSubtype: TalkSubtype | null;
      note: string | null;
    }): Promise<void> {
      await db.query(
        `INSERT INTO turn_overrides (session_id, turn_index, reviewer_id, primary_code, talk, talk_subtype, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (session_id, turn_index) DO UPDATE SET reviewer_id = EXCLUDED.reviewer_id, primary_code = EXCLUDED.primary_code,
           talk = EXCLUDED.talk, talk_subtype = EXCLUDED.talk_subtype, note = EXCLUDED.note, created_at = now()`,
        [o.sessionId, o.turnIndex, o.reviewerId, o.primary, o.talk, o.talkSubtype, o.note],
      );
    },
    async clearOverride(sessionId: string, turnIndex: number): Promise<void> {
      await db.query('DELETE FROM turn_overrides WHERE session_id = $1 AND turn_index = $2', [sessionId, turnIndex]);
    },
    async overrides(sessionId: string): Promise<StoredOverride[]> {
      const rows = await db.query(`${overrideSelect} WHERE o.session_id = $1 ORDER BY o.turn_index`, [sessionId]);
      return rows.map(toOverride);
    },
    /** Overrides on the given sessions, with each turn's speaker, text and engine coding. */
    async overridesWithTurns(sessionIds: readonly string[]): Promise<(StoredOverride & { speaker: string; text: string; coded: unknown })[]> {
      if (sessionIds.length === 0) return [];
      const rows = await db.query(
        `SELECT o.*, u.name AS reviewer_name, t.speaker, t.text, t.coded FROM turn_overrides o
         JOIN turns t ON t.session_id = o.session_id AND t.idx = o.turn_index
         LEFT JOIN users u ON u.id = o.reviewer_id
         WHERE o.session_id = ANY($1::text[]) ORDER BY o.session_id, o.turn_index`,
        [sessionIds],
      );
      return rows.map((r) => ({ ...toOverride(r), speaker: String(r.speaker), text: String(r.text), coded: r.coded }));
    },
    /** Every session that has at least one override. */
    async sessionsWithOverrides(): Promise<string[]> {
      const rows = await db.query('SELECT DISTINCT session_id FROM turn_overrides ORDER BY session_id');
      return rows.map((r) => String(r.session_id));
    },
    async addComment(c: { sessionId: string; turnIndex: number; authorId: string; text: string }): Promise<StoredComment> {
      const id = randomUUID();
      await db.query('INSERT INTO turn_comments (id, session_id, turn_index, author_id, text) VALUES ($1, $2, $3, $4, $5)', [
        id,
        c.sessionId,
        c.turnIndex,
        c.authorId,
        c.text,
      ]);
      const rows = await db.query(
        `SELECT c.*, u.name AS author_name FROM turn_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.id = $1`,
        [id],
      );
      return toComment(rows[0]!);
    },
    async comments(sessionId: string): Promise<StoredComment[]> {
      const rows = await db.query(
        `SELECT c.*, u.name AS author_name FROM turn_comments c LEFT JOIN users u ON u.id = c.author_id
         WHERE c.session_id = $1 ORDER BY c.turn_index, c.created_at, c.id`,
        [sessionId],
      );
      return rows.map(toComment);
    },
  };
}

export interface CourseStore {
  courses: ReturnType<typeof createCourseRepository>;
  assignments: ReturnType<typeof createAssignmentRepository>;
  sessionMeta: ReturnType<typeof createSessionMetaRepository>;
  shares: ReturnType<typeof createShareRepository>;
  reviews: ReturnType<typeof createReviewRepository>;
}

export function createCourseStore(db: Queryable): CourseStore {
  return {
    courses: createCourseRepository(db),
    assignments: createAssignmentRepository(db),
    sessionMeta: createSessionMetaRepository(db),
    shares: createShareRepository(db),
    reviews: createReviewRepository(db),
  };
}
