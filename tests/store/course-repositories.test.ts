import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourseStore, type CourseStore } from '../../server/store/course-repositories.ts';
import { createStore, UniqueViolationError, type Store } from '../../server/store/index.ts';
import { openPgliteTestDb, openPostgresTestDb } from './open-test-db.ts';
import { coded } from './store-suite.ts';

// Migration 2's repositories, on PGlite and (when DATABASE_URL is set) PostgreSQL.

for (const [name, open] of [['PGlite', () => openPgliteTestDb('kier-course-store-')], ['PostgreSQL', openPostgresTestDb]] as const) {
  describe(`course repositories on ${name}`, () => {
    let store: Store | undefined;
    let cs: CourseStore;
    let cleanup: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const o = await open();
      if (!o) return;
      store = createStore(o.db);
      cs = createCourseStore(o.db);
      cleanup = o.cleanup;
    });
    afterAll(async () => {
      await cleanup?.();
    });

    const user = (email: string, role: 'student' | 'instructor' | 'reviewer' | 'admin') =>
      store!.users.create({ email, name: email.split('@')[0]!, passwordHash: 'h', role, locale: 'en' });

    it('keeps courses, members, assignments, links, shares, overrides and comments', async (ctx) => {
      if (!store) return ctx.skip();
      const teacher = await user('t@x.org', 'instructor');
      const co = await user('co@x.org', 'instructor');
      const stu = await user('s@x.org', 'student');
      const other = await user('o@x.org', 'student');
      const rev = await user('r@x.org', 'reviewer');
      const admin = await user('a@x.org', 'admin');

      const course = await cs.courses.create({ name: 'MI 1', description: '', joinCode: 'abcd2345', createdBy: teacher.id });
      expect(course.joinCode).toBe('ABCD2345');
      await expect(cs.courses.create({ name: 'dup', description: '', joinCode: 'ABCD2345', createdBy: teacher.id })).rejects.toBeInstanceOf(
        UniqueViolationError,
      );
      expect((await cs.courses.findByJoinCode(' abcd2345 '))?.id).toBe(course.id);
      await cs.courses.addMember(course.id, teacher.id, 'instructor');
      await cs.courses.addMember(course.id, co.id, 'instructor');
      await cs.courses.addMember(course.id, stu.id, 'student');
      await cs.courses.addMember(course.id, stu.id, 'student');
      expect(await cs.courses.memberRole(course.id, stu.id)).toBe('student');
      expect((await cs.courses.members(course.id, 'instructor')).map((m) => m.email)).toEqual(['co@x.org', 't@x.org']);
      expect(await cs.courses.listForUser(teacher.id)).toMatchObject([{ id: course.id, role: 'instructor', studentCount: 1 }]);

      const a = await cs.assignments.create({
        courseId: course.id, scenarioId: 'sc', title: 'First', dueAt: '2030-01-01T00:00:00.000Z', minTurns: 3, language: 'en', voice: 'offline', targets: { rq: 1 },
      });
      expect(a).toMatchObject({ minTurns: 3, targets: { rq: 1 }, dueAt: '2030-01-01T00:00:00.000Z' });
      expect(await cs.assignments.listForStudent(stu.id)).toMatchObject([{ id: a.id, courseName: 'MI 1' }]);
      expect(await cs.assignments.listForStudent(other.id)).toEqual([]);

      const s = await store.sessions.create({ userId: stu.id, scenarioId: 'sc', language: 'en', voice: 'offline', seed: 1 });
      expect(await cs.sessionMeta.get(s.id)).toMatchObject({ source: 'practice', title: null, assignmentId: null });
      // Not tied to an assignment: the instructor does not see it.
      expect(await cs.sessionMeta.canRead(s.id, teacher)).toBe(false);
      await cs.sessionMeta.set(s.id, { assignmentId: a.id });
      expect(await cs.sessionMeta.get(s.id)).toMatchObject({ source: 'practice', assignmentId: a.id });
      await store.turns.insert({ sessionId: s.id, index: 0, speaker: 'practitioner', text: 'How?', coded: coded(0, 'practitioner', 'How?') });
      expect(await cs.assignments.sessionsFor([a.id])).toMatchObject([{ id: s.id, userId: stu.id, practitionerTurns: 1 }]);

      const can = async (u: { id: string; role: 'student' | 'instructor' | 'reviewer' | 'admin' }) => cs.sessionMeta.canRead(s.id, u);
      expect([await can(stu), await can(teacher), await can(co), await can(admin), await can(other), await can(rev)]).toEqual([
        true, true, true, true, false, false,
      ]);
      await cs.shares.add(s.id, rev.id);
      await cs.shares.add(s.id, rev.id);
      expect(await can(rev)).toBe(true);
      expect(await cs.shares.list(s.id)).toEqual([{ userId: rev.id, name: 'r', email: 'r@x.org' }]);
      expect((await cs.sessionMeta.listVisible(rev)).map((x) => x.id)).toEqual([s.id]);
      expect((await cs.sessionMeta.listVisible(teacher)).map((x) => x.id)).toEqual([s.id]);
      await cs.shares.remove(s.id, rev.id);
      expect(await can(rev)).toBe(false);

      await cs.reviews.setOverride({ sessionId: s.id, turnIndex: 0, reviewerId: rev.id, primary: 'OQ', talk: null, talkSubtype: null, note: 'open' });
      await cs.reviews.setOverride({ sessionId: s.id, turnIndex: 0, reviewerId: teacher.id, primary: 'CQ', talk: null, talkSubtype: null, note: null });
      expect(await cs.reviews.overrides(s.id)).toMatchObject([{ turnIndex: 0, primary: 'CQ', reviewerName: 't' }]);
      expect(await cs.reviews.overridesWithTurns([s.id])).toMatchObject([{ speaker: 'practitioner', text: 'How?', coded: { primary: 'NC' } }]);
      // The engine's coding is untouched.
      expect((await store.turns.list(s.id))[0]!.coded.primary).toBe('NC');
      await cs.reviews.clearOverride(s.id, 0);
      expect(await cs.reviews.overrides(s.id)).toEqual([]);

      const c = await cs.reviews.addComment({ sessionId: s.id, turnIndex: 0, authorId: teacher.id, text: 'Nice' });
      expect(c).toMatchObject({ authorName: 't', text: 'Nice', turnIndex: 0 });
      expect(await cs.reviews.comments(s.id)).toHaveLength(1);

      await cs.assignments.delete(a.id);
      expect((await cs.sessionMeta.get(s.id))?.assignmentId).toBeNull();
    });
  });
}
