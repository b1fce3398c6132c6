import { franc } from 'franc-min';
import type { Language } from './schemas.ts';

// Language is decided per conversation, not per turn: short turns ("Ja.", "Okay.") are
// unreliable on their own. Callers that know the language (a scenario) pass it instead.
// Below franc's minimum length a count of common words decides ("T: Oké. P: Nee." is Dutch), and
// only when that ties does the fallback (the speaker labels, the user's locale) decide.

const SAMPLE_CHARS = 4000;

// Short, frequent words that belong to one of the two languages only.
const NL_WORDS = new Set(
  'nee ja jawel oké oke niet het een ik je jij u wat hoe dat dit deze die goed maar wel ook nou dus hoor niks niets geen heel echt misschien zeker graag prima klopt precies inderdaad waarom wanneer waar mijn jouw uw zijn hebben heb hebt heeft doe doen gaat gaan kan kun kunt wil wilt moet mag'.split(' '),
);
const EN_WORDS = new Set(
  'no yes yeah yep okay not the a an i you what how that this these good but well also so nothing none very really maybe sure fine right exactly indeed why when where my your is are have has do does go going can could want must may'.split(' '),
);

function wordVote(sample: string): Language | null {
  let nl = 0;
  let en = 0;
  for (const w of sample.toLowerCase().split(/[^a-zà-ÿ']+/)) {
    if (NL_WORDS.has(w)) nl++;
    else if (EN_WORDS.has(w)) en++;
  }
  return nl > en ? 'nl' : en > nl ? 'en' : null;
}

/** 'nl' or 'en' for a conversation's texts; `fallback` when too little text says which. */
export function detectLanguage(texts: readonly string[], fallback: Language = 'en'): Language {
  let sample = '';
  for (const t of texts) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += `${t}\n`;
  }
  const code = franc(sample, { only: ['nld', 'eng'], minLength: 12 });
  if (code === 'nld') return 'nl';
  if (code === 'eng') return 'en';
  return wordVote(sample) ?? fallback;
}

/**
 * The other language, when one practitioner turn is clearly written in it ("How often do you
 * walk?" in a Dutch session): the patient and the coding follow the session's language, so the
 * student should know. Short turns ("Oké", "Right") never count. On one sentence franc is unsure
 * (it reads "How often do you walk the dog these days?" as Dutch), so the word vote leads: at
 * least two words only the other language has and none of the session's, or franc agreeing with
 * a majority of such words.
 */
export function otherLanguageOf(text: string, sessionLanguage: Language): Language | null {
  const words = text.toLowerCase().split(/[^a-zà-ÿ']+/).filter(Boolean);
  if (words.length < 4) return null;
  let nl = 0;
  let en = 0;
  for (const w of words) {
    // "is" is Dutch too ("Is er nog iets?"): it tells nothing about one sentence.
    if (w === 'is') continue;
    if (NL_WORDS.has(w)) nl++;
    else if (EN_WORDS.has(w)) en++;
  }
  const other: Language = sessionLanguage === 'nl' ? 'en' : 'nl';
  const [theirs, ours] = other === 'en' ? [en, nl] : [nl, en];
  if (theirs >= 2 && ours === 0) return other;
  const code = franc(text, { only: ['nld', 'eng'], minLength: 12 });
  const byFranc: Language | null = code === 'nld' ? 'nl' : code === 'eng' ? 'en' : null;
  return byFranc === other && theirs > ours ? other : null;
}
