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
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
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
    presenting: PRESENTING.test(text),
  };
}
