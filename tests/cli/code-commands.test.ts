import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScoresSchema } from '../../server/rubric/scores-schema.ts';
import { startFakeOpenAi } from '../coder/fake-openai.ts';

// End to end: the real `kier` entry point in a child process, on our own fixture transcripts.

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => `tests/fixtures/transcripts/${name}`;

function kier(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/kier.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    // No LLM settings: the CLI must work offline.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test' },
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Async variant: the test process must keep serving the fake LLM while the CLI runs. */
function kierAsync(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/kier.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface OutTurn {
  index: number;
  speaker: string;
  text: string;
  codes: { code: string; text: string; rule: string; confidence: number }[];
  primary: string | null;
  talk: string | null;
  talkSubtype: string | null;
  talkHits: { talk: string; subtype: string | null; text: string; rule: string; confidence: number; span: [number, number]; explanation: string }[];
}
interface Out {
  conversations: { id: string; language: string; turns: OutTurn[]; scores: unknown }[];
}

describe('kier code', () => {
  it('prints one coded turn per input row, in input order, with the contract fields', () => {
    const r = kier('code', fixture('en-two-conversations.csv'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(Object.keys(out)).toEqual(['conversations']);
    expect(out.conversations.map((c) => [c.id, c.language, c.turns.length])).toEqual([
      ['knee-1', 'en', 6],
      ['shoulder-2', 'en', 4],
    ]);
    const knee = out.conversations[0]!;
    expect(knee.turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(knee.turns.map((t) => t.speaker)).toEqual(['practitioner', 'client', 'practitioner', 'client', 'client', 'practitioner']);
    expect(knee.turns[4]!.text).toBe("I just don't have the time.");
    for (const c of out.conversations) {
      for (const t of c.turns) {
        expect(Object.keys(t).slice(0, 8)).toEqual(['index', 'speaker', 'text', 'codes', 'primary', 'talk', 'talkSubtype', 'talkHits']);
        if (t.speaker === 'practitioner') {
          expect(t.primary).not.toBeNull();
          expect(t.talk).toBeNull();
          expect(t.codes.length).toBeGreaterThan(0);
          for (const h of t.codes) {
            expect(Object.keys(h).slice(0, 4)).toEqual(['code', 'text', 'rule', 'confidence']);
            expect(h.rule).toMatch(/^en\./);
          }
        } else {
          expect(t.primary).toBeNull();
          expect(t.codes).toEqual([]);
          expect(['change', 'sustain', 'neutral']).toContain(t.talk);
          // The talk type comes with the rule, span, confidence and explanation behind it.
          expect(t.talkHits.length).toBeGreaterThan(0);
          const decisive = t.talkHits.find((h) => h.talk === t.talk)!;
          expect(decisive.subtype).toBe(t.talkSubtype);
          for (const h of t.talkHits) {
            expect(h.rule).toMatch(/^en\./);
            expect(h.confidence).toBeGreaterThan(0);
            expect(h.explanation.length).toBeGreaterThan(10);
            expect(t.text.slice(h.span[0], h.span[1])).toBe(h.text);
          }
        }
      }
      const scores = ScoresSchema.parse(c.scores);
      expect(scores.practitionerTurns + scores.clientTurns).toBe(c.turns.length);
    }
    // The behaviours a reader sees at once: an open question, advice without permission.
    expect(knee.turns[0]!.primary).toBe('OQ');
    expect(out.conversations[1]!.turns[0]!.primary).toBe('RR');
  });

  it('reads JSONL and keeps conversation ids as strings', () => {
    const r = kier('code', fixture('en-mixed.jsonl'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.conversations.map((c) => [c.id, c.turns.map((t) => t.speaker)])).toEqual([
      ['a', ['practitioner', 'client', 'practitioner']],
      ['12', ['practitioner', 'client']],
    ]);
  });

  it('detects Dutch in a .txt transcript and codes it with the Dutch rules; --language overrides', () => {
    const nl = JSON.parse(kier('code', fixture('nl-rugpijn.txt')).stdout) as Out;
    expect(nl.conversations[0]!.language).toBe('nl');
    expect(nl.conversations[0]!.turns).toHaveLength(9);
    for (const h of nl.conversations[0]!.turns.flatMap((t) => t.codes)) expect(h.rule).toMatch(/^nl\./);
    const en = JSON.parse(kier('code', '--language', 'en', fixture('nl-rugpijn.txt')).stdout) as Out;
    expect(en.conversations[0]!.language).toBe('en');
  });

  it('never passes AnnoMI label columns on', () => {
    const r = kier('code', fixture('en-annomi-style.csv'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.conversations.map((c) => [c.id, c.turns.length])).toEqual([['7', 4], ['3', 2]]);
    expect(r.stdout).not.toMatch(/mi_quality|client_talk_type|"high"|"low"/);
  });

  it.each([
    ['bad-speaker.csv', 3, 'unknown speaker "doctor"'],
    ['bad-unclosed-quote.csv', 2, 'unterminated quoted field'],
    ['bad-header.csv', 1, 'header must name the columns'],
    ['bad-field-count.csv', 3, 'expected 3 fields'],
    ['bad-json.jsonl', 2, 'invalid JSON'],
    ['bad-no-prefix.txt', 1, 'no speaker prefix'],
    ['bad-unknown-label.txt', 2, '"Interviewee:" is not a speaker label we know'],
  ])('exits 2 on %s and names the file, line %i and the reason', (name, line, reason) => {
    const r = kier('code', fixture(name));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${fixture(name)}:${line}: `);
    expect(r.stderr).toContain(reason);
  });

  it('exits 2 for a missing file and for an unsupported type', () => {
    const missing = kier('code', 'tests/fixtures/transcripts/nope.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: file not found/);
    const docx = kier('score', 'tests/fixtures/transcripts/notes.docx');
    expect(docx.code).toBe(2);
    expect(docx.stderr).toMatch(/unsupported file type "\.docx"/);
  });

  it('rejects an unknown --language', () => {
    const r = kier('code', '--language', 'de', fixture('en-mixed.jsonl'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Allowed choices are nl, en/);
  });
});

describe('kier code progress', () => {
  it('shows a progress bar on stderr for a long input, and none with --no-progress or a short one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kier-progress-'));
    try {
      const file = path.join(dir, 'long.jsonl');
      const lines: string[] = [];
      for (let i = 0; i < 20_000; i++) {
        const speaker = i % 2 === 0 ? 'practitioner' : 'client';
        lines.push(JSON.stringify({ conversation: String(Math.floor(i / 200)), speaker, text: speaker === 'practitioner' ? 'What would you like to change?' : 'I want to walk more.' }));
      }
      writeFileSync(file, lines.join('\n'));
      const r = kier('score', '--json', file);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/coding \[.*\] \d+% \| \d+\/20000 turns/);
      expect(JSON.parse(r.stdout).conversations).toHaveLength(100);
      const quiet = kier('score', '--json', '--no-progress', file);
      expect(quiet.stderr).toBe('');
      expect(kier('code', fixture('en-mixed.jsonl')).stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kier code --coder', () => {
  it('refuses the LLM coder without OPENAI_API_KEY (exit 2)', () => {
    const r = kier('code', '--coder', 'llm', fixture('en-mixed.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--coder llm needs OPENAI_API_KEY/);
  });

  it('falls back to the rules turn by turn when the LLM server fails, and says so', async () => {
    const fake = await startFakeOpenAi({ kind: 'status', status: 503 });
    try {
      const r = await kierAsync(
        { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, LLM_TIMEOUT_MS: '2000' },
        'code', '--coder', 'llm', fixture('en-mixed.jsonl'),
      );
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { conversations: { turns: { source: string; fallbackReason?: string }[] }[] };
      const all = out.conversations.flatMap((c) => c.turns);
      expect(all).toHaveLength(5);
      for (const t of all) expect([t.source, t.fallbackReason]).toEqual(['rules-fallback', 'server error (503)']);
      expect(fake.requests).toHaveLength(5);
    } finally {
      await fake.close();
    }
  });
});

describe('kier score', () => {
  it('prints a report with every MITI figure beside its fair/good thresholds', () => {
    const r = kier('score', fixture('en-two-conversations.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Conversation knee-1 (en)');
    expect(r.stdout).toContain('Conversation shoulder-2 (en)');
    expect(r.stdout).toMatch(/Reflection:question \(R:Q\)\s+\S+\s+1\s+2/);
    expect(r.stdout).toMatch(/% complex reflections\s+\S+\s+40\s+50/);
    expect(r.stdout).toMatch(/Technical \(estimated\)\s+\S+\s+3\s+4\s+(below|fair|good)/);
    expect(r.stdout).toMatch(/Relational \(estimated\)\s+\S+\s+3\.5\s+4\s+(below|fair|good)/);
    expect(r.stdout).toMatch(/Overall: \d+\/100/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('writes the Dutch report for a Dutch conversation', () => {
    const r = kier('score', fixture('nl-rugpijn.txt'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Gesprek nl-rugpijn (nl)');
    expect(r.stdout).toMatch(/Totaal: \d+\/100/);
    expect(r.stdout).toContain('Globale scores');
  });

  it('prints the scores as JSON with --json', () => {
    const r = kier('score', '--json', fixture('en-mixed.jsonl'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { conversations: { id: string; language: string; scores: unknown }[] };
    expect(out.conversations.map((c) => c.id)).toEqual(['a', '12']);
    for (const c of out.conversations) expect(ScoresSchema.safeParse(c.scores).success).toBe(true);
  });

  it.each([
    ['en', 'en-good-mi.txt', 'en-poor-mi.txt'],
    ['nl', 'nl-goed-mi.txt', 'nl-slecht-mi.txt'],
  ])('scores our %s good-MI example far above the same talk done poorly', (language, good, poor) => {
    const overall = (file: string) => {
      const out = JSON.parse(kier('score', '--json', fixture(file)).stdout) as {
        conversations: { language: string; scores: { overall: number }; alternatives: { code: string }[] }[];
      };
      expect(out.conversations[0]!.language).toBe(language);
      return out.conversations[0]!;
    };
    const g = overall(good);
    const p = overall(poor);
    expect(g.scores.overall).toBeGreaterThanOrEqual(60);
    expect(p.scores.overall).toBeLessThanOrEqual(30);
    expect(g.scores.overall - p.scores.overall).toBeGreaterThanOrEqual(40);
    // The poor example gets a suggestion for its advice without permission.
    expect(p.alternatives.some((a) => a.code === 'RR')).toBe(true);
  });

  it('suggests alternatives for advice without permission in the report', () => {
    const r = kier('score', fixture('en-poor-mi.txt'));
    expect(r.stdout).toContain('Try instead');
    expect(r.stdout).toMatch(/→ .*\?/);
  });

  it('exits 2 on a bad file', () => {
    const r = kier('score', '--json', fixture('bad-json.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fixture('bad-json.jsonl')}:2: invalid JSON`);
  });
});
