import type { CompiledRule } from './compile-rubric.ts';
import type { CodeHit, Language, PractitionerCode, TalkHit, TalkSubtype, TalkType } from './schemas.ts';
import type { Utterance } from './segment.ts';

// Stage 4 of 4. Turns the per-utterance rule decisions into the turn's codes, its `primary` (the
// main behaviour) and, for client turns, its talk type. Scoring (scoreTranscript) comes after.

/** A subtype taken from elsewhere, and where from (a rule id, or "previous-client"). */
export interface SubtypeSource {
  subtype: TalkSubtype;
  from: string;
}

const NO_RULE_EXPLANATION: Record<Language, { practitioner: string; client: string }> = {
  en: {
    practitioner: 'No rule recognised a behaviour here (greeting, filler or structuring).',
    client: 'No change or sustain talk recognised.',
  },
  nl: {
    practitioner: 'Geen regel herkende hier een gedrag (begroeting, opvulling of structuur).',
    client: 'Geen verandertaal of behoudtaal herkend.',
  },
};

/**
 * When a turn holds several behaviours, its main behaviour (`primary`) is the one with the most
 * weight: the share of the turn it takes up (characters) times the confidence of its rule, times
 * 2 for questions and for information and advice (a client answers the question and hears the
 * advice, even inside a longer turn), 3 for confrontation (a label or an argument colours the whole
 * turn, however much information follows it), 1 for reflections, 0.5 for AF, SEEK and AUTO
 * (they usually accompany another behaviour). NC is primary only when nothing else is there.
 * Ties go to the earlier code in PRIMARY_PRECEDENCE. When the main behaviour is a question and the
 * turn asks several, the last one decides open or closed: it is the one the client answers
 * ("What brings you here? Is it the knee?" invites a yes or no).
 */
export const PRIMARY_PRECEDENCE: readonly PractitionerCode[] = [
  'SUM',
  'CON',
  'RR',
  'PWP',
  'OQ',
  'CQ',
  'CR',
  'SR',
  'GI',
  'SEEK',
  'AUTO',
  'AF',
  'NC',
];
const RANK: Record<PractitionerCode, number> = Object.fromEntries(
  PRIMARY_PRECEDENCE.map((c, i) => [c, i]),
) as Record<PractitionerCode, number>;

export const PRIMARY_WEIGHT: Readonly<Record<PractitionerCode, number>> = {
  OQ: 2,
  CQ: 2,
  GI: 2,
  PWP: 2,
  RR: 2,
  CON: 3,
  SR: 1,
  CR: 1,
  SUM: 1,
  AF: 0.5,
  SEEK: 0.5,
  AUTO: 0.5,
  NC: 0,
};

function pickPrimary(codes: readonly CodeHit[]): PractitionerCode {
  let primary: PractitionerCode = 'NC';
  let best = 0;
  for (const c of codes) {
    const w = (c.span[1] - c.span[0]) * c.confidence * PRIMARY_WEIGHT[c.code];
    if (w > best || (w === best && w > 0 && RANK[c.code] < RANK[primary])) {
      best = w;
      primary = c.code;
    }
  }
  if (primary === 'OQ' || primary === 'CQ') {
    for (let i = codes.length - 1; i >= 0; i--) {
      const code = codes[i]!.code;
      if (code === 'OQ' || code === 'CQ') return code;
    }
  }
  return primary;
}

export function resolvePractitioner(
  text: string,
  utterances: readonly Utterance[],
  rules: readonly (CompiledRule | null)[],
  language: Language,
): { codes: CodeHit[]; primary: PractitionerCode } {
  const codes: CodeHit[] = [];
  for (let i = 0; i < utterances.length; i++) {
    const u = utterances[i]!;
    const r = rules[i];
    const code: PractitionerCode = r?.code ?? 'NC';
    const last = codes[codes.length - 1];
    // Adjacent utterances with the same code are one behaviour (a reflection in two sentences), and
    // the reflections after an announced summary ("Let me summarise. You…") are that summary.
    // So are the reflections before a summary's closing check ("… Heb ik dat goed samengevat?").
    if (last && code === 'SUM' && r && (last.code === 'SR' || last.code === 'CR')) {
      last.code = 'SUM';
      last.span[1] = u.end;
      last.text = text.slice(last.span[0], u.end);
      last.rule = r.id;
      last.confidence = r.confidence;
      last.explanation = r.explanation;
      continue;
    }
    if (last && (last.code === code || (last.code === 'SUM' && (code === 'SR' || code === 'CR')))) {
      last.span[1] = u.end;
      last.text = text.slice(last.span[0], u.end);
      if (r && r.code === last.code && r.confidence > last.confidence) {
        last.rule = r.id;
        last.confidence = r.confidence;
        last.explanation = r.explanation;
      }
      continue;
    }
    codes.push({
      code,
      text: text.slice(u.start, u.end),
      span: [u.start, u.end],
      rule: r ? r.id : `${language}.nc.no-rule`,
      confidence: r ? r.confidence : 0.3,
      explanation: r ? r.explanation : NO_RULE_EXPLANATION[language].practitioner,
    });
  }
  if (codes.length === 0) {
    codes.push({
      code: 'NC',
      text,
      span: [0, text.length],
      rule: `${language}.nc.no-rule`,
      confidence: 0.3,
      explanation: NO_RULE_EXPLANATION[language].practitioner,
    });
  }
  const primary = pickPrimary(codes);
  const kept = primary === 'NC' ? codes.slice(0, 1) : codes.filter((c) => c.code !== 'NC');
  return { codes: kept, primary };
}

export function resolveClient(
  text: string,
  utterances: readonly Utterance[],
  rules: readonly (CompiledRule | null)[],
  language: Language,
  subtypes: readonly (SubtypeSource | null)[] | null = null,
): { talkHits: TalkHit[]; talk: TalkType; talkSubtype: TalkSubtype | null } {
  const talkHits: TalkHit[] = [];
  let best: TalkHit | null = null;
  for (let i = 0; i < utterances.length; i++) {
    const u = utterances[i]!;
    const r = rules[i];
    const taken = subtypes?.[i] ?? null;
    const hit: TalkHit = {
      talk: r?.talk ?? 'neutral',
      subtype: r?.subtype ?? taken?.subtype ?? null,
      text: text.slice(u.start, u.end),
      span: [u.start, u.end],
      rule: r ? r.id : `${language}.neutral.no-rule`,
      confidence: r ? r.confidence : 0.3,
      explanation: r ? r.explanation : NO_RULE_EXPLANATION[language].client,
    };
    if (taken) hit.subtypeFrom = taken.from;
    talkHits.push(hit);
    // Change or sustain anywhere outweighs neutral; between the two, the more confident wins and,
    // on a tie, the later one (clients tend to end on where they stand).
    if (hit.talk === 'neutral') continue;
    if (!best || hit.confidence >= best.confidence) best = hit;
  }
  if (talkHits.length === 0) {
    talkHits.push({
      talk: 'neutral',
      subtype: null,
      text,
      span: [0, text.length],
      rule: `${language}.neutral.no-rule`,
      confidence: 0.3,
      explanation: NO_RULE_EXPLANATION[language].client,
    });
  }
  return best ? { talkHits, talk: best.talk, talkSubtype: best.subtype } : { talkHits, talk: 'neutral', talkSubtype: null };
}
