import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmError, createOpenAiClient, type LlmErrorKind } from '../../server/llm/index.ts';
import { startFakeOpenAiServer, type FakeBehaviour, type FakeOpenAiServer } from '../helpers/fake-openai-server.ts';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());

const client = (timeoutMs = 2000) => createOpenAiClient({ apiKey: 'test-key', baseURL: fake.baseURL, model: 'fake-model', temperature: 0.5, timeoutMs });

describe('openai client: streaming', () => {
  it('streams the deltas in order and resolves with the whole reply', async () => {
    fake.script({ kind: 'reply', text: '', chunks: ['Ja, ', 'eigenlijk ', 'wil ik ', 'wel weer ', 'fietsen.'] });
    const deltas: string[] = [];
    const text = await client().stream({ system: 'sys', messages: [{ role: 'user', content: 'hoi' }], onDelta: (d) => deltas.push(d) });
    expect(deltas).toEqual(['Ja, ', 'eigenlijk ', 'wil ik ', 'wel weer ', 'fietsen.']);
    expect(text).toBe('Ja, eigenlijk wil ik wel weer fietsen.');
  });

  it('sends the system prompt, the messages, the model, the temperature and stream: true', async () => {
    fake.script({ kind: 'reply', text: 'ok' });
    const before = fake.requests.length;
    await client().stream({ system: 'You are Anna.', messages: [{ role: 'user', content: 'Hoe gaat het?' }] });
    const req = fake.requests[before]!;
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.authorization).toBe('Bearer test-key');
    expect(req.body.stream).toBe(true);
    expect(req.body.model).toBe('fake-model');
    expect(req.body.temperature).toBe(0.5);
    expect(req.body.messages).toEqual([
      { role: 'system', content: 'You are Anna.' },
      { role: 'user', content: 'Hoe gaat het?' },
    ]);
  });
});

describe('openai client: every failure is an LlmError of the right kind', () => {
  const cases: [string, LlmErrorKind, FakeBehaviour, number?][] = [
    ['429', 'rate_limited', { kind: 'status', status: 429 }],
    ['500', 'server', { kind: 'status', status: 500 }],
    ['503', 'server', { kind: 'status', status: 503 }],
    ['400', 'other', { kind: 'status', status: 400 }],
    ['a delay beyond the timeout', 'timeout', { kind: 'delay', ms: 1500, text: 'too late' }, 300],
    ['an empty reply', 'empty', { kind: 'empty' }],
    ['a whitespace-only reply', 'empty', { kind: 'reply', text: '  \n ' }],
    ['a garbage chunk', 'bad_output', { kind: 'garbage' }],
    ['a truncated stream', 'bad_output', { kind: 'truncated', text: 'Ik wil wel' }],
    ['a dropped connection', 'network', { kind: 'drop' }],
  ];
  it.each(cases)('%s is reported as %s', async (_name, kind, behaviour, timeoutMs) => {
    fake.script(behaviour);
    const err = await client(timeoutMs).stream({ system: 's', messages: [{ role: 'user', content: 'u' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).kind).toBe(kind);
  });

  it('a connection refused is a network error', async () => {
    const dead = createOpenAiClient({ apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1', model: 'm', timeoutMs: 1000 });
    const err = await dead.stream({ system: 's', messages: [] }).catch((e: unknown) => e);
    expect((err as LlmError).kind).toBe('network');
  });
});
