import { franc } from 'franc-min';
import type { Language } from './schemas.ts';

// Language is decided per conversation, not per turn: short turns ("Ja.", "Okay.") are
// unreliable on their own. Callers that know the language (a scenario) pass it instead.

const SAMPLE_CHARS = 4000;

/** 'nl' or 'en' for a conversation's texts; 'en' when unsure (too little text). */
export function detectLanguage(texts: readonly string[], fallback: Language = 'en'): Language {
  let sample = '';
  for (const t of texts) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += `${t}\n`;
  }
  const code = franc(sample, { only: ['nld', 'eng'], minLength: 12 });
  if (code === 'nld') return 'nl';
  if (code === 'eng') return 'en';
  return fallback;
}
