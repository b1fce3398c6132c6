import type { CodedTurn, Language } from './schemas.ts';
import { scoreChangeTalk } from './score-change-talk.ts';
import { estimateGlobals } from './score-globals.ts';
import { countCodes, scoreMiti, turnCodeSets } from './score-miti.ts';
import { scoreOverall } from './score-overall.ts';
import type { Scores } from './scores-schema.ts';

// The last stage: coded turns → Scores. Pure and deterministic (same turns, same scores).
// Order matters only because later parts read earlier ones: counts → change talk → globals
// (read both) → MITI figures (need technical/relational) → overall (reads all).

export interface ScoreTranscriptOptions {
  /** The language of the reasons in the global ratings. */
  language: Language;
}

export function scoreTranscript(turns: readonly CodedTurn[], opts: ScoreTranscriptOptions): Scores {
  const sets = turnCodeSets(turns);
  const counts = countCodes(sets);
  const changeTalk = scoreChangeTalk(turns);
  const { technical, relational, ...globals } = estimateGlobals({
    turns,
    sets,
    counts,
    changeTalk,
    language: opts.language,
  });
  const miti = scoreMiti(sets, counts, { technical, relational });
  const practitionerTurns = sets.length;
  const { overall, quality, parts } = scoreOverall({ practitionerTurns, counts, miti, changeTalk });
  return {
    language: opts.language,
    practitionerTurns,
    clientTurns: turns.length - practitionerTurns,
    counts,
    miti,
    globals,
    changeTalk,
    overall,
    overallParts: parts,
    overallQuality: quality,
  };
}
