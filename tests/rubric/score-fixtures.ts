import type { CodedTurn, PractitionerCode, TalkSubtype, TalkType } from '../../server/rubric/schemas.ts';

// Hand-written coded conversations for the score tables: the engine is not involved, so every
// expected figure in the tests can be worked out on paper from these codes.

export type Row = { p: PractitionerCode[] } | { c: TalkType; sub?: TalkSubtype };

const PRIMARY_ORDER: PractitionerCode[] = ['SUM', 'CON', 'RR', 'PWP', 'OQ', 'CQ', 'CR', 'SR', 'GI', 'SEEK', 'AUTO', 'AF', 'NC'];

export function conversation(rows: Row[]): CodedTurn[] {
  return rows.map((r, index): CodedTurn => {
    if ('p' in r) {
      const primary = PRIMARY_ORDER.find((c) => r.p.includes(c)) ?? 'NC';
      return {
        index,
        speaker: 'practitioner',
        text: r.p.join(' '),
        codes: r.p.map((code) => ({ code, text: code, span: [0, 1], rule: `test.${code}`, confidence: 0.9, explanation: '' })),
        primary,
        talk: null,
        talkSubtype: null,
        talkHits: [],
        source: 'rules',
        fallbackReason: null,
      };
    }
    return {
      index,
      speaker: 'client',
      text: r.c,
      codes: [],
      primary: null,
      talk: r.c,
      talkSubtype: r.sub ?? null,
      talkHits: [],
      source: 'rules',
      fallbackReason: null,
    };
  });
}

export const P = (...p: PractitionerCode[]): Row => ({ p });
export const C = (c: TalkType, sub?: TalkSubtype): Row => (sub ? { c, sub } : { c });
