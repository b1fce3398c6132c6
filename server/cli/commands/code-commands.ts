import { Option, type Command } from 'commander';
import { createRulesCoder, conversationLanguage, type Coder, type CoderMode } from '../../coder/coder.ts';
import { existsSync } from 'node:fs';
import { DEFAULT_RUBRICS_DIR, loadRubrics } from '../../coder/load-rubrics.ts';
import { loadConfig } from '../../config.ts';
import type { CodedTurn, Language } from '../../rubric/schemas.ts';
import { scoreTranscript } from '../../rubric/score-transcript.ts';
import type { Scores } from '../../rubric/scores-schema.ts';
import { suggestAlternatives, type TurnAlternative } from '../../rubric/suggest-alternative.ts';
import { parseTranscriptFile, TranscriptParseError, type TranscriptConversation } from '../../transcripts/parse-transcript-file.ts';
import { formatScoreReport } from '../../transcripts/format-score-report.ts';

// `kier code <file>`: every turn coded, as JSON on stdout (the interface used to measure the
// engine: one turn per input row, in input order). `kier score <file>`: the scores as a readable
// report, or JSON with --json. Both read .csv, .jsonl and .txt (server/transcripts). Exit codes:
// 0 ok, 2 bad input (file, line and reason on stderr), 1 anything else.
//
// The CLI codes with the rules unless --coder asks for the LLM: measurements must be offline and
// reproducible whatever OPENAI_API_KEY or CODER_MODE say in the environment.

interface CodeOptions {
  language?: Language;
  coder: CoderMode;
  progress: boolean;
}

export interface CodedConversationOutput {
  id: string;
  language: Language;
  turns: ReturnType<typeof turnOutput>[];
  scores: Scores;
  /** An MI-consistent alternative for every RR/CON utterance. */
  alternatives: TurnAlternative[];
}

/** The JSON shape of one turn: the contract fields first, then the extras. */
export function turnOutput(t: CodedTurn) {
  return {
    index: t.index,
    speaker: t.speaker,
    text: t.text,
    codes: t.codes.map((c) => ({
      code: c.code,
      text: c.text,
      rule: c.rule,
      confidence: c.confidence,
      span: c.span,
      explanation: c.explanation,
    })),
    primary: t.primary,
    talk: t.talk,
    talkSubtype: t.talkSubtype,
    // Client turns: the utterance-level decisions behind `talk`, each with its rule, span,
    // confidence and explanation, as practitioner codes carry them.
    talkHits: t.talkHits.map((h) => ({
      talk: h.talk,
      subtype: h.subtype,
      text: h.text,
      rule: h.rule,
      confidence: h.confidence,
      span: h.span,
      explanation: h.explanation,
    })),
    source: t.source,
    ...(t.fallbackReason ? { fallbackReason: t.fallbackReason } : {}),
  };
}

class BadInput extends Error {}

/** RUBRICS_DIR, or the project's rubrics/ when the default ./rubrics is not where kier runs from. */
function rubricsDir(configured: string): string {
  if (existsSync(configured)) return configured;
  if (configured === './rubrics') return DEFAULT_RUBRICS_DIR;
  throw new BadInput(`RUBRICS_DIR ${configured} does not exist`);
}

async function makeCoder(mode: CoderMode): Promise<Coder> {
  const config = loadConfig();
  const rubric = loadRubrics(rubricsDir(config.rubricsDir));
  if (mode === 'rules') return createRulesCoder({ rubric });
  const { createCoderFromConfig } = await import('../../coder/create-coder.ts');
  if (!config.llm) throw new BadInput(`--coder ${mode} needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local endpoint)`);
  return createCoderFromConfig({ ...config, coder: { ...config.coder, mode } }, { rubric });
}

/** A progress bar on stderr for long inputs; a no-op otherwise. */
async function progressFor(total: number, enabled: boolean): Promise<{ tick(n: number): void; stop(): void }> {
  const tty = Boolean(process.stderr.isTTY);
  if (!enabled || total < (tty ? 500 : 20_000)) return { tick() {}, stop() {} };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'coding [{bar}] {percentage}% | {value}/{total} turns | {eta}s left',
      noTTYOutput: !tty,
      notTTYSchedule: 2000,
      hideCursor: tty,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: (n) => bar.increment(n),
    stop: () => bar.stop(),
  };
}

export async function codeFile(file: string, opts: CodeOptions): Promise<CodedConversationOutput[]> {
  let conversations: TranscriptConversation[];
  conversations = parseTranscriptFile(file);
  const coder = await makeCoder(opts.coder);
  const total = conversations.reduce((n, c) => n + c.turns.length, 0);
  const progress = await progressFor(total, opts.progress);
  const out: CodedConversationOutput[] = [];
  try {
    for (const conv of conversations) {
      const input = conv.turns.map((t) => ({ speaker: t.speaker, text: t.text }));
      // Turns too short to tell ("Oké." "Nee.") fall back on the language of the speaker labels.
      const language = conversationLanguage(input, opts.language, conv.labelLanguage ?? undefined);
      const coded = await coder.codeTranscript(input, { language });
      out.push({
        id: conv.id,
        language,
        turns: coded.turns.map(turnOutput),
        scores: scoreTranscript(coded.turns, { language }),
        alternatives: suggestAlternatives(coded.turns, language),
      });
      progress.tick(conv.turns.length);
    }
  } finally {
    progress.stop();
  }
  return out;
}

function writeJson(value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${JSON.stringify(value)}\n`, (err) => (err ? reject(err) : resolve()));
  });
}

function fail(command: string, err: unknown): never {
  if (err instanceof TranscriptParseError || err instanceof BadInput) {
    process.stderr.write(`kier ${command}: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

const languageOption = () =>
  new Option('-l, --language <language>', 'conversation language (default: detected per conversation)').choices(['nl', 'en']);
const coderOption = () =>
  new Option('--coder <mode>', 'rules (offline, default), hybrid (unsure turns to the LLM) or llm').choices(['rules', 'hybrid', 'llm']).default('rules');

export function registerCodeCommands(program: Command): void {
  program
    .command('code')
    .description('code every turn of a transcript (.csv, .jsonl, .txt) and print JSON')
    .argument('<file>', 'transcript file')
    .addOption(languageOption())
    .addOption(coderOption())
    .option('--no-progress', 'never show a progress bar')
    .action(async (file: string, opts: CodeOptions) => {
      try {
        const conversations = await codeFile(file, opts);
        await writeJson({ conversations });
      } catch (err) {
        fail('code', err);
      }
    });

  program
    .command('score')
    .description('score a transcript: MITI figures with thresholds, estimated globals, change talk, overall')
    .argument('<file>', 'transcript file')
    .addOption(languageOption())
    .addOption(coderOption())
    .option('--json', 'print the scores as JSON')
    .option('--no-progress', 'never show a progress bar')
    .option('--no-color', 'no colours in the report')
    .action(async (file: string, opts: CodeOptions & { json?: boolean; color: boolean }) => {
      try {
        const conversations = await codeFile(file, opts);
        if (opts.json) {
          await writeJson({
            conversations: conversations.map(({ id, language, scores, alternatives }) => ({ id, language, scores, alternatives })),
          });
          return;
        }
        const color = opts.color && Boolean(process.stdout.isTTY);
        process.stdout.write(conversations.map((c) => formatScoreReport(c, { color })).join('\n'));
      } catch (err) {
        fail('score', err);
      }
    });
}
