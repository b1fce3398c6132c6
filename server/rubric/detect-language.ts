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
