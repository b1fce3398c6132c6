import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRulesCoder } from '../../server/coder/coder.ts';
import { createOpenAiCodingModel } from '../../server/coder/coding-model.ts';
import { createCoderFromConfig } from '../../server/coder/create-coder.ts';
import { createHybridCoder } from '../../server/coder/hybrid-coder.ts';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { createLlmCoder, LlmClientCodingSchema, LlmPractitionerCodingSchema, turnConfidence } from '../../server/coder/llm-coder.ts';
import { CodedTurnSchema, type CodedTurn, type TurnInput } from '../../server/rubric/schemas.ts';
import { startFakeOpenAi, type Behaviour, type FakeOpenAi } from './fake-openai.ts';
import { recordingModel } from './recording-model.ts';

const rubric = loadRubrics();
const rules = createRulesCoder({ rubric });

const turns: TurnInput[] = [
  { speaker: 'practitioner', text: 'Hello, nice to see you.' },
  { speaker: 'client', text: 'Hi.' },
  { speaker: 'practitioner', text: 'What brings you here today?' },
  { speaker: 'client', text: 'I really want to be able to walk my dog again.' },
  { speaker: 'practitioner', text: 'Walking the dog matters a lot to you.' },
  { speaker: 'client', text: 'Hmm.' },
];

const practitionerAnswer = (text: string) => ({
  utterances: [{ text, code: 'CR', explanation: 'Adds meaning.' }],
  primary: 'CR',
  confidence: 0.9,
  asksPermission: false,
});
const clientAnswer = { talk: 'change', subtype: 'desire', explanation: 'Wants to walk the dog.', confidence: 0.8, permission: 'none' };

/** The answer a model would give for the turn at the end of the user prompt. */
function answerFor(user: string): unknown {
  const last = user.split('\n').at(-1)!;
  if (last.startsWith('Practitioner: ')) return practitionerAnswer(last.slice('Practitioner: '.length));
  return clientAnswer;
}

const withoutSource = (t: CodedTurn) => ({ ...t, source: null, fallbackReason: null });

describe('LLM coder (recording mock)', () => {
  it('codes every turn with the model in llm mode, in the engine output type', async () => {
    const model = recordingModel((req) => answerFor(req.user));
    const coder = createLlmCoder({ rubric, model });
    const out = await coder.codeTranscript(turns, { language: 'en' });
    expect(model.calls).toHaveLength(turns.length);
    expect(model.calls.map((c) => c.schemaName)).toEqual([
      'practitioner_coding', 'client_coding', 'practitioner_coding', 'client_coding', 'practitioner_coding', 'client_coding',
    ]);
    expect(model.calls[0]!.schema).toBe(LlmPractitionerCodingSchema);
    expect(model.calls[1]!.schema).toBe(LlmClientCodingSchema);
    for (const t of out.turns) {
      expect(CodedTurnSchema.parse(t)).toEqual(t);
      expect(t.source).toBe('llm');
      expect(t.fallbackReason).toBeNull();
    }
    const p = out.turns[2]!;
    expect(p.primary).toBe('CR');
    expect(p.codes).toEqual([
      { code: 'CR', text: 'What brings you here today?', span: [0, 27], rule: 'en.llm.cr', confidence: 0.9, explanation: 'Adds meaning.' },
    ]);
    expect([out.turns[1]!.talk, out.turns[1]!.talkSubtype, out.turns[1]!.talkHits[0]!.rule]).toEqual(['change', 'desire', 'en.llm.change']);
    expect(out.turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('gives the model the previous turns and asks for explanations in the conversation language', async () => {
    const model = recordingModel((req) => answerFor(req.user));
    await createLlmCoder({ rubric, model }).codeTranscript(turns, { language: 'nl' });
    const fifth = model.calls[4]!.user;
    expect(fifth).toContain('Client: I really want to be able to walk my dog again.');
    expect(fifth).toContain('write explanations in Dutch');
    expect(fifth.split('\n').at(-1)).toBe('Practitioner: Walking the dog matters a lot to you.');
    expect(model.calls[0]!.user).not.toContain('Conversation so far');
  });

  it('in hybrid mode sends only the turns the rules are unsure of', async () => {
    const threshold = 0.6;
    const byRules = (await rules.codeTranscript(turns, { language: 'en' })).turns;
    const unsure = byRules.filter((t) => turnConfidence(t) < threshold).map((t) => t.text);
    expect(unsure.length).toBeGreaterThan(0);
    expect(unsure.length).toBeLessThan(turns.length);
    const model = recordingModel((req) => answerFor(req.user));
    const out = await createHybridCoder({ rubric, model, threshold }).codeTranscript(turns, { language: 'en' });
    expect(model.calls.map((c) => c.user.split('\n').at(-1)!.replace(/^(Practitioner|Client): /, ''))).toEqual(unsure);
    for (const t of out.turns) {
      if (unsure.includes(t.text)) expect(t.source).toBe('llm');
      else {
        expect(t.source).toBe('rules');
        expect(withoutSource(t)).toEqual(withoutSource(byRules[t.index]!));
      }
    }
  });

  // The model's codes name no rule, so it says itself when a turn opens or closes permission.
  const advice: TurnInput = { speaker: 'practitioner', text: 'You should really start walking every day.' };
  const onlyTurn = (text: string) => (t: CodedTurn) => t.text === text;

  it.each([
    [true, 'PWP'],
    [false, 'RR'],
  ])('opens permission when the model says a turn it coded asks it (asksPermission %s: advice is %s)', async (asks, expected) => {
    const ask: TurnInput = { speaker: 'practitioner', text: 'Would it be okay if I shared an idea?' };
    const model = recordingModel(() => ({ utterances: [{ text: ask.text, code: 'SEEK', explanation: 'asks' }], primary: 'SEEK', confidence: 0.9, asksPermission: asks }));
    const out = await createLlmCoder({ rubric, model, select: onlyTurn(ask.text) }).codeTranscript([ask, { speaker: 'client', text: 'Sure.' }, advice], { language: 'en' });
    expect(out.turns.map((t) => t.source)).toEqual(['llm', 'rules', 'rules']);
    expect(out.turns[2]!.primary).toBe(expected);
  });

  it('closes permission when the model says the client declined, which the rules missed', async () => {
    const convo: TurnInput[] = [{ speaker: 'practitioner', text: 'Can I share some ideas about that?' }, { speaker: 'client', text: 'Honestly, not today.' }, advice];
    expect((await rules.codeTranscript(convo, { language: 'en' })).turns[2]!.primary).toBe('PWP');
    const model = recordingModel(() => ({ talk: 'neutral', subtype: null, explanation: 'declines', confidence: 0.9, permission: 'declines' }));
    const out = await createLlmCoder({ rubric, model, select: onlyTurn('Honestly, not today.') }).codeTranscript(convo, { language: 'en' });
    expect(out.turns.map((t) => t.source)).toEqual(['rules', 'llm', 'rules']);
    expect(out.turns[1]!.permission).toBe('closes');
    expect(out.turns[2]!.primary).toBe('RR');
  });

  it('picks the primary by precedence when the model names a code it did not use', async () => {
    const model = recordingModel(() => ({
      utterances: [
        { text: 'That sounds hard.', code: 'SR', explanation: '' },
        { text: 'What would help?', code: 'OQ', explanation: '' },
      ],
      primary: 'SUM',
      confidence: 7,
      asksPermission: false,
    }));
    const t = await createLlmCoder({ rubric, model }).codeTurn([], { speaker: 'practitioner', text: 'That sounds hard. What would help?' }, { language: 'en' });
    expect(t.primary).toBe('OQ');
    expect(t.codes.map((c) => [c.code, c.span, c.confidence])).toEqual([['SR', [0, 17], 1], ['OQ', [18, 34], 1]]);
  });

  it.each([
    ['a thrown error', () => new Error('socket hang up'), /^model call failed: socket hang up$/],
    ['no utterances', () => ({ utterances: [], primary: 'OQ', confidence: 1, asksPermission: false }), /^bad JSON: no utterances$/],
  ])('falls back to the rules for the turn on %s', async (_name, answer, reason) => {
    const model = recordingModel(answer);
    const turn: TurnInput = { speaker: 'practitioner', text: 'What brings you here today?' };
    const t = await createLlmCoder({ rubric, model }).codeTurn([], turn, { language: 'en' });
    const r = await rules.codeTurn([], turn, { language: 'en' });
    expect(t.source).toBe('rules-fallback');
    expect(t.fallbackReason).toMatch(reason);
    expect(withoutSource(t)).toEqual(withoutSource(r));
  });
});

describe('LLM coder against a local OpenAI-compatible server', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake.close();
  });

  const coderWith = (timeoutMs = 2000) =>
    createLlmCoder({ rubric, model: createOpenAiCodingModel({ apiKey: 'test-key', baseURL: fake.baseURL, model: 'fake-model', timeoutMs }) });
  const turn: TurnInput = { speaker: 'practitioner', text: 'What brings you here today?' };

  it('sends a strict json_schema response format and uses the structured reply', async () => {
    fake.requests.length = 0;
    fake.script({ kind: 'json', content: practitionerAnswer('What brings you here today?') });
    const t = await coderWith().codeTurn([], turn, { language: 'en' });
    expect(t.source).toBe('llm');
    expect(t.primary).toBe('CR');
    const req = fake.requests[0]!;
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.authorization).toBe('Bearer test-key');
    expect(req.body.model).toBe('fake-model');
    expect(req.body.temperature).toBe(0);
    expect(req.body.response_format.type).toBe('json_schema');
    expect(req.body.response_format.json_schema.name).toBe('practitioner_coding');
    expect(req.body.response_format.json_schema.strict).toBe(true);
    expect(req.body.response_format.json_schema.schema.required).toEqual(['utterances', 'primary', 'confidence', 'asksPermission']);
  });

  const failures: [string, Behaviour, RegExp, number?][] = [
    ['429', { kind: 'status', status: 429 }, /^rate limited \(429\)$/],
    ['500', { kind: 'status', status: 500 }, /^server error \(500\)$/],
    ['503', { kind: 'status', status: 503 }, /^server error \(503\)$/],
    ['a timeout', { kind: 'delay', ms: 3000, content: practitionerAnswer('x') }, /^timeout after 300 ms$/, 300],
    ['invalid JSON', { kind: 'text', content: '{"utterances": [' }, /^bad JSON: /],
    ['JSON of the wrong shape', { kind: 'json', content: { code: 'OQ' } }, /^bad JSON: utterances: /],
    ['a refusal', { kind: 'refusal', text: 'I cannot help with that.' }, /^refused: I cannot help with that\.$/],
    ['a dropped connection', { kind: 'drop' }, /^network error: /],
  ];

  it.each(failures)('falls back to the rules for the turn on %s, saying why', async (_name, behaviour, reason, timeoutMs) => {
    fake.script(behaviour);
    const t = await coderWith(timeoutMs).codeTurn([], turn, { language: 'en' });
    const r = await rules.codeTurn([], turn, { language: 'en' });
    expect(t.source).toBe('rules-fallback');
    expect(t.fallbackReason).toMatch(reason);
    expect(withoutSource(t)).toEqual(withoutSource(r));
  });

  it('keeps coding the rest of a conversation after one turn fails', async () => {
    fake.script(
      { kind: 'status', status: 429 },
      { kind: 'json', content: clientAnswer },
      { kind: 'json', content: practitionerAnswer('What brings you here today?') },
    );
    const out = await coderWith().codeTranscript(turns.slice(0, 3), { language: 'en' });
    expect(out.turns.map((t) => t.source)).toEqual(['rules-fallback', 'llm', 'llm']);
  });
});

describe('createCoderFromConfig', () => {
  const llm = { apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', model: 'm', temperature: 0, timeoutMs: 1000 };
  it.each([
    ['rules mode', { llm, coder: { mode: 'rules' as const, hybridThreshold: 0.6 } }, 'rules'],
    ['no LLM configured', { llm: undefined, coder: { mode: 'hybrid' as const, hybridThreshold: 0.6 } }, 'rules'],
    ['hybrid mode with an LLM', { llm, coder: { mode: 'hybrid' as const, hybridThreshold: 0.6 } }, 'hybrid'],
    ['llm mode with an LLM', { llm, coder: { mode: 'llm' as const, hybridThreshold: 0.6 } }, 'llm'],
  ])('gives the %s coder', (_name, config, mode) => {
    expect(createCoderFromConfig(config, { rubric }).mode).toBe(mode);
  });

  it.each([
    [0, 0],
    [1, turns.length],
  ])('uses CODER_HYBRID_THRESHOLD %d: %d turns go to the model', async (threshold, calls) => {
    const model = recordingModel((req) => answerFor(req.user));
    const coder = createCoderFromConfig({ llm, coder: { mode: 'hybrid', hybridThreshold: threshold } }, { rubric, model });
    await coder.codeTranscript(turns, { language: 'en' });
    expect(model.calls).toHaveLength(calls);
  });
});
