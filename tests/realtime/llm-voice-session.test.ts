import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents, SessionView, TurnView } from '../../server/realtime/events.ts';
import { buildTestApp, signup, type TestApp } from '../helpers/build-app.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.ts';

// The LLM voice inside the running app, against a local fake OpenAI-compatible server: the
// patient's words stream to the browser as deltas, and every LLM failure still stores a reply
// (the offline line, marked as a fallback) — no turn is lost.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let fake: FakeOpenAiServer;
let t: TestApp;
let base: string;
let cookie: string;
let scenarioId: string;
const sockets: ClientSocket[] = [];

function open(): Promise<ClientSocket> {
  const s: ClientSocket = connect(base, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

function emit<T>(s: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    (s.timeout(10_000).emit as (...a: unknown[]) => void)(event, payload, (err: Error | null, res: Ack<T>) => {
      if (err) reject(err);
      else if (!res.ok) reject(new Error(`${res.error.code}: ${res.error.message}`));
      else resolve(res.data);
    });
  });
}

/** Sends one turn and collects the deltas and the final reply of the patient. */
async function exchange(s: ClientSocket, sessionId: string, text: string, n: number): Promise<{ deltas: string[]; reply: TurnView }> {
  const deltas: string[] = [];
  const onDelta = (p: { sessionId: string; delta: string }) => {
    if (p.sessionId === sessionId) deltas.push(p.delta);
  };
  s.on('patient:delta', onDelta);
  const replied = new Promise<TurnView>((resolve) => {
    const on = (p: { sessionId: string; turn: TurnView }) => {
      if (p.sessionId !== sessionId) return;
      s.off('patient:replied', on);
      resolve(p.turn);
    };
    s.on('patient:replied', on);
  });
  await emit(s, 'turn:send', { sessionId, text, clientTurnId: `llm-${n}` });
  const reply = await replied;
  s.off('patient:delta', onDelta);
  return { deltas, reply };
}

beforeAll(async () => {
  fake = await startFakeOpenAiServer({ kind: 'status', status: 500 });
  t = await buildTestApp({
    OPENAI_API_KEY: 'test-key-not-real',
    OPENAI_BASE_URL: `${fake.baseURL}`,
    OPENAI_MODEL: 'fake-model',
    PATIENT_VOICE: 'llm',
    LLM_TIMEOUT_MS: '1000',
  });
  base = await t.listen();
  cookie = await signup(t.app, { email: 'llm-voice@example.nl' });
  const list = (await t.app.inject({ url: '/api/scenarios?language=nl', headers: { cookie } })).json().scenarios;
  scenarioId = list[0].id;
});

it('offers the language-model voice for assignments when a model is configured', async () => {
  const res = await t.app.inject({ url: '/api/scenarios', headers: { cookie } });
  expect(res.json().voices).toEqual(['offline', 'llm']);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.close();
  await fake?.close();
});

describe('the LLM voice in a live session', () => {
  it('starts an LLM-voiced session when a key is configured', async () => {
    const s = await open();
    const view = await emit<SessionView>(s, 'session:start', { scenarioId, voice: 'llm' });
    expect(view.voice).toBe('llm');
  });

  it('streams the model reply as deltas and stores what the patient said', async () => {
    const s = await open();
    const view = await emit<SessionView>(s, 'session:start', { scenarioId, voice: 'llm' });
    const before = fake.requests.length;
    // Like a model that follows the decided talk type in its system prompt.
    const lines = {
      'CHANGE TALK': 'Ik zou eigenlijk best graag weer wat fitter willen worden.',
      'SUSTAIN TALK': 'Ik heb daar echt geen tijd voor, met mijn werk.',
      NEUTRAL: 'Nou, ik ben hier omdat de huisarts het me aanraadde.',
    } as const;
    let said = '';
    fake.script({
      kind: 'respond',
      fn: (body) => {
        const system = String(body.messages?.[0]?.content ?? '');
        const talk = (Object.keys(lines) as (keyof typeof lines)[]).find((k) => system.includes(`Talk type: ${k}`));
        said = talk ? lines[talk] : 'Hm.';
        return { kind: 'reply', text: said };
      },
    });
    const { deltas, reply } = await exchange(s, view.id, 'Wat brengt u hier vandaag?', 1);
    const sent = fake.requests.slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent[0]!.body.stream).toBe(true);
    expect(sent[0]!.body.model).toBe('fake-model');
    expect(sent[0]!.authorization).toBe('Bearer test-key-not-real');
    expect(deltas.join('')).toContain(said);
    // The rubric engine hears the model's words as the decided talk type, so they are what the
    // patient says.
    expect(reply).toMatchObject({ voice: 'llm', text: said });
    const joined = await emit<SessionView>(await open(), 'session:join', { sessionId: view.id });
    expect(joined.turns.slice(-2).map((x) => x.text)).toEqual(['Wat brengt u hier vandaag?', reply.text]);
    expect(joined.turns.at(-1)!.voice).toBe(reply.voice);
  });

  it.each([
    ['a server error (500)', { kind: 'status', status: 500 } as const],
    ['a rate limit (429)', { kind: 'status', status: 429 } as const],
    ['a dropped connection', { kind: 'drop' } as const],
    ['a timeout', { kind: 'delay', ms: 3000, text: 'te laat' } as const],
    ['a malformed stream', { kind: 'garbage' } as const],
  ])('on %s the patient still answers with the offline line, marked as a fallback, and it is stored', async (_name, behaviour) => {
    const s = await open();
    const view = await emit<SessionView>(s, 'session:start', { scenarioId, voice: 'llm' });
    fake.script(behaviour, behaviour);
    const { reply } = await exchange(s, view.id, 'Wat zou u graag anders zien aan uw situatie?', 2);
    expect(reply.voice).toBe('offline-fallback');
    expect(reply.text.trim().length).toBeGreaterThan(0);
    const joined = await emit<SessionView>(await open(), 'session:join', { sessionId: view.id });
    expect(joined.turns.at(-1)).toMatchObject({ speaker: 'client', text: reply.text, voice: 'offline-fallback' });
  });
});
