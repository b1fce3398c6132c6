import { describe, expect, it } from 'vitest';
import { createPatient, decide, mood, type PatientState } from '../../server/patient/index.ts';
import type { PractitionerCode } from '../../server/rubric/schemas.ts';
import { knee, turn, withDifficulty } from './patient-fixtures.ts';

const fresh = (): PatientState => createPatient(knee, { seed: 7 });
const after = (codes: PractitionerCode[], text = 'Iets over de oefeningen.', state = fresh()) =>
  decide(state, knee, turn(text, ...codes));

describe('decide: how a practitioner turn moves the state', () => {
  it.each<[string, PractitionerCode[], keyof PatientState, 'up' | 'down']>([
    ['the righting reflex raises discord', ['RR'], 'discord', 'up'],
    ['the righting reflex lowers rapport', ['RR'], 'rapport', 'down'],
    ['a confrontation raises discord', ['CON'], 'discord', 'up'],
    ['an affirmation raises confidence', ['AF'], 'confidence', 'up'],
    ['an affirmation raises rapport', ['AF'], 'rapport', 'up'],
    ['a complex reflection raises importance', ['CR'], 'importance', 'up'],
    ['an open question raises importance', ['OQ'], 'importance', 'up'],
    ['a summary raises rapport', ['SUM'], 'rapport', 'up'],
  ])('%s', (_name, codes, field, dir) => {
    const before = fresh();
    const { state } = after(codes, 'Iets over de oefeningen.', before);
    if (dir === 'up') expect(state[field] as number).toBeGreaterThan(before[field] as number);
    else expect(state[field] as number).toBeLessThan(before[field] as number);
  });

  it.each<[string, PractitionerCode[]]>([
    ['asking permission lowers discord', ['SEEK']],
    ['emphasising autonomy lowers discord', ['AUTO']],
    ['reflecting sustain talk lowers discord', ['CR']],
  ])('%s', (_name, codes) => {
    const heated = { ...fresh(), discord: 6 };
    const { state } = decide(heated, knee, turn('Je bent bang dat de pijn betekent dat het slijt.', ...codes));
    expect(state.discord).toBeLessThan(heated.discord);
  });

  it('a closed question changes neither importance nor confidence', () => {
    const before = fresh();
    const { state } = after(['CQ'], 'Heeft u de oefeningen gedaan?', before);
    expect(state.importance).toBe(before.importance);
    expect(state.confidence).toBe(before.confidence);
  });

  it('harder scenarios build discord faster after the righting reflex', () => {
    const easy = decide(createPatient(knee, { seed: 1 }), knee, turn('U moet oefenen.', 'RR')).state.discord;
    const hardKnee = withDifficulty(knee, 'hard');
    const hard = decide(createPatient(hardKnee, { seed: 1 }), hardKnee, turn('U moet oefenen.', 'RR')).state.discord;
    expect(hard).toBeGreaterThan(easy);
  });

  it('does not mutate the state it was given', () => {
    const before = fresh();
    const copy = structuredClone(before);
    after(['RR']);
    decide(before, knee, turn('Wat wil je?', 'OQ'));
    expect(before).toEqual(copy);
  });
});

describe('decide: what the patient intends to say', () => {
  it.each<[string, PractitionerCode[], string, string]>([
    ['a closed question gets a short neutral answer', ['CQ'], 'Heeft u de oefeningen gedaan?', 'short'],
    ['an affirmation is accepted', ['AF'], 'Knap dat je toch gekomen bent.', 'affirmed'],
    ['asking permission gets agreement', ['SEEK'], 'Mag ik iets vertellen?', 'agree'],
    ['a goodbye gets a closing line', ['NC'], 'Tot volgende week!', 'closing'],
  ])('%s', (_name, codes, text, move) => {
    expect(after(codes, text).intent.move).toBe(move);
  });

  it('the righting reflex gets sustain talk, and repeated it turns into discord', () => {
    let s = fresh();
    const first = decide(s, knee, turn('U moet echt elke dag oefenen.', 'RR'));
    expect(first.intent.talk).toBe('sustain');
    s = first.state;
    const second = decide(s, knee, turn('Als u niet oefent, wordt het erger.', 'RR'));
    expect(second.intent.move).toBe('discord');
    expect(second.intent.discord).toBe(true);
    expect(mood(second.state).discord).toBe(true);
  });

  it('in discord a closed question gets a curt push-back instead of a neutral answer', () => {
    const d = decide({ ...fresh(), discord: 6 }, knee, turn('Heeft u de oefeningen gedaan?', 'CQ'));
    expect(d.intent.move).toBe('short');
    expect(d.intent.talk).toBe('sustain');
    expect(after(['CQ'], 'Heeft u de oefeningen gedaan?').intent.talk).toBe('neutral');
  });

  it('a ruler question is answered with a number taken from the state', () => {
    const s = { ...fresh(), importance: 7.4 };
    // Uncoded here so only the ruler logic acts; the number is the state's, rounded.
    const d = decide(s, knee, turn('Op een schaal van 0 tot 10, hoe belangrijk is het voor je?'));
    expect(d.intent.move).toBe('ruler');
    expect(d.intent.ruler).toEqual({ kind: 'importance', n: 7 });
    expect(d.state.ruler.importance).toBe(7);
    const c = decide({ ...fresh(), confidence: 3.2 }, knee, turn('En op een schaal van 0 tot 10, hoeveel vertrouwen heb je dat het lukt?'));
    expect(c.intent.ruler).toEqual({ kind: 'confidence', n: 3 });
    // Said as the rubric hears it: a 7 on importance is change talk (reasons), a 3 on confidence
    // sustain talk (ability).
    expect([d.intent.talk, d.intent.subtype]).toEqual(['change', 'reasons']);
    expect([c.intent.talk, c.intent.subtype]).toEqual(['sustain', 'ability']);
  });

  it('answers "what brings you here?" early on with why they came, not a line on some theme', () => {
    const d = decide(fresh(), knee, turn('Wat brengt u hier vandaag?', 'OQ'));
    expect([d.intent.move, d.intent.talk]).toEqual(['opening', 'neutral']);
    expect(d.why.join(' ')).toMatch(/what brings them/);
    // Later in the consult, or about a theme, it is an ordinary open question again.
    let later = fresh();
    for (let i = 0; i < 3; i++) later = decide(later, knee, turn('Hm.', 'NC')).state;
    expect(decide(later, knee, turn('Wat brengt u hier vandaag?', 'OQ')).intent.move).not.toBe('opening');
    expect(decide(fresh(), knee, turn('Hoe gaat het met de oefeningen?', 'OQ')).intent.move).not.toBe('opening');
  });

  it('asked what stands in the way, the patient names it: barrier questions draw out sustain talk', () => {
    const s = { ...fresh(), importance: 6, rapport: 6 };
    const talks = (text: string) =>
      Array.from({ length: 40 }, (_, seed) => decide({ ...s, rng: seed }, knee, turn(text, 'OQ')).intent.talk);
    const sustainShare = (text: string) => talks(text).filter((t) => t === 'sustain').length / 40;
    const barrier = sustainShare('Wat maakt het lastig om de oefeningen te doen?');
    const neutralAsk = sustainShare('Wat merkt u daarvan in het dagelijks leven?');
    expect(barrier).toBeGreaterThan(neutralAsk + 0.25);
    expect(barrier).toBeGreaterThan(0.5);
    // Still a person, not a switch: some barrier questions get change talk or a neutral answer.
    expect(barrier).toBeLessThan(1);
    expect(decide({ ...s, rng: 1 }, knee, turn('Wat houdt u tegen?', 'OQ')).why.join(' ')).toMatch(/stands in the way/);
  });

  it('a closed question carries the kind of answer it asks for', () => {
    expect(after(['CQ'], 'Heeft u de oefeningen gedaan?').intent.answers).toBe('yes-no');
    expect(after(['CQ'], 'Hoe vaak lukt het per week?').intent.answers).toBe('how-much');
    expect(after(['CQ'], 'Wie helpt u daarbij?').intent.answers).toBe('wh');
    expect(after(['OQ'], 'Wat wilt u bereiken?').intent.answers).toBe('wh');
    // A statement asks nothing, so the reply should not sound like an answer.
    expect(after(['CR'], 'U wilt graag weer fietsen met Daan.').intent.answers).toBeNull();
  });

  it('asking permission gets agreement, whatever question words follow', () => {
    expect(after(['SEEK'], 'Mag ik u iets vertellen over wat we weten over artrose en bewegen?').intent.move).toBe('agree');
    expect(after(['SEEK'], 'Zullen we volgende week samen kijken hoe het gaat?').intent.move).toBe('agree');
    // "What would you like to talk about?" still evokes like an open question.
    expect(after(['SEEK'], 'Waar wilt u het vandaag over hebben?').intent.move).not.toBe('agree');
  });

  it('emphasising autonomy hands the choice back: the patient weighs it instead of a filler', () => {
    const s = { ...fresh(), importance: 7, rapport: 7 };
    const intents = Array.from({ length: 30 }, (_, seed) => decide({ ...s, rng: seed }, knee, turn('U beslist zelf hoe u het aanpakt.', 'AUTO')));
    expect(intents.filter((d) => d.intent.talk === 'change').length).toBeGreaterThan(10);
    expect(intents.every((d) => d.intent.move !== 'agree')).toBe(true);
  });

  it('a goodbye closes the consult even when the coder hears a reflection in it', () => {
    expect(after(['SR'], 'Dank je wel, tot volgende week.').intent.move).toBe('closing');
    expect(after(['OQ'], 'Tot volgende week, en wat neemt u mee van vandaag?').intent.move).not.toBe('closing');
  });

  it('an early "how is your knee?" is a check-in, answered like "how are you"', () => {
    const d = decide(fresh(), knee, turn('Goedemiddag. Hoe gaat het met uw knie?', 'OQ'));
    expect(d.intent.move).toBe('opening');
  });

  it('"why not lower" after a ruler answer draws out reasons for change', () => {
    const s = { ...fresh(), ruler: { importance: 6, confidence: null } };
    const d = decide(s, knee, turn('Waarom een 6 en niet een 3?', 'OQ'));
    expect(d.intent.move).toBe('why-not-lower');
    expect(d.intent.talk).toBe('change');
  });

  it('evoking on a theme for change draws out change talk on that theme', () => {
    const s = { ...fresh(), importance: 8, rapport: 7 };
    const intents = Array.from({ length: 20 }, (_, seed) =>
      decide({ ...s, rng: seed }, knee, turn('Wat betekent fietsen met je kleinzoon voor je?', 'OQ')).intent,
    );
    const change = intents.filter((i) => i.talk === 'change');
    expect(change.length).toBeGreaterThanOrEqual(12);
    expect(change.every((i) => i.theme === 'kleinzoon')).toBe(true);
  });

  it('never gives commitment talk in the first five turns, however good the MI', () => {
    let s = { ...fresh(), importance: 10, confidence: 10, rapport: 10 };
    for (let t = 0; t < 5; t++) {
      const d = decide(s, knee, turn('Wat is je plan? Hoe ga je het aanpakken?', 'OQ'));
      expect(['commitment', 'activation', 'taking_steps']).not.toContain(d.intent.subtype);
      s = d.state;
    }
  });

  it('reveals a deeper layer only after enough evoking turns', () => {
    let s = fresh();
    const reveals: number[] = [];
    for (let t = 1; t <= 6; t++) {
      const d = decide(s, knee, turn('Wat maakt je zorgen als je aan je moeder en de rollator denkt?', 'OQ'));
      if (d.intent.move === 'reveal') reveals.push(t);
      s = d.state;
    }
    expect(reveals[0]).toBe(3); // the layer's depth
    expect(s.revealed).toContain('angst-rollator');
  });

  it('explains its decision', () => {
    const d = after(['RR'], 'U moet echt oefenen.');
    expect(d.why.some((w) => w.includes('righting reflex'))).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const run = () => {
      let s = createPatient(knee, { seed: 42 });
      const out: string[] = [];
      for (const codes of [['OQ'], ['CR'], ['AF'], ['SR'], ['OQ']] as PractitionerCode[][]) {
        const d = decide(s, knee, turn('Hoe gaat het met de oefeningen?', ...codes));
        out.push(`${d.intent.move}/${d.intent.talk}/${d.intent.subtype}`);
        s = d.state;
      }
      return out;
    };
    expect(run()).toEqual(run());
  });
});
