import { nlTeForm } from '../rubric/suggest-alternative.ts';
import type { Language } from '../rubric/schemas.ts';
import type { Scenario } from './scenario-schema.ts';

// Two scripted practitioners for `kier simulate`: one MI-consistent (open questions, complex
// reflections, affirmations, asking permission), one stuck in the righting reflex (closed
// questions, advice, warnings). {for} and {against} are filled with keywords of the scenario's
// themes so the patient hears its own topics; {goal} with the target behaviour.

export type PractitionerStyle = 'mi' | 'righting';

const SCRIPTS: Record<PractitionerStyle, Record<Language, string[]>> = {
  mi: {
    nl: [
      'Fijn dat je er bent. Wat zou je vandaag graag willen bespreken?',
      'Hoe gaat het op dit moment met {for}?',
      'Het klinkt alsof je er eigenlijk wel iets aan wilt doen, maar het voelt ook als een hele klus.',
      'Wat zou er voor jou beter worden als het lukt om {goal}?',
      'Knap dat je zo eerlijk bent over hoe het gaat, dat helpt ons echt verder.',
      'Je maakt je zorgen over {against}, en tegelijk merk je dat stilzitten je ook niet verder helpt.',
      'Wat heb je zelf al geprobeerd dat een beetje werkte?',
      'Op een schaal van 0 tot 10, hoe belangrijk is het voor je om {goal}?',
      'Waarom een {n} en niet een lager cijfer?',
      'Dus eigenlijk is {for} voor jou de belangrijkste reden om hiermee bezig te zijn.',
      'Mag ik iets vertellen over wat andere mensen in jouw situatie helpt?',
      'Het is uiteindelijk jouw keuze wat je hiermee doet; wat denk jij ervan?',
      'Als ik het even samenvat: {against} houdt je tegen, maar {for} is voor jou echt belangrijk, en je merkt dat het zo niet langer kan.',
      'Wat zou een eerste kleine stap kunnen zijn?',
      'Je hebt al laten zien dat je dingen kunt volhouden als ze belangrijk voor je zijn.',
      'Op een schaal van 0 tot 10, hoeveel vertrouwen heb je dat het je lukt?',
      'Hoe zou je het aanpakken als je morgen begint?',
      'Wat is je plan voor de komende week?',
      'Je bent eigenlijk al aan het nadenken over hoe het past in je week.',
      'Dank je wel voor dit gesprek, tot volgende week.',
    ],
    en: [
      'Thanks for coming in. What would you like to talk about today?',
      'How are things going with {for} at the moment?',
      'It sounds like part of you wants to do something about this, and it also feels like a lot.',
      'What would be better for you if you managed to {goal}?',
      "You've been really honest about how it's going, and that takes courage.",
      "You're worried about {against}, and at the same time you notice that doing nothing isn't helping either.",
      'What have you tried yourself that worked a little?',
      'On a scale from 0 to 10, how important is it for you to {goal}?',
      'Why a {n} and not a lower number?',
      'So {for} is really the main reason this matters to you.',
      'Would it be okay if I shared what has helped other people in your situation?',
      "It's your choice in the end what you do with this; what do you make of it?",
      'Let me summarise: {against} holds you back, but {for} really matters to you, and you feel things cannot go on like this.',
      'What could be a first small step?',
      "You've already shown that you can keep things up when they matter to you.",
      'On a scale from 0 to 10, how confident are you that you could do it?',
      'How would you go about it if you started tomorrow?',
      "What's your plan for the coming week?",
      "You're already thinking about how this could fit into your week.",
      'Thank you for this conversation, see you next week.',
    ],
  },
  righting: {
    nl: [
      'Goedemorgen. Heeft u de oefeningen gedaan?',
      'U moet echt elke dag oefenen, anders wordt het niets.',
      'Heeft u nog pijn?',
      'Als u niet beweegt, wordt het alleen maar erger.',
      'Het is belangrijk dat u gewoon doorzet, ook als het even tegenzit.',
      'Doet u het wel elke dag?',
      'Het is echt belangrijk om {goal}, dat is de enige manier.',
      'Bent u wel gemotiveerd?',
      'Dat is gewoon een excuus, iedereen heeft tijd voor een paar oefeningen.',
      'U moet stoppen met piekeren over {against} en gewoon beginnen.',
      'Heeft u het schema nog?',
      'Als u zo doorgaat, eindigt u straks met veel meer klachten.',
      'Kunt u het niet gewoon in de ochtend doen?',
      'U moet er echt meer moeite voor doen.',
      'Gaat u het deze week doen?',
      'Het is echt belangrijk dat u naar mij luistert.',
      'Heeft u nog vragen?',
      'U moet het gewoon elke dag inplannen.',
      'Begrijpt u hoe belangrijk dit is?',
      'Goed, tot volgende week.',
    ],
    en: [
      'Good morning. Have you done your exercises?',
      'You really need to exercise every day, otherwise it will not work.',
      'Are you still in pain?',
      "If you don't move, it will only get worse.",
      'It is important that you just keep going, even when it is hard.',
      'Do you do it every day?',
      'You really have to {goal}, that is the only way.',
      'Are you motivated at all?',
      "That's just an excuse, everybody has time for a few exercises.",
      'You have to stop worrying about {against} and just start.',
      'Do you still have the schedule?',
      "If you carry on like this, you'll end up with far more problems.",
      "Can't you just do it in the morning?",
      'You need to put more effort into this.',
      'Are you going to do it this week?',
      'It is really important that you listen to me.',
      'Do you have any questions?',
      'You should just schedule it every day.',
      'Do you understand how important this is?',
      'Right, see you next week.',
    ],
  },
};

export const SCRIPT_LENGTH = 20;

function firstKeyword(scenario: Scenario, side: 'for' | 'against', turn: number): string {
  const themes = scenario.themes.filter((t) => t.side === side);
  const theme = themes[turn % themes.length]!;
  return theme.keywords.find((k) => k.length > 3) ?? theme.keywords[0]!;
}

/** The target behaviour as it reads after "om … " / "to …": Dutch puts "te" before the final verb. */
export function goalPhrase(scenario: Scenario): string {
  const goal = scenario.targetBehaviour.trim().replace(/[.!]$/, '');
  if (scenario.language === 'en') return goal.replace(/^to\s+/i, '');
  // "op te bouwen" for a separable verb, as the report's alternatives say it (nlTeForm).
  return nlTeForm(goal) ?? goal;
}

/** The practitioner's text for turn `turn` (0-based); {n} is the patient's last ruler answer. */
export function scriptedTurn(style: PractitionerStyle, scenario: Scenario, turn: number, lastRuler: number | null): string {
  const line = SCRIPTS[style][scenario.language][turn % SCRIPT_LENGTH]!;
  const goal = goalPhrase(scenario);
  return line
    .replaceAll('{for}', firstKeyword(scenario, 'for', turn))
    .replaceAll('{against}', firstKeyword(scenario, 'against', turn))
    .replaceAll('{goal}', goal)
    .replaceAll('{n}', String(lastRuler ?? 5));
}
