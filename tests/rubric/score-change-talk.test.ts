import { describe, expect, it } from 'vitest';
import { scoreTranscript } from '../../server/rubric/score-transcript.ts';
import { C, conversation, P } from './score-fixtures.ts';

const score = (rows: Parameters<typeof conversation>[0]) => scoreTranscript(conversation(rows), { language: 'en' });

describe('change talk', () => {
  // 0 OQ · 1 CT desire · 2 SR · 3 ST ability · 4 RR · 5 ST reasons · 6 CT reasons · 7 CR · 8 CT commitment
  const rows = [
    P('OQ'), C('change', 'desire'), P('SR'), C('sustain', 'ability'), P('RR'),
    C('sustain', 'reasons'), C('change', 'reasons'), P('CR'), C('change', 'commitment'),
  ];
  const ct = score(rows).changeTalk;

  it('counts CT, ST and %CT = CT / (CT + ST)', () => {
    expect([ct.changeTalk, ct.sustainTalk, ct.neutral, ct.percentChangeTalk]).toEqual([3, 2, 0, 60]);
  });

  it('breaks change and sustain talk down by DARN-CAT subtype', () => {
    expect(ct.darnCat.change).toEqual({ desire: 1, ability: 0, reasons: 1, need: 0, commitment: 1, activation: 0, taking_steps: 0 });
    expect(ct.darnCat.sustain).toEqual({ desire: 0, ability: 1, reasons: 1, need: 0, commitment: 0, activation: 0, taking_steps: 0 });
    expect(ct.darnCat.unspecified).toEqual({ change: 0, sustain: 0 });
  });

  it('counts change and sustain turns without a subtype apart, so the breakdown adds up to CT and ST', () => {
    const t = score([P('OQ'), C('change'), P('RR'), C('sustain'), P('SR'), C('sustain', 'reasons')]).changeTalk;
    expect(t.darnCat.unspecified).toEqual({ change: 1, sustain: 1 });
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(t.darnCat.change) + t.darnCat.unspecified.change).toBe(t.changeTalk);
    expect(sum(t.darnCat.sustain) + t.darnCat.unspecified.sustain).toBe(t.sustainTalk);
  });

  it('links each change-talk turn to the last practitioner turn before it, even across client rows', () => {
    expect(ct.links).toEqual([
      { practitionerTurn: 0, clientTurn: 1, code: 'OQ', subtype: 'desire' },
      { practitionerTurn: 4, clientTurn: 6, code: 'RR', subtype: 'reasons' },
      { practitionerTurn: 7, clientTurn: 8, code: 'CR', subtype: 'commitment' },
    ]);
  });

  it('leaves out client turns before the practitioner\'s first (an opening line nobody drew out)', () => {
    const t = score([C('sustain', 'reasons'), C('neutral'), P('OQ'), C('change', 'desire'), P('SR'), C('sustain', 'ability')]).changeTalk;
    expect([t.changeTalk, t.sustainTalk, t.neutral, t.percentChangeTalk]).toEqual([1, 1, 0, 50]);
    expect(t.series.map((p) => p.clientTurn)).toEqual([3, 5]);
    expect(t.darnCat.sustain.reasons).toBe(0);
  });

  it('counts a turn with several codes once for each of them in the follow rates', () => {
    const t = score([P('CR', 'OQ'), C('change', 'desire'), P('OQ'), C('sustain', 'ability'), P('SR', 'SR'), C('neutral')]).changeTalk;
    expect(t.followRates).toEqual([
      { code: 'OQ', answered: 2, changeTalk: 1, sustainTalk: 1, rate: 0.5 },
      { code: 'SR', answered: 1, changeTalk: 0, sustainTalk: 0, rate: 0 },
      { code: 'CR', answered: 1, changeTalk: 1, sustainTalk: 0, rate: 1 },
    ]);
    // The link still names the turn's primary code.
    expect(t.links).toEqual([{ practitionerTurn: 0, clientTurn: 1, code: 'OQ', subtype: 'desire' }]);
  });

  it('gives the rate of change talk in the client turn right after each code', () => {
    expect(ct.followRates).toEqual([
      { code: 'OQ', answered: 1, changeTalk: 1, sustainTalk: 0, rate: 1 },
      { code: 'SR', answered: 1, changeTalk: 0, sustainTalk: 1, rate: 0 },
      { code: 'CR', answered: 1, changeTalk: 1, sustainTalk: 0, rate: 1 },
      { code: 'RR', answered: 1, changeTalk: 0, sustainTalk: 1, rate: 0 },
    ]);
  });

  it('gives cumulative %CT after every client turn', () => {
    expect(ct.series.map((s) => [s.clientTurn, s.changeTalk, s.sustainTalk, s.percentChangeTalk])).toEqual([
      [1, 1, 0, 100],
      [3, 1, 1, 50],
      [5, 1, 2, 33.3],
      [6, 2, 2, 50],
      [8, 3, 2, 60],
    ]);
  });

  it('leaves %CT null while there is neither change nor sustain talk', () => {
    const s = score([P('OQ'), C('neutral'), P('SR'), C('neutral')]).changeTalk;
    expect(s.percentChangeTalk).toBeNull();
    expect(s.series.map((x) => x.percentChangeTalk)).toEqual([null, null]);
    expect(s.neutral).toBe(2);
  });

  it('neither links nor counts change talk that comes before any practitioner turn', () => {
    const s = score([C('change', 'need'), P('SR'), C('change', 'ability')]).changeTalk;
    expect(s.links).toEqual([{ practitionerTurn: 1, clientTurn: 2, code: 'SR', subtype: 'ability' }]);
    expect(s.changeTalk).toBe(1);
  });

  it('reports a code that was never answered with a null rate', () => {
    const s = score([P('OQ'), C('change'), P('AF'), P('OQ')]).changeTalk;
    expect(s.followRates).toEqual([
      { code: 'OQ', answered: 1, changeTalk: 1, sustainTalk: 0, rate: 1 },
      { code: 'AF', answered: 0, changeTalk: 0, sustainTalk: 0, rate: null },
    ]);
  });
});
