import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/build-app.ts';
import { buildAppOn, EN_SCENARIO, inDays, person, practise, type Person } from './course-fixtures.ts';

// Role × route: who may read, review, share and manage what. One row per (route, who, session),
// allowed and denied, with the exact status. Denied reads are 404 (existence never leaks);
// a wrong role on a session one may read is 403.

// The same tests on both store backends; PostgreSQL runs when DATABASE_URL is set.
for (const backend of ['pglite', 'postgres'] as const) {
  describe.skipIf(backend === 'postgres' && !process.env.DATABASE_URL)(`on ${backend}`, () => {
    type Who = 'owner' | 'classmate' | 'courseInstructor' | 'otherInstructor' | 'sharedReviewer' | 'otherReviewer' | 'admin' | 'anonymous';
    type Target = 'assigned' | 'free';

    let t: TestApp;
    const people = {} as Record<Exclude<Who, 'anonymous'>, Person>;
    const sessions = {} as Record<Target, string>;
    let courseId: string;

    beforeAll(async () => {
      t = (await buildAppOn(backend))!;
      people.owner = await person(t.app, 'owner@x.org', 'student');
      people.classmate = await person(t.app, 'classmate@x.org', 'student');
      people.courseInstructor = await person(t.app, 'ci@x.org', 'instructor');
      people.otherInstructor = await person(t.app, 'oi@x.org', 'instructor');
      people.sharedReviewer = await person(t.app, 'sr@x.org', 'reviewer');
      people.otherReviewer = await person(t.app, 'or@x.org', 'reviewer');
      people.admin = await person(t.app, 'admin@x.org', 'admin');
      await person(t.app, 'bystander@x.org', 'reviewer');
      const h = (p: Person) => ({ cookie: p.cookie });
      const course = (await t.app.inject({ method: 'POST', url: '/api/courses', headers: h(people.courseInstructor), payload: { name: 'C' } })).json().course;
      courseId = course.id;
      // The other instructor teaches a course of their own that the owner is also in: that is not enough.
      const otherCourse = (await t.app.inject({ method: 'POST', url: '/api/courses', headers: h(people.otherInstructor), payload: { name: 'D' } })).json().course;
      for (const p of [people.owner, people.classmate]) {
        await t.app.inject({ method: 'POST', url: '/api/courses/join', headers: h(p), payload: { code: course.joinCode } });
      }
      await t.app.inject({ method: 'POST', url: '/api/courses/join', headers: h(people.owner), payload: { code: otherCourse.joinCode } });
      const a = (
        await t.app.inject({
          method: 'POST',
          url: `/api/courses/${courseId}/assignments`,
          headers: h(people.courseInstructor),
          payload: { scenarioId: EN_SCENARIO, dueAt: inDays(3), minTurns: 1, language: 'en', voice: 'offline', targets: {} },
        })
      ).json().assignment;
      sessions.assigned = await practise(t.app, people.owner.user, { assignmentId: a.id });
      sessions.free = await practise(t.app, people.owner.user);
      await t.app.inject({ method: 'POST', url: `/api/sessions/${sessions.free}/shares`, headers: h(people.owner), payload: { email: 'sr@x.org' } });
    });
    afterAll(async () => {
      await t.close();
    });

    const READ_ROUTES = ['GET /api/sessions/:id', 'GET /api/sessions/:id/report', 'GET /api/sessions/:id/review', 'GET /api/sessions/:id/export.csv', 'GET /api/sessions/:id/export.json', 'POST /api/sessions/:id/turns/1/comments'];

    // Who may read each session: assigned → owner, its course's instructor, admin; free (shared with
    // sharedReviewer) → owner, sharedReviewer, admin.
    const readers: Record<Target, Who[]> = { assigned: ['owner', 'courseInstructor', 'admin'], free: ['owner', 'sharedReviewer', 'admin'] };
    const everyone: Who[] = ['owner', 'classmate', 'courseInstructor', 'otherInstructor', 'sharedReviewer', 'otherReviewer', 'admin', 'anonymous'];

    const readRows = READ_ROUTES.flatMap((route) =>
      (['assigned', 'free'] as const).flatMap((target) =>
        everyone.map((who) => ({
          route,
          who,
          target,
          status: who === 'anonymous' ? 401 : readers[target].includes(who) ? (route.startsWith('POST') ? 201 : 200) : 404,
        })),
      ),
    );

    const writeRows: { route: string; who: Who; target: Target; status: number }[] = [
      // Overrides: reviewer roles with read access only.
      ...everyone.map((who) => ({
        route: 'PUT /api/sessions/:id/turns/1/override',
        who,
        target: 'assigned' as const,
        status: who === 'anonymous' ? 401 : !readers.assigned.includes(who) ? 404 : who === 'owner' ? 403 : 200,
      })),
      ...everyone.map((who) => ({
        route: 'PUT /api/sessions/:id/turns/1/override',
        who,
        target: 'free' as const,
        status: who === 'anonymous' ? 401 : !readers.free.includes(who) ? 404 : who === 'owner' ? 403 : 200,
      })),
      // Sharing: the owner only.
      ...everyone.map((who) => ({
        route: 'POST /api/sessions/:id/shares',
        who,
        target: 'assigned' as const,
        status: who === 'anonymous' ? 401 : !readers.assigned.includes(who) ? 404 : who === 'owner' ? 200 : 403,
      })),
      ...everyone.map((who) => ({
        route: 'GET /api/sessions/:id/shares',
        who,
        target: 'free' as const,
        status: who === 'anonymous' ? 401 : !readers.free.includes(who) ? 404 : who === 'owner' ? 200 : 403,
      })),
    ];

    const bodies: Record<string, unknown> = {
      'POST /api/sessions/:id/turns/1/comments': { text: 'note' },
      'PUT /api/sessions/:id/turns/1/override': { primary: 'OQ' },
      // Someone outside the matrix, so a successful share changes no later row.
      'POST /api/sessions/:id/shares': { email: 'bystander@x.org' },
    };

    describe('session access: role × route', () => {
      it.each([...readRows, ...writeRows])('$route on the $target session as $who → $status', async ({ route, who, target, status }) => {
        const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT', string];
        const res = await t.app.inject({
          method,
          url: path.replace(':id', sessions[target]),
          headers: who === 'anonymous' ? {} : { cookie: people[who].cookie },
          ...(bodies[route] ? { payload: bodies[route] as object } : {}),
        });
        expect(res.statusCode).toBe(status);
        if (status === 404) expect(res.json().error.code).toBe('not_found');
        if (status === 403) expect(res.json().error.code).toBe('forbidden');
      });
    });

    const courseRows: { route: string; who: Who; status: number }[] = [
      ...(['GET /api/courses/:id/dashboard', 'GET /api/courses/:id/dashboard.csv'] as const).flatMap((route) =>
        everyone.map((who) => ({
          route,
          who,
          status:
            who === 'anonymous' ? 401 : ['courseInstructor', 'admin'].includes(who) ? 200 : ['owner', 'classmate'].includes(who) ? 403 : 404,
        })),
      ),
      ...everyone.map((who) => ({
        route: 'GET /api/courses/:id',
        who,
        status: who === 'anonymous' ? 401 : ['courseInstructor', 'admin', 'owner', 'classmate'].includes(who) ? 200 : 404,
      })),
      ...everyone.map((who) => ({
        route: 'POST /api/courses/:id/assignments',
        who,
        status:
          who === 'anonymous' ? 401 : ['courseInstructor', 'admin'].includes(who) ? 201 : ['owner', 'classmate'].includes(who) ? 403 : 404,
      })),
      ...everyone.map((who) => ({
        route: 'POST /api/courses',
        who,
        status: who === 'anonymous' ? 401 : ['courseInstructor', 'otherInstructor', 'admin'].includes(who) ? 201 : 403,
      })),
    ];

    describe('course access: role × route', () => {
      it.each(courseRows)('$route as $who → $status', async ({ route, who, status }) => {
        const [method, path] = route.split(' ') as ['GET' | 'POST', string];
        const payload =
          route === 'POST /api/courses'
            ? { name: 'New' }
            : route.endsWith('assignments')
              ? { scenarioId: EN_SCENARIO, dueAt: inDays(3), minTurns: 1, language: 'en', voice: 'offline', targets: {} }
              : undefined;
        const res = await t.app.inject({
          method,
          url: path.replace(':id', courseId),
          headers: who === 'anonymous' ? {} : { cookie: people[who].cookie },
          ...(payload ? { payload } : {}),
        });
        expect(res.statusCode).toBe(status);
      });
    });
  });
}
