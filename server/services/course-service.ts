import { randomInt } from 'node:crypto';
import type { Scenario } from '../patient/index.ts';
import { toScoreSummary, type Scores } from '../rubric/scores-schema.ts';
import {
  createCourseStore,
  type Course,
  type CourseRole,
  type Member,
  type StoredAssignment,
  type Targets,
} from '../store/course-repositories.ts';
import { UniqueViolationError, type Store, type User } from '../store/repositories.ts';
import { AppError } from './app-error.ts';

// Courses: instructors create them and assign scenarios; students join with a code and practise.
// A session counts for an assignment once it has ended with at least minTurns practitioner turns.

export interface CourseDeps {
  store: Store;
  scenarios: readonly Scenario[];
  now?: () => Date;
}

export type AssignmentStatus = 'not_started' | 'in_progress' | 'completed' | 'overdue';
export interface CellMetrics {
  rq: number | null;
  pctComplex: number | null;
  pctChange: number | null;
  rrCount: number;
  overall: number;
}
export interface AssignmentInput {
  scenarioId: string;
  title?: string | undefined;
  dueAt: string;
  minTurns: number;
  language: 'nl' | 'en';
  voice: 'offline' | 'llm';
  targets: Targets;
}

// No 0/O, 1/I/L: codes are read aloud and typed from a projector.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newJoinCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function metricsOf(scores: unknown): CellMetrics | null {
  if (!scores || typeof scores !== 'object') return null;
  const s = scores as Scores;
  const sum = toScoreSummary(s);
  return {
    rq: sum.reflectionToQuestion,
    pctComplex: sum.percentComplexReflections,
    pctChange: sum.percentChangeTalk,
    rrCount: Number(s.counts?.RR ?? 0),
    overall: sum.overall,
  };
}

/** Which targets a session meets; targets not set are left out. A missing figure misses its target. */
export function meetsTargets(targets: Targets, m: CellMetrics | null): { rq?: boolean; pctComplex?: boolean; pctChange?: boolean } {
  const out: { rq?: boolean; pctComplex?: boolean; pctChange?: boolean } = {};
  for (const k of ['rq', 'pctComplex', 'pctChange'] as const) {
    const t = targets[k];
    if (t === undefined || t === null) continue;
    const v = m?.[k];
    out[k] = v !== null && v !== undefined && v >= t;
  }
  return out;
}

interface SessionRow {
  id: string;
  userId: string;
  assignmentId: string;
  status: 'active' | 'ended';
  scores: unknown;
  practitionerTurns: number;
  createdAt: string;
  endedAt: string | null;
}

/** The status of one student on one assignment, and their best completed session. */
export function assignmentStatus(
  a: Pick<StoredAssignment, 'minTurns' | 'dueAt'>,
  sessions: readonly SessionRow[],
  now: Date,
): { status: AssignmentStatus; best: SessionRow | null } {
  const done = sessions.filter((s) => s.status === 'ended' && s.practitionerTurns >= a.minTurns);
  if (done.length > 0) {
    const best = done.reduce((b, s) => ((metricsOf(s.scores)?.overall ?? -1) > (metricsOf(b.scores)?.overall ?? -1) ? s : b));
    return { status: 'completed', best };
  }
  if (new Date(a.dueAt).getTime() < now.getTime()) return { status: 'overdue', best: null };
  return { status: sessions.length > 0 ? 'in_progress' : 'not_started', best: null };
}

function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function createCourseService(deps: CourseDeps) {
  const { store } = deps;
  const cs = createCourseStore(store.db);
  const now = deps.now ?? (() => new Date());
  const scenarioById = new Map(deps.scenarios.map((s) => [s.id, s]));

  function assignmentView(a: StoredAssignment) {
    return { ...a, scenarioTitle: scenarioById.get(a.scenarioId)?.title ?? a.scenarioId };
  }

  /** The caller's role in the course (admins count as instructors); not_found for outsiders. */
  async function roleIn(user: User, courseId: string): Promise<{ course: Course; role: CourseRole }> {
    const course = await cs.courses.get(courseId);
    if (!course) throw new AppError('not_found', 'no such course');
    if (user.role === 'admin') return { course, role: 'instructor' };
    const role = await cs.courses.memberRole(courseId, user.id);
    if (!role) throw new AppError('not_found', 'no such course');
    return { course, role };
  }

  async function asInstructor(user: User, courseId: string): Promise<Course> {
    const { course, role } = await roleIn(user, courseId);
    if (role !== 'instructor') throw new AppError('forbidden', 'only the instructors of this course can do that');
    return course;
  }

  function checkAssignment(input: AssignmentInput): Scenario {
    const scenario = scenarioById.get(input.scenarioId);
    if (!scenario) throw new AppError('bad_request', `scenarioId: no scenario ${input.scenarioId}`);
    if (scenario.language !== input.language) throw new AppError('bad_request', `language: scenario ${scenario.id} is in ${scenario.language}`);
    return scenario;
  }

  async function studentRows(assignments: readonly StoredAssignment[]) {
    const sessions = await cs.assignments.sessionsFor(assignments.map((a) => a.id));
    const by = new Map<string, SessionRow[]>();
    for (const s of sessions) {
      const key = `${s.userId}|${s.assignmentId}`;
      by.set(key, [...(by.get(key) ?? []), s]);
    }
    return (userId: string, assignmentId: string) => by.get(`${userId}|${assignmentId}`) ?? [];
  }

  return {
    async create(user: User, input: { name: string; description?: string | undefined }) {
      if (user.role !== 'instructor' && user.role !== 'admin') throw new AppError('forbidden', 'only instructors can create courses');
      for (let attempt = 0; ; attempt++) {
        try {
          const course = await cs.courses.create({ name: input.name, description: input.description ?? '', joinCode: newJoinCode(), createdBy: user.id });
          await cs.courses.addMember(course.id, user.id, 'instructor');
          return course;
        } catch (err) {
          if (!(err instanceof UniqueViolationError) || attempt >= 5) throw err;
        }
      }
    },

    async list(user: User) {
      if (user.role === 'admin') return (await cs.courses.listAll()).map((c) => ({ ...c, role: 'instructor' as const }));
      return cs.courses.listForUser(user.id);
    },

    async get(user: User, courseId: string) {
      const { course, role } = await roleIn(user, courseId);
      return {
        course,
        assignments: (await cs.assignments.listByCourse(courseId)).map(assignmentView),
        students: role === 'instructor' ? await cs.courses.members(courseId, 'student') : [],
        instructors: await cs.courses.members(courseId, 'instructor'),
      };
    },

    async join(user: User, code: string) {
      if (user.role !== 'student') throw new AppError('forbidden', 'only students join courses with a code');
      const course = await cs.courses.findByJoinCode(code);
      if (!course) throw new AppError('invalid_join_code', 'no course has this join code');
      await cs.courses.addMember(course.id, user.id, 'student');
      const mine = (await cs.courses.listForUser(user.id)).find((c) => c.id === course.id)!;
      return mine;
    },

    async addInstructor(user: User, courseId: string, email: string): Promise<Member[]> {
      await asInstructor(user, courseId);
      const found = await store.users.findByEmail(email);
      if (!found) throw new AppError('not_found', 'no user with this email');
      if (found.user.role !== 'instructor') throw new AppError('bad_request', 'email: this user is not an instructor');
      await cs.courses.addMember(courseId, found.user.id, 'instructor');
      return cs.courses.members(courseId, 'instructor');
    },

    async createAssignment(user: User, courseId: string, input: AssignmentInput) {
      await asInstructor(user, courseId);
      const scenario = checkAssignment(input);
      const a = await cs.assignments.create({ ...input, courseId, title: input.title?.trim() || scenario.title });
      return assignmentView(a);
    },

    async updateAssignment(user: User, id: string, input: AssignmentInput) {
      const a = await cs.assignments.get(id);
      if (!a) throw new AppError('not_found', 'no such assignment');
      await asInstructor(user, a.courseId);
      const scenario = checkAssignment(input);
      const updated = await cs.assignments.update(id, { ...input, title: input.title?.trim() || scenario.title });
      return assignmentView(updated!);
    },

    async deleteAssignment(user: User, id: string): Promise<void> {
      const a = await cs.assignments.get(id);
      if (!a) throw new AppError('not_found', 'no such assignment');
      await asInstructor(user, a.courseId);
      await cs.assignments.delete(id);
    },

    /** The student's assignments with their status and best session. */
    async myAssignments(user: User) {
      const list = await cs.assignments.listForStudent(user.id);
      const rows = await studentRows(list);
      return list.map((a) => {
        const { status, best } = assignmentStatus(a, rows(user.id, a.id), now());
        const m = best ? metricsOf(best.scores) : null;
        return { ...assignmentView(a), courseName: a.courseName, status, bestSessionId: best?.id ?? null, scores: best?.scores ? toScoreSummary(best.scores as Scores) : null, meets: meetsTargets(a.targets, m) };
      });
    },

    /** For session:start with an assignment: the student must be enrolled; the assignment decides the rest. */
    async forStart(user: User, assignmentId: string): Promise<{ scenarioId: string; voice: 'offline' | 'llm' }> {
      const a = await cs.assignments.get(assignmentId);
      if (!a || (await cs.courses.memberRole(a.courseId, user.id)) !== 'student') throw new AppError('not_found', 'no such assignment');
      return { scenarioId: a.scenarioId, voice: a.voice };
    },

    /** A "retry from here" branch practises for the same assignment as its parent. */
    async inheritAssignment(childId: string, parentId: string): Promise<void> {
      const parent = await cs.sessionMeta.get(parentId);
      if (parent?.assignmentId) await cs.sessionMeta.set(childId, { assignmentId: parent.assignmentId });
    },

    async dashboard(user: User, courseId: string) {
      await asInstructor(user, courseId);
      const students = await cs.courses.members(courseId, 'student');
      const assignments = await cs.assignments.listByCourse(courseId);
      const rows = await studentRows(assignments);
      const cells = [];
      const distribution = { rq: [] as number[], pctComplex: [] as number[], pctChange: [] as number[], rrCount: [] as number[] };
      for (const s of students) {
        for (const a of assignments) {
          const { status, best } = assignmentStatus(a, rows(s.id, a.id), now());
          const metrics = best ? metricsOf(best.scores) : null;
          if (metrics) {
            if (metrics.rq !== null) distribution.rq.push(metrics.rq);
            if (metrics.pctComplex !== null) distribution.pctComplex.push(metrics.pctComplex);
            if (metrics.pctChange !== null) distribution.pctChange.push(metrics.pctChange);
            distribution.rrCount.push(metrics.rrCount);
          }
          cells.push({ studentId: s.id, assignmentId: a.id, status, sessionId: best?.id ?? null, metrics, meets: meetsTargets(a.targets, metrics) });
        }
      }
      // Progress: every ended session of the course's students for its assignments, by day ended.
      const byDay = new Map<string, CellMetrics[]>();
      const enrolled = new Set(students.map((s) => s.id));
      for (const a of assignments) {
        for (const s of students) {
          for (const row of rows(s.id, a.id)) {
            const m = metricsOf(row.scores);
            if (row.status !== 'ended' || !m || !row.endedAt || !enrolled.has(row.userId)) continue;
            const day = row.endedAt.slice(0, 10);
            byDay.set(day, [...(byDay.get(day) ?? []), m]);
          }
        }
      }
      const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((x, y) => x + y, 0) / xs.length) * 10) / 10 : 0);
      const progress = [...byDay.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, ms]) => ({
          date,
          sessions: ms.length,
          meanOverall: mean(ms.map((m) => m.overall)),
          meanPctChange: mean(ms.flatMap((m) => (m.pctChange === null ? [] : [m.pctChange]))),
        }));
      return { students, assignments: assignments.map(assignmentView), cells, distribution, progress };
    },

    async dashboardCsv(user: User, courseId: string): Promise<string> {
      const d = await this.dashboard(user, courseId);
      const studentBy = new Map(d.students.map((s) => [s.id, s]));
      const assignmentBy = new Map(d.assignments.map((a) => [a.id, a]));
      return toCsv(
        ['student', 'email', 'assignment', 'status', 'rq', 'pct_complex', 'pct_change', 'rr_count', 'overall', 'meets_targets'],
        d.cells.map((c) => {
          const s = studentBy.get(c.studentId)!;
          const m = c.metrics;
          const meets = Object.values(c.meets);
          return [
            s.name, s.email, assignmentBy.get(c.assignmentId)!.title, c.status,
            m?.rq ?? '', m?.pctComplex ?? '', m?.pctChange ?? '', m?.rrCount ?? '', m?.overall ?? '',
            m ? (meets.every(Boolean) ? 'yes' : 'no') : '',
          ];
        }),
      );
    },
  };
}

export type CourseService = ReturnType<typeof createCourseService>;
