import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript, type PractitionerCode, type TurnInput } from '../../server/rubric/index.ts';

// English practitioner rules as specifications: for each code, sentences that must get it as the
// turn's main behaviour and sentences that must not. Our own sentences, in a physiotherapy and
// lifestyle setting; `before` gives the turns that come first when context matters.

const rubric = loadRubrics();

interface Row {
  text: string;
  before?: TurnInput[];
}
const client = (text: string): TurnInput => ({ speaker: 'client', text });
const practitioner = (text: string): TurnInput => ({ speaker: 'practitioner', text });

function primaryOf({ text, before = [] }: Row): PractitionerCode | null {
  const { turns } = codeTranscript([...before, practitioner(text)], { rubric, language: 'en' });
  return turns.at(-1)!.primary;
}

const table: Record<PractitionerCode, { must: Row[]; mustNot: Row[] }> = {
  OQ: {
    must: [
      { text: 'What worries you most about the operation?' },
      { text: 'How do you see the next few weeks going?' },
      { text: 'Tell me about a good day with your shoulder.' },
      { text: 'Okay, and why is that important to you?' },
      { text: 'Looking back at the last month, what has helped?' },
      // Of several questions, the last one decides: it is the one the client answers.
      { text: 'Is it the knee? What else makes the stairs hard?' },
      { text: 'And i-i think, what would help most?' },
      { text: 'Sandra, can you give me an example of a time the knee held you back?' },
      { text: 'So where do you think you could start?' },
      { text: "When you think about the summer, um, what do you hope you'll be able to do?" },
    ],
    mustNot: [
      { text: 'How many times a week do you cycle?' },
      { text: 'Do you take the stairs at work?' },
      { text: 'What brings you here today? Is it the knee?' },
      { text: "So you know what you want, you're just not sure the knee will let you." },
    ],
  },
  CQ: {
    must: [
      { text: 'Do you do the exercises every day?' },
      { text: 'Do your knees hurt?' },
      { text: 'How long have you had the pain?' },
      { text: 'Are you still playing tennis on Saturdays?' },
      { text: 'When did you last see your GP?' },
      { text: 'Is it worse in the evening or in the morning?' },
      { text: 'On a scale from 0 to 10, how confident are you that you can do the exercises?' },
      { text: 'I wonder if your husband has noticed the difference.' },
      { text: "I'm wondering if you have any worries about the operation." },
      { text: "So, I'm wondering, have you noticed any change in the swelling?" },
      { text: 'What kind of painkillers do you take?' },
      { text: "What was your physio's name?" },
      { text: 'When you walk to work, how long does it take you?' },
    ],
    mustNot: [
      { text: 'What would make the mornings easier?' },
      { text: 'Tell me more about that.' },
      { text: 'What kind of life do you want for your kids?' },
    ],
  },
  SR: {
    must: [
      { text: 'So you walk to the shop.', before: [client('I walk to the shop most days.')] },
      { text: 'Your knee hurts on the stairs.', before: [client('The stairs are killing my knee.')] },
      { text: 'You stopped the exercises.', before: [client('I stopped doing the exercises.')] },
      { text: 'You have to look after your dad.', before: [client('I have to look after my dad, nobody else will.')] },
      { text: 'So you could keep going.', before: [client('Then I could just keep going.')] },
      { text: 'Every single evening.', before: [client('The pain comes back every single evening.')] },
      // Mostly the client's own words is simple, however it is framed (MITI 4.2.1).
      { text: 'It sounds like you want to get back to running with your club.', before: [client('I want to get back to running with my club.')] },
      { text: "You feel you're letting your team down.", before: [client("I'm letting my whole team down.")] },
    ],
    mustNot: [
      { text: 'You should do the exercises.' },
      { text: 'Do you walk to the shop?' },
      // "You could…" that the client never said is a suggestion.
      { text: 'You could try walking to the shop.', before: [client('I could never walk that far.')] },
      { text: "It sounds like running with the club is where you feel most like yourself.", before: [client('I want to get back to running with my club.')] },
    ],
  },
  CR: {
    must: [
      { text: "It sounds like you're tired of being in pain." },
      { text: 'You feel let down by your own body.' },
      { text: 'Part of you wants to get back to running, and part of you is scared of getting hurt again.' },
      { text: "On the one hand the pills help, on the other hand you don't like depending on them." },
      { text: 'So you keep going to the gym because being strong for your grandchildren matters a lot to you.', before: [client('I go to the gym so I can lift my grandchildren.')] },
      { text: 'Running with your club means a lot to you.', before: [client('I want to get back to running with my club.')] },
      { text: 'You got a real wake-up call today.', before: [client('The doctor showed me the scan and I just sat there.')] },
    ],
    mustNot: [{ text: 'Do you feel tired?' }, { text: 'Research shows that exercise helps with tiredness.' }],
  },
  SUM: {
    must: [
      { text: "Let me summarise what you've told me so far: the pain, the job and the worry about money." },
      { text: "So far you've talked about your knee, your weight and how much you miss football." },
    ],
    mustNot: [{ text: 'What else have you noticed?' }],
  },
  AF: {
    must: [
      { text: 'You practised three times this week, even though it was hard.' },
      { text: 'You managed to walk every day this week, even with the pain.' },
      { text: "You've worked really hard on those exercises." },
      { text: 'That took a lot of courage.' },
      { text: "You're clearly determined to get back on your bike." },
      { text: 'That was a really good first step.' },
    ],
    mustNot: [{ text: 'Did you work hard on the exercises?' }, { text: 'Good morning.' }, { text: 'Were you impressed by the new gym?' }],
  },
  SEEK: {
    must: [
      { text: 'Shall we look together at what is doable?' },
      { text: 'Would it be okay if I told you what other patients have tried?' },
      { text: 'Can I share some information about back pain?' },
      { text: 'Would you like some ideas about pacing?' },
      { text: "Let's work this out together." },
      { text: 'I can tell you a bit about what the research says, if you like.' },
    ],
    mustNot: [
      { text: 'You should rest more.' },
      { text: 'What would you like to do?' },
      // Seeing something in the client is a reflection, not an offer.
      { text: "I can tell you're tired of the pain." },
    ],
  },
  AUTO: {
    must: [
      { text: "In the end it's your decision." },
      { text: "You're the one who knows what fits your week." },
      { text: "Whatever you decide, I'll help you with it." },
      { text: 'You know your own body best.' },
      { text: 'Whether you start this week is up to you.' },
    ],
    mustNot: [{ text: 'You need to decide today.' }, { text: 'Is it up to you?' }],
  },
  GI: {
    must: [
      { text: 'Research shows that regular walking reduces back pain.' },
      { text: 'The guideline is at least 150 minutes of activity a week.' },
      { text: 'We have a group class on Tuesday evenings.' },
      { text: 'The medication can cause some drowsiness.' },
      { text: 'Did you know that swimming puts very little load on the knees?' },
      { text: 'Sitting all day is linked to back problems.' },
      { text: 'Walking is great exercise.' },
      { text: 'Even a few minutes of walking is really healthy.' },
    ],
    mustNot: [
      { text: 'You should join the Tuesday class.' },
      { text: 'What do you know about the class?' },
      { text: "It sounds like the pain is concerning to you." },
    ],
  },
  PWP: {
    must: [
      { text: 'A lot of people start with a short walk after dinner.', before: [client('What should I do, do you think?')] },
      { text: 'You could try a short walk after lunch.', before: [client('What do you think I should do?')] },
      { text: 'You could try a short walk after lunch.', before: [client('Do you have any tips for me?'), practitioner('Mm-hmm.'), client('Anything, really.')] },
      { text: 'I would recommend two short sessions a day.', before: [practitioner('Can I make a suggestion?'), client('Yes, please.')] },
      { text: 'Some people find it helps to do the exercises while the kettle boils.' },
      { text: 'One option is to start with the stationary bike.' },
      { text: 'What about trying the exercises in the morning?' },
      { text: "It's important that you do your exercises.", before: [practitioner('May I tell you what usually helps?'), client('Yes, go on.')] },
      { text: 'Have you thought about asking a friend to join you?' },
      { text: 'Maybe you could take the stairs at work, if that suits you.' },
      { text: 'You could perhaps try the pool on Saturdays.' },
      { text: 'You could start with five minutes a day, if that works for you.' },
    ],
    mustNot: [
      { text: 'You need to do the exercises twice a day.' },
      // A suggestion without permission, hedge or choice handed back: the righting reflex (MITI).
      { text: 'You could try taking the stairs.' },
      { text: 'You might want to start with five minutes a day.' },
    ],
  },
  RR: {
    must: [
      { text: 'You really need to do these exercises every day.' },
      { text: "I'd recommend that you stop lifting heavy boxes." },
      { text: 'Try to walk for half an hour a day.' },
      { text: 'If you keep skipping the exercises, your knee will get stiffer.' },
      { text: 'It is really important that you listen to me.' },
      { text: "It's important that you do your exercises." },
      { text: 'You could try taking the stairs.' },
      { text: 'You might want to start with five minutes a day.' },
      { text: 'You could get into a car crash.' },
      { text: "You know, you're not even 21 yet, you could get arrested." },
      // An instruction, not a "Do you…?" question.
      { text: 'Just do your exercises.' },
      // Advice wrapped in a question (as nl.rr.disguised-question).
      { text: "Don't you think you should exercise more?" },
      { text: "Wouldn't it be better to cut down a bit?" },
      { text: "Why don't you try walking to work?" },
      { text: "Shouldn't you be doing your exercises every day?" },
      { text: "Isn't it time you started taking this seriously?" },
    ],
    mustNot: [
      { text: "You're worried you could get hurt again." },
      { text: 'It sounds like you really need the money and need to look after your kids.' },
      { text: 'Maybe you could take the stairs at work, if that suits you.' },
      { text: "So why don't you start by telling me a little about yourself?" },
      { text: "Why don't you try walking to work?", before: [client('What would you suggest?')] },
      { text: 'You could try walking after lunch.', before: [client('What would you suggest?')] },
      { text: 'What do you think you need?' },
      { text: "So you don't like people telling you what you should eat." },
    ],
  },
  CON: {
    must: [
      { text: "You're just lazy." },
      { text: "Why don't you just do your exercises?" },
      { text: "That's not so hard, is it?" },
      { text: "You're just making excuses." },
      { text: "Don't you care about getting better?" },
      { text: "That's not true, you skipped three sessions." },
      { text: "Aren't you worried about your heart?" },
      { text: "You're just not motivated enough." },
      { text: "You're not trying hard enough." },
      { text: 'You should have come in sooner.' },
      { text: "And you shouldn't have stopped the exercises." },
    ],
    mustNot: [
      // Reflecting the client's own regret is not blame.
      { text: 'You feel you should have come in sooner.', before: [client('I should have come in sooner, really.')] },
      { text: "You're not sure you're motivated enough.", before: [client("I don't know if I'm motivated enough.")] },
      { text: "As I've told you before, most people notice a difference after six weeks." },
      { text: "You're hopeless about what's going on.", before: [client('I just feel helpless about this whole deal.')] },
      { text: 'You seem worried about your heart.' },
      // A question that only wraps advice is the righting reflex, not a confrontation.
      { text: "Don't you think you should exercise more?" },
    ],
  },
  NC: {
    must: [
      { text: 'Mm-hmm.' },
      { text: 'Good morning, come on in.' },
      { text: 'Okay, sounds good.' },
      { text: "You're welcome." },
      { text: 'Take care, see you next week.' },
      { text: 'Okay, that makes sense.' },
      { text: 'There you go.' },
      // A stutter ("for-for") leaves blanks that must not break a rule's single spaces.
      { text: 'So, okay, well thanks for-for coming in today.' },
    ],
    mustNot: [{ text: 'Okay. What brings you here today?' }],
  },
};

describe('English practitioner rules', () => {
  for (const [code, { must, mustNot }] of Object.entries(table) as [PractitionerCode, (typeof table)['OQ']][]) {
    describe(code, () => {
      it.each(must)(`codes "$text" as ${code}`, (row) => {
        expect(primaryOf(row)).toBe(code);
      });
      it.each(mustNot)(`does not code "$text" as ${code}`, (row) => {
        expect(primaryOf(row)).not.toBe(code);
      });
    });
  }
});
