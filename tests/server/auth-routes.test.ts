import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signup, type TestApp } from '../helpers/build-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('accounts over HTTP', () => {
  it('signs up a student, sets an httpOnly sameSite cookie and knows them at /me', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { name: 'Anna', email: 'Anna@Example.nl', password: 'lang genoeg', locale: 'nl' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ name: 'Anna', email: 'anna@example.nl', role: 'student', locale: 'nl' });
    const cookie = res.cookies.find((c) => c.name === 'kier_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(cookie.secure).toBeFalsy();
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `kier_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('anna@example.nl');
  });

  it('never stores the password or the token in clear', async () => {
    await signup(t.app, { email: 'clear@example.nl', password: 'geheim-wachtwoord' });
    const users = await t.app.kier.store.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', ['clear@example.nl']);
    expect(users[0]!.password_hash).toMatch(/^\$argon2id\$/);
    const tokens = await t.app.kier.store.db.query<{ token_hash: string }>('SELECT token_hash FROM auth_sessions');
    for (const r of tokens) expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('logs in with the right password and refuses a wrong one with 401 invalid_credentials', async () => {
    await signup(t.app, { email: 'bram@example.nl', password: 'juist wachtwoord' });
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'BRAM@example.nl', password: 'juist wachtwoord' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe('bram@example.nl');
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'bram@example.nl', password: 'fout wachtwoord' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('invalid_credentials');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.nl', password: 'whatever1' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('invalid_credentials');
  });

  it('refuses a second account on the same email with 409 email_taken', async () => {
    await signup(t.app, { email: 'dup@example.nl' });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name: 'X', email: 'DUP@example.nl', password: 'another one' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('email_taken');
  });

  it.each([
    ['a short password', { name: 'C', email: 'c@example.nl', password: 'short' }, 'password'],
    ['a bad email', { name: 'C', email: 'not-an-email', password: 'long enough' }, 'email'],
    ['a missing name', { email: 'c2@example.nl', password: 'long enough' }, 'name'],
    ['an unknown locale', { name: 'C', email: 'c3@example.nl', password: 'long enough', locale: 'de' }, 'locale'],
  ])('rejects %s with 400 bad_request naming the field', async (_what, payload, field) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
    expect(res.json().error.message).toContain(field);
  });

  it('logs out: 204, and the old cookie no longer works', async () => {
    const cookie = await signup(t.app, { email: 'out@example.nl' });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(res.statusCode).toBe(204);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('unauthorized');
  });

  it('answers /me without a cookie with 401 unauthorized', async () => {
    const res = await t.app.inject({ url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });
});

describe('first admin from the config', () => {
  it('creates the configured admin on first start, once', async () => {
    const a = await buildTestApp({ ADMIN_EMAIL: 'root@example.nl', ADMIN_PASSWORD: 'admin-password', ADMIN_NAME: 'Root' });
    try {
      const login = await a.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'root@example.nl', password: 'admin-password' } });
      expect(login.statusCode).toBe(200);
      expect(login.json().user).toMatchObject({ role: 'admin', name: 'Root' });
      await a.restart();
      expect(await a.app.kier.store.users.countByRole('admin')).toBe(1);
    } finally {
      await a.close();
    }
  });
});
