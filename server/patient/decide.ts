import { z } from 'zod';
import { TalkSubtypeSchema, TalkTypeSchema, type CodedTurn, type PractitionerCode, type TalkSubtype } from '../rubric/schemas.ts';
import { detectTouch, topicStems, type Touch } from './detect-touch.ts';
import { RESISTANCE, readiness, type PatientState } from './patient-state.ts';
import type { Scenario } from './scenario-schema.ts';
import { nextRandom } from './seeded-random.ts';

// The patient's decision for one practitioner turn: how the turn moves the state, and what the
// patient intends to say next (talk type, DARN-CAT subtype, theme, kind of move). Pure and
// deterministic given the state (which carries the PRNG). `why` explains every step, for tests
// and for the instructor.

export const MoveSchema = z.enum([
  'opening',
  'answer',
  'agree',
  'short',
  'discord',
  'reveal',
  'ruler',
  'why-not-lower',
  'affirmed',
  'summarised',
  'planning',
  'closing',
]);
export type Move = z.infer<typeof MoveSchema>;

export const IntentSchema = z.object({
  move: MoveSchema,
  talk: TalkTypeSchema,
  subtype: TalkSubtypeSchema.nullable(),
  theme: z.string().nullable(),
  layer: z.string().nullable(),
  length: z.enum(['short', 'normal']),
  discord: z.boolean(),
  ruler: z.object({ kind: z.enum(['importance', 'confidence']), n: z.number().int().min(0).max(10) }).nullable(),
  /** The kind of answer the turn's question asks for (null: the turn asked nothing), so the words fit it. */
  answers: z.enum(['yes-no', 'how-much', 'wh']).nullable(),
  /** Word stems of the practitioner's turn (detect-touch.ts topicStems): lines that share one fit better. */
  topic: z.array(z.string()),
});
export type Intent = z.infer<typeof IntentSchema>;

export interface Decision {
  state: PatientState;
  intent: Intent;
  why: string[];
  touch: Touch;
}

/** The practitioner turn as the patient sees it: its text and the rubric engine's codes. */
export type PractitionerTurn = Pick<CodedTurn, 'text' | 'codes' | 'primary'>;

const clamp = (v: number) => Math.max(0, Math.min(10, Math.round(v * 100) / 100));
const PREPARATORY: TalkSubtype[] = ['desire', 'ability', 'reasons', 'need'];
const MOBILISING: TalkSubtype[] = ['commitment', 'activation', 'taking_steps'];

function baseIntent(move: Move, talk: Intent['talk']): Intent {
  return { move, talk, subtype: null, theme: null, layer: null, length: 'normal', discord: false, ruler: null, answers: null, topic: [] };
}

export function openingIntent(): Intent {
  return baseIntent('opening', 'neutral');
}

export function decide(state: PatientState, scenario: Scenario, turn: PractitionerTurn): Decision {
  const s: PatientState = { ...state, evokedThemes: { ...state.evokedThemes }, revealed: [...state.revealed], ruler: { ...state.ruler } };
  const why: string[] = [];
  const rand = () => {
    const r = nextRandom(s.rng);
    s.rng = r.state;
    return r.value;
  };
  const res = RESISTANCE[scenario.difficulty];
  const codes = new Set<PractitionerCode>(turn.codes.map((c) => c.code));
  const primary: PractitionerCode = turn.primary ?? 'NC';
  const touch = detectTouch(scenario, turn.text);
  const themeOf = (id: string | null) => scenario.themes.find((t) => t.id === id) ?? null;
  const touched = themeOf(touch.theme);
  const side = touched?.side ?? null;
  const pushy = codes.has('RR') || codes.has('CON');
  // "What would you like to talk about?" is coded as seeking collaboration but evokes like an open
  // question; "Mag ik u iets vertellen over wat we weten…?" asks permission, whatever words follow.
  const asksOpen = codes.has('OQ') || (codes.has('SEEK') && /\?/.test(turn.text) && touch.asks === 'wh');
  // Emphasising autonomy hands the choice back: the patient weighs it, as after a reflection.
  const evoking = !pushy && (asksOpen || codes.has('SR') || codes.has('CR') || codes.has('SUM') || codes.has('AUTO'));
  const asksQuestion = codes.has('OQ') || codes.has('CQ') || /\?\s*$/.test(turn.text.trim());
  s.turn += 1;
  if (touched) why.push(`touched theme ${touched.id} (${touched.side})`);

  const bump = (field: 'importance' | 'confidence' | 'discord' | 'rapport', by: number, reason: string) => {
    s[field] = clamp(s[field] + by);
    why.push(`${reason}: ${field} ${by >= 0 ? '+' : ''}${Math.round(by * 100) / 100}`);
  };

  // 1. How the turn moves the state.
  if (codes.has('RR')) {
    bump('discord', 2.5 * res.friction, 'righting reflex');
    bump('rapport', -1, 'righting reflex');
    bump('importance', -0.2, 'reactance to being told');
  }
  if (codes.has('CON')) {
    bump('discord', 3.5 * res.friction, 'confrontation');
    bump('rapport', -1.5, 'confrontation');
  }
  if (codes.has('SEEK')) {
    bump('discord', -1.5, 'asked permission / collaboration');
    bump('rapport', 0.5, 'asked permission / collaboration');
  }
  if (codes.has('AUTO')) {
    bump('discord', -2, 'autonomy emphasised');
    bump('rapport', 0.7, 'autonomy emphasised');
  }
  if (codes.has('AF')) {
    bump('confidence', 0.6 * res.gain, 'affirmation');
    bump('rapport', 1, 'affirmation');
  }
  if (codes.has('PWP')) bump('importance', 0.2 * res.gain, 'advice with permission');
  if (evoking) {
    s.evoking += 1;
    if (touched) s.evokedThemes[touched.id] = (s.evokedThemes[touched.id] ?? 0) + 1;
    if (asksOpen && side !== 'against') bump('importance', 0.35 * res.gain, 'open question');
    if (codes.has('CR')) {
      bump('importance', 0.5 * res.gain, 'complex reflection');
      bump('rapport', 0.6, 'complex reflection');
      if (side === 'against') bump('discord', -1, 'sustain talk reflected (softens)');
    } else if (codes.has('SR')) {
      bump('importance', 0.25 * res.gain, 'simple reflection');
      bump('rapport', 0.4, 'simple reflection');
      if (side === 'against') bump('discord', -0.6, 'sustain talk reflected (softens)');
    }
    if (codes.has('SUM')) {
      bump('importance', 0.4 * res.gain, 'summary');
      bump('rapport', 0.5, 'summary');
    }
  }
  if (!pushy && s.discord > 0) bump('discord', -0.5, 'no pressure this turn');

  // 2. What the patient intends to say.
  const pickTheme = (want: 'for' | 'against', kind?: string): string | null => {
    if (touched && touched.side === want && (!kind || touched.kind === kind)) return touched.id;
    if (touched && touched.side === want && want === 'for') return touched.id;
    const pool = scenario.themes.filter((t) => t.side === want && (!kind || t.kind === kind));
    const any = pool.length ? pool : scenario.themes.filter((t) => t.side === want);
    if (!any.length) return null;
    return any[Math.floor(rand() * any.length)]!.id;
  };
  const ready = readiness(s);
  const mobilisingAllowed = s.turn >= res.commitAfter && ready >= 0.6 && s.changeTalk >= 3 && s.discord < 3;
  let intent: Intent;

  const changeIntent = (move: Move, subtypeHint?: TalkSubtype): Intent => {
    const i = baseIntent(move, 'change');
    let subtype: TalkSubtype;
    if (subtypeHint) subtype = subtypeHint;
    else if (mobilisingAllowed && rand() < 0.5) subtype = MOBILISING[Math.floor(rand() * MOBILISING.length)]!;
    else if (touched?.side === 'for' && PREPARATORY.includes(touched.kind as TalkSubtype)) subtype = touched.kind as TalkSubtype;
    else {
      // Confidence shapes which preparatory talk comes: a confident patient speaks of ability.
      const weights = [1, s.confidence / 7, 1.1, 0.8];
      const total = weights.reduce((a, b) => a + b, 0);
      let r = rand() * total;
      subtype = PREPARATORY[3]!;
      for (let k = 0; k < 4; k++) {
        r -= weights[k]!;
        if (r <= 0) {
          subtype = PREPARATORY[k]!;
          break;
        }
      }
    }
    i.subtype = subtype;
    i.theme = pickTheme('for', PREPARATORY.includes(subtype) ? subtype : undefined);
    return i;
  };
  const sustainIntent = (move: Move, discord: boolean): Intent => {
    const i = baseIntent(move, 'sustain');
    i.discord = discord;
    i.theme = pickTheme('against');
    return i;
  };

  const revealable = scenario.layers.find(
    (l) =>
      !s.revealed.includes(l.id) &&
      evoking &&
      s.discord < 4 &&
      ((touch.layer === l.id && s.evoking >= l.depth) ||
        (s.evoking >= l.depth + 3 && s.rapport >= 5 && (codes.has('CR') || codes.has('SUM')))),
  );

  // A goodbye closes even when the coder hears a reflection in it ("Thanks, see you in two weeks"),
  // unless it also asks an open question.
  if (touch.closing && !asksOpen && !pushy) {
    intent = baseIntent('closing', 'neutral');
    why.push('practitioner closes the consult');
  } else if (codes.has('CON') || (codes.has('RR') && s.discord >= 4)) {
    intent = sustainIntent('discord', true);
    why.push(`discord ${s.discord} after ${codes.has('CON') ? 'confrontation' : 'righting reflex'}: push back`);
  } else if (codes.has('RR')) {
    intent = sustainIntent('answer', false);
    why.push('told what to do: argues for the status quo ("yes, but…")');
  } else if (touch.presenting && !touch.theme && !touch.layer && s.turn <= 2) {
    // Early on, "What brings you here?" is answered with why they came, not a line on some theme.
    intent = baseIntent('opening', 'neutral');
    why.push('asked what brings them: says why they came');
  } else if (touch.whyNotLower && (s.ruler.importance !== null || s.ruler.confidence !== null)) {
    const kind = s.ruler.confidence !== null && touch.ruler === 'confidence' ? 'confidence' : 'importance';
    intent = changeIntent('why-not-lower', kind === 'confidence' ? 'ability' : 'reasons');
    intent.ruler = { kind, n: (kind === 'confidence' ? s.ruler.confidence : s.ruler.importance) ?? 5 };
    why.push('asked why not lower on the ruler: names reasons for change');
  } else if (touch.ruler) {
    const n = Math.round(touch.ruler === 'importance' ? s.importance : s.confidence);
    s.ruler[touch.ruler] = n;
    // As the rubric hears a ruler answer in both languages (*.change.scale-high, *.sustain.scale-low):
    // 4 and up is change talk, 3 and below sustain talk.
    intent = baseIntent('ruler', n >= 4 ? 'change' : 'sustain');
    intent.subtype = touch.ruler === 'importance' ? 'reasons' : 'ability';
    intent.ruler = { kind: touch.ruler, n };
    intent.length = 'short';
    why.push(`ruler question on ${touch.ruler}: answers ${n} (from the state)`);
  } else if (touch.planning && mobilisingAllowed && s.turn >= res.commitAfter) {
    intent = changeIntent('planning', 'commitment');
    why.push(`ready (${ready.toFixed(2)}) and asked about a plan: commits to a first step`);
  } else if (revealable) {
    intent = baseIntent('reveal', revealable.talk);
    intent.subtype = revealable.subtype;
    intent.layer = revealable.id;
    s.revealed.push(revealable.id);
    why.push(`explored deeply enough (${s.evoking} evoking turns ≥ depth ${revealable.depth}): reveals ${revealable.kind} ${revealable.id}`);
  } else if (primary === 'AF' && !asksOpen) {
    intent = baseIntent('affirmed', 'neutral');
    why.push('affirmed: accepts it');
  } else if (primary === 'CQ' || (codes.has('CQ') && !evoking)) {
    // In discord a closed question gets a curt, resistant answer rather than a neutral one.
    intent = baseIntent('short', s.discord >= 4 ? 'sustain' : 'neutral');
    intent.length = 'short';
    if (s.discord >= 4) {
      intent.discord = true;
      intent.theme = pickTheme('against');
    }
    why.push(s.discord >= 4 ? `closed question while in discord (${s.discord}): curt push-back` : 'closed question: short answer');
  } else if (evoking) {
    const imp = s.importance / 10;
    let pChange = imp * 0.6 + (s.rapport / 10) * 0.3 - (s.discord / 10) * 0.6 + (codes.has('CR') ? 0.15 : 0);
    let pSustain = (1 - imp) * 0.45 + (s.discord / 10) * 0.5;
    if (side === 'for') pChange += 0.15;
    if (side === 'against') {
      if (codes.has('CR')) pChange += 0.05;
      else pSustain += 0.25;
    }
    // Asked what stands in the way, a patient names it: the question draws out sustain talk.
    if (touch.barriers && asksOpen) {
      pChange *= 0.4;
      pSustain += 0.5;
      why.push('asked what stands in the way: sustain talk is the natural answer');
    }
    pChange = Math.max(0.05, pChange);
    pSustain = Math.max(0.05, pSustain);
    const pNeutral = 0.15;
    const total = pChange + pSustain + pNeutral;
    const r = rand() * total;
    if (primary === 'SUM' && r >= pChange) {
      intent = baseIntent('summarised', 'neutral');
      why.push('summary: confirms and adds a little');
    } else if (r < pChange) {
      intent = changeIntent('answer');
      why.push(`evoked (P(change) ${(pChange / total).toFixed(2)}): ${intent.subtype} change talk`);
    } else if (r < pChange + pSustain) {
      intent = sustainIntent('answer', false);
      why.push(`still ambivalent (P(sustain) ${(pSustain / total).toFixed(2)}): sustain talk`);
    } else {
      intent = baseIntent('answer', 'neutral');
      why.push('evoked but noncommittal');
    }
  } else if (codes.has('GI') || codes.has('PWP')) {
    if (s.discord >= 3) {
      intent = sustainIntent('answer', false);
      why.push('information while friction is high: doubts it');
    } else if (rand() < (s.importance / 10) * 0.5) {
      intent = changeIntent('answer', 'reasons');
      why.push('information that fits: sees a reason');
    } else {
      intent = baseIntent('answer', 'neutral');
      why.push('takes the information in');
    }
  } else {
    intent = baseIntent(codes.has('SEEK') ? 'agree' : 'answer', 'neutral');
    if (codes.has('SEEK')) intent.length = 'short';
    why.push(codes.has('SEEK') ? 'asked permission: agrees' : 'nothing to respond to: neutral');
  }
  if (s.rapport < 3 && intent.move === 'answer') intent.length = 'short';
  // What was asked, if anything: a short answer fits its form, and a reply to a statement does not
  // sound like the answer to a question ("Dat is een goede vraag").
  intent.answers = asksQuestion ? touch.asks : null;
  intent.topic = topicStems(turn.text);
  if (intent.talk === 'change') s.changeTalk += 1;
  return { state: s, intent, why, touch };
}
