import type { Scenario } from './scenario-schema.ts';

// What a practitioner turn is about, beyond its codes: which theme or deeper layer it touched
// (by the scenario's keywords), and whether it is a ruler question, a "why not lower" follow-up,
// a planning question or a goodbye. Keywords are stems: "oefen" matches "oefeningen".

export interface Touch {
  theme: string | null;
  layer: string | null;
  ruler: 'importance' | 'confidence' | null;
  whyNotLower: boolean;
  planning: boolean;
  closing: boolean;
  /** "What brings you here?", "Hoe gaat het?": asks why the patient came or how they are. */
  presenting: boolean;
  /** "Wat maakt het lastig?", "What stops you?": asks for what stands in the way of the change. */
  barriers: boolean;
  /** The kind of answer the turn's last question asks for (see questionForm). */
  asks: QuestionForm;
}

/**
 * What a question asks for, so a short answer can fit it: yes or no ("Heeft u pijn?"), how often,
 * how much or how long ("Hoe vaak lukt het?"), or some other fact ("Wanneer?", "Wie helpt u?").
 */
export type QuestionForm = 'yes-no' | 'how-much' | 'wh';

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// Words too common to say what a turn is about.
const NOT_A_TOPIC = new Set(
  'about would could should there their which where these those think thing things really something anything everything because maybe right again today still other doing going being having want wants eigenlijk zouden hebben heeft wordt worden kunnen willen moeten misschien ervan daarvan daarover vindt vinden zeggen zegt denkt denken natuurlijk gewoon iemand iets altijd nooit echter omdat welke wanneer waarom hoeveel'.split(' '),
);

/**
 * What a text is about, as word stems (the first five letters of each word of five or more letters
 * that is not a common word): the offline voice prefers lines that share one with the question.
 */
export function topicStems(text: string): string[] {
  const out = new Set<string>();
  for (const w of words(text)) if (w.length >= 5 && !NOT_A_TOPIC.has(w)) out.add(w.slice(0, 5));
  return [...out];
}

function hits(tokens: string[], keywords: string[]): number {
  let n = 0;
  for (const kw of keywords) {
    const k = words(kw).join(' ');
    if (!k) continue;
    if (k.includes(' ')) {
      if (tokens.join(' ').includes(k)) n++;
    } else if (tokens.some((t) => t.startsWith(k))) n++;
  }
  return n;
}

const RULER = /\b(0|nul|zero|een|one|1)\s*(tot|to|-|–|en|and)\s*(10|tien|ten)\b|\bschaal\b|\bscale\b/i;
const RULER_CONFIDENCE = /vertrouw|zeker|lukken|lukt|kunnen|confident|sure|able|succeed|manage/i;
const WHY_NOT_LOWER = /waarom\b.*\b(niet|geen)\b.*\b(lager|laag|nul|\d)|why\b.*\bnot\b.*\b(lower|zero|\d)|\ben niet (een )?(\d|lager)|\band not (a )?(\d|lower)/i;
const PLANNING = /\b(plan|eerste stap|volgende stap|first step|next step|concreet|concrete|hoe ga je|what will you do|wat ga je|when will you|wanneer ga je|how will you)\b/i;
const PRESENTING =
  /\b(what brings you|what (?:has )?brought you|how are you(?: doing)?|how have you been|how are things|what can i do for you|how can i help|wat brengt (?:je|jou|u)|hoe gaat het(?: met (?:je|jou|u))?\s*[?.!]*$|hoe is het(?: met (?:je|jou|u))?\s*[?.!]*$|waarmee kan ik (?:je|u) helpen|wat kan ik voor (?:je|u) doen)/i;
// "Hoe gaat het met uw knie?" / "How's the back?" early on is a check-in, answered like "how are you".
const CHECK_IN =
  /\b(?:hoe gaat het(?: nu| vandaag)? met (?:uw|je|jouw|de|die) \w+|hoe is het met (?:uw|je|jouw|de) \w+|how(?: is|'s) (?:your|the) \w+(?: doing| today)?|how has (?:your|the) \w+ been)\s*[?.!]*$/i;
// Questions whose answer is what stands in the way: sustain talk is their natural answer.
const BARRIERS =
  /\b(?:wat maakt (?:het|dat|dit) (?:\w+ ){0,2}(?:zo )?(?:lastig|moeilijk|zwaar|lastiger|moeilijker)|wat (?:houdt|hield|weerhoudt) (?:u|je|jou) (?:\w+ )?(?:tegen|van)|wat staat (?:u|je|jou) in de weg|waar (?:loopt|liep|loop) (?:u|je) (?:\w+ )?tegenaan|wat (?:vindt|vind) (?:u|je) (?:er )?(?:lastig|moeilijk)|waarom (?:doet|deed|doe|heeft|had|hebt|heb|bent|ben|wilt|wil|gaat|ga|lukt|lukte) (?:u|je|het)\b[^?]*\bniet\b|wat zijn de nadelen|what makes (?:it|that|this) (?:so )?(?:hard|difficult|tough|harder)|what (?:stops|stopped|keeps|kept|is stopping|'s stopping|holds|is holding|'s holding) you|what gets in (?:the|your) way|what(?:'s| is| are) getting in the way|why (?:don't|didn't|haven't|won't|can't|aren't) you|what are the downsides|what do you find (?:hard|difficult))/i;
const HOW_MUCH = /\b(?:hoe vaak|hoeveel|hoe lang|hoe ver|how often|how many|how much|how long|how far)\b/i;
const WH_START =
  /^(?:(?:en|dus|oké|ok|okay|oke|nou|maar|so|and|but|well|right|alright|um|uh|eh)[,.]?\s+)*(?:wat|wie|waar|wanneer|welke|welk|waarom|hoe|waarmee|waardoor|waarover|what|who|whom|whose|where|when|which|why|how)\b/i;

/** The form of the turn's last question (its last sentence with a "?", else its last sentence). */
export function questionForm(text: string): QuestionForm {
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');
  const last = [...sentences].reverse().find((s) => s.includes('?')) ?? sentences[sentences.length - 1] ?? '';
  if (HOW_MUCH.test(last)) return 'how-much';
  return WH_START.test(last.trim()) ? 'wh' : 'yes-no';
}

const CLOSING = /\b(tot (de )?volgende|tot ziens|doei|fijne dag|goodbye|bye|see you|till next|until next time|we (ronden|sluiten) af|let's wrap up|that's all for today)\b/i;

export function detectTouch(scenario: Scenario, text: string): Touch {
  const tokens = words(text);
  let theme: string | null = null;
  let best = 0;
  for (const t of scenario.themes) {
    const n = hits(tokens, t.keywords);
    if (n > best) {
      best = n;
      theme = t.id;
    }
  }
  let layer: string | null = null;
  let bestLayer = 0;
  for (const l of scenario.layers) {
    const n = hits(tokens, l.keywords);
    if (n > bestLayer) {
      bestLayer = n;
      layer = l.id;
    }
  }
  const isRuler = RULER.test(text);
  return {
    theme,
    layer,
    ruler: isRuler ? (RULER_CONFIDENCE.test(text) ? 'confidence' : 'importance') : null,
    whyNotLower: WHY_NOT_LOWER.test(text),
    planning: PLANNING.test(text),
    closing: CLOSING.test(text),
    presenting: PRESENTING.test(text) || CHECK_IN.test(text),
    barriers: BARRIERS.test(text),
    asks: questionForm(text),
  };
}
