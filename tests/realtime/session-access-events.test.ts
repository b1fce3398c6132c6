import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents, SessionView } from '../../server/realtime/events.ts';
import { buildTestApp, type TestApp } from '../helpers/build-app.ts';
import { EN_SCENARIO, inDays, person, practise, type Person } from '../server/course-fixtures.ts';

// Role × socket event: the same access rule as the HTTP routes. Reads (session:join) follow
// session-access; changes (turn:send, session:end, session:branch) are the owner's alone.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Who = 'owner' | 'classmate' | 'courseInstructor' | 'otherInstructor' | 'reviewer' | 'admin';

let t: TestApp;
let base: string;
let assignmentId: string;
const people = {} as Record<Who, Person>;
const sockets = new Map<Who, ClientSocket>();

function open(cookie: string): Promise<ClientSocket> {
  const s: ClientSocket = connect(base, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
function emit<T>(s: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => {
    (s.timeout(10_000).emit as (...a: unknown[]) => void)(event, payload, (err: Error | null, res: Ack<T>) => {
      resolve(err ? { ok: false, error: { code: 'unavailable', message: err.message } } : res);
    });
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  base = await t.listen();
  people.owner = await person(t.app, 'owner@x.org', 'student');
  people.classmate = await person(t.app, 'classmate@x.org', 'student');
  people.courseInstructor = await person(t.app, 'ci@x.org', 'instructor');
  people.otherInstructor = await person(t.app, 'oi@x.org', 'instructor');
  people.reviewer = await person(t.app, 'rev@x.org', 'reviewer');
  people.admin = await person(t.app, 'admin@x.org', 'admin');
  const { courses } = t.app.kier;
  const course = await courses.create(people.courseInstructor.user, { name: 'C' });
  await courses.join(people.owner.user, course.joinCode);
  await courses.join(people.classmate.user, course.joinCode);
  const a = await courses.createAssignment(people.courseInstructor.user, course.id, {
    scenarioId: EN_SCENARIO, dueAt: inDays(2), minTurns: 1, language: 'en', voice: 'offline', targets: {},
  });
  assignmentId = a.id;
  for (const [who, p] of Object.entries(people) as [Who, Person][]) sockets.set(who, await open(p.cookie));
});
afterAll(async () => {
  for (const s of sockets.values()) s.disconnect();
  await t.close();
});

describe('session:start with an assignment', () => {
  it('starts the assignment scenario for an enrolled student and links the session', async () => {
    const res = await emit<SessionView>(sockets.get('owner')!, 'session:start', { scenarioId: 'ignored', assignmentId });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.scenarioId).toBe(EN_SCENARIO);
    const mine = (await t.app.inject({ url: '/api/assignments', headers: { cookie: people.owner.cookie } })).json().assignments;
    expect(mine[0].status).toBe('in_progress');
    // Its instructor can now read it.
    expect((await t.app.inject({ url: `/api/sessions/${res.data.id}`, headers: { cookie: people.courseInstructor.cookie } })).statusCode).toBe(200);
  });

  it.each(['courseInstructor', 'otherInstructor', 'reviewer', 'admin'] as const)('refuses %s (not enrolled) with not_found', async (who) => {
    const res = await emit(sockets.get(who)!, 'session:start', { scenarioId: EN_SCENARIO, assignmentId });
    expect(res).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps a branch ("retry from here") on the same assignment', async () => {
    const parent = await practise(t.app, people.owner.user, { assignmentId, texts: ['What matters to you?'], end: false });
    const res = await emit<SessionView>(sockets.get('owner')!, 'session:branch', { sessionId: parent, atTurn: 1 });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect((await t.app.inject({ url: `/api/sessions/${res.data.id}/review`, headers: { cookie: people.courseInstructor.cookie } })).statusCode).toBe(200);
  });

  it('needs a scenarioId or an assignmentId', async () => {
    expect(await emit(sockets.get('owner')!, 'session:start', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const res = await emit<SessionView>(sockets.get('owner')!, 'session:start', { assignmentId });
    expect(res.ok && res.data.scenarioId).toBe(EN_SCENARIO);
  });

  it('refuses an unknown assignment', async () => {
    const res = await emit(sockets.get('owner')!, 'session:start', { scenarioId: EN_SCENARIO, assignmentId: 'nope' });
    expect(res).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

// On a live session of the owner tied to the course's assignment.
const rows: { event: keyof ClientToServerEvents; who: Who; result: 'ok' | 'not_found' | 'forbidden' }[] = [];
const readers: Who[] = ['owner', 'courseInstructor', 'admin'];
for (const who of ['owner', 'classmate', 'courseInstructor', 'otherInstructor', 'reviewer', 'admin'] as Who[]) {
  rows.push({ event: 'session:join', who, result: readers.includes(who) ? 'ok' : 'not_found' });
  for (const event of ['turn:send', 'session:end', 'session:branch'] as const) {
    rows.push({ event, who, result: who === 'owner' ? 'ok' : readers.includes(who) ? 'forbidden' : 'not_found' });
  }
}

describe('session events: role × event', () => {
  it.each(rows)('$event as $who → $result', async ({ event, who, result }) => {
    const sessionId = await practise(t.app, people.owner.user, { assignmentId, texts: ['What matters most to you?'], end: false });
    const payload =
      event === 'turn:send'
        ? { sessionId, text: 'Tell me more.', clientTurnId: `x-${who}` }
        : event === 'session:branch'
          ? { sessionId, atTurn: 1 }
          : { sessionId };
    const res = await emit(sockets.get(who)!, event, payload);
    if (result === 'ok') expect(res.ok).toBe(true);
    else expect(res).toMatchObject({ ok: false, error: { code: result } });
    // Whatever was refused left the session as it was.
    if (result !== 'ok') {
      const s = await t.app.kier.store.sessions.get(sessionId);
      expect(s!.status).toBe('active');
      expect((await t.app.kier.store.turns.list(sessionId)).length).toBe(3);
    }
  });
});
