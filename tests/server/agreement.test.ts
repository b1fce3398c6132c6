import { describe, expect, it } from 'vitest';
import { cohenKappa, perCodeAgreement } from '../../server/services/agreement.ts';

describe("Cohen's kappa", () => {
  // Hand-computed: po and pe from the marginals, kappa = (po − pe) / (1 − pe).
  it.each([
    { name: 'no pairs', pairs: [], kappa: null },
    { name: 'perfect agreement, two labels', pairs: [['a', 'a'], ['b', 'b']], kappa: 1 },
    { name: 'one label only, all agree', pairs: [['a', 'a'], ['a', 'a']], kappa: 1 },
    { name: 'complete disagreement', pairs: [['a', 'b'], ['b', 'a']], kappa: -1 },
    // po = 0.5, pe = 0.5·0.5 + 0.5·0.5 = 0.5 → 0
    { name: 'chance level', pairs: [['a', 'a'], ['a', 'b'], ['b', 'a'], ['b', 'b']], kappa: 0 },
    // 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → po 0.7, pe 0.5·0.6 + 0.5·0.4 = 0.5 → 0.4
    {
      name: 'textbook example',
      pairs: [
        ...Array(20).fill(['y', 'y']),
        ...Array(5).fill(['y', 'n']),
        ...Array(10).fill(['n', 'y']),
        ...Array(15).fill(['n', 'n']),
      ],
      kappa: 0.4,
    },
  ] as { name: string; pairs: [string, string][]; kappa: number | null }[])('$name', ({ pairs, kappa }) => {
    const k = cohenKappa(pairs);
    if (kappa === null) expect(k).toBeNull();
    else expect(k).toBeCloseTo(kappa, 10);
  });
});

describe('per-code agreement', () => {
  it('counts the human uses, agreements, precision and recall of each code', () => {
    const rows = perCodeAgreement([
      ['OQ', 'OQ'],
      ['OQ', 'CQ'],
      ['SR', 'SR'],
      ['CQ', 'CQ'],
    ]);
    expect(rows).toEqual([
      { code: 'CQ', n: 2, agree: 1, precision: 1, recall: 0.5 },
      { code: 'OQ', n: 1, agree: 1, precision: 0.5, recall: 1 },
      { code: 'SR', n: 1, agree: 1, precision: 1, recall: 1 },
    ]);
  });
});
