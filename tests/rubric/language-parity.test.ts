import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript, type Language, type TurnInput } from '../../server/rubric/index.ts';

// Dutch as good as English: the same behaviour, said in each language, gets the same code. Each
// row is one utterance in both languages, with the turn before it where the code depends on it
// (the client's words before a reflection, the question before a short answer). The rows came from probing both rubrics side by side; each mismatch found there
// was a missing or wrong rule in one language. Left out on purpose, because the two readings are
// both defensible: "So the pain is worst in the morning" with no client turn before it, and "I'm
// afraid it will get worse" (fear of moving, or a reason to change?), and reflections whose
// share of the client's own words differs between the two wordings (simple in one, complex in the
// other).

const rubric = loadRubrics(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../rubrics'));

interface Pair {
  en: string;
  nl: string;
  /** The client turn before a practitioner row, or the practitioner turn before a client row. */
  before?: { en: string; nl: string };
}

const practitioner: Pair[] = [
  { en: "You've worked really hard on this.", nl: 'Je hebt hier echt hard aan gewerkt.' },
  { en: 'You managed to walk every day this week, even with the pain.', nl: 'Het is je gelukt om deze week elke dag te lopen, ondanks de pijn.' },
  { en: 'Would it be okay if we talked about your exercise?', nl: 'Vind je het goed als we het over je oefeningen hebben?' },
  { en: "It's entirely your decision.", nl: 'Het is helemaal jouw beslissing.' },
  { en: 'Walking for thirty minutes a day lowers blood pressure.', nl: 'Dertig minuten per dag wandelen verlaagt de bloeddruk.' },
  { en: "So you'll never be able to exercise again.", nl: 'Dus je zult nooit meer kunnen sporten.', before: { en: "I can't exercise with this knee.", nl: 'Ik kan met deze knie niet sporten.' } },
  { en: "You're afraid the pain will come back.", nl: 'Je bent bang dat de pijn terugkomt.', before: { en: 'The pain might come back.', nl: 'De pijn kan terugkomen.' } },
  { en: 'You walk twice a week.', nl: 'Je loopt twee keer per week.', before: { en: 'I walk twice a week.', nl: 'Ik loop twee keer per week.' } },
  { en: 'Let me summarise: you want to walk more, work is busy, and your knee hurts.', nl: 'Als ik het even samenvat: je wilt meer lopen, je werk is druk en je knie doet pijn.' },
  { en: 'On the one hand you enjoy smoking, and on the other hand you worry about your lungs.', nl: 'Aan de ene kant rook je graag, en aan de andere kant maak je je zorgen om je longen.' },
  { en: 'It sounds like you are tired of the pain.', nl: 'Het klinkt alsof je de pijn zat bent.' },
  { en: "You've been doing the exercises, right?", nl: 'Je hebt de oefeningen gedaan, toch?' },
  { en: 'Is it the knee that bothers you most?', nl: 'Is het vooral de knie die je dwarszit?' },
  { en: 'What would you like to change?', nl: 'Wat zou je willen veranderen?' },
  { en: 'Tell me more about that.', nl: 'Vertel daar eens wat meer over.' },
  { en: 'How important is it for you, on a scale from 0 to 10?', nl: 'Hoe belangrijk is het voor je, op een schaal van 0 tot 10?' },
  { en: 'Can I tell you what usually helps?', nl: 'Mag ik je vertellen wat meestal helpt?' },
  { en: 'Just do your exercises.', nl: 'Doe gewoon je oefeningen.' },
  { en: 'You should not lift heavy things.', nl: 'Je moet geen zware dingen tillen.' },
  { en: 'You could try taking the stairs.', nl: 'Je zou kunnen proberen om de trap te nemen.' },
  { en: 'Maybe you could take the stairs, if that suits you.', nl: 'Misschien kun je de trap nemen, als dat bij je past.' },
  { en: 'You could get into an accident.', nl: 'Je zou een ongeluk kunnen krijgen.' },
  { en: "Wouldn't it be better to cut down a bit?", nl: 'Zou het niet beter zijn om wat te minderen?' },
  { en: "Why don't you try swimming?", nl: 'Waarom probeer je niet eens te zwemmen?' },
  { en: "That's just an excuse.", nl: 'Dat is gewoon een excuus.' },
  { en: 'Good morning.', nl: 'Goedemorgen.' },
  { en: 'Thanks for coming in today.', nl: 'Bedankt dat je vandaag gekomen bent.' },
  { en: "What's been going well for you?", nl: 'Wat gaat er goed?' },
  { en: 'How would your life be different if you moved more?', nl: 'Hoe zou je leven anders zijn als je meer zou bewegen?' },
  { en: 'Why is that important to you?', nl: 'Waarom is dat belangrijk voor je?' },
  { en: 'What worries you most about your back?', nl: 'Waar maak je je het meest zorgen over als het om je rug gaat?' },
  { en: 'Have you tried stretching before?', nl: 'Heb je al eens geprobeerd te rekken?' },
  { en: 'Did you sleep well?', nl: 'Heb je goed geslapen?' },
  { en: 'Where does it hurt?', nl: 'Waar doet het pijn?' },
  { en: 'How many times a week do you walk?', nl: 'Hoe vaak per week loop je?' },
  { en: 'What else?', nl: 'Wat nog meer?' },
  { en: 'You want to be there for your kids.', nl: 'Je wilt er zijn voor je kinderen.' },
  { en: 'Part of you wants to change, and part of you is afraid.', nl: 'Een deel van je wil veranderen en een deel van je is bang.' },
  { en: 'You feel stuck.', nl: 'Je voelt je vastzitten.' },
  { en: 'You are a very determined person.', nl: 'Je bent een heel vastberaden persoon.' },
  { en: 'It took courage to come here today.', nl: 'Het vroeg moed om hier vandaag te komen.' },
  { en: 'What you do with this is up to you.', nl: 'Wat je hiermee doet, bepaal je zelf.' },
  { en: 'Where would you like to start?', nl: 'Waar zou je willen beginnen?' },
  { en: 'Shall we look at this together?', nl: 'Zullen we hier samen naar kijken?' },
  { en: 'Would you like some information about that?', nl: 'Wil je daar wat informatie over?' },
  { en: 'Most people with knee pain improve within six weeks.', nl: 'De meeste mensen met kniepijn knappen binnen zes weken op.' },
  { en: 'Your appointment is on Tuesday.', nl: 'Je afspraak is op dinsdag.' },
  { en: 'You need to stop smoking now.', nl: 'Je moet nu stoppen met roken.' },
  { en: 'I want you to walk every day.', nl: 'Ik wil dat je elke dag loopt.' },
  { en: 'If you keep sitting, your back will get worse.', nl: 'Als je blijft zitten, wordt je rug erger.' },
  { en: "You're just lazy.", nl: 'Je bent gewoon lui.' },
  { en: "You're not listening to me.", nl: 'Je luistert niet naar me.' },
  { en: 'Okay.', nl: 'Oké.' },
  { en: 'Mm-hmm.', nl: 'Hm-hm.' },
  { en: 'See you next week.', nl: 'Tot volgende week.' },
  { en: 'Let me just write that down.', nl: 'Ik schrijf dat even op.' },
  { en: 'You want to get back to work.', nl: 'Je wilt weer aan het werk.', before: { en: 'I really want to get back to work.', nl: 'Ik wil echt weer aan het werk.' } },
  { en: 'So work is really important to you.', nl: 'Dus je werk is echt belangrijk voor je.', before: { en: 'I miss my job.', nl: 'Ik mis mijn werk.' } },
  { en: 'It frustrates you that progress is so slow.', nl: 'Het frustreert je dat het zo langzaam gaat.', before: { en: "It's going so slowly.", nl: 'Het gaat zo langzaam.' } },
  { en: "You'd like to be able to play football with your son.", nl: 'Je zou graag met je zoon willen voetballen.', before: { en: 'My son keeps asking me to play football.', nl: 'Mijn zoon vraagt steeds of ik wil voetballen.' } },
  { en: 'What makes you say that?', nl: 'Waarom zeg je dat?' },
  { en: 'How did you manage that?', nl: 'Hoe heb je dat voor elkaar gekregen?' },
  { en: 'What would need to happen for you to start?', nl: 'Wat zou er moeten gebeuren om te beginnen?' },
  { en: 'Is there anything else?', nl: 'Is er nog iets anders?' },
  { en: 'Do you want to talk about your smoking today?', nl: 'Wil je het vandaag over je roken hebben?' },
  { en: 'Can you tell me more about your week?', nl: 'Kun je me meer over je week vertellen?' },
  { en: 'Have you ever thought about joining a walking group?', nl: 'Heb je er weleens aan gedacht om bij een wandelgroep te gaan?' },
  { en: 'The research shows that rest slows recovery.', nl: 'Onderzoek laat zien dat rust het herstel vertraagt.' },
  { en: 'You must do these exercises three times a day.', nl: 'Je moet deze oefeningen drie keer per dag doen.' },
  { en: 'I recommend that you start with short walks.', nl: 'Ik raad je aan om met korte wandelingen te beginnen.' },
  { en: "Honestly, that's not a good idea.", nl: 'Eerlijk gezegd is dat geen goed idee.' },
  { en: "You're in denial.", nl: 'Je zit in de ontkenning.' },
  { en: "You're the expert on your own life.", nl: 'Jij bent de expert van je eigen leven.' },
  { en: 'Only you can decide what is right for you.', nl: 'Alleen jij kunt beslissen wat goed voor je is.' },
  { en: 'How do you feel about that?', nl: 'Hoe voel je je daarover?' },
  { en: 'What does a normal day look like for you?', nl: 'Hoe ziet een normale dag er voor jou uit?' },
  { en: 'In what way does the pain affect your work?', nl: 'Op welke manier beïnvloedt de pijn je werk?' },
  { en: 'How confident are you that you can do this?', nl: 'Hoe zeker ben je ervan dat je dit kunt?' },
  { en: 'Are you taking any medication?', nl: 'Gebruik je medicijnen?' },
  { en: 'Would you be willing to try it for a week?', nl: 'Zou je bereid zijn het een week te proberen?' },
  { en: 'Do you smoke?', nl: 'Rook je?' },
  { en: 'Is that right?', nl: 'Klopt dat?' },
  { en: 'How old are you?', nl: 'Hoe oud ben je?' },
  { en: 'What would be a first small step?', nl: 'Wat zou een eerste kleine stap kunnen zijn?' },
  { en: 'You have really thought this through.', nl: 'Je hebt hier echt goed over nagedacht.' },
  { en: 'I appreciate your honesty.', nl: 'Ik waardeer je eerlijkheid.' },
  { en: "You're the one who decides.", nl: 'Jij beslist.' },
  { en: 'It is up to you whether you do it.', nl: 'Het is aan jou of je het doet.' },
  { en: 'Shall we make a plan together?', nl: 'Zullen we samen een plan maken?' },
  { en: 'What would you like to talk about today?', nl: 'Waar wil je het vandaag over hebben?' },
  { en: 'Can I share some information with you?', nl: 'Mag ik wat informatie met je delen?' },
  { en: 'Smoking increases the risk of back pain.', nl: 'Roken verhoogt het risico op rugpijn.' },
  { en: 'You have to listen to your doctor.', nl: 'Je moet naar je dokter luisteren.' },
  { en: 'It is important that you keep moving.', nl: 'Het is belangrijk dat je blijft bewegen.' },
  { en: 'You are making excuses.', nl: 'Je verzint smoesjes.' },
  { en: 'How many times have I told you?', nl: 'Hoe vaak heb ik je dat al gezegd?' },
  { en: 'Hello, nice to meet you.', nl: 'Hallo, leuk je te ontmoeten.' },
  { en: "Let's get started.", nl: 'Laten we beginnen.' },
  { en: 'We have about twenty minutes today.', nl: 'We hebben vandaag ongeveer twintig minuten.' },
  { en: 'That is a great idea.', nl: 'Dat is een goed idee.' },
  { en: "That's a great first step.", nl: 'Dat is een mooie eerste stap.' },
  { en: 'That sounds like a good plan.', nl: 'Dat klinkt als een goed plan.' },
  { en: 'That took real effort.', nl: 'Dat kostte echt moeite.' },
  { en: "You're exhausted and in pain.", nl: 'Je bent uitgeput en hebt pijn.', before: { en: "I'm tired all the time and my knee hurts.", nl: 'Ik ben de hele tijd moe en mijn knie doet pijn.' } },
  { en: "You're not sure you can.", nl: 'Je weet niet zeker of je het kunt.', before: { en: "I don't know if I can do this.", nl: 'Ik weet niet of ik dit kan.' } },
  { en: 'On the one hand you want to quit, and on the other hand you love smoking.', nl: 'Aan de ene kant wil je stoppen, en aan de andere kant rook je zo graag.', before: { en: 'I want to quit but I love smoking.', nl: 'Ik wil stoppen maar ik rook zo graag.' } },
  { en: 'You walked twice this week.', nl: 'Je hebt deze week twee keer gewandeld.', before: { en: 'I walked twice this week.', nl: 'Ik heb deze week twee keer gewandeld.' } },
  { en: 'Nothing at all could ever help you.', nl: 'Helemaal niets zou jou ooit kunnen helpen.', before: { en: 'Nothing will ever help.', nl: 'Niets zal ooit helpen.' } },
  { en: "Let me see if I've got this: work, the kids and your mother all need you, and that leaves little time for you.", nl: 'Even kijken of ik het goed heb: je werk, de kinderen en je moeder hebben je allemaal nodig, en er blijft weinig tijd over voor jezelf.', before: { en: 'I have a lot going on: work, the kids, my mother.', nl: 'Ik heb veel aan mijn hoofd: werk, de kinderen, mijn moeder.' } },
];

const client: Pair[] = [
  { en: "I don't want to stop smoking.", nl: 'Ik wil niet stoppen met roken.' },
  { en: 'I really want to get fitter.', nl: 'Ik wil echt fitter worden.' },
  { en: 'I could probably walk to work.', nl: 'Ik zou waarschijnlijk naar mijn werk kunnen lopen.' },
  { en: "I'm going to start on Monday.", nl: 'Ik ga maandag beginnen.' },
  { en: 'I already walked three times this week.', nl: 'Ik heb deze week al drie keer gewandeld.' },
  { en: 'Yes, but I have no time.', nl: 'Ja, maar ik heb geen tijd.' },
  { en: "I can't stop, it's too hard.", nl: 'Ik kan niet stoppen, het is te moeilijk.' },
  { en: 'I need to lose weight for my heart.', nl: 'Ik moet afvallen voor mijn hart.' },
  { en: 'It would be nice to play with my grandkids again.', nl: 'Het zou fijn zijn om weer met mijn kleinkinderen te spelen.' },
  { en: "I don't really see the problem.", nl: 'Ik zie het probleem niet zo.' },
  { en: 'My wife wants me to quit.', nl: 'Mijn vrouw wil dat ik stop.' },
  { en: 'I work in a warehouse.', nl: 'Ik werk in een magazijn.' },
  { en: 'Smoking helps me relax.', nl: 'Roken helpt me ontspannen.' },
  { en: "I'll try to do the exercises after dinner.", nl: 'Ik ga proberen de oefeningen na het eten te doen.' },
  { en: 'I have tried before and it never works.', nl: 'Ik heb het al eerder geprobeerd en het werkt nooit.' },
  { en: 'Do you have any tips for me?', nl: 'Heeft u misschien tips voor mij?' },
  { en: 'I want to feel better.', nl: 'Ik wil me beter voelen.' },
  { en: "I'm ready to make a change.", nl: 'Ik ben er klaar voor om iets te veranderen.' },
  { en: "I'm not sure I can do it.", nl: 'Ik weet niet of ik het kan.' },
  { en: "I'll walk every morning from now on.", nl: 'Ik ga vanaf nu elke ochtend lopen.' },
  { en: 'I bought new running shoes.', nl: 'Ik heb nieuwe hardloopschoenen gekocht.' },
  { en: 'I have to do something about it.', nl: 'Ik moet er iets aan doen.' },
  { en: 'My health is more important.', nl: 'Mijn gezondheid is belangrijker.' },
  { en: "I don't have time for exercise.", nl: 'Ik heb geen tijd om te sporten.' },
  { en: 'It is too painful to move.', nl: 'Het doet te veel pijn om te bewegen.' },
  { en: "I've always been like this.", nl: 'Ik ben altijd al zo geweest.' },
  { en: "I don't think I need to change.", nl: 'Ik denk niet dat ik hoef te veranderen.' },
  { en: "I'm fine the way I am.", nl: 'Ik ben prima zoals ik ben.' },
  { en: 'Maybe I could try.', nl: 'Misschien kan ik het proberen.' },
  { en: 'I used to run every day.', nl: 'Vroeger liep ik elke dag hard.' },
  { en: 'I hate being so out of shape.', nl: 'Ik haat het dat ik zo slecht in vorm ben.' },
  { en: "It's my knee, it hurts.", nl: 'Het is mijn knie, die doet pijn.' },
  { en: 'I went to the doctor last week.', nl: 'Ik ben vorige week naar de dokter geweest.' },
  { en: "I'll think about it.", nl: 'Ik zal erover nadenken.' },
  { en: "I don't know.", nl: 'Ik weet het niet.' },
  { en: "I'm not going to stop.", nl: 'Ik ga niet stoppen.' },
  { en: 'I enjoy my evening beer.', nl: 'Ik geniet van mijn biertje in de avond.' },
  { en: 'I wish I could walk without pain.', nl: 'Ik wou dat ik zonder pijn kon lopen.' },
  { en: 'I know I can do this.', nl: 'Ik weet dat ik dit kan.' },
  { en: 'If I lose weight, my knees will hurt less.', nl: 'Als ik afval, doen mijn knieën minder pijn.' },
  { en: 'I really need to get my life back on track.', nl: 'Ik moet echt mijn leven weer op de rit krijgen.' },
  { en: 'I promise I will do the exercises.', nl: 'Ik beloof dat ik de oefeningen ga doen.' },
  { en: "I'm willing to give it a try.", nl: 'Ik ben bereid het te proberen.' },
  { en: 'Last week I cut down to five cigarettes a day.', nl: 'Vorige week ben ik naar vijf sigaretten per dag gegaan.' },
  { en: "I don't want to end up in a wheelchair.", nl: 'Ik wil niet in een rolstoel belanden.' },
  { en: "I can't give up my evening wine.", nl: 'Ik kan mijn wijntje in de avond niet missen.' },
  { en: "There's no way I'm going to the gym.", nl: 'Ik ga echt niet naar de sportschool.' },
  { en: "It's not that bad.", nl: 'Zo erg is het niet.' },
  { en: 'Everyone in my family smokes.', nl: 'Iedereen in mijn familie rookt.' },
  { en: 'My back is too weak for that.', nl: 'Mijn rug is daar te zwak voor.' },
  { en: 'I tried and failed so many times.', nl: 'Ik heb het zo vaak geprobeerd en het is steeds mislukt.' },
  { en: 'I might be able to walk to the shop.', nl: 'Misschien kan ik naar de winkel lopen.' },
  { en: "I'd love to be fit again.", nl: 'Ik zou het geweldig vinden om weer fit te zijn.' },
  { en: 'I want to stop.', nl: 'Ik wil stoppen.' },
  { en: 'I would like to sleep better.', nl: 'Ik zou beter willen slapen.' },
  { en: 'I think I can manage that.', nl: 'Ik denk dat ik dat wel kan.' },
  { en: "I'm going to call the gym tomorrow.", nl: 'Ik ga morgen de sportschool bellen.' },
  { en: 'I have started walking to work.', nl: 'Ik ben begonnen met naar mijn werk lopen.' },
  { en: 'I need to do this for my kids.', nl: 'Ik moet dit doen voor mijn kinderen.' },
  { en: 'It would give me more energy.', nl: 'Het zou me meer energie geven.' },
  { en: "I don't want to.", nl: 'Ik wil het niet.' },
  { en: "I can't do it.", nl: 'Ik kan het niet.' },
  { en: "I won't do that.", nl: 'Dat ga ik niet doen.' },
  { en: 'I like smoking.', nl: 'Ik rook graag.' },
  { en: 'I need my cigarettes to relax.', nl: 'Ik heb mijn sigaretten nodig om te ontspannen.' },
  { en: "I'm too busy.", nl: 'Ik heb het te druk.' },
  { en: "It's too expensive.", nl: 'Het is te duur.' },
  { en: 'Yes.', nl: 'Ja.' },
  { en: 'Maybe.', nl: 'Misschien.' },
  { en: 'I live alone.', nl: 'Ik woon alleen.' },
  { en: 'I quit smoking last month.', nl: 'Ik ben vorige maand gestopt met roken.' },
  { en: "I've been doing the exercises every day.", nl: 'Ik doe de oefeningen elke dag.' },
  { en: "Honestly, I'm not that worried about it.", nl: 'Eerlijk gezegd maak ik me er niet zo druk om.' },
  { en: 'Yes.', nl: 'Ja.', before: { en: 'Would you like to walk more?', nl: 'Zou je meer willen lopen?' } },
  { en: 'Yeah, I think so.', nl: 'Ja, ik denk het wel.', before: { en: 'Do you think you could do it?', nl: 'Denk je dat je het zou kunnen?' } },
  { en: 'Yes, I am.', nl: 'Ja, dat ga ik doen.', before: { en: 'Are you going to start this week?', nl: 'Ga je deze week beginnen?' } },
  { en: 'Work, mostly.', nl: 'Mijn werk, vooral.', before: { en: 'What stops you from exercising?', nl: 'Wat houdt je tegen om te sporten?' } },
  { en: 'My grandchildren.', nl: 'Mijn kleinkinderen.', before: { en: 'Why is it important for you to get stronger?', nl: 'Waarom is het belangrijk voor je om sterker te worden?' } },
  { en: 'About an eight.', nl: 'Een acht ongeveer.', before: { en: 'On a scale from 0 to 10, how important is it?', nl: 'Op een schaal van 0 tot 10, hoe belangrijk is het?' } },
  { en: 'A two.', nl: 'Een twee.', before: { en: 'On a scale from 0 to 10, how important is it?', nl: 'Op een schaal van 0 tot 10, hoe belangrijk is het?' } },
  { en: 'No, not yet.', nl: 'Nee, nog niet.', before: { en: 'Have you already started?', nl: 'Ben je al begonnen?' } },
  { en: 'No.', nl: 'Nee.', before: { en: 'Do you want to change this?', nl: 'Wil je hier iets aan veranderen?' } },
  { en: 'Yes, exactly.', nl: 'Ja, precies.', before: { en: 'So you want to feel stronger.', nl: 'Dus je wilt je sterker voelen.' } },
  { en: "Yeah, that's right.", nl: 'Ja, dat klopt.', before: { en: 'So you are happy the way things are.', nl: 'Dus je bent tevreden zoals het nu gaat.' } },
  { en: 'At the hospital.', nl: 'In het ziekenhuis.', before: { en: 'Where do you work?', nl: 'Waar werk je?' } },
  // What the new behaviour does for them is a reason to change; the habit's comfort is sustain talk.
  { en: 'Walking helps me relax.', nl: 'Wandelen helpt me om te ontspannen.' },
  { en: 'I need my cigarettes to relax.', nl: 'Ik heb mijn sigaretten nodig om te ontspannen.' },
];

function last(language: Language, speaker: TurnInput['speaker'], text: string, before?: string) {
  const other: TurnInput['speaker'] = speaker === 'client' ? 'practitioner' : 'client';
  const turns: TurnInput[] = before ? [{ speaker: other, text: before }, { speaker, text }] : [{ speaker, text }];
  return codeTranscript(turns, { rubric, language }).turns.at(-1)!;
}

describe('the same behaviour codes the same in Dutch and English', () => {
  it.each(practitioner)('practitioner: "$en" / "$nl"', ({ en, nl, before }) => {
    const a = last('en', 'practitioner', en, before?.en);
    const b = last('nl', 'practitioner', nl, before?.nl);
    expect(b.primary, `en ${a.primary} (${a.codes.map((c) => c.rule)}), nl ${b.primary} (${b.codes.map((c) => c.rule)})`).toBe(a.primary);
  });

  it.each(client)('client: "$en" / "$nl"', ({ en, nl, before }) => {
    const a = last('en', 'client', en, before?.en);
    const b = last('nl', 'client', nl, before?.nl);
    expect(b.talk, `en ${a.talk} (${a.talkHits.map((h) => h.rule)}), nl ${b.talk} (${b.talkHits.map((h) => h.rule)})`).toBe(a.talk);
  });
});
