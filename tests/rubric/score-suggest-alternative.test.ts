import { describe, expect, it } from 'vitest';
import { nlTeForm, suggestAlternative, suggestAlternatives } from '../../server/rubric/suggest-alternative.ts';
import type { Language, TalkType } from '../../server/rubric/schemas.ts';
import { C, conversation, P } from './score-fixtures.ts';

type Case = {
  code: 'RR' | 'CON';
  language: Language;
  text: string;
  prev?: { text: string; talk: TalkType };
  strategy: string;
  contains: string[];
};

// Each row: the original, the strategy we expect, and the words of the original the alternative
// must reuse (the student should recognise their own topic).
const cases: Case[] = [
  { code: 'RR', language: 'en', text: 'You should really walk every day.', strategy: 'permission', contains: ['Would it be all right if I shared an idea?', 'to walk every day', "It's your call"] },
  { code: 'RR', language: 'en', text: 'You need to stop smoking, or your lungs will pay for it.', strategy: 'permission', contains: ['to stop smoking.'] },
  { code: 'RR', language: 'en', text: "You shouldn't eat so much sugar.", strategy: 'permission', contains: ['to not eat so much sugar'] },
  { code: 'RR', language: 'en', text: "Why don't you just join a gym?", strategy: 'permission', contains: ['to join a gym.'] },
  { code: 'RR', language: 'en', text: 'Just cut down on the beer.', strategy: 'permission', contains: ['to cut down on the beer'] },
  { code: 'RR', language: 'en', text: "If you don't do the exercises, your knee will get stiff.", strategy: 'permission', contains: ['to do the exercises.'] },
  { code: 'RR', language: 'en', text: "I'd recommend cutting down to two beers a night.", strategy: 'permission', contains: ['One option could be cutting down to two beers a night.'] },
  { code: 'RR', language: 'en', text: 'I suggest that you see a dietitian.', strategy: 'permission', contains: ['One option could be to see a dietitian.'] },
  { code: 'RR', language: 'en', text: 'I strongly recommend starting the exercises today.', prev: { text: 'My knee still hurts.', talk: 'sustain' }, strategy: 'reflect-then-ask', contains: ['would make starting the exercises today easier?'] },
  { code: 'RR', language: 'en', text: 'Smoking is terrible for your lungs.', strategy: 'elicit', contains: ['What do you already know about smoking and your lungs?'] },
  { code: 'RR', language: 'en', text: 'You have to do your exercises.', prev: { text: "I can't find the time.", talk: 'sustain' }, strategy: 'reflect-then-ask', contains: ["doesn't feel doable", 'easier to do your exercises?'] },
  { code: 'CON', language: 'en', text: "You're just making excuses about the exercises.", strategy: 'reflect', contains: ['When it comes to the exercises', 'What makes it hard?'] },
  { code: 'CON', language: 'en', text: "That's not true.", prev: { text: 'My back hurts too much.', talk: 'sustain' }, strategy: 'reflect', contains: ['When it comes to your back'] },
  { code: 'CON', language: 'en', text: "That's not true.", strategy: 'reflect', contains: ["It sounds like this isn't easy for you right now."] },
  { code: 'RR', language: 'nl', text: 'Je moet echt elke dag wandelen.', strategy: 'permission', contains: ['Mag ik een idee met je delen?', 'Een mogelijkheid is om elke dag te wandelen.', 'Wat vind je daarvan', 'Jij beslist.'] },
  { code: 'RR', language: 'nl', text: 'U zou meer moeten bewegen, anders wordt het erger.', strategy: 'permission', contains: ['Mag ik een idee met u delen?', 'Een mogelijkheid is om meer te bewegen.', 'Wat vindt u daarvan', 'U beslist.'] },
  { code: 'RR', language: 'nl', text: 'Ik raad u aan om elke ochtend te oefenen.', strategy: 'permission', contains: ['Een mogelijkheid is om elke ochtend te oefenen.', 'Wat vindt u daarvan'] },
  { code: 'RR', language: 'nl', text: 'Stop met roken.', strategy: 'permission', contains: ['Een mogelijkheid is om te stoppen met roken.'] },
  { code: 'RR', language: 'nl', text: 'Beweeg meer.', strategy: 'permission', contains: ['Een mogelijkheid is om meer te bewegen.'] },
  { code: 'RR', language: 'nl', text: 'Roken is slecht voor uw longen.', strategy: 'elicit', contains: ['Wat weet u zelf al over roken en uw longen?'] },
  { code: 'RR', language: 'nl', text: 'Je moet gewoon doorzetten, anders wordt het nooit beter.', prev: { text: 'Ik weet het niet hoor.', talk: 'sustain' }, strategy: 'reflect-then-ask', contains: ['niet haalbaar voelt', 'Wat zou het voor je makkelijker maken om door te zetten?'] },
  { code: 'CON', language: 'nl', text: 'Je bent gewoon lui met je oefeningen.', strategy: 'reflect', contains: ['Als het om je oefeningen gaat', 'Wat maakt het lastig?'] },
  { code: 'CON', language: 'nl', text: 'Dat klopt niet.', prev: { text: 'Mijn rug doet te veel pijn.', talk: 'sustain' }, strategy: 'reflect', contains: ['Als het om uw rug gaat'] },
  // From a review of the app: a topic is no idiom from the client's turn ("up the wall") and no
  // adjective ("the best"); a belief pushed at the client is no option to offer.
  { code: 'CON', language: 'en', text: "That's not true.", prev: { text: "If I cut down now, I'll go up the wall.", talk: 'sustain' }, strategy: 'reflect', contains: ["It sounds like this isn't easy for you right now."] },
  { code: 'RR', language: 'en', text: 'Doing the best you can is not enough here.', strategy: 'elicit', contains: ['What do you already know about this?'] },
  { code: 'RR', language: 'en', text: 'You need to understand that smoking is bad for fractures.', strategy: 'elicit', contains: ['What do you already know about'] },
  { code: 'RR', language: 'en', text: 'You have to take this seriously.', strategy: 'elicit', contains: ['What do you already know about this?'] },
  { code: 'RR', language: 'en', text: 'Your chest will thank you for it.', strategy: 'elicit', contains: ['What do you already know about your chest?'] },
  { code: 'RR', language: 'nl', text: 'Dat is echt het beste voor je.', strategy: 'elicit', contains: ['Wat weet je er zelf al over?'] },
  { code: 'RR', language: 'nl', text: 'U moet begrijpen dat roken slecht is voor de genezing.', strategy: 'elicit', contains: ['Wat weet u zelf al over de genezing?'] },
  // From a second review: "…, do it" names no behaviour, so there is no "make it easier to do it".
  { code: 'RR', language: 'en', text: 'You just have to do it.', prev: { text: "I don't know.", talk: 'sustain' }, strategy: 'elicit', contains: ['What do you already know about'] },
];

describe('suggestAlternative', () => {
  it.each(cases)('$language $code "$text" → $strategy', ({ code, language, text, prev, strategy, contains }) => {
    const alt = suggestAlternative({ code, language, text, previousClient: prev ?? null });
    expect(alt.strategy).toBe(strategy);
    for (const c of contains) expect(alt.alternative).toContain(c);
    expect(alt.why.length).toBeGreaterThan(40);
    // The alternative never repeats the directive itself.
    expect(alt.alternative).not.toMatch(/\byou (should|need to|have to|must)\b|\b(je|u) moet\b/i);
    expect(`${alt.alternative} ${alt.why}`).not.toMatch(/\bover dit\b|\baan dit\b|\bnaar (?:elke|iedere|meer|minder)\b|\bthe (?:wall|best)\b|\bto do it\?/i);
    // No verb agreement to get wrong: "hoe lastig de oefeningen is" was the old wording.
    expect(alt.why).not.toMatch(/\bhoe lastig\b|\bhow hard\b/);
  });

  it.each([
    ['en', /righting reflex|push-back|expert|defend/],
    ['nl', /reparatiereflex|weerstand|expert|verdediging/],
  ] as const)('explains why in %s', (language, why) => {
    for (const code of ['RR', 'CON'] as const) {
      expect(suggestAlternative({ code, language, text: language === 'en' ? 'You must try harder.' : 'Je moet beter je best doen.' }).why).toMatch(why);
    }
  });

  it('ends every English alternative with a question or a choice left to the client', () => {
    for (const c of cases.filter((x) => x.language === 'en')) {
      const alt = suggestAlternative({ code: c.code, language: c.language, text: c.text, previousClient: c.prev ?? null });
      expect(alt.alternative).toMatch(/\?|your call|you decide/);
    }
  });
});

describe('nlTeForm', () => {
  it.each([
    ['meer bewegen', 'meer te bewegen'],
    ['elke dag wandelen', 'elke dag te wandelen'],
    ['stoppen met roken', 'te stoppen met roken'],
    ['doorzetten', 'door te zetten'],
    ['ze elke dag doen', 'ze elke dag te doen'],
    ['naar buiten gaan', 'naar buiten te gaan'],
    ['rustig aan opbouwen', 'rustig aan op te bouwen'],
    ['afvallen', 'af te vallen'],
  ])('puts "te" in "%s" → "%s"', (action, expected) => {
    expect(nlTeForm(action)).toBe(expected);
  });

  it.each(['naar de sportschool', 'om te oefenen'])('gives up on "%s"', (action) => {
    expect(nlTeForm(action)).toBeNull();
  });
});

describe('suggestAlternatives', () => {
  it('gives one alternative per RR/CON utterance, with the turn index and the original words', () => {
    const turns = conversation([P('OQ'), C('sustain'), P('RR'), C('neutral'), P('SR', 'CON')]);
    turns[2]!.codes[0]!.text = 'You should do your exercises.';
    turns[4]!.codes[1]!.text = "That's just an excuse.";
    const alts = suggestAlternatives(turns, 'en');
    expect(alts.map((a) => [a.turnIndex, a.code, a.original, a.strategy])).toEqual([
      [2, 'RR', 'You should do your exercises.', 'reflect-then-ask'],
      [4, 'CON', "That's just an excuse.", 'reflect'],
    ]);
  });

  it('returns nothing for a conversation without RR or CON', () => {
    expect(suggestAlternatives(conversation([P('OQ'), C('change'), P('CR')]), 'nl')).toEqual([]);
  });
});
