import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultRubric } from '../../coder/load-rubrics.ts';
import {
  evaluateCoding,
  MAIN_BEHAVIOURS,
  type ClassificationReport,
  type EvaluatedConversation,
  type EvaluatedRow,
  type EvaluationReport,
  type MainBehaviour,
} from '../../rubric/evaluate.ts';
import { codeTranscript, type CodedTurn, type CompiledRubric, type Language, type TalkType } from '../../rubric/index.ts';
import { scoreTranscript } from '../../rubric/score-transcript.ts';
import { CsvSyntaxError, parseCsv } from '../../transcripts/parse-csv.ts';

// `kier eval <annotated.csv>`: code an expert-annotated file (AnnoMI layout) and compare.
// The engine only ever sees speaker and text; the label columns are read here, after coding.

/** A bad evaluation file: names the file, line and reason (exit code 2). */
export class EvalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalInputError';
  }
}

function parseCsvOrFail(text: string, file: string): { line: number; cells: string[] }[] {
  try {
    return parseCsv(text).map((r) => ({ line: r.line, cells: r.fields }));
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new EvalInputError(`${file}:${err.line}: ${err.reason}`);
    throw err;
  }
}

const REQUIRED = ['transcript_id', 'utterance_id', 'interlocutor', 'utterance_text'] as const;

interface AnnotatedConversation {
  id: string;
  quality: 'high' | 'low' | null;
  turns: { speaker: 'practitioner' | 'client'; text: string; gold: EvaluatedRow['gold'] }[];
}

// Column names and labels are read case-insensitively, as `kier code` reads them.
function label<T extends string>(value: string | undefined, allowed: readonly T[]): T | null {
  const v = value?.toLowerCase();
  return v !== undefined && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

/** Read an AnnoMI-layout CSV into conversations (rows in utterance order) with their gold labels. */
export function readAnnotatedCsv(text: string, file: string): AnnotatedConversation[] {
  const rows = parseCsvOrFail(text, file);
  const header = rows.shift();
  if (!header) throw new EvalInputError(`${file}: empty file`);
  const col = new Map(header.cells.map((h, i) => [h.trim().toLowerCase(), i]));
  for (const r of REQUIRED) if (!col.has(r)) throw new EvalInputError(`${file}:1: missing column "${r}"`);
  const get = (cells: string[], name: string) => {
    const i = col.get(name);
    return i === undefined ? undefined : cells[i]?.trim();
  };
  const byId = new Map<string, { conv: AnnotatedConversation; order: { n: number; turn: AnnotatedConversation['turns'][number] }[] }>();
  for (const { line, cells } of rows) {
    if (cells.length !== header.cells.length) {
      throw new EvalInputError(`${file}:${line}: expected ${header.cells.length} fields, found ${cells.length}`);
    }
    const id = get(cells, 'transcript_id')!;
    const n = Number(get(cells, 'utterance_id'));
    if (!id) throw new EvalInputError(`${file}:${line}: transcript_id is empty`);
    if (!Number.isFinite(n)) throw new EvalInputError(`${file}:${line}: utterance_id is not a number`);
    const who = get(cells, 'interlocutor')?.toLowerCase();
    if (who !== 'therapist' && who !== 'client') {
      throw new EvalInputError(`${file}:${line}: interlocutor must be therapist or client, not "${who}"`);
    }
    let entry = byId.get(id);
    if (!entry) {
      entry = { conv: { id, quality: label(get(cells, 'mi_quality'), ['high', 'low'] as const), turns: [] }, order: [] };
      byId.set(id, entry);
    }
    entry.order.push({
      n,
      turn: {
        speaker: who === 'therapist' ? 'practitioner' : 'client',
        text: cells[col.get('utterance_text')!] ?? '',
        gold: {
          main: who === 'therapist' ? label<MainBehaviour>(get(cells, 'main_therapist_behaviour'), MAIN_BEHAVIOURS) : null,
          questionSubtype: label(get(cells, 'question_subtype'), ['open', 'closed'] as const),
          reflectionSubtype: label(get(cells, 'reflection_subtype'), ['simple', 'complex'] as const),
          talk: who === 'client' ? label<TalkType>(get(cells, 'client_talk_type'), ['change', 'neutral', 'sustain']) : null,
        },
      },
    });
  }
  return [...byId.values()].map(({ conv, order }) => {
    order.sort((a, b) => a.n - b.n);
    conv.turns = order.map((o) => o.turn);
    return conv;
  });
}

/** scores.overall of a coded conversation. */
export type OverallScorer = (turns: CodedTurn[], language: 'nl' | 'en') => number;

export const overallScorer: OverallScorer = (turns, language) => scoreTranscript(turns, { language }).overall;

/** Code every conversation (text and speaker only) and compare with the labels. */
export function evaluateAnnotated(
  conversations: readonly AnnotatedConversation[],
  opts: { rubric: CompiledRubric; scorer?: OverallScorer | null; language?: Language },
): EvaluationReport {
  const evaluated: EvaluatedConversation[] = conversations.map((conv) => {
    // Only speaker and text go in: the engine never sees a label.
    const input = conv.turns.map((t) => ({ speaker: t.speaker, text: t.text }));
    const { turns, language } = codeTranscript(input, { rubric: opts.rubric, ...(opts.language ? { language: opts.language } : {}) });
    return {
      id: conv.id,
      quality: conv.quality,
      overall: opts.scorer ? opts.scorer(turns, language) : null,
      rows: turns.map((t, i) => ({
        speaker: t.speaker,
        gold: conv.turns[i]!.gold,
        predicted: { primary: t.primary, codes: t.codes.map((c) => c.code), talk: t.talk },
      })),
    };
  });
  return evaluateCoding(evaluated, opts.scorer ? undefined : 'scoring was switched off');
}

const pct = (x: number) => x.toFixed(3);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

function formatReport(title: string, r: ClassificationReport): string {
  const per = table([
    ['class', 'precision', 'recall', 'F1', 'support'],
    ...r.perClass.map((c) => [c.label, pct(c.precision), pct(c.recall), pct(c.f1), String(c.support)]),
  ]);
  const conf = table([
    ['gold \\ predicted', ...r.labels],
    ...r.labels.map((l, i) => [l, ...r.confusion[i]!.map(String)]),
  ]);
  return `${title} (n=${r.n})\n${per}\nmacro-F1 ${pct(r.macroF1)}   accuracy ${pct(r.accuracy)}   Cohen's kappa ${pct(r.kappa)}\n\nconfusion\n${conf}\n`;
}

export function formatEvaluation(file: string, r: EvaluationReport): string {
  const sub = (name: string, s: EvaluationReport['openClosed']) =>
    `${name}: ${pct(s.accuracy)} on ${s.n} rows (${pct(s.conditionalAccuracy)} on the ${s.conditionalN} the engine also put in that family)`;
  return [
    `kier eval ${file}: ${r.conversations} conversations`,
    '',
    formatReport('Therapist main behaviour (primary code)', r.therapist),
    formatReport('Client talk type', r.client),
    sub('Open/closed accuracy', r.openClosed),
    sub('Simple/complex accuracy', r.simpleComplex),
    r.auc === null ? `AUC of overall (high vs low MI quality): unavailable (${r.aucNote})` : `AUC of overall (high vs low MI quality): ${pct(r.auc)}`,
    '',
  ].join('\n');
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('Code an annotated CSV (AnnoMI columns) and report agreement with its labels')
    .argument('<annotated.csv>', 'AnnoMI-layout CSV with label columns')
    .option('--json', 'print the report as JSON')
    .option('--language <nl|en>', 'code every conversation in this language instead of detecting it')
    .action((file: string, opts: { json?: boolean; language?: string }) => {
      if (opts.language !== undefined && opts.language !== 'nl' && opts.language !== 'en') {
        process.stderr.write(`kier eval: --language must be nl or en, not "${opts.language}"\n`);
        process.exit(2);
      }
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        process.stderr.write(`kier eval: ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})\n`);
        process.exit(2);
      }
      let conversations: AnnotatedConversation[];
      try {
        conversations = readAnnotatedCsv(text, file);
      } catch (err) {
        if (err instanceof EvalInputError) {
          process.stderr.write(`kier eval: ${err.message}\n`);
          process.exit(2);
        }
        throw err;
      }
      const report = evaluateAnnotated(conversations, {
        rubric: defaultRubric(),
        scorer: overallScorer,
        ...(opts.language ? { language: opts.language as Language } : {}),
      });
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatEvaluation(file, report));
    });
}
