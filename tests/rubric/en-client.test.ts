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
      { text: 'My wife wants me to quit.', subtype: 'reasons' },
      { text: 'Walking helps me relax.', subtype: 'reasons' },
      { text: 'Yesterday I already cycled for half an hour.', subtype: 'taking_steps' },
      { text: "I'm already smoking less.", subtype: 'taking_steps' },
      { text: 'That sounds doable.', subtype: 'ability' },
      { text: 'It would save me a lot of money.', subtype: 'reasons' },
      { text: "I don't want to end up in a wheelchair like my mum.", subtype: 'reasons' },
      { text: "I don't want to lose my job.", subtype: 'reasons' },
      { text: "I'm worried about what the smoking does to my lungs.", subtype: 'reasons' },
      { text: 'I did it before, after my hip operation.', subtype: 'ability' },
      { text: "My daughter says I'm grumpy when I don't move.", subtype: 'reasons' },
      { text: 'Yes, most days.', subtype: 'taking_steps', before: [practitioner('Have you been doing the stretches since last time?')] },
      { text: "I'm going to ask my boss if I can start later on Mondays.", subtype: 'commitment' },
      { text: 'I really need to sort out my sleep.', subtype: 'need' },
      { text: "I can't go on like this.", subtype: 'need' },
      { text: "I'm going to walk to work from Monday.", subtype: 'commitment' },
      { text: "I'll start the exercises tonight.", subtype: 'commitment' },
      { text: "I'm ready to give it a go.", subtype: 'activation' },
      { text: "I'm willing to give it a try.", subtype: 'activation' },
      { text: "I've already cut down to three cigarettes a day.", subtype: 'taking_steps' },
      { text: 'Last week I started doing the stretches.', subtype: 'taking_steps' },
      { text: 'Yeah, I guess.', before: [practitioner('Would you like to cut down a bit?')] },
      { text: 'I would.', before: [practitioner("It sounds like you'd like to give the exercises another try.")] },
      { text: "I'm getting sick of feeling out of breath.", subtype: 'need' },
      { text: 'Maybe take the stairs at work.', before: [practitioner('What could be a first step for you?')] },
      { text: 'I would have more energy for the grandkids.', before: [practitioner('How would your life be different if you were fitter?')] },
      { text: 'Probably a seven.', before: [practitioner('On a scale from 0 to 10, how important is it for you to move more?')] },
      // Rehabilitation phrasing: family and role, what happened to someone close, past success.
      { text: 'I want my kids to see their dad back at work.', subtype: 'reasons' },
      { text: 'My mum ignored her diabetes and paid for it.', subtype: 'reasons' },
      { text: "That's the real reason I came.", subtype: 'reasons' },
      { text: 'My son asked if I was going to die. That really got to me.', subtype: 'reasons' },
      { text: "I can't afford another setback.", subtype: 'reasons' },
      { text: "If the knee settles, I'll be back on the pitch by spring.", subtype: 'reasons' },
      { text: 'Being stronger would probably help my back.', subtype: 'reasons' },
      { text: "I'd probably sleep better if I walked more.", subtype: 'reasons' },
      { text: "I was really fit in my twenties, it's still in there.", subtype: 'ability' },
      { text: 'I did stop once, for a whole year.', subtype: 'ability' },
      { text: "I'm good at sticking to a routine.", subtype: 'ability' },
      { text: 'I want my independence back.', subtype: 'desire' },
      { text: "Something's got to give.", subtype: 'need' },
      { text: 'I need this shoulder to heal before the summer.', subtype: 'need' },
      { text: "I'll give the programme a proper go.", subtype: 'commitment' },
      { text: "I'll go walking with my sister on Sundays.", subtype: 'commitment' },
      { text: "I've already booked the first session.", subtype: 'taking_steps' },
      { text: 'I walked to work twice this week.', subtype: 'taking_steps' },
      { text: 'I only had eight yesterday, down from twenty.', subtype: 'taking_steps' },
      { text: "I'll skip the cup match and aim for the league games instead.", subtype: 'commitment' },
      { text: "I'll never drive after a drink again.", subtype: 'commitment' },
      { text: "I've been wanting to do this for years.", subtype: 'desire' },
      { text: "I'd rather walk than take more tablets.", subtype: 'desire' },
      { text: "I haven't got the time to keep coming in, but I can do them at home.", subtype: 'ability' },
      { text: "I'm going to have to change something.", subtype: 'need' },
      { text: "I don't want to go through that again.", subtype: 'reasons' },
      { text: 'Honestly, it got a bit out of hand over Christmas.', subtype: 'reasons' },
      { text: "I've been smoke-free for three weeks.", subtype: 'taking_steps' },
      { text: 'So where should I start?' },
    ],
    mustNot: [
      { text: "I don't want to give up my evening beer." },
      { text: "I'm not going to quit." },
      { text: 'Yeah, I guess.', before: [practitioner('What did you have for lunch?')] },
      { text: 'Yeah.', before: [practitioner('You enjoy the evenings at the pub.')] },
      { text: 'I started smoking when I was fifteen.' },
      // Sustain talk whose words look like change talk ("I'd feel", "I'll stop", "I try to").
      { text: "I'd feel daft in a tracksuit at my age." },
      { text: "A gym is the last place I'd go." },
      { text: "I'll stop when I'm back at work, maybe." },
      { text: "I'll slow down after the race." },
      { text: 'Every time I try to do the stretches, my shoulder flares up.' },
      { text: 'The more you tell me to, the less I want to.' },
      { text: 'The surgeon went on about it and I just switched off.' },
      { text: "I've never been one for exercise since I stopped playing." },
      { text: 'Last time I quit I went back on them after a month.' },
      { text: 'If I stop now, I will go up the wall.' },
    ],
  },
  sustain: {
    must: [
      { text: "Well, I'm here because my mom wants me to be here." },
      // Fear of moving, rest and the tablets: a physiotherapy patient's sustain talk.
      { text: "I'm afraid I'll damage my knee even more.", subtype: 'ability' },
      { text: "I'm scared to bend down.", subtype: 'ability' },
      { text: 'Resting is what helps my back the most.', subtype: 'reasons' },
      { text: 'Honestly, the painkillers work fine for me.', subtype: 'reasons' },
      { text: "I don't need physio, it will heal on its own.", subtype: 'reasons' },
      { text: "I don't really want to do exercises at home.", subtype: 'desire' },
      { text: "I'd rather just wait and see.", subtype: 'desire' },
      { text: "With my shifts I just can't fit it in.", subtype: 'ability' },
      { text: 'Every time I try, the pain comes back.', subtype: 'ability' },
      { text: 'Not really, no.', before: [practitioner('Would you be willing to try the exercises again?')] },
      { text: 'No, not this week.', before: [practitioner('Did you manage to do the exercises this week?')] },
      { text: 'I know it is good for me, but I hate exercising.' },
      { text: "I'm gonna keep smoking, I don't care." },
      { text: "I don't really want to stop.", subtype: 'desire' },
      { text: "I'm not ready to change anything yet.", subtype: 'desire' },
      { text: "Sport just isn't for me." },
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
      // Boring is a reason against it, not an inability (as "maar ze zijn zo saai" in Dutch).
      { text: "I know I should stretch more, but it's boring.", subtype: 'reasons' },
      { text: "I know I should stretch more, but it's just hard.", subtype: 'ability' },
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
      { text: "I know, I know. I'm a nurse, I do know what a sprain is." },
      { text: 'The whole system treats you like a criminal.' },
      // Rehabilitation phrasing: refusing, putting off, not for me, embarrassment, barriers,
      // playing it down, the tablets, others who were fine, what the change would cost.
      { text: "I don't want to do it, simple as that.", subtype: 'desire' },
      { text: "I've smoked since I was a teenager, I'm not stopping now.", subtype: 'commitment' },
      { text: "Cutting down's not on the cards at the moment.", subtype: 'commitment' },
      { text: "So I'd rather not try at all.", subtype: 'commitment' },
      { text: 'Why should I go along with it?', subtype: 'commitment' },
      { text: "I'll sort it out after the holidays, maybe.", subtype: 'commitment' },
      { text: "I'll think about it once the winter's over.", subtype: 'commitment' },
      { text: "The gym isn't for me.", subtype: 'reasons' },
      { text: "It's just not me, all that jogging stuff.", subtype: 'reasons' },
      { text: "I'm not the sporty type.", subtype: 'reasons' },
      { text: "I'd look ridiculous in Lycra.", subtype: 'reasons' },
      { text: "I don't want people seeing me out of breath.", subtype: 'reasons' },
      { text: "I haven't got the time, I'm at work sixty hours a week.", subtype: 'ability' },
      { text: "After a late shift I'm knackered, I just want the sofa.", subtype: 'ability' },
      { text: "With the rota changing all the time, I can't plan anything.", subtype: 'ability' },
      { text: 'Every time I try to garden, my back flares up for days.', subtype: 'ability' },
      { text: "If I carry the shopping, my wrist locks up, so I just don't.", subtype: 'ability' },
      { text: "My knees aren't up to that much walking.", subtype: 'ability' },
      { text: "I'll never get back to work with this back.", subtype: 'ability' },
      { text: "There's no point, nobody's going to hire me now.", subtype: 'ability' },
      { text: "It's only a niggle in my calf.", subtype: 'reasons' },
      { text: 'A bit of stiffness is normal at my age.', subtype: 'reasons' },
      { text: 'Every runner has some knee pain, you just push through it.', subtype: 'reasons' },
      { text: 'The tablets will sort my blood pressure out.', subtype: 'reasons' },
      { text: "The GP put me on insulin, so I reckon that's handled.", subtype: 'reasons' },
      { text: "I'd rather take a painkiller than do the exercises.", subtype: 'reasons' },
      { text: 'My granddad smoked till he was ninety.', subtype: 'reasons' },
      { text: "My uncle never exercised and he's fine.", subtype: 'reasons' },
      { text: "If I stop smoking now, I'll go up the wall.", subtype: 'reasons' },
      { text: "Without my Sunday long run I'm impossible to live with.", subtype: 'reasons' },
      { text: "A cigarette is my break, it's the only bit of the day that's mine.", subtype: 'reasons' },
      { text: 'A ten-minute walk does nothing for me.', subtype: 'reasons' },
      { text: 'The plan is way too cautious for me.', subtype: 'reasons' },
      { text: 'Easy runs are just boring.', subtype: 'reasons' },
      { text: 'Honestly, this is a waste of time.', subtype: 'reasons' },
      { text: "I'm not sure ten minutes would make any difference.", subtype: 'reasons' },
      { text: "I'd rather risk it than miss the match.", subtype: 'reasons' },
      { text: "I'm only here because my boss sent me.", subtype: 'reasons' },
      { text: 'Nobody asked me if I wanted physio.', subtype: 'reasons' },
      { text: "I could if I wanted to, but I don't really want to right now.", subtype: 'desire' },
      { text: 'I felt really self-conscious in the class.', subtype: 'reasons' },
      { text: "I'm just not fit enough for that.", subtype: 'ability' },
      { text: "You're joking, aren't you?" },
      { text: "Let me guess, you're going to tell me to lose weight." },
      { text: "Isn't ten minutes too short to make any difference?", subtype: 'reasons' },
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
      { text: 'I want my kids to see their dad back at work.' },
      { text: 'My granddad smoked and died of lung cancer.' },
      { text: 'The patches will help me stop.' },
      { text: "I quit last year and I'm not missing it." },
      { text: "I'm not giving up on this." },
      { text: "I'll start the stretches when I get home." },
      { text: "I'd rather not end up like my dad." },
      { text: "I'd feel better if I lost a bit of weight." },
      { text: 'When I do the exercises every day, it hurts less.' },
      { text: 'They made me drink more than I wanted.' },
      { text: "It doesn't do any good to rush it." },
      { text: "Smoking does nothing for me anymore." },
      { text: "Sitting on the sofa all day, that's not me anymore." },
      // Guards: the same words with the change on the other side.
      { text: 'If I do nothing, my back just gets worse.' },
      { text: 'The last thing I want is to end up in a wheelchair.' },
      { text: 'Walking is the only thing that clears my head.' },
      { text: 'The GP sent me for an X-ray.' },
      { text: "There's no point in me smoking if it slows the bone down." },
      { text: 'I started again with the stretches on Monday.' },
      { text: "The tablets will sort my sugar, but I'd like to walk as well." },
      { text: "Drugs, that stuff isn't for me." },
      { text: "I'll skip the exercises this week." },
      { text: "I'm afraid I'll end up in a wheelchair." },
      { text: 'Maybe in the summer I could start swimming.' },
      // An eager patient asking to start is no push-back.
      { text: 'Can we do the exercises now?' },
      // Pacing is no avoidance.
      { text: "My knee is fine as long as I don't overdo it." },
      { text: 'Resting too much made my back worse.' },
      { text: "The tablets alone don't work well enough." },
      { text: 'I did it before, but it never lasted.' },
    ],
  },
  neutral: {
    must: [
      { text: 'I work in a warehouse.' },
      { text: 'We went to the beach on Sunday.' },
      // A yes or no about something other than the step itself says nothing about change.
      { text: 'Yes, three times.', before: [practitioner('Have you been to hospital before?')] },
      { text: 'No.', before: [practitioner('Have you been to hospital before?')] },
      { text: "It's about £7 a day, I'll buy a pack a day." },
      { text: 'Mm-hmm.' },
      { text: 'My daughter is nine.' },
      { text: "I'm the only one in my family who plays golf." },
      { text: 'I need to pick up my son at three.' },
      { text: 'Yeah, I guess.', before: [practitioner('What did you have for lunch?')] },
      { text: 'I drive the number 42, mostly early shifts.' },
      { text: 'The X-ray is next month.' },
      // Asking for advice: neutral, and it opens permission (see below).
      { text: 'What do you think I should do?' },
      { text: 'Do you have any tips for me?' },
      { text: 'What would you do?' },
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

describe('English client asking for advice', () => {
  it('opens permission: the advice that follows is PWP, the same advice unasked is RR', () => {
    const advice = practitioner('You could start with a short walk after dinner.');
    const asked = codeTranscript([client('Do you have any tips for me?'), advice], { rubric, language: 'en' });
    expect(asked.turns[0]!.talk).toBe('neutral');
    expect(asked.turns[0]!.talkHits[0]!.rule).toBe('en.neutral.asks-advice');
    expect(asked.turns[1]!.primary).toBe('PWP');
    const unasked = codeTranscript([client('I had a busy week.'), advice], { rubric, language: 'en' });
    expect(unasked.turns[1]!.primary).toBe('RR');
  });

  it('leaves a question about the first step to the change rules: it is change talk', () => {
    const { turns } = codeTranscript(
      [practitioner("So we're just going to start and see how you feel as we go."), client('Okay, what should I do first?')],
      { rubric, language: 'en' },
    );
    expect(turns[1]!.talk).toBe('change');
  });
});
