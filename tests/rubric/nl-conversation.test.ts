import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript, type TurnInput } from '../../server/rubric/index.ts';

// Two whole Dutch consultations (our own writing), coded turn by turn as live coding would: one
// in the u-form with an older patient with knee osteoarthritis, one in the je-form with a young
// footballer after an ankle sprain, with a stretch of righting reflex and discord, and one with an
// older man with COPD where the student first pushes, then repairs and asks permission. Each row gives
// the expected main behaviour (practitioner) or talk type (client, P = practitioner, C = client).
// Context matters here: short answers, permission, and a reflection of the client's own words.

const rubric = loadRubrics();
type Row = ['P' | 'C', string, string];

const kneeConsultation: Row[] = [
  ['P', 'Goedemiddag mevrouw Bakker, komt u binnen.', 'NC'],
  ['C', 'Dag.', 'neutral'],
  ['P', 'Fijn dat u er weer bent. Hoe is het de afgelopen week gegaan?', 'OQ'],
  ['C', 'Ach, wisselend. De knie blijft zeuren.', 'neutral'],
  ['P', 'Het blijft maar zeuren.', 'SR'],
  ['C', 'Ja, vooral als ik de trap op moet.', 'neutral'],
  ['P', 'Wat merkt u dan precies?', 'OQ'],
  ['C', 'Dan schiet het erin, en dan denk ik: zie je wel, het gaat kapot.', 'sustain'],
  ['P', 'U bent bang dat de trap uw knie verder beschadigt.', 'CR'],
  ['C', 'Ja, dat is het eigenlijk. Mijn moeder had precies hetzelfde en die liep op het laatst met een rollator.', 'sustain'],
  // Not her words: she spoke of her mother; what she wants for herself is read into it.
  ['P', 'En dat wilt u zelf niet.', 'CR'],
  ['C', 'Nee, absoluut niet. Ik wil nog jaren met mijn kleinzoon naar het bos.', 'change'],
  ['P', 'Dat bos met uw kleinzoon betekent veel voor u.', 'CR'],
  ['C', 'Ja, dat is echt ons uitje. Elke woensdag.', 'neutral'],
  ['P', 'Hoe gaat het met de oefeningen die we vorige keer hebben afgesproken?', 'OQ'],
  ['C', 'Eerlijk gezegd heb ik ze maar twee keer gedaan.', 'neutral'],
  ['P', 'Twee keer.', 'SR'],
  ['C', 'Ja, het kwam er gewoon niet van. En als het pijn doet, dan stop ik, want dan doe ik volgens mij iets verkeerd.', 'sustain'],
  ['P', 'Mag ik u iets vertellen over pijn bij artrose?', 'SEEK'],
  ['C', 'Ja hoor.', 'neutral'],
  ['P', 'Bij artrose betekent pijn tijdens het oefenen meestal niet dat er iets kapot gaat. Een beetje pijn die na een uur weer weg is, mag.', 'GI'],
  ['P', 'Wat vindt u daarvan?', 'SEEK'],
  ['C', 'Hm, dat had ik nooit zo gehoord. Dan zou ik dus gewoon door kunnen gaan.', 'change'],
  ['P', 'U zou dus door kunnen gaan.', 'SR'],
  ['C', 'Ja. Als het een beetje pijn doet.', 'change'],
  ['P', 'Hoe zou u het aan willen pakken deze week?', 'OQ'],
  ['C', 'Misschien kan ik ze \'s ochtends doen, na het ontbijt. Dan is het rustig in huis.', 'change'],
  ['P', 'Dat klinkt als een goed moment.', 'NC'],
  ['C', 'Ik denk dat dat wel gaat lukken.', 'change'],
  ['P', 'Op een schaal van 0 tot 10, hoe zeker bent u dat het lukt?', 'CQ'],
  ['C', 'Een zes, denk ik.', 'change'],
  ['P', 'Waarom een zes en geen drie?', 'OQ'],
  ['C', 'Omdat ik het vorige week twee keer wel gedaan heb. En omdat ik het wil, voor mijn kleinzoon.', 'change'],
  ['P', 'Knap dat u dat zo helder heeft. Je moet ze echt elke dag doen, anders heeft het geen zin.', 'RR'],
  ['C', 'Ja, maar elke dag is wel heel veel.', 'sustain'],
  ['P', 'Dat is gewoon een kwestie van discipline.', 'CON'],
  ['C', 'Tja.', 'neutral'],
  ['P', 'Het is uiteindelijk uw keuze hoe vaak u ze doet.', 'AUTO'],
  ['C', 'Ik ga het proberen, drie keer per week.', 'change'],
  ['P', 'Als ik het even samenvat: de knie zeurt, u was bang dat pijn schade betekent, en u wilt voor uw kleinzoon fit blijven. U gaat drie keer per week na het ontbijt oefenen.', 'SUM'],
  ['C', 'Ja, dat klopt.', 'change'],
  ['P', 'Tot volgende week dan!', 'NC'],
  ['C', 'Dag, tot dan.', 'neutral'],
];

const ankleConsultation: Row[] = [
  ['P', 'Hoi Daan, kom erin. Hoe gaat het met je enkel?', 'OQ'],
  ['C', 'Gaat wel. Ik heb zaterdag gewoon weer gevoetbald.', 'neutral'],
  ['P', 'Je hebt zaterdag weer gespeeld.', 'SR'],
  ['C', 'Ja, ik kon het niet laten. De jongens rekenen op me.', 'sustain'],
  ['P', 'Je team is belangrijk voor je.', 'CR'],
  ['C', 'Ja, heel belangrijk. Maar na de wedstrijd was mijn enkel wel dik.', 'change'],
  ['P', 'Je moet echt nog twee weken rust houden, anders scheurt die band opnieuw.', 'RR'],
  ['C', 'Ja, maar dan mis ik de derby.', 'sustain'],
  ['P', 'Waarom luister je dan niet gewoon?', 'CON'],
  ['C', 'Omdat jullie altijd overdrijven.', 'neutral'],
  ['P', 'Oké, ik merk dat ik je aan het overtuigen ben, en dat werkt niet. Het is jouw enkel en jouw keuze.', 'AUTO'],
  ['C', 'Hm.', 'neutral'],
  ['P', 'Wat zou voor jou een goede uitkomst zijn van deze weken?', 'OQ'],
  ['C', 'Dat ik straks het hele seizoen kan spelen, en niet weer drie maanden aan de kant sta.', 'change'],
  ['P', 'Dus eigenlijk wil je juist voorkomen dat je lang uitvalt.', 'CR'],
  ['C', 'Ja, precies. Vorig jaar zat ik ook al zo lang thuis.', 'change'],
  ['P', 'Mag ik je vertellen wat we weten over enkelbanden?', 'SEEK'],
  ['C', 'Ja, vertel maar.', 'neutral'],
  ['P', 'Een band heeft ongeveer zes weken nodig om weer stevig te worden. Als je eerder vol gaat belasten, is de kans op een nieuwe verstuiking groter.', 'GI'],
  ['P', 'Hoe kijk jij daartegenaan?', 'OQ'],
  ['C', 'Dan moet ik misschien toch die derby laten schieten.', 'change'],
  ['P', 'Dat is een lastige keuze voor je.', 'CR'],
  ['C', 'Ja. Maar ik wil wel de rest van het seizoen fit zijn.', 'change'],
  ['P', 'Wat zou je in de tussentijd kunnen doen om fit te blijven?', 'OQ'],
  ['C', 'Ik kan gaan fietsen en de oefeningen voor mijn enkel doen.', 'change'],
  ['P', 'Goed idee. Knap dat je daar zelf op komt.', 'AF'],
  ['C', 'Ik ga morgen gelijk beginnen met de fietstraining.', 'change'],
];

const copdConsultation: Row[] = [
  ['P', 'Goedemorgen meneer Visser. Hoe gaat het met u?', 'OQ'],
  ['C', 'Och, het gaat. Dat lopen blijft lastig.', 'sustain'],
  ['P', 'U zou echt elke dag moeten wandelen, anders gaat uw conditie verder achteruit.', 'RR'],
  ['C', 'Ja, dat zegt iedereen. Maar ik word al benauwd als ik naar de brievenbus loop.', 'sustain'],
  ['P', 'Dat is gewoon een kwestie van doorzetten.', 'CON'],
  ['C', 'Makkelijk gezegd.', 'sustain'],
  ['P', 'Sorry, ik ging wel erg snel. Het benauwde gevoel maakt u onzeker.', 'CR'],
  ['C', 'Ja. Ik ben bang dat ik weer in het ziekenhuis beland.', 'sustain'],
  ['P', 'Dat was een nare ervaring.', 'SR'],
  ['C', 'Vreselijk. Dat wil ik nooit meer.', 'change'],
  ['P', 'Wat zou er voor u anders zijn als u weer wat verder kon lopen?', 'OQ'],
  ['C', 'Dan kon ik weer zelf boodschappen doen, en met mijn vrouw naar de markt.', 'change'],
  ['P', 'Samen naar de markt betekent veel voor u.', 'CR'],
  ['C', 'Ja, dat deden we altijd op zaterdag.', 'neutral'],
  ['P', 'Mag ik u iets vertellen over benauwdheid bij bewegen?', 'SEEK'],
  ['C', 'Ga uw gang.', 'neutral'],
  ['P', 'Bij COPD is een beetje benauwd worden tijdens het lopen niet gevaarlijk; het zakt meestal binnen een paar minuten weer. Wat vindt u daarvan?', 'GI'],
  ['C', 'Dat wist ik niet. Dan durf ik misschien wel wat verder.', 'change'],
  ['P', 'Wat zou een eerste kleine stap kunnen zijn?', 'OQ'],
  ['C', 'Elke ochtend tot de hoek van de straat en terug.', 'change'],
  ['P', 'Knap dat u dat zo concreet maakt.', 'AF'],
  ['C', 'Ik ga het morgen meteen doen.', 'change'],
  ['P', 'Het is uw keuze hoe ver u gaat. Tot volgende week!', 'AUTO'],
  ['C', 'Tot volgende week.', 'neutral'],
];

function coded(rows: Row[]) {
  const turns: TurnInput[] = rows.map(([s, text]) => ({ speaker: s === 'P' ? 'practitioner' : 'client', text }));
  return codeTranscript(turns, { rubric, language: 'nl' }).turns.map((t) => t.primary ?? t.talk);
}

describe('Dutch consultations coded turn by turn', () => {
  it.each([
    ['knee osteoarthritis, u-form', kneeConsultation],
    ['ankle sprain, je-form, with discord', ankleConsultation],
    ['COPD, u-form, righting reflex then repair', copdConsultation],
  ] as const)('codes every turn of the %s consultation as expected', (_name, rows) => {
    const got = coded(rows);
    const mismatches = rows.flatMap(([, text, want], i) => (got[i] === want ? [] : [`${i}: "${text}" expected ${want}, got ${got[i]}`]));
    expect(mismatches).toEqual([]);
  });

  it('detects Dutch for these consultations without being told', () => {
    const turns: TurnInput[] = kneeConsultation.map(([s, text]) => ({ speaker: s === 'P' ? 'practitioner' : 'client', text }));
    expect(codeTranscript(turns, { rubric }).language).toBe('nl');
  });
});
