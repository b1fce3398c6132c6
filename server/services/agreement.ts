// Engine–human agreement, pure: each pair is (engine label, human label) for one turn.

/**
 * Cohen's kappa for two raters over nominal labels: (po − pe) / (1 − pe). Null without pairs.
 * When chance agreement is already total (both raters used one and the same label throughout)
 * kappa is undefined; we report 1 then, since the raters agree on every item.
 */
export function cohenKappa<T>(pairs: readonly (readonly [T, T])[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const a = new Map<T, number>();
  const b = new Map<T, number>();
  let same = 0;
  for (const [x, y] of pairs) {
    if (x === y) same++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const po = same / n;
  let pe = 0;
  for (const [label, na] of a) pe += (na / n) * ((b.get(label) ?? 0) / n);
  if (pe >= 1) return po === 1 ? 1 : 0;
  return (po - pe) / (1 - pe);
}

export interface CodeAgreement {
  code: string;
  /** Turns the human gave this code. */
  n: number;
  /** Turns both gave this code. */
  agree: number;
  /** Of the engine's uses of this code, the share the human kept; null when the engine never used it. */
  precision: number | null;
  /** Of the human's uses of this code, the share the engine found; null when the human never used it. */
  recall: number | null;
}

export function perCodeAgreement(pairs: readonly (readonly [string, string])[]): CodeAgreement[] {
  const codes = [...new Set(pairs.flatMap(([x, y]) => [x, y]))].sort();
  return codes.map((code) => {
    const engine = pairs.filter(([x]) => x === code).length;
    const human = pairs.filter(([, y]) => y === code).length;
    const agree = pairs.filter(([x, y]) => x === code && y === code).length;
    return { code, n: human, agree, precision: engine ? agree / engine : null, recall: human ? agree / human : null };
  });
}
