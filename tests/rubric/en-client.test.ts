import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript, type TalkSubtype, type TalkType, type TurnInput } from '../../server/rubric/index.ts';

// English client rules as specifications: change talk (with its DARN-CAT subtype), sustain talk
// and neutral talk, each with rows that must and must not get that talk type. Our own sentences.

const rubric = loadRubrics();
const practitioner = (text: string): TurnInput => ({ speaker: 'practitioner', text });
const client = (text: string): TurnInput => ({ speaker: 'client', text });
/** A righting-reflex turn: push-back right after it is discord. */
const advice = practitioner('You really have to stop the biscuits, there is no other way.');

interface Row {
  text: string;
  subtype?: TalkSubtype;
  before?: TurnInput[];
}

function talkOf({ text, before = [] }: Row) {
  const { turns } = codeTranscript([...before, client(text)], { rubric, language: 'en' });
  const t = turns.at(-1)!;
  return { talk: t.talk, subtype: t.talkSubtype };
}

const table: Record<TalkType, { must: Row[]; mustNot: Row[] }> = {
  change: {
    must: [
      { text: "I'd really like to get back to playing with my kids.", subtype: 'desire' },
      { text: 'I want to be able to garden again.', subtype: 'desire' },
      { text: 'I think I could manage ten minutes a day.', subtype: 'ability' },
      { text: 'That sounds doable.', subtype: 'ability' },
      { text: 'It would save me a lot of money.', subtype: 'reasons' },
      { text: "I don't want to end up in a wheelchair like my mum.", subtype: 'reasons' },
      { text: "I don't want to lose my job.", subtype: 'reasons' },
      { text: "I'm worried about what the smoking does to my lungs.", subtype: 'reasons' },
      { text: 'I really need to sort out my sleep.', subtype: 'need' },
      { text: "I can't go on like this.", subtype: 'need' },
      { text: "I'm going to walk to work from Monday.", subtype: 'commitment' },
      { text: "I'll start the exercises tonight.", subtype: 'commitment' },
      { text: "I'm ready to give it a go.", subtype: 'commitment' },
      { text: "I've already cut down to three cigarettes a day.", subtype: 'taking_steps' },
      { text: 'Last week I started doing the stretches.', subtype: 'taking_steps' },
      { text: 'Yeah, I guess.', before: [practitioner('Would you like to cut down a bit?')] },
      { text: 'I would.', before: [practitioner("It sounds like you'd like to give the exercises another try.")] },
      { text: "I'm getting sick of feeling out of breath.", subtype: 'need' },
      { text: 'Maybe take the stairs at work.', before: [practitioner('What could be a first step for you?')] },
      { text: 'I would have more energy for the grandkids.', before: [practitioner('How would your life be different if you were fitter?')] },
      { text: 'Probably a seven.', before: [practitioner('On a scale from 0 to 10, how important is it for you to move more?')] },
    ],
    mustNot: [
      { text: "I don't want to give up my evening beer." },
      { text: "I'm not going to quit." },
      { text: 'Yeah, I guess.', before: [practitioner('What did you have for lunch?')] },
      { text: 'Yeah.', before: [practitioner('You enjoy the evenings at the pub.')] },
      { text: 'I started smoking when I was fifteen.' },
    ],
  },
  sustain: {
    must: [
      { text: "I don't really want to stop.", subtype: 'desire' },
      { text: "I'm not ready to change anything yet.", subtype: 'desire' },
      { text: "I just can't see myself running.", subtype: 'ability' },
      { text: "I've tried before and it never works.", subtype: 'ability' },
      { text: 'I have no time with three kids.', subtype: 'ability' },
      { text: "Honestly, it's not a big deal.", subtype: 'reasons' },
      { text: 'A glass of wine helps me relax after work.', subtype: 'reasons' },
      { text: "I don't drink that much.", subtype: 'reasons' },
      { text: 'Everybody drinks at the club.', subtype: 'reasons' },
      { text: "It's not like I smoke every hour.", subtype: 'reasons' },
      { text: 'I only have a beer when we go out.', subtype: 'reasons' },
      { text: 'Honestly, it takes away my stress.', subtype: 'reasons' },
      { text: "I don't have any plans to quit.", subtype: 'reasons' },
      { text: "I know I should stretch more, but it's boring.", subtype: 'ability' },
      { text: "It's so hard to give up the sweets.", subtype: 'ability' },
      { text: 'Not really.', before: [practitioner('Are you thinking about cutting down?')] },
      { text: 'It helps me unwind after a long shift.', before: [practitioner('What do you like about smoking?')] },
      // Discord: push-back against the practitioner or the advice pulls away from change.
      { text: "That's easy for you to say, you don't have three kids.", before: [advice] },
      { text: "Well, you're not the one who has to get up at five.", before: [advice] },
      { text: "You've never had a bad back, have you?" },
      { text: "I didn't come in to be told off about my weight." },
      { text: 'Oh great, the same old lecture.' },
      { text: 'So it is my own fault then, is it?' },
      { text: "So I'm just lazy now, am I?", before: [advice] },
      { text: "I've heard it all before." },
      { text: 'My whole family keeps telling me, everybody says the same.' },
      { text: 'Honestly, you sound a lot like my GP.' },
      { text: "You just don't get it." },
      { text: "That's a load of rubbish." },
      { text: 'Fine, whatever.', before: [advice] },
      { text: 'I know, I know. I heard you.', before: [advice] },
      { text: "Listen, I'm trying my best.", before: [advice] },
      { text: "Yeah, but you haven't got a bad knee.", before: [advice] },
      { text: 'Seriously? Not this again.', before: [advice] },
      { text: 'Everybody is on at me about the sweets.' },
      { text: "Walking's got nothing to do with my knee." },
    ],
    mustNot: [
      { text: "I don't want to end up like my dad." },
      { text: 'I want to be fitter.' },
      { text: 'We went to the beach on Sunday.' },
      // Discord words used without push-back.
      { text: 'It was easy for me to find the clinic.' },
      { text: "I've got a lecture at nine tomorrow." },
      { text: 'Whatever the weather, I walk the dog.', before: [advice] },
      { text: 'Whatever.', before: [practitioner('What would you like to talk about today?')] },
      { text: 'I know, I know.', before: [practitioner("You've been feeling a lot better since you started walking.")] },
      { text: "I'm doing my best to walk every day.", before: [practitioner('How has the week been?')] },
      { text: 'My sister keeps telling me about her new bike.' },
      { text: "I'm sick of feeling out of breath." },
    ],
  },
  neutral: {
    must: [
      { text: 'I work in a warehouse.' },
      { text: 'We went to the beach on Sunday.' },
      { text: 'Mm-hmm.' },
      { text: 'My daughter is nine.' },
      { text: "I'm the only one in my family who plays golf." },
      { text: 'I need to pick up my son at three.' },
      { text: 'Yeah, I guess.', before: [practitioner('What did you have for lunch?')] },
    ],
    mustNot: [{ text: 'I want to lose some weight.' }, { text: "It's not a problem for me." }],
  },
};

describe('English client rules', () => {
  for (const [talk, { must, mustNot }] of Object.entries(table) as [TalkType, (typeof table)['change']][]) {
    describe(talk, () => {
      it.each(must)(`codes "$text" as ${talk} $subtype`, (row) => {
        const got = talkOf(row);
        expect(got.talk).toBe(talk);
        if (row.subtype) expect(got.subtype).toBe(row.subtype);
      });
      it.each(mustNot)(`does not code "$text" as ${talk}`, (row) => {
        expect(talkOf(row).talk).not.toBe(talk);
      });
    });
  }
});
