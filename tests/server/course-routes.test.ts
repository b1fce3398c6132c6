import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/build-app.ts';
import { parseCsv } from '../../server/transcripts/parse-csv.ts';
import { buildAppOn, EN_SCENARIO, inDays, person, practise, type Person } from './course-fixtures.ts';

// The same tests on both store backends; PostgreSQL runs when DATABASE_URL is set.
for (const backend of ['pglite', 'postgres'] as const) {
  describe.skipIf(backend === 'postgres' && !process.env.DATABASE_URL)(`on ${backend}`, () => {
    let t: TestApp;
    let teacher: Person, co: Person, ann: Person, bob: Person, rev: Person, outsider: Person;

    beforeAll(async () => {
      t = (await buildAppOn(backend))!;
      teacher = await person(t.app, 'teacher@x.org', 'instructor', 'Tess Teacher');
      co = await person(t.app, 'co@x.org', 'instructor', 'Cor Co');
      ann = await person(t.app, 'ann@x.org', 'student', 'Ann');
      bob = await person(t.app, 'bob@x.org', 'student', 'Bob');
      rev = await person(t.app, 'rev@x.org', 'reviewer', 'Rita');
      outsider = await person(t.app, 'out@x.org', 'student', 'Otto');
    });
    afterAll(async () => {
      await t.close();
    });

    const req = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });

    const assignmentBody = (over: Record<string, unknown> = {}) => ({
      scenarioId: EN_SCENARIO,
      dueAt: inDays(7),
      minTurns: 2,
      language: 'en',
      voice: 'offline',
      targets: { rq: 1, pctComplex: 40, pctChange: 50 },
      ...over,
    });

    describe('courses, joining and assignments', () => {
      let courseId: string;
      let joinCode: string;
      let assignmentId: string;

      it('documents the new routes in the OpenAPI document', async () => {
      const paths = Object.keys((await t.app.inject({ url: '/docs/json' })).json().paths);
      for (const p of [
        '/api/courses', '/api/courses/join', '/api/courses/{id}', '/api/courses/{id}/instructors', '/api/courses/{id}/assignments',
        '/api/assignments', '/api/assignments/{id}', '/api/courses/{id}/dashboard', '/api/courses/{id}/dashboard.csv',
        '/api/sessions/{id}/review', '/api/sessions/{id}/turns/{index}/override', '/api/sessions/{id}/turns/{index}/comments',
        '/api/review/agreement', '/api/review/overrides.csv', '/api/sessions/{id}/shares', '/api/sessions/{id}/shares/{userId}',
        '/api/shared', '/api/imports', '/api/sessions/{id}/export.csv', '/api/sessions/{id}/export.json',
      ]) expect(paths).toContain(p);
    });

    it('lets instructors create courses and refuses students and reviewers', async () => {
        const res = await req(teacher.cookie, 'POST', '/api/courses', { name: 'MI for physios', description: 'Block 2' });
        expect(res.statusCode).toBe(201);
        const course = res.json().course;
        expect(course).toMatchObject({ name: 'MI for physios', description: 'Block 2' });
        expect(course.joinCode).toMatch(/^[A-Z2-9]{8}$/);
        courseId = course.id;
        joinCode = course.joinCode;
        for (const p of [ann, rev]) expect((await req(p.cookie, 'POST', '/api/courses', { name: 'x' })).json().error.code).toBe('forbidden');
        expect((await req(teacher.cookie, 'POST', '/api/courses', { name: '' })).statusCode).toBe(400);
        expect((await t.app.inject({ method: 'POST', url: '/api/courses', payload: { name: 'x' } })).statusCode).toBe(401);
      });

      it('lets students join with the code in any case, once, and refuses a wrong code', async () => {
        const res = await req(ann.cookie, 'POST', '/api/courses/join', { code: joinCode.toLowerCase() });
        expect(res.statusCode).toBe(200);
        expect(res.json().course).toMatchObject({ id: courseId, role: 'student', studentCount: 1 });
        expect((await req(ann.cookie, 'POST', '/api/courses/join', { code: joinCode })).json().course.studentCount).toBe(1);
        await req(bob.cookie, 'POST', '/api/courses/join', { code: ` ${joinCode} ` });
        const bad = await req(bob.cookie, 'POST', '/api/courses/join', { code: 'ZZZZZZZZ' });
        expect(bad.statusCode).toBe(404);
        expect(bad.json().error.code).toBe('invalid_join_code');
        expect((await req(teacher.cookie, 'POST', '/api/courses/join', { code: joinCode })).statusCode).toBe(403);
      });

      it('lists courses by membership and shows students to instructors only', async () => {
        expect((await req(teacher.cookie, 'GET', '/api/courses')).json().courses).toMatchObject([{ id: courseId, role: 'instructor', studentCount: 2 }]);
        expect((await req(ann.cookie, 'GET', '/api/courses')).json().courses).toMatchObject([{ id: courseId, role: 'student' }]);
        expect((await req(outsider.cookie, 'GET', '/api/courses')).json().courses).toEqual([]);
        const forTeacher = (await req(teacher.cookie, 'GET', `/api/courses/${courseId}`)).json();
        expect(forTeacher.students.map((s: { email: string }) => s.email)).toEqual(['ann@x.org', 'bob@x.org']);
        expect(forTeacher.instructors.map((s: { email: string }) => s.email)).toEqual(['teacher@x.org']);
        expect((await req(ann.cookie, 'GET', `/api/courses/${courseId}`)).json().students).toEqual([]);
        expect((await req(outsider.cookie, 'GET', `/api/courses/${courseId}`)).statusCode).toBe(404);
      });

      it('adds co-instructors who must have the instructor role', async () => {
        expect((await req(teacher.cookie, 'POST', `/api/courses/${courseId}/instructors`, { email: 'ann@x.org' })).statusCode).toBe(400);
        expect((await req(teacher.cookie, 'POST', `/api/courses/${courseId}/instructors`, { email: 'nobody@x.org' })).statusCode).toBe(404);
        expect((await req(ann.cookie, 'POST', `/api/courses/${courseId}/instructors`, { email: 'co@x.org' })).statusCode).toBe(403);
        const res = await req(teacher.cookie, 'POST', `/api/courses/${courseId}/instructors`, { email: 'CO@x.org' });
        expect(res.json().instructors.map((m: { email: string }) => m.email)).toEqual(['co@x.org', 'teacher@x.org']);
        expect((await req(co.cookie, 'GET', `/api/courses/${courseId}`)).json().students).toHaveLength(2);
      });

      it('creates, validates, updates and deletes assignments (course instructors only)', async () => {
        const res = await req(teacher.cookie, 'POST', `/api/courses/${courseId}/assignments`, assignmentBody());
        expect(res.statusCode).toBe(201);
        const a = res.json().assignment;
        expect(a).toMatchObject({ courseId, scenarioId: EN_SCENARIO, minTurns: 2, language: 'en', voice: 'offline', targets: { rq: 1, pctComplex: 40, pctChange: 50 } });
        expect(a.title).toBe(a.scenarioTitle);
        assignmentId = a.id;
        for (const [body, status] of [
          [assignmentBody({ minTurns: 0 }), 400],
          [assignmentBody({ minTurns: 101 }), 400],
          [assignmentBody({ dueAt: 'tomorrow' }), 400],
          [assignmentBody({ language: 'de' }), 400],
          [assignmentBody({ language: 'nl' }), 400],
          [assignmentBody({ scenarioId: 'nope' }), 400],
          [assignmentBody({ voice: 'loud' }), 400],
        ] as const) {
          expect((await req(teacher.cookie, 'POST', `/api/courses/${courseId}/assignments`, body)).statusCode).toBe(status);
        }
        expect((await req(ann.cookie, 'POST', `/api/courses/${courseId}/assignments`, assignmentBody())).statusCode).toBe(403);
        expect((await req(outsider.cookie, 'POST', `/api/courses/${courseId}/assignments`, assignmentBody())).statusCode).toBe(404);

        const extra = (await req(co.cookie, 'POST', `/api/courses/${courseId}/assignments`, assignmentBody({ title: 'Extra' }))).json().assignment;
        const patched = await req(co.cookie, 'PATCH', `/api/assignments/${extra.id}`, assignmentBody({ title: 'Renamed', minTurns: 5 }));
        expect(patched.json().assignment).toMatchObject({ title: 'Renamed', minTurns: 5 });
        expect((await req(ann.cookie, 'PATCH', `/api/assignments/${extra.id}`, assignmentBody())).statusCode).toBe(403);
        expect((await req(ann.cookie, 'DELETE', `/api/assignments/${extra.id}`)).statusCode).toBe(403);
        expect((await req(co.cookie, 'DELETE', `/api/assignments/${extra.id}`)).statusCode).toBe(204);
        expect((await req(co.cookie, 'DELETE', `/api/assignments/${extra.id}`)).statusCode).toBe(404);
      });

      it("shows students their assignments' status: not started, in progress, completed, overdue", async () => {
        const mine = () => req(ann.cookie, 'GET', '/api/assignments').then((r) => r.json().assignments);
        expect(await mine()).toMatchObject([{ id: assignmentId, courseName: 'MI for physios', status: 'not_started', bestSessionId: null, scores: null }]);
        await practise(t.app, ann.user, { assignmentId, texts: ['Hello, what brings you here?'], end: false });
        expect((await mine())[0].status).toBe('in_progress');
        // Ended but too short (1 of 2 turns) does not count.
        const short = await practise(t.app, ann.user, { assignmentId, texts: ['Hello?'] });
        expect((await mine())[0].status).toBe('in_progress');
        const done = await practise(t.app, ann.user, { assignmentId });
        const after = (await mine())[0];
        expect(after).toMatchObject({ status: 'completed', bestSessionId: done });
        expect(after.scores.overall).toEqual(expect.any(Number));
        expect(after.bestSessionId).not.toBe(short);

        const past = (await req(teacher.cookie, 'POST', `/api/courses/${courseId}/assignments`, assignmentBody({ title: 'Past', dueAt: inDays(-1) }))).json().assignment;
        expect((await mine()).find((a: { id: string }) => a.id === past.id).status).toBe('overdue');
        expect((await req(outsider.cookie, 'GET', '/api/assignments')).json().assignments).toEqual([]);
        // Free practice (no assignment) never counts.
        await practise(t.app, bob.user);
        expect((await req(bob.cookie, 'GET', '/api/assignments')).json().assignments.find((a: { id: string }) => a.id === assignmentId).status).toBe('not_started');
      });

      it('works the same for a Dutch scenario', async () => {
        const nl = (
          await req(teacher.cookie, 'POST', `/api/courses/${courseId}/assignments`, assignmentBody({ scenarioId: 'nl-lage-rugpijn-bewegingsangst', language: 'nl', minTurns: 1, title: 'Rugpijn' }))
        ).json().assignment;
        expect(nl).toMatchObject({ language: 'nl', title: 'Rugpijn' });
        const id = await practise(t.app, bob.user, { assignmentId: nl.id, texts: ['Wat brengt u hier vandaag?', 'U maakt zich zorgen over uw rug.'] });
        const mine = (await req(bob.cookie, 'GET', '/api/assignments')).json().assignments.find((a: { id: string }) => a.id === nl.id);
        expect(mine).toMatchObject({ status: 'completed', bestSessionId: id });
        const review = (await req(teacher.cookie, 'GET', `/api/sessions/${id}/review`)).json();
        expect(review.session.language).toBe('nl');
        expect(review.scores.engine.language).toBe('nl');
        await req(teacher.cookie, 'DELETE', `/api/assignments/${nl.id}`);
      });

      it('refuses to start for an assignment the student is not enrolled in', async () => {
        await expect(t.app.kier.courses.forStart(outsider.user, assignmentId)).rejects.toMatchObject({ code: 'not_found' });
        await expect(t.app.kier.courses.forStart(teacher.user, assignmentId)).rejects.toMatchObject({ code: 'not_found' });
      });

      it('writes a session, its opening and its assignment link together: a link that fails leaves no session', async () => {
        const sessions = async () =>
          Number((await t.app.kier.store.db.query('SELECT count(*) AS n FROM practice_sessions WHERE user_id = $1', [ann.user.id]))[0]!.n);
        const before = await sessions();
        // An assignment the database does not hold breaks the link (a foreign key), the last of the three writes.
        await expect(t.app.kier.practice.start(ann.user, { scenarioId: EN_SCENARIO, assignmentId: 'no-such-assignment' })).rejects.toThrow();
        expect(await sessions()).toBe(before);
        const linked = await t.app.kier.practice.start(ann.user, { scenarioId: EN_SCENARIO, assignmentId });
        expect(await sessions()).toBe(before + 1);
        const row = (await t.app.kier.store.db.query('SELECT assignment_id FROM practice_sessions WHERE id = $1', [linked.id]))[0];
        expect(row?.assignment_id).toBe(assignmentId);
      });

      it('builds the dashboard: cells, targets, distribution and progress; and its CSV', async () => {
        const res = await req(teacher.cookie, 'GET', `/api/courses/${courseId}/dashboard`);
        expect(res.statusCode).toBe(200);
        const d = res.json();
        expect(d.students.map((s: { name: string }) => s.name)).toEqual(['Ann', 'Bob']);
        expect(d.cells).toHaveLength(d.students.length * d.assignments.length);
        const annCell = d.cells.find((c: { studentId: string; assignmentId: string }) => c.studentId === ann.user.id && c.assignmentId === assignmentId);
        expect(annCell.status).toBe('completed');
        expect(annCell.metrics).toMatchObject({ overall: expect.any(Number), rrCount: expect.any(Number) });
        expect(Object.keys(annCell.meets).sort()).toEqual(['pctChange', 'pctComplex', 'rq']);
        const bobCell = d.cells.find((c: { studentId: string; assignmentId: string }) => c.studentId === bob.user.id && c.assignmentId === assignmentId);
        expect(bobCell).toMatchObject({ status: 'not_started', sessionId: null, metrics: null });
        expect(d.distribution.rrCount).toEqual([annCell.metrics.rrCount]);
        expect(d.progress).toHaveLength(1);
        expect(d.progress[0]).toMatchObject({ date: new Date().toISOString().slice(0, 10), sessions: 2 });

        expect((await req(ann.cookie, 'GET', `/api/courses/${courseId}/dashboard`)).statusCode).toBe(403);
        expect((await req(rev.cookie, 'GET', `/api/courses/${courseId}/dashboard`)).statusCode).toBe(404);

        const csv = await req(co.cookie, 'GET', `/api/courses/${courseId}/dashboard.csv`);
        expect(csv.statusCode).toBe(200);
        expect(csv.headers['content-type']).toContain('text/csv');
        // A byte-order mark, so that Excel reads the UTF-8 as UTF-8.
        expect(csv.body.startsWith('\uFEFF')).toBe(true);
        const rows = parseCsv(csv.body).map((r) => r.fields);
        expect(rows[0]).toEqual(['student', 'email', 'assignment', 'status', 'rq', 'pct_complex', 'pct_change', 'rr_count', 'overall', 'meets_targets']);
        expect(rows).toHaveLength(1 + d.cells.length);
        const annRow = rows.find((r) => r[1] === 'ann@x.org' && r[3] === 'completed')!;
        expect(Number(annRow[8])).toBe(annCell.metrics.overall);
        expect(['yes', 'no']).toContain(annRow[9]);
        expect((await req(ann.cookie, 'GET', `/api/courses/${courseId}/dashboard.csv`)).statusCode).toBe(403);
      });

      it("lets the course's instructors read their students' assignment sessions, not free practice", async () => {
        const free = await practise(t.app, ann.user);
        const assigned = (await req(ann.cookie, 'GET', '/api/assignments')).json().assignments.find((a: { id: string }) => a.id === assignmentId).bestSessionId;
        expect((await req(teacher.cookie, 'GET', `/api/sessions/${assigned}/review`)).statusCode).toBe(200);
        expect((await req(teacher.cookie, 'GET', `/api/sessions/${free}/review`)).statusCode).toBe(404);
        const shared = (await req(teacher.cookie, 'GET', '/api/shared')).json().sessions;
        expect(shared.map((s: { id: string }) => s.id)).toContain(assigned);
        expect(shared.map((s: { id: string }) => s.id)).not.toContain(free);
        expect(shared[0].ownerName).toBe('Ann');
      });
    });
  });
}
