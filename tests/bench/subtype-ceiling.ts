import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseCsv } from '../../server/transcripts/parse-csv.ts';

// `npm run --silent bench:ceiling [-- --json]`: how far a *learned* bag-of-words classifier gets
// on the two subtype tasks (open/closed questions, simple/complex reflections), as a ceiling to
// compare with the rule engine's within-family accuracy from `kier eval`. If a word model trained
// on the very rows we evaluate on cannot do much better than the rules, the labels, not the
// rules, are the limit. It trains on the AnnoMI dev rows in memory only and ships nothing: no
// model, no weights, no file written, as ../shared/data/README requires (the data measures the
// project and is never copied into it).
//
// Method: binary features per utterance (word tokens and "?", bigrams of the words, the first
// words of the last sentence, a length bucket); L2-regularised logistic regression by full-batch
// gradient descent (1,500 steps, learning rate 1, enough for every l2 tried to settle; at a larger
// step the l2=3 figure oscillated and moved by several points with any small change). Reported:
// accuracy under 10-fold cross-validation grouped by conversation (vocabulary from the training
// folds only), in-sample accuracy (train and test on all rows, an upper bound), and the
// majority-class share (the floor).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const json = process.argv.includes('--json');

const L2_VALUES = [0.3, 1, 3] as const;
const FOLDS = 10;
const ITERATIONS = 1500;
const LEARNING_RATE = 1;

interface Example {
  conversation: string;
  features: string[];
  label: 0 | 1;
}

interface TaskResult {
  rows: number;
  majorityShare: number;
  crossValidated: Record<string, number>;
  inSample: Record<string, number>;
}

function features(utterance: string): string[] {
  const text = utterance.toLowerCase();
  const tokens = text.match(/[a-z']+|\?/g) ?? [];
  const words = tokens.filter((t) => t !== '?');
  const out = new Set<string>(tokens);
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]}_${words[i + 1]}`);
  const sentences = text
    .trim()
    .split(/[.!?]\s+/)
    .filter((s) => s.trim() !== '');
  const last = (sentences[sentences.length - 1] ?? '').match(/[a-z']+/g) ?? [];
  for (const w of last.slice(0, 3)) out.add(`L:${w}`);
  if (last.length >= 2) out.add(`L2:${last[0]}_${last[1]}`);
  out.add(`len${Math.min(Math.floor(words.length / 5), 8)}`);
  return [...out];
}

/** Sparse rows: each example as the sorted indices of its features known to the vocabulary. */
function encode(examples: Example[], vocabulary: Map<string, number>): Int32Array[] {
  return examples.map((e) => {
    const idx: number[] = [];
    for (const f of e.features) {
      const j = vocabulary.get(f);
      if (j !== undefined) idx.push(j);
    }
    return Int32Array.from(idx);
  });
}

function buildVocabulary(examples: Example[]): Map<string, number> {
  const vocabulary = new Map<string, number>();
  for (const e of examples) for (const f of e.features) if (!vocabulary.has(f)) vocabulary.set(f, vocabulary.size);
  return vocabulary;
}

interface Model {
  weights: Float64Array;
  bias: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function train(rows: Int32Array[], labels: Uint8Array, dimension: number, l2: number): Model {
  const n = rows.length;
  const weights = new Float64Array(dimension);
  const gradient = new Float64Array(dimension);
  let bias = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let r = 0; r < n; r++) {
      const row = rows[r]!;
      let z = bias;
      for (let k = 0; k < row.length; k++) z += weights[row[k]!]!;
      const residual = sigmoid(z) - labels[r]!;
      biasGradient += residual;
      for (let k = 0; k < row.length; k++) gradient[row[k]!]! += residual;
    }
    for (let j = 0; j < dimension; j++) weights[j]! -= (LEARNING_RATE * (gradient[j]! + l2 * weights[j]!)) / n;
    bias -= (LEARNING_RATE * biasGradient) / n;
  }
  return { weights, bias };
}

function predict(model: Model, row: Int32Array): 0 | 1 {
  let z = model.bias;
  for (let k = 0; k < row.length; k++) z += model.weights[row[k]!]!;
  return z >= 0 ? 1 : 0;
}

function fitAndScore(trainSet: Example[], testSet: Example[], l2: number): number {
  const vocabulary = buildVocabulary(trainSet);
  const model = train(encode(trainSet, vocabulary), Uint8Array.from(trainSet, (e) => e.label), vocabulary.size, l2);
  const testRows = encode(testSet, vocabulary);
  let correct = 0;
  testSet.forEach((e, i) => {
    if (predict(model, testRows[i]!) === e.label) correct++;
  });
  return correct;
}

function evaluate(examples: Example[]): TaskResult {
  const conversations = [...new Set(examples.map((e) => e.conversation))].sort();
  const fold = new Map(conversations.map((c, i) => [c, i % FOLDS]));
  const positives = examples.filter((e) => e.label === 1).length;
  const round = (x: number) => Number(x.toFixed(4));
  const crossValidated: Record<string, number> = {};
  const inSample: Record<string, number> = {};
  for (const l2 of L2_VALUES) {
    let correct = 0;
    for (let f = 0; f < FOLDS; f++) {
      const testSet = examples.filter((e) => fold.get(e.conversation) === f);
      if (testSet.length === 0) continue;
      correct += fitAndScore(
        examples.filter((e) => fold.get(e.conversation) !== f),
        testSet,
        l2,
      );
    }
    crossValidated[String(l2)] = round(correct / examples.length);
    inSample[String(l2)] = round(fitAndScore(examples, examples, l2) / examples.length);
  }
  return {
    rows: examples.length,
    majorityShare: round(Math.max(positives, examples.length - positives) / examples.length),
    crossValidated,
    inSample,
  };
}

function main(): void {
  const file = path.resolve(root, '../shared/data/annomi/dev.csv');
  if (!existsSync(file)) {
    process.stderr.write(`bench:ceiling: ${file} is absent; nothing to measure (needs ../shared/data).\n`);
    return;
  }
  const started = performance.now();
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'));
  if (!header) throw new Error(`${file}: empty`);
  const column = (name: string): number => {
    const i = header.fields.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const cId = column('transcript_id');
  const cText = column('utterance_text');
  const cBehaviour = column('main_therapist_behaviour');
  const cQuestion = column('question_subtype');
  const cReflection = column('reflection_subtype');

  const openClosed: Example[] = [];
  const simpleComplex: Example[] = [];
  for (const { fields } of records) {
    const conversation = fields[cId] ?? '';
    const text = fields[cText] ?? '';
    const behaviour = fields[cBehaviour];
    const question = fields[cQuestion];
    const reflection = fields[cReflection];
    if (behaviour === 'question' && (question === 'open' || question === 'closed')) {
      openClosed.push({ conversation, features: features(text), label: question === 'open' ? 1 : 0 });
    } else if (behaviour === 'reflection' && (reflection === 'simple' || reflection === 'complex')) {
      simpleComplex.push({ conversation, features: features(text), label: reflection === 'complex' ? 1 : 0 });
    }
  }

  const result = { openClosed: evaluate(openClosed), simpleComplex: evaluate(simpleComplex) };
  const seconds = (performance.now() - started) / 1000;
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const f3 = (x: number | undefined) => (x === undefined ? '  -  ' : x.toFixed(3));
  const lines = [
    `subtype ceiling: bag-of-words logistic regression trained on the AnnoMI dev rows (${seconds.toFixed(1)} s)`,
    `  task            rows  majority  ${L2_VALUES.map((l) => `cv l2=${l}`.padEnd(9)).join(' ')}  ${L2_VALUES.map((l) => `in l2=${l}`.padEnd(9)).join(' ')}`,
  ];
  for (const [name, r] of [
    ['open/closed', result.openClosed],
    ['simple/complex', result.simpleComplex],
  ] as const) {
    lines.push(
      `  ${name.padEnd(14)} ${String(r.rows).padStart(5)}  ${f3(r.majorityShare).padEnd(8)}  ${L2_VALUES.map((l) => f3(r.crossValidated[String(l)]).padEnd(9)).join(' ')}  ${L2_VALUES.map((l) => f3(r.inSample[String(l)]).padEnd(9)).join(' ')}`,
    );
  }
  lines.push(
    `  cv: ${FOLDS}-fold cross-validation grouped by conversation; in: trained and tested on all rows (upper bound).`,
    '  Compare cv with the rule engine\'s within-family subtype accuracy from `kier eval`.',
    '',
  );
  process.stdout.write(lines.join('\n'));
}

main();
