import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript, codeTurn, detectLanguage } from '../../server/rubric/index.ts';
import type { CodedTurn, Language, TurnInput } from '../../server/rubric/schemas.ts';
import { scoreTranscript } from '../../server/rubric/score-transcript.ts';
import { parseTranscriptFile } from '../../server/transcripts/parse-transcript-file.ts';

// `npm run --silent bench:rubric [-- --json]`: rule-engine speed on one core.
//   utterancesPerSecond  input turns (rows) coded per second by codeTranscript (median of 7 rounds)
//   p99Ms                99th percentile of the time to code one turn (codeTurn with its context)
// Workload: the AnnoMI dev set when ../shared is present (speaker and text only), else our own
// fixture transcripts repeated. Targets: ≥ 50,000 utterances/s, p99 < 1 ms. On Linux the process
// re-runs itself pinned to one CPU (taskset) so the figure is per core. This file reads
// process.env for that because it is test infrastructure (see server/config.ts).
//
// `--passes N` only codes the workload N times and exits, for instruments that count work rather
// than time it (the machine's speed swings by a third within an hour; an instruction count does
// not): see "Speed" in the README for the callgrind command.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const json = process.argv.includes('--json');

function pinToOneCore(): void {
  if (process.env.KIER_BENCH_PINNED || process.platform !== 'linux' || process.argv.includes('--no-pin')) return;
  const probe = spawnSync('taskset', ['-V'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) return;
  const r = spawnSync('taskset', ['-c', '0', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, KIER_BENCH_PINNED: '1' },
  });
  process.exit(r.status ?? 1);
}

interface Conversation {
  language: Language;
  turns: TurnInput[];
}

function workload(): { name: string; conversations: Conversation[] } {
  const dev = path.resolve(root, '../shared/data/annomi/dev.csv');
  const files = existsSync(dev)
    ? [dev]
    : readdirSync(path.join(root, 'tests/fixtures/transcripts'))
        .filter((f) => !f.startsWith('bad-'))
        .map((f) => path.join(root, 'tests/fixtures/transcripts', f));
  const conversations: Conversation[] = [];
  for (const f of files) {
    for (const c of parseTranscriptFile(f)) {
      const turns = c.turns.map((t) => ({ speaker: t.speaker, text: t.text }));
      conversations.push({ language: detectLanguage(turns.map((t) => t.text)), turns });
    }
  }
  return { name: existsSync(dev) ? 'annomi-dev' : 'fixtures', conversations };
}

function passesArgument(): number | null {
  const i = process.argv.indexOf('--passes');
  if (i < 0) return null;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write('bench:rubric: --passes needs a whole number of passes, e.g. --passes 30\n');
    process.exit(2);
  }
  return n;
}

function main(): void {
  const fixedPasses = passesArgument();
  if (fixedPasses === null) pinToOneCore();
  const rubric = loadRubrics(path.join(root, 'rubrics'));
  const { name, conversations } = workload();
  if (fixedPasses !== null) {
    for (let p = 0; p < fixedPasses; p++) {
      for (const c of conversations) codeTranscript(c.turns, { rubric, language: c.language });
    }
    return;
  }
  const turnsPerPass = conversations.reduce((n, c) => n + c.turns.length, 0);

  // Warm up the JIT and the regex caches.
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) {
    for (const c of conversations) codeTranscript(c.turns, { rubric, language: c.language });
  }

  // Throughput: 7 rounds of whole codeTranscript passes (≥ 400 ms each); the median round is the
  // figure, so a burst from another process on a shared machine does not decide it.
  const rounds: number[] = [];
  let turns = 0;
  let passes = 0;
  for (let r = 0; r < 7; r++) {
    let n = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < 400) {
      for (const c of conversations) codeTranscript(c.turns, { rubric, language: c.language });
      n += turnsPerPass;
      passes++;
      elapsed = performance.now() - t0;
    }
    turns += n;
    rounds.push((n / elapsed) * 1000);
  }
  rounds.sort((a, b) => a - b);
  const utterancesPerSecond = Math.round(rounds[3]!);

  // Latency: each turn timed on its own, with the coded turns before it as context.
  const samples: number[] = [];
  while (samples.length < 20_000) {
    for (const c of conversations) {
      const coded: CodedTurn[] = [];
      for (const t of c.turns) {
        const s = performance.now();
        coded.push(codeTurn(coded, t, { rubric, language: c.language }));
        samples.push(performance.now() - s);
      }
    }
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;

  // Scoring cost, for the record (not a target).
  const codedConvs = conversations.map((c) => codeTranscript(c.turns, { rubric, language: c.language }));
  const s0 = performance.now();
  for (const c of codedConvs) scoreTranscript(c.turns, { language: c.language });
  const scoreMsPerConversation = (performance.now() - s0) / codedConvs.length;

  const result = {
    utterancesPerSecond,
    bestRoundUtterancesPerSecond: Math.round(rounds[rounds.length - 1]!),
    p99Ms: Number(q(0.99).toFixed(4)),
    p50Ms: Number(q(0.5).toFixed(4)),
    maxMs: Number(samples[samples.length - 1]!.toFixed(3)),
    workload: name,
    conversations: conversations.length,
    turnsPerPass,
    passes,
    latencySamples: samples.length,
    scoreMsPerConversation: Number(scoreMsPerConversation.toFixed(3)),
    pinnedToOneCore: Boolean(process.env.KIER_BENCH_PINNED),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
  process.stdout.write(
    [
      `rubric bench (${name}: ${conversations.length} conversations, ${turnsPerPass} turns per pass, ${passes} passes, ${turns} turns${result.pinnedToOneCore ? ', one core' : ''})`,
      `  utterances/s  ${utterancesPerSecond.toLocaleString('en')}   target ≥ 50,000  ${ok(utterancesPerSecond >= 50_000)}`,
      `  p99 per turn  ${result.p99Ms} ms   target < 1 ms  ${ok(result.p99Ms < 1)}   (p50 ${result.p50Ms} ms, max ${result.maxMs} ms)`,
      `  scoring       ${result.scoreMsPerConversation} ms per conversation`,
      '',
    ].join('\n'),
  );
}

main();
