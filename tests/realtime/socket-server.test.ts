import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents, SessionView } from '../../server/realtime/events.ts';
import { buildTestApp, signup, type TestApp } from '../helpers/build-app.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let t: TestApp;
let base: string;
let cookie: string;
let scenarioId: string;
const sockets: ClientSocket[] = [];

function open(cookieHeader?: string): Promise<ClientSocket> {
  const s: ClientSocket = connect(base, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(cookieHeader ? { extraHeaders: { cookie: cookieHeader } } : {}),
  });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (err) => reject(err));
  });
}

function emit<T>(s: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => {
    (s.timeout(10_000).emit as (...a: unknown[]) => void)(event, payload, (err: Error | null, res: Ack<T>) => {
      if (err) resolve({ ok: false, error: { code: 'unavailable', message: err.message } });
      else resolve(res);
    });
  });
}

function data<T>(res: Ack<T>): T {
  if (!res.ok) throw new Error(`ack failed: ${res.error.code} ${res.error.message}`);
  return res.data;
}

function nextReply(s: ClientSocket, sessionId: string) {
  return new Promise<Parameters<ServerToClientEvents['patient:replied']>[0]>((resolve) => {
    const on = (p: Parameters<ServerToClientEvents['patient:replied']>[0]) => {
      if (p.sessionId !== sessionId) return;
      s.off('patient:replied', on);
      resolve(p);
    };
    s.on('patient:replied', on);
  });
}

beforeAll(async () => {
  t = await buildTestApp({ TURN_RATE_PER_MINUTE: '20' });
  base = await t.listen();
  cookie = await signup(t.app, { email: 'sanne@example.nl' });
  const list = (await t.app.inject({ url: '/api/scenarios?language=nl', headers: { cookie } })).json().scenarios;
  scenarioId = list[0].id;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t.close();
});

describe('practice over socket.io', () => {
  it('refuses a handshake without a valid session cookie', async () => {
    await expect(open()).rejects.toThrow(/unauthorized/);
    await expect(open('kier_session=forged')).rejects.toThrow(/unauthorized/);
  });

  it('starts a session with the opening line, codes a sent turn in the ack, then the patient replies', async () => {
    const s = await open(cookie);
    const view = data(await emit<SessionView>(s, 'session:start', { scenarioId }));
    expect(view).toMatchObject({ scenarioId, language: 'nl', status: 'active', voice: 'offline', parentId: null });
    expect(view.turns).toHaveLength(1);
    expect(view.turns[0]).toMatchObject({ index: 0, speaker: 'client' });

    const typing = new Promise((resolve) => s.once('patient:typing', resolve));
    const replied = nextReply(s, view.id);
    const sent = data(
      await emit<{ turn: SessionView['turns'][number]; meters: SessionView['meters'] }>(s, 'turn:send', {
        sessionId: view.id,
        text: 'Wat brengt u hier vandaag?',
        clientTurnId: 'turn-1',
      }),
    );
    expect(sent.turn).toMatchObject({ index: 1, speaker: 'practitioner', text: 'Wat brengt u hier vandaag?', primary: 'OQ' });
    expect(sent.turn.codes.map((c) => c.code)).toContain('OQ');
    expect(sent.meters.practitionerTurns).toBe(1);
    // Stored before the ack.
    expect((await t.app.kier.store.turns.list(view.id)).map((x) => x.index)).toContain(1);

    await typing;
    const reply = await replied;
    expect(reply.turn).toMatchObject({ index: 2, speaker: 'client', voice: 'offline' });
    expect(reply.turn.text.length).toBeGreaterThan(0);
    expect(['change', 'sustain', 'neutral']).toContain(reply.turn.talk);
    expect(['open', 'neutral', 'guarded', 'irritated']).toContain(reply.mood.tone);
    if (reply.turn.talk === 'change') expect(reply.turn.drawnOutBy).toBe(1);
    else expect(reply.turn.drawnOutBy).toBeNull();
  });

  it('marks a turn written in the other language, in the ack and in the session view', async () => {
    const s = await open(cookie);
    const view = data(await emit<SessionView>(s, 'session:start', { scenarioId }));
    let replied = nextReply(s, view.id);
    const english = data(
      await emit<{ turn: SessionView['turns'][number] }>(s, 'turn:send', { sessionId: view.id, text: 'How often do you walk the dog these days?', clientTurnId: 'lang-1' }),
    );
    expect(english.turn.otherLanguage).toBe('en');
    await replied;
    replied = nextReply(s, view.id);
    const dutch = data(
      await emit<{ turn: SessionView['turns'][number] }>(s, 'turn:send', { sessionId: view.id, text: 'Hoe vaak laat u de hond nu uit?', clientTurnId: 'lang-2' }),
    );
    expect(dutch.turn.otherLanguage).toBeNull();
    await replied;
    const again = data(await emit<SessionView>(s, 'session:join', { sessionId: view.id }));
    expect(again.turns.filter((x) => x.speaker === 'practitioner').map((x) => x.otherLanguage)).toEqual(['en', null]);
    // Patient turns never carry it.
    expect(again.turns.filter((x) => x.speaker === 'client').every((x) => x.otherLanguage === null)).toBe(true);
  });

  it('stores a resent turn once and answers the resend with the stored turn', async () => {
    const s = await open(cookie);
    const view = data(await emit<SessionView>(s, 'session:start', { scenarioId }));
    const replied = nextReply(s, view.id);
    const first = data(await emit<{ turn: { id: string; index: number } }>(s, 'turn:send', { sessionId: view.id, text: 'Hoe gaat het?', clientTurnId: 'same' }));
    await replied;
    const again = data(await emit<{ turn: { id: string; index: number } }>(s, 'turn:send', { sessionId: view.id, text: 'Hoe gaat het?', clientTurnId: 'same' }));
    expect(again.turn.id).toBe(first.turn.id);
    const turns = await t.app.kier.store.turns.list(view.id);
    expect(turns.filter((x) => x.clientTurnId === 'same')).toHaveLength(1);
    expect(turns).toHaveLength(3);
  });

  it.each([
    ['an empty turn', { sessionId: 'x', text: '   ', clientTurnId: 'c' }],
    ['a turn over 2,000 characters', { sessionId: 'x', text: 'a'.repeat(2001), clientTurnId: 'c' }],
    ['a missing clientTurnId', { sessionId: 'x', text: 'Hallo' }],
    ['a payload that is not an object', 'hello'],
  ])('rejects %s with bad_request', async (_what, payload) => {
    const s = await open(cookie);
    const res = await emit(s, 'turn:send', payload);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('bad_request');
  });

  it('answers an unknown scenario with not_found', async () => {
    const s = await open(cookie);
    const res = await emit(s, 'session:start', { scenarioId: 'no-such-scenario' });
    expect(res).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("keeps another student out of a session: join, send, end and branch all fail", async () => {
    const s = await open(cookie);
    const view = data(await emit<SessionView>(s, 'session:start', { scenarioId }));
    const intruder = await open(await signup(t.app, { email: 'intruder@example.nl' }));
    for (const [event, payload] of [
      ['session:join', { sessionId: view.id }],
      ['turn:send', { sessionId: view.id, text: 'Hallo', clientTurnId: 'x1' }],
      ['session:end', { sessionId: view.id }],
      ['session:branch', { sessionId: view.id, atTurn: 1 }],
    ] as const) {
      const res = await emit(intruder, event, payload);
      expect(res.ok, event).toBe(false);
      if (!res.ok) expect(['not_found', 'forbidden']).toContain(res.error.code);
    }
    expect(await t.app.kier.store.turns.list(view.id)).toHaveLength(1);
  });

  it('ends a session with scores and refuses further turns with conflict', async () => {
    const s = await open(cookie);
    const view = data(await emit<SessionView>(s, 'session:start', { scenarioId }));
    const replied = nextReply(s, view.id);
    data(await emit(s, 'turn:send', { sessionId: view.id, text: 'U twijfelt of oefenen zin heeft.', clientTurnId: 'e1' }));
    await replied;
    const ended = data(await emit<SessionView>(s, 'session:end', { sessionId: view.id }));
    expect(ended.status).toBe('ended');
    expect(ended.endedAt).not.toBeNull();
    const late = await emit(s, 'turn:send', { sessionId: view.id, text: 'Nog iets?', clientTurnId: 'e2' });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const list = (await t.app.inject({ url: '/api/sessions', headers: { cookie } })).json().sessions;
    const row = list.find((x: { id: string }) => x.id === view.id);
    expect(row.scores).toMatchObject({ overall: expect.any(Number) });
    const report = await t.app.inject({ url: `/api/sessions/${view.id}/report`, headers: { cookie } });
    expect(report.statusCode).toBe(200);
    expect(report.json().session.id).toBe(view.id);
    expect(report.json().scores.practitionerTurns).toBe(1);
    expect(Array.isArray(report.json().alternatives)).toBe(true);
  });

  it('branches at a practitioner turn, keeping the turns before it in a new session', async () => {
    const s = await open(cookie);
    const view = data(await emit<SessionView>(s, 'session:start', { scenarioId }));
    let replied = nextReply(s, view.id);
    data(await emit(s, 'turn:send', { sessionId: view.id, text: 'Wat brengt u hier?', clientTurnId: 'b1' }));
    await replied;
    replied = nextReply(s, view.id);
    data(await emit(s, 'turn:send', { sessionId: view.id, text: 'U moet gewoon meer bewegen.', clientTurnId: 'b2' }));
    await replied;
    const bad = await emit(s, 'session:branch', { sessionId: view.id, atTurn: 2 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const branch = data(await emit<SessionView>(s, 'session:branch', { sessionId: view.id, atTurn: 3 }));
    expect(branch).toMatchObject({ parentId: view.id, branchedAtTurn: 3, status: 'active' });
    expect(branch.id).not.toBe(view.id);
    expect(branch.turns.map((x) => x.index)).toEqual([0, 1, 2]);
    const replyInBranch = nextReply(s, branch.id);
    const sent = data(await emit<{ turn: { index: number } }>(s, 'turn:send', { sessionId: branch.id, text: 'Wat zou u zelf willen?', clientTurnId: 'b2' }));
    expect(sent.turn.index).toBe(3);
    expect((await replyInBranch).turn.index).toBe(4);
    expect(await t.app.kier.store.turns.list(view.id)).toHaveLength(5);
  });

  it('limits turns per student per minute with rate_limited', async () => {
    const c = await signup(t.app, { email: 'fast@example.nl' });
    const s = await open(c);
    const view = data(await emit<SessionView>(s, 'session:start', { scenarioId }));
    const codes: string[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await emit(s, 'turn:send', { sessionId: view.id, text: `Vraag ${i}?`, clientTurnId: `r${i}` });
      codes.push(res.ok ? 'ok' : res.error.code);
    }
    expect(codes.slice(0, 20).every((c) => c === 'ok')).toBe(true);
    expect(codes[20]).toBe('rate_limited');
  });
});

describe('a server restart loses nothing', () => {
  it('rejoins after a restart with every turn, and answers a turn left unanswered', async () => {
    let s = await open(cookie);
    const view = data(await emit<SessionView>(s, 'session:start', { scenarioId }));
    const replied = nextReply(s, view.id);
    data(await emit(s, 'turn:send', { sessionId: view.id, text: 'Vertelt u eens.', clientTurnId: 'k1' }));
    await replied;
    // A practitioner turn stored but not answered, as when the server dies in between.
    const user = (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().user;
    const stored = await t.app.kier.practice.send(user, { sessionId: view.id, text: 'Wat maakt het lastig?', clientTurnId: 'k2' });
    expect(stored.turn.index).toBe(3);

    s.disconnect();
    await t.restart();
    base = await t.listen();
    s = await open(cookie);
    const joined = data(await emit<SessionView>(s, 'session:join', { sessionId: view.id }));
    expect(joined.turns.map((x) => [x.index, x.speaker])).toEqual([
      [0, 'client'],
      [1, 'practitioner'],
      [2, 'client'],
      [3, 'practitioner'],
      [4, 'client'],
    ]);
    expect(joined.turns[3]!.text).toBe('Wat maakt het lastig?');
    const again = data(await emit<SessionView>(s, 'session:join', { sessionId: view.id }));
    expect(again.turns).toHaveLength(5);
  });
});
