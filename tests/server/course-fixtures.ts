import type { KierApp } from '../../server/app.ts';
import type { Role, User } from '../../server/store/index.ts';
import pg from 'pg';
import { buildTestApp, signup, type TestApp } from '../helpers/build-app.ts';
import { postgresUrl } from '../helpers/requirements.ts';
import { dropSchema, testSchemaName } from '../store/open-test-db.ts';

// People, courses and sessions for the course/review tests: signs up through the API, then sets
// the role in the store (sign-up only ever makes students).

export interface Person {
  cookie: string;
  user: User;
}

export async function person(app: KierApp, email: string, role: Role, name?: string): Promise<Person> {
  const cookie = await signup(app, { email, name: name ?? email.split('@')[0]!, locale: 'en' });
  await app.kier.store.db.query('UPDATE users SET role = $1 WHERE email = $2', [role, email]);
  const found = await app.kier.store.users.findByEmail(email);
  return { cookie, user: found!.user };
}

export const EN_SCENARIO = 'en-runner-return-too-fast';

/** A practice session with `turns` practitioner turns, each answered by the offline patient; ended when asked. */
export async function practise(
  app: KierApp,
  who: User,
  opts: { assignmentId?: string; texts?: string[]; end?: boolean; scenarioId?: string } = {},
): Promise<string> {
  const { practice, courses } = app.kier;
  const start = opts.assignmentId ? await courses.forStart(who, opts.assignmentId) : { scenarioId: opts.scenarioId ?? EN_SCENARIO, voice: 'offline' as const };
  const view = await practice.start(who, { ...start, assignmentId: opts.assignmentId });
  let i = 0;
  for (const text of opts.texts ?? ['What brings you here today?', 'It sounds like running matters a lot to you.']) {
    await practice.send(who, { sessionId: view.id, text, clientTurnId: `c${i++}` });
    await practice.reply(who, view.id);
  }
  if (opts.end ?? true) await practice.end(who, view.id);
  return view.id;
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/**
 * The test app on PGlite, or on PostgreSQL in a schema of its own (dropped on close) when
 * DATABASE_URL is set; undefined when PostgreSQL is asked for but not available.
 */
export async function buildAppOn(backend: 'pglite' | 'postgres'): Promise<TestApp | undefined> {
  if (backend === 'pglite') return buildTestApp();
  const url = await postgresUrl();
  if (!url) return undefined;
  const schema = testSchemaName('kier_app');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const t = await buildTestApp({ DATABASE_URL: u.toString() });
  const close = t.close.bind(t);
  t.close = async () => {
    await close();
    await dropSchema(url, schema);
  };
  return t;
}
