// MITI 4.2.1 fair/good thresholds (the same figures the rubric engine reports; shown in the meters
// before any report exists). Percentages are fractions 0–1.
export const THRESHOLDS = {
  reflectionToQuestion: { fair: 1, good: 2 },
  percentComplexReflections: { fair: 0.4, good: 0.5 },
  technical: { fair: 3, good: 4 },
  relational: { fair: 3.5, good: 4 },
} as const;

export type Level = 'good' | 'fair' | 'low' | 'na';

export function level(value: number | null | undefined, fair: number, good: number): Level {
  if (value === null || value === undefined || Number.isNaN(value)) return 'na';
  if (value >= good) return 'good';
  if (value >= fair) return 'fair';
  return 'low';
}

/** Percentages arrive as 0–100 (server/rubric/scores-schema.ts); the views use fractions 0–1. */
export function fraction(v: number | null | undefined): number | null {
  if (v === null || v === undefined || Number.isNaN(v)) return null;
  return v / 100;
}
