import { describe, expect, it } from 'vitest';
import { detectLanguage, otherLanguageOf } from '../../server/rubric/detect-language.ts';

describe('detectLanguage', () => {
  it.each([
    [['Wat brengt u hier vandaag?', 'Nou, mijn knie doet pijn.'], 'nl'],
    [['What brings you here today?', 'Well, my knee hurts.'], 'en'],
    // Too short for franc: the word vote decides, and the fallback on a tie.
    [['Oké.', 'Nee.'], 'nl'],
    [['Okay.', 'No.'], 'en'],
  ] as const)('%j → %s', (texts, language) => {
    expect(detectLanguage(texts)).toBe(language);
  });
});

describe('otherLanguageOf: a practitioner turn written in the other language', () => {
  it.each([
    ['How often do you walk the dog these days?', 'nl', 'en'],
    ['What would you like to be different?', 'nl', 'en'],
    ['Hoe vaak laat u de hond nu uit?', 'en', 'nl'],
    ['Wat zou u anders willen?', 'en', 'nl'],
  ] as const)('"%s" in a %s session → %s', (text, session, other) => {
    expect(otherLanguageOf(text, session)).toBe(other);
  });

  it.each([
    // The session's own language.
    ['Hoe vaak laat u de hond nu uit?', 'nl'],
    ['How often do you walk the dog these days?', 'en'],
    // Too short to tell, or words both languages share.
    ['Oké, top.', 'en'],
    ['Right.', 'nl'],
    ['Hm, ok, ja.', 'en'],
    ['Sorry!', 'nl'],
    ['Is er nog iets anders?', 'nl'],
  ] as const)('"%s" in a %s session → no note', (text, session) => {
    expect(otherLanguageOf(text, session)).toBeNull();
  });
});
