import { describe, expect, it } from 'vitest';
import { detectTouch, questionForm, type QuestionForm } from '../../server/patient/detect-touch.ts';
import { knee } from './patient-fixtures.ts';

describe('questionForm: what kind of answer a question asks for', () => {
  it.each<[string, QuestionForm]>([
    ['Heeft u de oefeningen gedaan?', 'yes-no'],
    ['Doet het pijn als u de trap op loopt?', 'yes-no'],
    ['Do you smoke every day?', 'yes-no'],
    ['Oké. En u fietst nog?', 'yes-no'],
    ['Hoe vaak lukt het per week?', 'how-much'],
    ['Hoeveel keer per week lukt het nu?', 'how-much'],
    ['En hoe lang duurt zo’n wandeling?', 'how-much'],
    ['How many cigarettes a day?', 'how-much'],
    ['How often do you walk the dog?', 'how-much'],
    ['Wanneer zou u dat willen doen?', 'wh'],
    ['Dus wie helpt u daarbij?', 'wh'],
    ['So who do you usually smoke with?', 'wh'],
    ['Where does it hurt?', 'wh'],
    // The last question decides, not the first.
    ['Wat vindt u ervan? Heeft u er al over nagedacht?', 'yes-no'],
    ['Did you go? How often?', 'how-much'],
  ])('%s → %s', (text, form) => {
    expect(questionForm(text)).toBe(form);
  });
});

describe('detectTouch: barrier questions', () => {
  it.each([
    'Wat maakt het lastig om ze te doen?',
    'Wat houdt u tegen?',
    'Waar loopt u tegenaan?',
    'Waarom doet u de oefeningen niet?',
    'Wat staat u in de weg?',
    'What makes it hard to cut down?',
    'What stops you from trying?',
    'What gets in the way?',
    "Why don't you do the exercises?",
  ])('asks for barriers: %s', (text) => {
    expect(detectTouch(knee, text).barriers).toBe(true);
  });

  it.each([
    'Wat zou er beter worden als u meer oefent?',
    'Waarom is dat belangrijk voor u?',
    'Wat maakt het de moeite waard?',
    'Wat heeft u eerder geholpen?',
    'What would be good about smoking less?',
    'What makes it important to you?',
    'Why is that important?',
  ])('does not ask for barriers: %s', (text) => {
    expect(detectTouch(knee, text).barriers).toBe(false);
  });
});

describe('detectTouch: check-in questions', () => {
  it.each(['Hoe gaat het met uw knie?', 'Hoe is het met je rug?', "How's the ankle?", 'How is your knee doing?', 'How has your back been?'])(
    'a check-in counts as "how are you": %s',
    (text) => {
      expect(detectTouch(knee, text).presenting).toBe(true);
    },
  );

  it.each(['Hoe gaat het met uw knie als u de trap op loopt?', 'How is your knee affecting your walking?'])('a longer question is not a check-in: %s', (text) => {
    expect(detectTouch(knee, text).presenting).toBe(false);
  });
});
