import type { PractitionerCode, TalkType } from './schemas.ts';

// Agreement metrics for `kier eval`: pure maths on label arrays, no I/O. Labels are strings so
// the same functions serve therapist behaviour, client talk and the subtypes.

export const MAIN_BEHAVIOURS = ['question', 'reflection', 'therapist_input', 'other'] as const;
export type MainBehaviour = (typeof MAIN_BEHAVIOURS)[number];
export const TALK_TYPES: readonly TalkType[] = ['change', 'neutral', 'sustain'];

/** How the project's codes meet AnnoMI's main therapist behaviour labels. */
export function mainBehaviour(code: PractitionerCode): MainBehaviour {
  switch (code) {
    case 'OQ':
    case 'CQ':
      return 'question';
    case 'SR':
    case 'CR':
    case 'SUM':
      return 'reflection';
    case 'GI':
    case 'PWP':
    case 'RR':
    case 'CON':
      return 'therapist_input';
    case 'AF':
    case 'SEEK':
    case 'AUTO':
    case 'NC':
      return 'other';
    default: {
      const never: never = code;
      throw new Error(`unknown code ${String(never)}`);
    }
  }
}

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  labels: string[];
  n: number;
  accuracy: number;
  macroF1: number;
  kappa: number;
  perClass: ClassMetrics[];
  /** confusion[i][j]: gold labels[i] predicted as labels[j]. */
  confusion: number[][];
}

/** Per-class precision/recall/F1, macro-F1, accuracy, Cohen's kappa and the confusion matrix. */
export function classificationReport(
  gold: readonly string[],
  predicted: readonly string[],
  labels?: readonly string[],
): ClassificationReport {
  if (gold.length !== predicted.length) throw new Error('gold and predicted differ in length');
  const ls = labels ? [...labels] : [...new Set([...gold, ...predicted])].sort();
  const idx = new Map(ls.map((l, i) => [l, i]));
  for (const l of [...gold, ...predicted]) {
    if (!idx.has(l)) {
      idx.set(l, ls.length);
      ls.push(l);
    }
  }
  const k = ls.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < gold.length; i++) confusion[idx.get(gold[i]!)!]![idx.get(predicted[i]!)!]!++;
  const n = gold.length;
  const perClass: ClassMetrics[] = ls.map((label, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[i]!, 0);
    const precision = predictedCount === 0 ? 0 : tp / predictedCount;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  // Macro-F1 over the classes present in the gold labels (a class nobody used does not count).
  const present = perClass.filter((c) => c.support > 0);
  const macroF1 = present.length === 0 ? 0 : present.reduce((a, c) => a + c.f1, 0) / present.length;
  let agree = 0;
  for (let i = 0; i < k; i++) agree += confusion[i]![i]!;
  const accuracy = n === 0 ? 0 : agree / n;
  return { labels: ls, n, accuracy, macroF1, kappa: cohensKappa(confusion), perClass, confusion };
}

/** Cohen's kappa from a square confusion matrix: (po - pe) / (1 - pe). */
export function cohensKappa(confusion: readonly (readonly number[])[]): number {
  const k = confusion.length;
  let n = 0;
  let agree = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = confusion[i]![j]!;
      n += v;
      rows[i]! += v;
      cols[j]! += v;
      if (i === j) agree += v;
    }
  }
  if (n === 0) return 0;
  const po = agree / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (rows[i]! / n) * (cols[i]! / n);
  return pe === 1 ? (po === 1 ? 1 : 0) : (po - pe) / (1 - pe);
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative (ties count half). Null when either group is empty.
 */
export function auc(positives: readonly number[], negatives: readonly number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  let wins = 0;
  for (const p of positives) for (const q of negatives) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/** Accuracy of a binary subtype decision on the rows where gold has one. */
export function accuracy(gold: readonly string[], predicted: readonly string[]): { n: number; correct: number; accuracy: number } {
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  return { n: gold.length, correct, accuracy: gold.length === 0 ? 0 : correct / gold.length };
}

/** One annotated row of an evaluation file, with what the engine made of it. */
export interface EvaluatedRow {
  speaker: 'practitioner' | 'client';
  gold: {
    main: MainBehaviour | null;
    questionSubtype: 'open' | 'closed' | null;
    reflectionSubtype: 'simple' | 'complex' | null;
    talk: TalkType | null;
  };
  predicted: {
    primary: PractitionerCode | null;
    /** All codes of the turn, in order (for the subtype fall-back). */
    codes: readonly PractitionerCode[];
    talk: TalkType | null;
  };
}

export interface EvaluatedConversation {
  id: string;
  /** 'high' / 'low' MI quality when the file has it. */
  quality: 'high' | 'low' | null;
  rows: readonly EvaluatedRow[];
  /** scores.overall, when scoring is available. */
  overall: number | null;
}

export interface SubtypeAccuracy {
  /** Rows where the gold label has this subtype. */
  n: number;
  /** Correct over all those rows; a row whose turn got no code of the family counts as wrong. */
  accuracy: number;
  /** Only the rows the engine also put in the family (its primary is a question / a reflection). */
  conditionalN: number;
  conditionalAccuracy: number;
}

export interface EvaluationReport {
  conversations: number;
  therapist: ClassificationReport;
  client: ClassificationReport;
  openClosed: SubtypeAccuracy;
  simpleComplex: SubtypeAccuracy;
  /** AUC of scores.overall for high vs low MI quality; null when unavailable. */
  auc: number | null;
  aucNote: string | null;
}

function subtypeAccuracy(pairs: { gold: string; family: string | null; any: string | null }[]): SubtypeAccuracy {
  const strict = accuracy(
    pairs.map((p) => p.gold),
    pairs.map((p) => p.family ?? p.any ?? 'none'),
  );
  const within = pairs.filter((p) => p.family !== null);
  const cond = accuracy(
    within.map((p) => p.gold),
    within.map((p) => p.family!),
  );
  return { n: strict.n, accuracy: strict.accuracy, conditionalN: cond.n, conditionalAccuracy: cond.accuracy };
}

const QUESTION_SUBTYPE: Partial<Record<PractitionerCode, 'open' | 'closed'>> = { OQ: 'open', CQ: 'closed' };
const REFLECTION_SUBTYPE: Partial<Record<PractitionerCode, 'simple' | 'complex'>> = {
  SR: 'simple',
  CR: 'complex',
  SUM: 'complex',
};

/** Everything `kier eval` reports, from coded conversations and their gold labels. */
export function evaluateCoding(conversations: readonly EvaluatedConversation[], aucNote?: string): EvaluationReport {
  const tGold: string[] = [];
  const tPred: string[] = [];
  const cGold: string[] = [];
  const cPred: string[] = [];
  const oc: { gold: string; family: string | null; any: string | null }[] = [];
  const sc: { gold: string; family: string | null; any: string | null }[] = [];
  const high: number[] = [];
  const low: number[] = [];
  let scored = 0;
  for (const conv of conversations) {
    for (const row of conv.rows) {
      if (row.speaker === 'practitioner' && row.gold.main) {
        const primary = row.predicted.primary ?? 'NC';
        tGold.push(row.gold.main);
        tPred.push(mainBehaviour(primary));
        // The subtype the codes give, reading from the first code or, for questions, the last: of
        // several questions the last decides open or closed (as for `primary`, see resolve.ts).
        const subtypeOf = (map: Partial<Record<PractitionerCode, string>>, fromEnd: boolean) => {
          const codes = fromEnd ? [...row.predicted.codes].reverse() : row.predicted.codes;
          for (const c of codes) if (map[c]) return map[c]!;
          return null;
        };
        if (row.gold.main === 'question' && row.gold.questionSubtype) {
          oc.push({ gold: row.gold.questionSubtype, family: QUESTION_SUBTYPE[primary] ?? null, any: subtypeOf(QUESTION_SUBTYPE, true) });
        }
        if (row.gold.main === 'reflection' && row.gold.reflectionSubtype) {
          sc.push({ gold: row.gold.reflectionSubtype, family: REFLECTION_SUBTYPE[primary] ?? null, any: subtypeOf(REFLECTION_SUBTYPE, false) });
        }
      } else if (row.speaker === 'client' && row.gold.talk) {
        cGold.push(row.gold.talk);
        cPred.push(row.predicted.talk ?? 'neutral');
      }
    }
    if (conv.overall !== null && conv.quality) {
      scored++;
      (conv.quality === 'high' ? high : low).push(conv.overall);
    }
  }
  const a = scored > 0 ? auc(high, low) : null;
  return {
    conversations: conversations.length,
    therapist: classificationReport(tGold, tPred, MAIN_BEHAVIOURS),
    client: classificationReport(cGold, cPred, TALK_TYPES),
    openClosed: subtypeAccuracy(oc),
    simpleComplex: subtypeAccuracy(sc),
    auc: a,
    aucNote: a === null ? (aucNote ?? 'no scores, or no high and low conversations to compare') : null,
  };
}
