import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { evaluateAnnotated, overallScorer, readAnnotatedCsv } from '../../server/cli/commands/eval-command.ts';

// `npm run --silent bench:halves [-- --splits 10 --json]`: how much the dev-set figures move when
// the conversations change. The rules were written while looking at the AnnoMI dev set, and the
// issue's targets are also measured on conversations we do not have; a figure that sits close to
// its target on all 51 conversations may land on either side of it on others. This splits the dev
// conversations in two halves at random (a seeded shuffle, so every run prints the same), codes
// each half as `kier eval` does, and reports the spread of each figure over all the halves.
// It reads ../shared/data/annomi/dev.csv in memory and writes nothing.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const json = process.argv.includes('--json');
const splitsArg = process.argv.indexOf('--splits');
const SPLITS = splitsArg > 0 ? Number(process.argv[splitsArg + 1]) : 10;
const file = path.resolve(root, '../shared/data/annomi/dev.csv');

if (!existsSync(file)) {
  console.error(`bench:halves: ${file} not found (../shared/data is not on this machine); nothing measured.`);
  process.exit(0);
}
if (!Number.isInteger(SPLITS) || SPLITS < 1) {
  console.error('bench:halves: --splits takes a whole number of at least 1');
  process.exit(2);
}

/** mulberry32: a small seeded generator, so the halves are the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const next = random(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const rubric = loadRubrics(path.join(root, 'rubrics'));
const conversations = readAnnotatedCsv(readFileSync(file, 'utf8'), file);

type Figure = 'therapistMacroF1' | 'clientMacroF1' | 'openClosedWithinFamily' | 'simpleComplexWithinFamily' | 'aucOverall';
const figures: Record<Figure, number[]> = {
  therapistMacroF1: [],
  clientMacroF1: [],
  openClosedWithinFamily: [],
  simpleComplexWithinFamily: [],
  aucOverall: [],
};

function measure(part: typeof conversations): void {
  const r = evaluateAnnotated(part, { rubric, scorer: overallScorer });
  figures.therapistMacroF1.push(r.therapist.macroF1);
  figures.clientMacroF1.push(r.client.macroF1);
  figures.openClosedWithinFamily.push(r.openClosed.conditionalAccuracy);
  figures.simpleComplexWithinFamily.push(r.simpleComplex.conditionalAccuracy);
  // A half without both high and low conversations has no AUC.
  if (r.auc !== null) figures.aucOverall.push(r.auc);
}

for (let seed = 1; seed <= SPLITS; seed++) {
  const order = shuffled(conversations, seed);
  const cut = Math.floor(order.length / 2);
  measure(order.slice(0, cut));
  measure(order.slice(cut));
}
const all = evaluateAnnotated(conversations, { rubric, scorer: overallScorer });

const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { halves: s.length, min: s[0]!, p10: at(0.1), median: at(0.5), max: s[s.length - 1]! };
};
const result = {
  conversations: conversations.length,
  splits: SPLITS,
  whole: {
    therapistMacroF1: all.therapist.macroF1,
    clientMacroF1: all.client.macroF1,
    openClosedWithinFamily: all.openClosed.conditionalAccuracy,
    simpleComplexWithinFamily: all.simpleComplex.conditionalAccuracy,
    aucOverall: all.auc,
  },
  halves: Object.fromEntries((Object.keys(figures) as Figure[]).map((k) => [k, spread(figures[k])])),
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const f = (x: number | null) => (x === null ? '–' : x.toFixed(3));
  console.log(`bench:halves: ${conversations.length} conversations, ${SPLITS} random splits into halves (${2 * SPLITS} halves)\n`);
  console.log(`${'figure'.padEnd(28)}${'all'.padStart(7)}${'min'.padStart(7)}${'p10'.padStart(7)}${'median'.padStart(8)}${'max'.padStart(7)}`);
  for (const k of Object.keys(figures) as Figure[]) {
    const s = result.halves[k]!;
    console.log(`${k.padEnd(28)}${f(result.whole[k]).padStart(7)}${f(s.min).padStart(7)}${f(s.p10).padStart(7)}${f(s.median).padStart(8)}${f(s.max).padStart(7)}`);
  }
}
