import type { Language, TalkSubtype } from '../rubric/schemas.ts';
import type { Level, MitiFigure, Scores } from '../rubric/scores-schema.ts';
import type { TurnAlternative } from '../rubric/suggest-alternative.ts';

// `kier score` as a terminal report: one block per conversation, labels in the conversation's
// language, every MITI figure next to its fair/good thresholds and marked with its level.

const L = {
  en: {
    conversation: 'Conversation',
    turns: (p: number, c: number) => `${p} practitioner turns, ${c} client turns`,
    overall: 'Overall',
    summary: 'MITI 4.2.1 summary',
    figure: 'figure',
    value: 'value',
    fair: 'fair',
    good: 'good',
    level: 'level',
    levels: { below: 'below', fair: 'fair', good: 'good' } as Record<Level, string>,
    rq: 'Reflection:question (R:Q)',
    pcr: '% complex reflections',
    poq: '% open questions',
    technical: 'Technical (estimated)',
    relational: 'Relational (estimated)',
    counts: 'Turns per code',
    adherent: 'MI-adherent (AF+SEEK+AUTO)',
    nonAdherent: 'MI-non-adherent (RR+CON)',
    globals: 'Global ratings (estimated, 1–5)',
    cct: 'Cultivating change talk',
    sst: 'Softening sustain talk',
    partnership: 'Partnership',
    empathy: 'Empathy',
    changeTalk: 'Change talk',
    ctLine: (ct: number, st: number, n: number, p: string) => `CT ${ct} · ST ${st} · neutral ${n} · %CT ${p}`,
    darn: 'DARN-CAT (change / sustain)',
    subtypes: {
      desire: 'desire',
      ability: 'ability',
      reasons: 'reasons',
      need: 'need',
      commitment: 'commitment',
      activation: 'activation',
      taking_steps: 'taking steps',
    } as Record<TalkSubtype, string>,
    unspecified: 'no subtype',
    partNames: {
      miConsistency: 'MI consistency',
      evoking: 'evoking',
      reflectionToQuestion: 'R:Q',
      complexReflections: '%CR',
      changeTalk: '%CT',
      globals: 'global ratings',
      nonAdherence: 'non-adherence factor',
    } as Record<string, string>,
    links: 'Change talk drawn out by',
    link: (p: number, code: string, c: number, sub: string) => `turn ${p} (${code}) → turn ${c}${sub ? ` (${sub})` : ''}`,
    none: 'none',
    follow: 'Change talk after each code',
    series: '%CT over the conversation',
    parts: 'Parts of overall',
    makeUp: (quality: string, factor: string, overall: number) => `weighted mean ${quality} × factor ${factor} = ${overall} / 100`,
    alternatives: 'Try instead (advice without permission, confrontation)',
    turn: 'turn',
    why: 'why',
  },
  nl: {
    conversation: 'Gesprek',
    turns: (p: number, c: number) => `${p} beurten behandelaar, ${c} beurten cliënt`,
    overall: 'Totaal',
    summary: 'MITI 4.2.1 samenvatting',
    figure: 'maat',
    value: 'waarde',
    fair: 'redelijk',
    good: 'goed',
    level: 'niveau',
    levels: { below: 'onder', fair: 'redelijk', good: 'goed' } as Record<Level, string>,
    rq: 'Reflectie:vraag (R:V)',
    pcr: '% complexe reflecties',
    poq: '% open vragen',
    technical: 'Technisch (geschat)',
    relational: 'Relationeel (geschat)',
    counts: 'Aantal beurten per code',
    adherent: 'MI-conform (AF+SEEK+AUTO)',
    nonAdherent: 'Niet MI-conform (RR+CON)',
    globals: 'Globale scores (geschat, 1–5)',
    cct: 'Verandertaal ontlokken',
    sst: 'Behoudtaal verzachten',
    partnership: 'Partnerschap',
    empathy: 'Empathie',
    changeTalk: 'Verandertaal',
    ctLine: (ct: number, st: number, n: number, p: string) => `VT ${ct} · BT ${st} · neutraal ${n} · %VT ${p}`,
    darn: 'DARN-CAT (verandering / behoud)',
    subtypes: {
      desire: 'wens',
      ability: 'vermogen',
      reasons: 'redenen',
      need: 'noodzaak',
      commitment: 'commitment',
      activation: 'activering',
      taking_steps: 'stappen gezet',
    } as Record<TalkSubtype, string>,
    unspecified: 'zonder soort',
    partNames: {
      miConsistency: 'MI-conformiteit',
      evoking: 'ontlokken',
      reflectionToQuestion: 'R:V',
      complexReflections: '%CR',
      changeTalk: '%VT',
      globals: 'globale scores',
      nonAdherence: 'factor niet MI-conform',
    } as Record<string, string>,
    links: 'Verandertaal ontlokt door',
    link: (p: number, code: string, c: number, sub: string) => `beurt ${p} (${code}) → beurt ${c}${sub ? ` (${sub})` : ''}`,
    none: 'geen',
    follow: 'Verandertaal na elke code',
    series: '%VT door het gesprek',
    parts: 'Onderdelen van het totaal',
    makeUp: (quality: string, factor: string, overall: number) => `gewogen gemiddelde ${quality} × factor ${factor} = ${overall} / 100`,
    alternatives: 'Probeer liever (ongevraagd advies, confrontatie)',
    turn: 'beurt',
    why: 'waarom',
  },
} as const;

const fmt = (v: number | null, digits = 2): string => (v === null ? '–' : v.toFixed(digits));
const num = (v: number | null): string => (v === null ? '–' : String(v));

function table(rows: string[][], firstLeft = true): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => {
          const pad = widths[i]! - [...c].length;
          return i === 0 && firstLeft ? c + ' '.repeat(pad) : ' '.repeat(pad) + c;
        })
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

const SPARK = '▁▂▃▄▅▆▇█';

/** A one-line chart of a 0–100 series; gaps (null) as a dot. */
export function sparkline(values: readonly (number | null)[]): string {
  return values.map((v) => (v === null ? '·' : SPARK[Math.min(7, Math.floor((v / 100) * 8))]!)).join('');
}

export function formatScoreReport(
  conv: { id: string; language: Language; scores: Scores; alternatives?: readonly TurnAlternative[] },
  opts: { color: boolean } = { color: false },
): string {
  const t = L[conv.language];
  const s = conv.scores;
  const paint = (level: Level | null, text: string): string => {
    if (!opts.color || level === null) return text;
    const code = level === 'good' ? 32 : level === 'fair' ? 33 : 31;
    return `\u001b[${code}m${text}\u001b[0m`;
  };
  const row = (label: string, f: MitiFigure, digits = 2): string[] => [
    label,
    fmt(f.value, digits),
    num(f.fair),
    num(f.good),
    f.level === null ? '' : paint(f.level, f.level === 'good' ? `${t.levels.good} ✓` : t.levels[f.level]),
  ];
  const m = s.miti;
  const out: string[] = [];
  out.push(`${t.conversation} ${conv.id} (${conv.language}) — ${t.turns(s.practitionerTurns, s.clientTurns)}`);
  out.push(`${t.overall}: ${s.overall}/100`);
  out.push('');
  out.push(t.summary);
  out.push(
    table([
      [t.figure, t.value, t.fair, t.good, t.level],
      row(t.rq, m.reflectionToQuestion),
      row(t.pcr, m.percentComplexReflections, 1),
      row(t.poq, m.percentOpenQuestions, 1),
      row(t.technical, m.technical),
      row(t.relational, m.relational),
    ]),
  );
  out.push('');
  out.push(t.counts);
  const codes = Object.entries(s.counts);
  out.push(table([codes.map(([c]) => c), codes.map(([, n]) => String(n))], false));
  out.push(`${t.adherent}: ${m.miAdherent}   ${t.nonAdherent}: ${m.miNonAdherent}`);
  out.push('');
  out.push(t.globals);
  const g = s.globals;
  for (const [label, r] of [
    [t.cct, g.cultivatingChangeTalk],
    [t.sst, g.softeningSustainTalk],
    [t.partnership, g.partnership],
    [t.empathy, g.empathy],
  ] as const) {
    out.push(`  ${label}: ${r.value}`);
    for (const reason of r.reasons) out.push(`      - ${reason}`);
  }
  out.push('');
  const ct = s.changeTalk;
  out.push(`${t.changeTalk}: ${t.ctLine(ct.changeTalk, ct.sustainTalk, ct.neutral, fmt(ct.percentChangeTalk, 1))}`);
  const subs = Object.keys(ct.darnCat.change) as (keyof typeof ct.darnCat.change)[];
  const unspecified = ct.darnCat.unspecified;
  out.push(
    `  ${t.darn}: ${subs.map((k) => `${t.subtypes[k]} ${ct.darnCat.change[k]}/${ct.darnCat.sustain[k]}`).join(' · ')}` +
      (unspecified.change + unspecified.sustain > 0 ? ` · ${t.unspecified} ${unspecified.change}/${unspecified.sustain}` : ''),
  );
  out.push(`  ${t.links}: ${ct.links.length ? ct.links.map((l) => t.link(l.practitionerTurn, l.code, l.clientTurn, l.subtype ? t.subtypes[l.subtype] : '')).join('; ') : t.none}`);
  if (ct.followRates.length) {
    out.push(`  ${t.follow}:`);
    out.push(
      table([
        ['', ...ct.followRates.map((f) => f.code)],
        ['n', ...ct.followRates.map((f) => String(f.answered))],
        ['CT', ...ct.followRates.map((f) => String(f.changeTalk))],
        ['%', ...ct.followRates.map((f) => (f.rate === null ? '–' : String(Math.round(100 * f.rate))))],
      ])
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
    );
  }
  if (ct.series.length) {
    out.push(`  ${t.series}: ${sparkline(ct.series.map((p) => p.percentChangeTalk))} (${fmt(ct.percentChangeTalk, 1)})`);
  }
  out.push('');
  if (conv.alternatives?.length) {
    out.push(t.alternatives);
    for (const a of conv.alternatives) {
      out.push(`  ${t.turn} ${a.turnIndex} (${a.code}): "${a.original}"`);
      out.push(`      → ${a.alternative}`);
      out.push(`      ${t.why}: ${a.why}`);
    }
    out.push('');
  }
  out.push(`${t.parts}: ${s.overallParts.map((p) => `${t.partNames[p.name] ?? p.name} ${p.value.toFixed(2)}${p.weight === null ? ' (×)' : ` (w ${p.weight})`}`).join(' · ')}`);
  const factor = s.overallParts.find((p) => p.role === 'factor');
  if (factor) out.push(`  ${t.makeUp(s.overallQuality.toFixed(2), factor.value.toFixed(2), s.overall)}`);
  out.push('');
  return out.join('\n');
}
