import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signup, type TestApp } from '../helpers/build-app.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await buildTestApp();
  cookie = await signup(t.app, { email: 'lotte@example.nl' });
});
afterAll(async () => {
  await t.close();
});

describe('health and the shell', () => {
  it('reports health and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('sets a CSP without inline scripts that allows the websocket', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/connect-src 'self' ws: wss:/);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('publishes an OpenAPI document with the contract routes', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/auth/signup', '/api/auth/login', '/api/scenarios', '/api/sessions/{id}/report']) expect(paths).toContain(p);
  });
});

describe('scenarios', () => {
  it('lists scenario cards, filtered by language', async () => {
    const all = (await t.app.inject({ url: '/api/scenarios', headers: { cookie } })).json().scenarios;
    const nl = (await t.app.inject({ url: '/api/scenarios?language=nl', headers: { cookie } })).json().scenarios;
    expect(all.length).toBeGreaterThan(nl.length);
    expect(nl.length).toBeGreaterThan(0);
    for (const s of nl) expect(s.language).toBe('nl');
    expect(Object.keys(nl[0]).sort()).toEqual(
      ['condition', 'difficulty', 'id', 'language', 'persona', 'referral', 'setting', 'summary', 'targetBehaviour', 'title'].sort(),
    );
    // No model configured here: only the offline voice can be assigned.
    expect((await t.app.inject({ url: '/api/scenarios', headers: { cookie } })).json().voices).toEqual(['offline']);
    const one = await t.app.inject({ url: `/api/scenarios/${nl[0].id}`, headers: { cookie } });
    expect(one.json()).toEqual(nl[0]);
  });

  it('rejects an unknown language with 400 and an unknown id with 404', async () => {
    expect((await t.app.inject({ url: '/api/scenarios?language=de', headers: { cookie } })).statusCode).toBe(400);
    const res = await t.app.inject({ url: '/api/scenarios/nope', headers: { cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('requires a login', async () => {
    expect((await t.app.inject({ url: '/api/scenarios' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/sessions' })).statusCode).toBe(401);
  });
});

describe('sessions over HTTP', () => {
  it("shows a student their own sessions and hides other students' sessions as 404", async () => {
    const scenarios = (await t.app.inject({ url: '/api/scenarios?language=nl', headers: { cookie } })).json().scenarios;
    const user = (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().user;
    const view = await t.app.kier.practice.start(user, { scenarioId: scenarios[0].id });
    const mine = await t.app.inject({ url: `/api/sessions/${view.id}`, headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().turns[0]).toMatchObject({ index: 0, speaker: 'client' });
    const list = (await t.app.inject({ url: '/api/sessions', headers: { cookie } })).json().sessions;
    expect(list.map((s: { id: string }) => s.id)).toContain(view.id);
    expect(list[0]).toMatchObject({ scenarioId: scenarios[0].id, status: 'active', practitionerTurns: 0, scores: null });

    const other = await signup(t.app, { email: 'other@example.nl' });
    for (const url of [`/api/sessions/${view.id}`, `/api/sessions/${view.id}/report`]) {
      const res = await t.app.inject({ url, headers: { cookie: other } });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await t.app.inject({ url: '/api/sessions', headers: { cookie: other } })).json().sessions).toEqual([]);
  });
});
