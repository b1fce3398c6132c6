import type { SessionView, TurnView } from '../api/types.ts';

/** 1-based numbers of the practitioner's turns ("your turn 3"), keyed by turn index. */
export function practitionerOrdinals(turns: readonly TurnView[]): Map<number, number> {
  const out = new Map<number, number>();
  let n = 0;
  for (const t of turns) if (t.speaker === 'practitioner') out.set(t.index, ++n);
  return out;
}

/** The number of the practitioner turn a branch redoes (the branch keeps the turns before it). */
export function branchOrdinal(v: SessionView): number {
  const at = v.branchedAtTurn ?? 0;
  return v.turns.filter((t) => t.speaker === 'practitioner' && t.index < at).length + 1;
}
