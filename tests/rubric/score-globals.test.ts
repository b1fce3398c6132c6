import { describe, expect, it } from 'vitest';
import { scoreTranscript } from '../../server/rubric/score-transcript.ts';
import { C, conversation, P } from './score-fixtures.ts';

const score = (rows: Parameters<typeof conversation>[0], language: 'nl' | 'en' = 'en') =>
  scoreTranscript(conversation(rows), { language });

// Worked by hand from the formulas in server/rubric/score-globals.ts (rating = 1 + round(4 × strength)).
describe('estimated global ratings', () => {
  it.each([
    {
      name: 'an evoking, reflective practitioner rates 5 on all four',
      // p=4: evoking 2 (OQ, CR), reflecting 2, deep 1, open 1/1, AUTO 1; CT 2 of 4 client turns;
      // the one sustain talk is answered with SR.
      rows: [P('OQ'), C('change'), P('CR'), C('sustain'), P('SR'), C('change'), P('AUTO'), C('neutral')],
      expected: { cct: 5, sst: 5, partnership: 5, empathy: 5, technical: 5, relational: 5, tLevel: 'good', rLevel: 'good' },
    },
    {
      name: 'a directing, confronting practitioner rates 1 on all four',
      // p=4: nothing evokes; RR and CON are half the turns; both sustain talks answered with RR/CON.
      rows: [P('CQ'), C('sustain'), P('RR'), C('sustain'), P('CON'), C('neutral'), P('GI'), C('neutral')],
      expected: { cct: 1, sst: 1, partnership: 1, empathy: 1, technical: 1, relational: 1, tLevel: 'below', rLevel: 'below' },
    },
    {
      name: 'a mixed practitioner: empathic but arguing with sustain talk',
      // p=5, nonAdh 0.2. CCT: 0.6×0.4 + 0.4×1 − 0.3 = 0.34 → 2. SST: −0.75 + 0.25 − 0.2 → 1.
      // Partnership: 0.35 + 0 + 0.35×0.5 + 0.1×1 − 0.4 = 0.225 → 2. Empathy: 0.15 + 0.6×1 = 0.75 → 4.
      rows: [P('OQ'), C('neutral'), P('SR'), C('sustain'), P('RR'), C('change'), P('CQ'), C('change'), P('SR'), C('neutral')],
      expected: { cct: 2, sst: 1, partnership: 2, empathy: 4, technical: 1.5, relational: 3, tLevel: 'below', rLevel: 'below' },
    },
  ])('$name', ({ rows, expected }) => {
    const s = score(rows);
    expect({
      cct: s.globals.cultivatingChangeTalk.value,
      sst: s.globals.softeningSustainTalk.value,
      partnership: s.globals.partnership.value,
      empathy: s.globals.empathy.value,
      technical: s.miti.technical.value,
      relational: s.miti.relational.value,
      tLevel: s.miti.technical.level,
      rLevel: s.miti.relational.level,
    }).toEqual(expected);
  });

  it('lowers empathy a little for unasked advice and a lot for confrontation', () => {
    // p=2, one complex reflection: 0.15 + 0.6 + 0.25 = 1.0 before penalties.
    // RR in both turns: − 0.5 × 2/2 → 0.5 → 3. CON in both: − 3 × 2/2 → below 0 → 1.
    expect(score([P('RR'), C('neutral'), P('CR', 'RR'), C('neutral')]).globals.empathy.value).toBe(3);
    expect(score([P('CON'), C('neutral'), P('CR', 'CON'), C('neutral')]).globals.empathy.value).toBe(1);
    expect(score([P('SR'), C('neutral'), P('CR'), C('neutral')]).globals.empathy.value).toBe(5);
  });

  it('uses the neutral middle (3) when there are no practitioner turns', () => {
    const s = score([C('change')]);
    expect(Object.values(s.globals).map((g) => g.value)).toEqual([3, 3, 3, 3]);
    expect(s.miti.technical.value).toBe(3);
    expect(s.miti.technical.level).toBe('fair');
  });

  it('gives every rating at least one reason, in the conversation language', () => {
    const rows = [P('OQ'), C('sustain'), P('RR'), C('neutral'), P('CON'), C('change')];
    const en = score(rows, 'en');
    const nl = score(rows, 'nl');
    for (const g of Object.values(en.globals)) expect(g.reasons.length).toBeGreaterThan(0);
    expect(en.globals.softeningSustainTalk.reasons[0]).toMatch(/^Sustain talk answered once:/);
    expect(nl.globals.softeningSustainTalk.reasons[0]).toMatch(/^Behoudtaal 1 keer beantwoord/);
    expect(nl.globals.empathy.reasons.join(' ')).toMatch(/confronteert/);
    expect(en.globals.empathy.reasons.join(' ')).toMatch(/confront/);
    // Same ratings whatever the language.
    expect(Object.values(nl.globals).map((g) => g.value)).toEqual(Object.values(en.globals).map((g) => g.value));
  });
});

describe('the reasons behind the ratings', () => {
  it('say one turn or several, not "turn(s)", in both languages', () => {
    const one = score([P('OQ'), C('sustain'), P('RR'), C('neutral')]);
    const two = score([P('RR'), C('sustain'), P('CON'), C('neutral'), P('RR'), C('neutral')]);
    const nl = score([P('OQ'), C('sustain'), P('RR'), C('neutral')], 'nl');
    const reasons = (s: ReturnType<typeof score>) => Object.values(s.globals).flatMap((g) => g.reasons);
    expect(reasons(one)).toContain('1 turn gives advice without permission or confronts (MI-non-adherent).');
    expect(reasons(one).join(' ')).toMatch(/Sustain talk answered once:/);
    expect(reasons(two)).toContain('3 turns give advice without permission or confront (MI-non-adherent).');
    expect(reasons(nl)).toContain('1 beurt geeft ongevraagd advies of confronteert (niet MI-conform).');
    for (const s of [one, two, nl]) expect(reasons(s).join(' ')).not.toMatch(/\(s\)|\(en\)/);
  });

  it('say when the sustain talk answered includes the client\'s opening line (which CT/ST leave out)', () => {
    const opening = score([C('sustain'), P('SR'), C('neutral'), P('OQ'), C('change')]);
    expect(opening.changeTalk.sustainTalk).toBe(0);
    expect(opening.globals.softeningSustainTalk.reasons[0]).toMatch(/^Sustain talk answered once \(counting the client's opening line/);
    const nl = score([C('sustain'), P('SR'), C('neutral')], 'nl');
    expect(nl.globals.softeningSustainTalk.reasons[0]).toMatch(/^Behoudtaal 1 keer beantwoord \(met de openingszin/);
    // Sustain talk later in the conversation carries no such note.
    expect(score([P('OQ'), C('sustain'), P('SR'), C('neutral')]).globals.softeningSustainTalk.reasons[0]).toMatch(/^Sustain talk answered once:/);
  });
});
