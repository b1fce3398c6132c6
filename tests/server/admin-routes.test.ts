import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/build-app.ts';
import { buildAppOn, person, type Person } from './course-fixtures.ts';

// Account management: an admin lists accounts and gives one another role; nobody else may, and an
// admin cannot change their own role. On both store backends (PostgreSQL when DATABASE_URL is set).
for (const backend of ['pglite', 'postgres'] as const) {
  describe.skipIf(backend === 'postgres' && !process.env.DATABASE_URL)(`accounts on ${backend}`, () => {
    let t: TestApp;
    let admin: Person;
    let student: Person;
    let instructor: Person;

    beforeAll(async () => {
      t = (await buildAppOn(backend))!;
      admin = await person(t.app, 'root@x.org', 'admin', 'Ada Admin');
      student = await person(t.app, 'stu@x.org', 'student', 'Bram Student');
      instructor = await person(t.app, 'ins@x.org', 'instructor', 'Cor Instructor');
    });
    afterAll(async () => t?.close());

    const list = (cookie?: string) => t.app.inject({ url: '/api/admin/users', headers: cookie ? { cookie } : {} });
    const setRole = (id: string, role: unknown, cookie?: string) =>
      t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: cookie ? { cookie } : {}, payload: { role } });

    it('lists every account to an admin, by name', async () => {
      const res = await list(admin.cookie);
      expect(res.statusCode).toBe(200);
      const users = res.json().users as { name: string; email: string; role: string }[];
      expect(users.map((u) => u.email)).toEqual(['root@x.org', 'stu@x.org', 'ins@x.org']);
      expect(users.map((u) => u.role)).toEqual(['admin', 'student', 'instructor']);
      // Never a password hash.
      expect(JSON.stringify(users)).not.toMatch(/argon|password/i);
    });

    it('lets an admin make a student a reviewer, and the new role holds at once', async () => {
      const res = await setRole(student.user.id, 'reviewer', admin.cookie);
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ id: student.user.id, role: 'reviewer' });
      const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: student.cookie } });
      expect(me.json().user.role).toBe('reviewer');
      await setRole(student.user.id, 'student', admin.cookie);
    });

    it.each([
      ['without a login', undefined, 401, 'unauthorized'],
      ['as a student', 'student', 403, 'forbidden'],
      ['as an instructor', 'instructor', 403, 'forbidden'],
    ] as const)('refuses %s', async (_name, who, status, code) => {
      const cookie = who === 'student' ? student.cookie : who === 'instructor' ? instructor.cookie : undefined;
      const read = await list(cookie);
      expect([read.statusCode, read.json().error.code]).toEqual([status, code]);
      const write = await setRole(student.user.id, 'admin', cookie);
      expect([write.statusCode, write.json().error.code]).toEqual([status, code]);
      expect((await t.app.kier.store.users.findById(student.user.id))!.role).toBe('student');
    });

    it('refuses an unknown role, an unknown account and changing your own role', async () => {
      const bad = await setRole(student.user.id, 'superuser', admin.cookie);
      expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'bad_request']);
      const missing = await setRole('no-such-id', 'reviewer', admin.cookie);
      expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'not_found']);
      const own = await setRole(admin.user.id, 'student', admin.cookie);
      expect([own.statusCode, own.json().error.code]).toEqual([403, 'forbidden']);
      expect((await t.app.kier.store.users.findById(admin.user.id))!.role).toBe('admin');
    });
  });
}
