import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvSchema } from '../../server/config.ts';
import { buildTestApp, signup, type TestApp } from '../helpers/build-app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('rate limits', () => {
  it('refuses the log-in attempt past the per-minute limit with 429 rate_limited', async () => {
    t = await buildTestApp({}, { authPerMinute: 3 });
    await signup(t.app, { email: 'limit@example.nl' });
    const attempt = () =>
      t!.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'limit@example.nl', password: 'wrong password' } });
    const statuses: number[] = [];
    // Each route counts on its own: the sign-up above does not use up log-in attempts.
    for (let i = 0; i < 3; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await attempt();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('limits HTTP requests per IP on ordinary routes', async () => {
    t = await buildTestApp({ HTTP_RATE_PER_MINUTE: '5' });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await t.app.inject({ url: '/api/auth/me' })).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    // Health checks are exempt, so a load balancer never sees a false outage.
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('readiness', () => {
  it('is ready with a working store and answers 503 unavailable when the store is gone', async () => {
    t = await buildTestApp();
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    await t.app.kier.store.db.close();
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable' });
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('settings are documented', () => {
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  it.each(Object.keys(EnvSchema.shape))('%s is in .env.example and in the README settings table', (key) => {
    expect(example).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
    expect(readme).toContain(`\`${key}\``);
  });
});
