import type { CodedTurn, Language, PractitionerCode } from './schemas.ts';
import { round } from './score-miti.ts';
import type { ChangeTalk, CodeCounts, GlobalRating, Globals } from './scores-schema.ts';

// Estimated MITI 4.2.1 global ratings. A human rates these from the whole conversation; we can
// only see the codes, so each rating is a 0–1 "strength" built from the behaviours the manual
// names for it, mapped to 1–5 as 1 + round(4 × strength). Every rating lists the evidence used,
// in the conversation's language, so a student can see why.
//
//   cultivating change talk  evoking turns (OQ, CR, SUM) per practitioner turn (full at 1 in 2)
//                            and the share of client turns that are change talk (full at 1 in 3);
//                            advice/confrontation without permission pulls it down.
//   softening sustain talk   how sustain talk was answered: reflections, affirmations, autonomy
//                            and open questions soften it; RR and CON strengthen it. Without
//                            sustain talk, only the MI-non-adherent rate counts.
//   partnership              SEEK, AUTO and PWP (power sharing) and open questions up; RR, CON
//                            and a practitioner who mostly informs (GI) down.
//   empathy                  reflections per practitioner turn (full at 2 in 5) and their depth
//                            (%CR, full at 50%); CON pulls it down hard, unasked advice (RR) a little.

export interface GlobalsInput {
  turns: readonly CodedTurn[];
  sets: readonly Set<PractitionerCode>[];
  counts: CodeCounts;
  changeTalk: ChangeTalk;
  language: Language;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
export const toRating = (strength: number): number => 1 + Math.round(4 * clamp01(strength));

const T = {
  en: {
    noTurns: 'No practitioner turns to rate; the neutral middle is used.',
    evoking: (n: number, p: number) => `${n} of ${p} practitioner turns evoke (open questions, complex reflections, summaries).`,
    ctShare: (ct: number, c: number) => `${ct} of ${c} client turns are change talk.`,
    nonAdh: (n: number) => n === 1 ? '1 turn gives advice without permission or confronts (MI-non-adherent).' : `${n} turns give advice without permission or confront (MI-non-adherent).`,
    stAnswered: (soft: number, hard: number, n: number, opening: number) =>
      `Sustain talk answered ${n === 1 ? 'once' : `${n} times`}${opening > 0 ? ' (counting the client\'s opening line, which the change talk figures leave out)' : ''}: ${soft} with reflection, affirmation, autonomy or an open question; ${hard} with advice or confrontation.`,
    noSt: 'No sustain talk to soften; rated on the absence of arguing and advising.',
    partnershipUp: (n: number) => n === 1 ? '1 turn seeks collaboration, asks permission or emphasises autonomy.' : `${n} turns seek collaboration, ask permission or emphasise autonomy.`,
    openShare: (o: number, q: number) => `${o} of ${q} question turns are open.`,
    informing: (n: number, p: number) => `${n} of ${p} practitioner turns mainly inform (GI).`,
    reflections: (r: number, p: number) => `${r} of ${p} practitioner turns reflect what the client said.`,
    depth: (cr: number, r: number) => `${cr} of ${r} reflecting turns are complex or summaries.`,
    confront: (n: number) => n === 1 ? '1 turn confronts or labels the client.' : `${n} turns confront or label the client.`,
    unasked: (n: number) => n === 1 ? '1 turn pushes advice the client did not ask for, rather than exploring their view.' : `${n} turns push advice the client did not ask for, rather than exploring their view.`,
  },
  nl: {
    noTurns: 'Geen beurten van de behandelaar om te beoordelen; het neutrale midden is gebruikt.',
    evoking: (n: number, p: number) => `${n} van ${p} beurten van de behandelaar ontlokken (open vragen, complexe reflecties, samenvattingen).`,
    ctShare: (ct: number, c: number) => `${ct} van ${c} beurten van de cliënt zijn verandertaal.`,
    nonAdh: (n: number) => n === 1 ? '1 beurt geeft ongevraagd advies of confronteert (niet MI-conform).' : `${n} beurten geven ongevraagd advies of confronteren (niet MI-conform).`,
    stAnswered: (soft: number, hard: number, n: number, opening: number) =>
      `Behoudtaal ${n} keer beantwoord${opening > 0 ? ' (met de openingszin van de cliënt, die de cijfers over verandertaal niet meetellen)' : ''}: ${soft} keer met reflectie, bevestiging, autonomie of een open vraag; ${hard} keer met advies of confrontatie.`,
    noSt: 'Geen behoudtaal om te verzachten; beoordeeld op het ontbreken van discussie en advies.',
    partnershipUp: (n: number) => n === 1 ? '1 beurt zoekt samenwerking, vraagt toestemming of benadrukt autonomie.' : `${n} beurten zoeken samenwerking, vragen toestemming of benadrukken autonomie.`,
    openShare: (o: number, q: number) => `${o} van ${q} beurten met een vraag stellen een open vraag.`,
    informing: (n: number, p: number) => `${n} van ${p} beurten van de behandelaar geven vooral informatie (GI).`,
    reflections: (r: number, p: number) => `${r} van ${p} beurten van de behandelaar reflecteren wat de cliënt zei.`,
    depth: (cr: number, r: number) => `${cr} van ${r} reflecterende beurten zijn complex of een samenvatting.`,
    confront: (n: number) => n === 1 ? '1 beurt confronteert of bestempelt de cliënt.' : `${n} beurten confronteren of bestempelen de cliënt.`,
    unasked: (n: number) => n === 1 ? '1 beurt geeft ongevraagd advies in plaats van het perspectief van de cliënt te verkennen.' : `${n} beurten geven ongevraagd advies in plaats van het perspectief van de cliënt te verkennen.`,
  },
} as const;

const SOFTENING: ReadonlySet<PractitionerCode> = new Set(['SR', 'CR', 'SUM', 'AF', 'AUTO', 'OQ', 'SEEK']);
const HARDENING: ReadonlySet<PractitionerCode> = new Set(['RR', 'CON']);

function rating(strength: number, reasons: string[]): GlobalRating {
  return { value: toRating(strength), reasons };
}

export function estimateGlobals(input: GlobalsInput): Globals & { technical: number; relational: number } {
  const { turns, sets, counts, changeTalk, language } = input;
  const t = T[language];
  const p = sets.length;
  if (p === 0) {
    const mid = rating(0.5, [t.noTurns]);
    return {
      cultivatingChangeTalk: mid,
      softeningSustainTalk: mid,
      partnership: mid,
      empathy: mid,
      technical: 3,
      relational: 3,
    };
  }
  let evoking = 0;
  let reflecting = 0;
  let deep = 0;
  let questionTurns = 0;
  let openTurns = 0;
  let nonAdherent = 0;
  let sharing = 0;
  for (const s of sets) {
    if (s.has('OQ') || s.has('CR') || s.has('SUM')) evoking++;
    if (s.has('SR') || s.has('CR') || s.has('SUM')) reflecting++;
    if (s.has('CR') || s.has('SUM')) deep++;
    if (s.has('OQ') || s.has('CQ')) questionTurns++;
    if (s.has('OQ')) openTurns++;
    if (s.has('RR') || s.has('CON')) nonAdherent++;
    if (s.has('SEEK') || s.has('AUTO') || s.has('PWP')) sharing++;
  }
  const nonAdhRate = nonAdherent / p;
  const clientTurns = changeTalk.changeTalk + changeTalk.sustainTalk + changeTalk.neutral;

  // Cultivating change talk.
  const evokeRate = evoking / p;
  const ctShare = clientTurns > 0 ? changeTalk.changeTalk / clientTurns : 0;
  const cctReasons = [t.evoking(evoking, p)];
  if (clientTurns > 0) cctReasons.push(t.ctShare(changeTalk.changeTalk, clientTurns));
  if (nonAdherent > 0) cctReasons.push(t.nonAdh(nonAdherent));
  const cct = 0.6 * clamp01(evokeRate / 0.5) + 0.4 * clamp01(ctShare / (1 / 3)) - 1.5 * nonAdhRate;

  // Softening sustain talk: the first practitioner turn after each sustain-talk turn.
  let stAnswered = 0;
  let soft = 0;
  let hard = 0;
  // How the practitioner meets sustain talk in the client's opening line counts here too (it is
  // the student's first response), though CT/ST leave that line out: the reason says so.
  let openingAnswered = 0;
  let practitionerSeen = false;
  for (let i = 0; i < turns.length; i++) {
    const c = turns[i]!;
    if (c.speaker === 'practitioner') practitionerSeen = true;
    if (c.speaker !== 'client' || c.talk !== 'sustain') continue;
    const next = turns[i + 1];
    if (!next || next.speaker !== 'practitioner') continue;
    stAnswered++;
    if (!practitionerSeen) openingAnswered++;
    const codes = next.codes.length > 0 ? next.codes.map((h) => h.code) : [next.primary ?? 'NC'];
    if (codes.some((x) => HARDENING.has(x))) hard++;
    else if (codes.some((x) => SOFTENING.has(x))) soft++;
  }
  let sst: number;
  const sstReasons: string[] = [];
  if (stAnswered > 0) {
    sstReasons.push(t.stAnswered(soft, hard, stAnswered, openingAnswered));
    sst = (soft - hard) / stAnswered * 0.75 + 0.25 - nonAdhRate;
  } else {
    sstReasons.push(t.noSt);
    sst = 0.75 - 2 * nonAdhRate;
  }
  if (nonAdherent > 0) sstReasons.push(t.nonAdh(nonAdherent));

  // Partnership.
  const openShare = questionTurns > 0 ? openTurns / questionTurns : 0.5;
  const giRate = counts.GI / p;
  const partnershipReasons = [t.partnershipUp(sharing)];
  if (questionTurns > 0) partnershipReasons.push(t.openShare(openTurns, questionTurns));
  if (giRate > 0.25) partnershipReasons.push(t.informing(counts.GI, p));
  if (nonAdherent > 0) partnershipReasons.push(t.nonAdh(nonAdherent));
  const partnership =
    0.35 + 0.3 * clamp01(sharing / p / 0.1) + 0.35 * openShare + 0.1 * clamp01(reflecting / p / 0.4) -
    2 * nonAdhRate - 0.5 * Math.max(0, giRate - 0.25);

  // Empathy.
  const reflectRate = reflecting / p;
  const depth = reflecting > 0 ? deep / reflecting : 0;
  const empathyReasons = [t.reflections(reflecting, p)];
  if (reflecting > 0) empathyReasons.push(t.depth(deep, reflecting));
  if (counts.CON > 0) empathyReasons.push(t.confront(counts.CON));
  if (counts.RR > 0) empathyReasons.push(t.unasked(counts.RR));
  const empathy =
    0.15 + 0.6 * clamp01(reflectRate / 0.4) + 0.25 * clamp01(depth / 0.5) - 3 * (counts.CON / p) - 0.5 * (counts.RR / p);

  const g: Globals = {
    cultivatingChangeTalk: rating(cct, cctReasons),
    softeningSustainTalk: rating(sst, sstReasons),
    partnership: rating(partnership, partnershipReasons),
    empathy: rating(empathy, empathyReasons),
  };
  return {
    ...g,
    technical: round((g.cultivatingChangeTalk.value + g.softeningSustainTalk.value) / 2, 2),
    relational: round((g.partnership.value + g.empathy.value) / 2, 2),
  };
}
