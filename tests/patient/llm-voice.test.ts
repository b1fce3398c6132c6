import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiClient } from '../../server/llm/openai-client.ts';
import { createRecordingLlm } from '../../server/llm/recording-llm.ts';
import { codeTurn } from '../../server/rubric/index.ts';
import type { TalkType } from '../../server/rubric/schemas.ts';
import { createPatient, createLlmVoice, speakOffline, type HistoryTurn, type Intent } from '../../server/patient/index.ts';
import { startFakeOpenAiServer, type FakeBehaviour, type FakeOpenAiServer } from '../helpers/fake-openai-server.ts';
import { knee, realRubric } from './patient-fixtures.ts';

const forTheme = knee.themes.find((t) => t.side === 'for')!;
const changeIntent: Intent = { move: 'answer', talk: 'change', subtype: 'desire', theme: forTheme.id, layer: null, length: 'normal', discord: false, ruler: null, answers: null, topic: [] };
const state = createPatient(knee, { seed: 7 });
const history: HistoryTurn[] = [
  { speaker: 'client', text: 'Goedemiddag. Ja, daar ben ik weer.' },
  { speaker: 'practitioner', text: 'Wat zou er voor u veranderen als de knie sterker werd?' },
];
const CHANGE_REPLY = 'Nou, ik zou eigenlijk heel graag weer met mijn kleinkinderen willen fietsen.';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer({ kind: 'status', status: 500 });
});
afterAll(() => fake.close());

// 1 s: well under the 1.5 s the timeout cases stall, and enough slack that a loaded machine does
// not turn a good reply into a timeout (a CI run saw 300 ms run out on the success case).
const llm = () => createOpenAiClient({ apiKey: 'k', baseURL: fake.baseURL, model: 'fake-model', timeoutMs: 1000 });

describe('LLM voice: success', () => {
  it('streams the deltas in order and returns the reply marked as llm, leaving the state untouched', async () => {
    fake.script({ kind: 'reply', text: CHANGE_REPLY });
    const deltas: string[] = [];
    const voice = createLlmVoice({ llm: llm(), checkTalk: () => 'change' });
    const out = await voice.speak({ scenario: knee, state, intent: changeIntent, history, onDelta: (d) => deltas.push(d) });
    expect(out).toMatchObject({ text: CHANGE_REPLY, voice: 'llm', fallbackReason: null, attempts: 0 });
    expect(out.state).toBe(state);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(CHANGE_REPLY);
  });

  it('accepts a reply the real rubric engine codes as the intended change talk', async () => {
    const rubric = realRubric();
    const ctx = history.map((h) => codeTurn([], h, { rubric, language: 'nl' }));
    const checkTalk = (text: string): TalkType | null => codeTurn(ctx, { speaker: 'client', text }, { rubric, language: 'nl' }).talk;
    const rec = createRecordingLlm({ reply: CHANGE_REPLY });
    const out = await createLlmVoice({ llm: rec, checkTalk }).speak({ scenario: knee, state, intent: changeIntent, history });
    expect(checkTalk(CHANGE_REPLY)).toBe('change');
    expect(out.voice).toBe('llm');
  });

  it('puts the persona, the target behaviour, the intent and the recent history into the request', async () => {
    const rec = createRecordingLlm({ reply: CHANGE_REPLY });
    await createLlmVoice({ llm: rec }).speak({ scenario: knee, state, intent: changeIntent, history });
    const call = rec.calls[0]!;
    expect(call.system).toContain(knee.persona.name);
    expect(call.system).toContain(knee.targetBehaviour);
    expect(call.system).toContain('CHANGE TALK');
    expect(call.system).toContain('desire');
    expect(call.system).toContain(forTheme.label);
    expect(call.system).toMatch(/Speak Dutch/);
    expect(call.messages).toEqual([
      { role: 'assistant', content: history[0]!.text },
      { role: 'user', content: history[1]!.text },
    ]);
  });

  it('gives the ruler number in the prompt when the move is a ruler answer', async () => {
    const rec = createRecordingLlm({ reply: 'Een zes, denk ik.' });
    const ruler: Intent = { ...changeIntent, move: 'ruler', subtype: null, theme: null, ruler: { kind: 'importance', n: 6 } };
    await createLlmVoice({ llm: rec }).speak({ scenario: knee, state, intent: ruler, history });
    expect(rec.calls[0]!.system).toContain('importance number on the 0–10 scale: 6');
  });

  it('tells the model what kind of answer a closed question asks for', async () => {
    const rec = createRecordingLlm({ reply: 'Af en toe.' });
    const short: Intent = { ...changeIntent, move: 'short', talk: 'neutral', subtype: null, theme: null, length: 'short', answers: 'how-much' };
    await createLlmVoice({ llm: rec }).speak({ scenario: knee, state, intent: short, history });
    expect(rec.calls[0]!.system).toContain('give an amount or a frequency');
    await createLlmVoice({ llm: rec }).speak({ scenario: knee, state, intent: changeIntent, history });
    expect(rec.calls[1]!.system).not.toContain('Answer the question itself');
  });

  it('strips a name label and quotes the model adds', async () => {
    const rec = createRecordingLlm({ reply: `Ria: "${CHANGE_REPLY}"` });
    const out = await createLlmVoice({ llm: rec }).speak({ scenario: knee, state, intent: changeIntent, history });
    expect(out.text).toBe(CHANGE_REPLY);
  });
});

describe('LLM voice: every failure retries once, then the offline voice speaks that turn', () => {
  const failures: [string, FakeBehaviour, RegExp][] = [
    ['a timeout', { kind: 'delay', ms: 1500, text: CHANGE_REPLY }, /timeout/],
    ['a 429', { kind: 'status', status: 429 }, /rate limited \(429\)/],
    ['a 500', { kind: 'status', status: 500 }, /server error \(500\)/],
    ['a 503', { kind: 'status', status: 503 }, /server error \(503\)/],
    ['a network error', { kind: 'drop' }, /network|stream broken/],
    ['an empty reply', { kind: 'empty' }, /empty reply/],
    ['a whitespace-only reply', { kind: 'reply', text: ' \n\t ' }, /empty reply/],
    ['a malformed chunk', { kind: 'garbage' }, /malformed|bad reply/],
    ['a truncated stream', { kind: 'truncated', text: 'Nou, ik wil' }, /truncated/],
  ];
  it.each(failures)('%s', async (_name, behaviour, reason) => {
    fake.script(behaviour, behaviour);
    const before = fake.requests.length;
    const restarts: string[] = [];
    const voice = createLlmVoice({ llm: llm(), checkTalk: () => 'change' });
    const out = await voice.speak({ scenario: knee, state, intent: changeIntent, history, onRestart: (r) => restarts.push(r) });
    expect(fake.requests.length - before).toBe(2);
    expect(out.voice).toBe('offline-fallback');
    expect(out.attempts).toBe(2);
    expect(out.fallbackReason).toMatch(reason);
    const offline = speakOffline(knee, state, changeIntent, { accept: () => true });
    expect(out.text).toBe(offline.text);
    expect(out.state.usedLines).toEqual(offline.state.usedLines);
    expect(restarts).toHaveLength(2);
  });

  it.each(failures)('%s once, then a good reply: the retry is used', async (_name, behaviour) => {
    fake.script(behaviour, { kind: 'reply', text: CHANGE_REPLY });
    const before = fake.requests.length;
    const out = await createLlmVoice({ llm: llm(), checkTalk: () => 'change' }).speak({ scenario: knee, state, intent: changeIntent, history });
    expect(fake.requests.length - before).toBe(2);
    expect(out).toMatchObject({ text: CHANGE_REPLY, voice: 'llm', attempts: 1, fallbackReason: null });
  });
});

describe('LLM voice: a reply that contradicts the intent', () => {
  const SUSTAIN_REPLY = 'Ja maar die oefeningen doen gewoon pijn, dat heeft geen zin.';
  const checkTalk = (text: string): TalkType | null => (text === SUSTAIN_REPLY ? 'sustain' : text === CHANGE_REPLY ? 'change' : null);

  it('is retried with a note, and a matching retry is used', async () => {
    const rec = createRecordingLlm({ reply: SUSTAIN_REPLY }, { reply: CHANGE_REPLY });
    const out = await createLlmVoice({ llm: rec, checkTalk }).speak({ scenario: knee, state, intent: changeIntent, history });
    expect(rec.calls).toHaveLength(2);
    expect(rec.calls[1]!.system).toContain('reply coded as sustain, intended change');
    expect(out).toMatchObject({ text: CHANGE_REPLY, voice: 'llm', attempts: 1 });
  });

  it('twice falls back to the offline voice, marked with the reason', async () => {
    const rec = createRecordingLlm({ reply: SUSTAIN_REPLY }, { reply: SUSTAIN_REPLY });
    const out = await createLlmVoice({ llm: rec, checkTalk }).speak({ scenario: knee, state, intent: changeIntent, history });
    expect(rec.calls).toHaveLength(2);
    expect(out.voice).toBe('offline-fallback');
    expect(out.fallbackReason).toBe('reply coded as sustain, intended change; reply coded as sustain, intended change');
    expect(out.text).not.toBe(SUSTAIN_REPLY);
  });

  it('is not a contradiction when the checker cannot say (null)', async () => {
    const rec = createRecordingLlm({ reply: 'Hm, tja.' });
    const out = await createLlmVoice({ llm: rec, checkTalk }).speak({ scenario: knee, state, intent: changeIntent, history });
    expect(rec.calls).toHaveLength(1);
    expect(out.voice).toBe('llm');
  });
});

describe('LLM voice: an aborted request', () => {
  it('rejects instead of falling back when the caller aborts', async () => {
    fake.script({ kind: 'delay', ms: 1500 });
    const ac = new AbortController();
    const p = createLlmVoice({ llm: createOpenAiClient({ apiKey: 'k', baseURL: fake.baseURL, model: 'm', timeoutMs: 5000 }) }).speak({
      scenario: knee,
      state,
      intent: changeIntent,
      history,
      signal: ac.signal,
    });
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toThrow();
  });
});
