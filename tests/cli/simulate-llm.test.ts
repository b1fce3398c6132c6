import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.ts';

// `kier simulate` with a model configured runs the same scripts with the LLM voice as well,
// against a local fake OpenAI-compatible server (never the network).

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer({ kind: 'status', status: 500 });
});
afterAll(async () => fake?.close());

function simulate(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/kier.ts', 'simulate', ...args], {
      env: { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Like a model that follows the talk type its system prompt asks for.
const follow = {
  kind: 'respond' as const,
  fn: (body: any) => {
    const system = String(body.messages?.[0]?.content ?? '');
    if (system.includes('Talk type: CHANGE TALK')) return { kind: 'reply' as const, text: 'Ik zou eigenlijk best graag weer wat fitter willen worden.' };
    if (system.includes('Talk type: SUSTAIN TALK')) return { kind: 'reply' as const, text: 'Ik heb daar echt geen tijd voor, met mijn werk.' };
    return { kind: 'reply' as const, text: 'Nou, ik weet het niet precies.' };
  },
};

describe('kier simulate with the LLM voice', () => {
  it('adds an llm block per scenario when a key is set, and spoke through the model', async () => {
    fake.setDefault(follow);
    const before = fake.requests.length;
    const r = await simulate(['nl-knie-artrose-oefeningen', '--json'], { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'fake-model' });
    expect(r.code, r.stderr).toBe(0);
    const row = JSON.parse(r.stdout).scenarios[0];
    expect(row.mi.change).toBeGreaterThan(0);
    expect(row.llm).toBeDefined();
    // 2 × 20 patient turns, each at least one request.
    expect(fake.requests.length - before).toBeGreaterThanOrEqual(40);
    expect(row.llm.fallbacks).toBeLessThan(40);
    expect(row.llm.mi.change).toBeGreaterThan(row.llm.righting.change);
    expect(row.llm.agreement).toBeGreaterThan(0);
  }, 120_000);

  it('counts every turn as an offline fallback when the model only fails', async () => {
    fake.setDefault({ kind: 'status', status: 503 });
    const r = await simulate(['nl-knie-artrose-oefeningen', '--json'], { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL });
    expect(r.code, r.stderr).toBe(0);
    const row = JSON.parse(r.stdout).scenarios[0];
    expect(row.llm.fallbacks).toBe(40);
  }, 120_000);

  it('stays offline without a key, or with --offline', async () => {
    const without = await simulate(['nl-knie-artrose-oefeningen', '--json'], {});
    expect(JSON.parse(without.stdout).scenarios[0].llm).toBeUndefined();
    const before = fake.requests.length;
    const offline = await simulate(['nl-knie-artrose-oefeningen', '--json', '--offline'], { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL });
    expect(JSON.parse(offline.stdout).scenarios[0].llm).toBeUndefined();
    expect(fake.requests.length).toBe(before);
  }, 120_000);
});
