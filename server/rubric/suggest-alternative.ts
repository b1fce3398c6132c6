import type { CodedTurn, Language, TalkType } from './schemas.ts';

// For a righting-reflex (RR) or confront (CON) utterance: an MI-consistent way to say it, with a
// short why, in the conversation's language. Pure and template-based on purpose: the student
// should recognise their own topic in the suggestion, so it reuses the advised action ("you
// should walk every day" → "… to walk every day") or a noun phrase from the turn ("your knee").
//
// Strategies (MI 4th ed.: ask–offer–ask, emphasise autonomy, reflect before you direct):
//   permission       RR with a clear action: ask permission, offer it as one option, ask what the
//                    client thinks, leave the choice with them.
//   reflect-then-ask RR with a clear action right after sustain talk: reflect the hesitation first,
//                    then an open question about what would make the action possible.
//   elicit           RR without a clear action (a warning, a fact pushed at the client): ask what
//                    the client already knows, offer to add information with permission.
//   reflect          CON: reflect the difficulty instead of arguing, then an open question.

export type AlternativeStrategy = 'permission' | 'reflect-then-ask' | 'elicit' | 'reflect';

export interface Alternative {
  strategy: AlternativeStrategy;
  alternative: string;
  why: string;
}

export interface SuggestInput {
  code: 'RR' | 'CON';
  /** The utterance that carries the code. */
  text: string;
  language: Language;
  /** The client's turn just before, when there is one. */
  previousClient?: { text: string; talk: TalkType | null } | null;
}

// ---- English ----

const EN_STOP = new Set(
  'a an and are as at be been but by can could did do does doing for from get got had has have he her here him his how i if in into is it its just me more most much my no not now of on or our out over really she so some such than that the their them then there these they this those to too up us very was we were what when where which who will with would you your yours going gonna'.split(
    ' ',
  ),
);

// "you should/must/need to/have to/ought to/'d better X", "why don't you X", "try to X", …
const EN_ACTION = [
  /\b(?:you|ya)\s+(?:really\s+|just\s+|definitely\s+|simply\s+|seriously\s+)?(?:should|must|need to|needs to|have to|has to|ought to|had better|'d better|better|gotta|got to)\s+(?:really\s+|just\s+|definitely\s+|at least\s+)?(not\s+)?(.+)/i,
  /\byou(?:'ve| have) got to\s+(not\s+)?(.+)/i,
  /\b(?:why don't you|why not|try to|try and|make sure (?:that )?you|make sure to|i want you to|i'd like you to|i need you to|it's (?:important|essential|time|vital) (?:that you|to|for you to)|it is (?:important|essential|time|vital) (?:that you|to|for you to))\s+(not\s+)?(.+)/i,
  /\bif you don't\s+()(.+?),/i,
];
// "I('d) recommend/suggest/advise (that you) X" — X may be a gerund ("cutting down").
const EN_RECOMMEND = /\bi(?:'d| would)?\s+(?:really\s+|strongly\s+)?(?:recommend|suggest|advise)(?:\s+that)?(?:\s+you)?\s+(not\s+)?(.+)/i;
const EN_NEGATIVE = /\byou\s+(?:really\s+|just\s+)?(?:shouldn't|should not|mustn't|must not|can't keep|cannot keep)\s+(.+)/i;
const EN_IMPERATIVE =
  /^\s*(?:just\s+|please\s+|so\s+)?((?:stop|start|cut|quit|go|take|do|eat|drink|walk|exercise|get|keep|avoid|try|make|use|give up|switch|lose|reduce|limit)\b.+)/i;

// Warnings and reasons tacked on after the action are not part of it.
const EN_CUT = /\s*(?:,|;|\s-\s|—)?\s+\b(?:or else|or|otherwise|because|since|if you want|before it's too late|so that|so you)\b.*$/i;

function cleanAction(raw: string, cut: RegExp): string {
  let a = raw.split(/[.!?]/)[0] ?? '';
  a = a.replace(cut, '');
  a = a.replace(/\b(?:just|really|simply|gewoon|echt|toch|nou|eigenlijk)\s+/gi, '').replace(/^\s*even\s+/i, '');
  a = a.replace(/[\s,;:—-]+$/, '').trim();
  return a;
}

// "You need to understand that…", "…take this seriously": a belief pushed at the client, not a
// behaviour to offer as an option; such advice gets the elicit strategy.
const EN_NOT_AN_ACTION = /^(?:not\s+)?(?:(?:do|try|start|keep doing) (?:it|that|this|them)$|understand|realise|realize|accept|know|see (?:that|how|why|what)|believe|remember|admit|face (?:it|the fact|facts|reality)|listen to me|trust me|take (?:this|it|that|things) (?:more )?seriously|think about (?:it|this|that))\b/i;
// "…, do it" / "het doen" names no behaviour: "make it easier to do it" would say nothing.
const NL_NOT_AN_ACTION = /^(?:(?:het|dat|dit|ze) (?:doen|proberen)$)|\b(?:begrijpen|beseffen|inzien|accepteren|weten|geloven|onthouden|toegeven|luisteren|vertrouwen|serieus nemen|serieuzer nemen)$/i;

function enAction(text: string): string | null {
  const a = enActionPhrase(text);
  return a !== null && EN_NOT_AN_ACTION.test(a) ? null : a;
}

function enActionPhrase(text: string): string | null {
  const neg = EN_NEGATIVE.exec(text);
  if (neg) {
    const a = cleanAction(neg[1]!, EN_CUT);
    return a ? `not ${a}` : null;
  }
  for (const re of [...EN_ACTION, EN_RECOMMEND]) {
    const m = re.exec(text);
    if (m) {
      const a = cleanAction(m[2]!, EN_CUT);
      if (a.split(/\s+/).length >= 1 && a.length >= 2) return `${m[1] ? 'not ' : ''}${a}`;
    }
  }
  const imp = EN_IMPERATIVE.exec(text);
  if (imp) {
    const a = cleanAction(imp[1]!, EN_CUT);
    if (a) return a.charAt(0).toLowerCase() + a.slice(1);
  }
  return null;
}

// Words after "the/your" that are no topic ("the best", "the same", "the way").
const NOT_A_TOPIC = new Set(
  'best worst most least greatest biggest easiest hardest simplest safest same other others way thing things time times point fact truth end idea problem reason moment day week whole rest lot bit kind sort only first last next beste ergste meeste minste zelfde andere manier ding dingen tijd punt feit waarheid eind idee probleem reden moment dag week rest hele eerste laatste volgende'.split(' '),
);

/**
 * A topic for the alternative: the first "determiner + noun" of the text. From the client's words
 * only a possessive counts ("my knee" → "your knee"): "the" in a client's turn is as often an idiom
 * ("I'll go up the wall") as a topic.
 */
function nounPhrase(text: string, re: RegExp, stop: Set<string>, swap: Record<string, string>, possessiveOnly = false): string | null {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const det = m[1]!.toLowerCase();
    const noun = m[2]!.toLowerCase();
    if (stop.has(noun) || NOT_A_TOPIC.has(noun)) continue;
    if (possessiveOnly && !(det in swap)) continue;
    return `${swap[det] ?? det} ${noun}`;
  }
  return null;
}

const EN_NP = /\b(your|my|the|those|these)\s+([a-z][a-z'-]{2,})/gi;
const EN_SWAP = { my: 'your' };

const isGerund = (action: string) => /^(?:not\s+)?[a-z]+ing\b/i.test(action);

function en(input: SuggestInput, action: string | null, np: string | null): Alternative {
  const about = np ?? 'this';
  if (input.code === 'CON') {
    return {
      strategy: 'reflect',
      alternative: np
        ? `When it comes to ${np}, it sounds like it isn't easy for you right now. What makes it hard?`
        : "It sounds like this isn't easy for you right now. What makes it hard?",
      why: `Arguing, blaming or labelling makes a client defend the status quo. A reflection of what is hard about ${about} shows you understand, and the open question lets them look at it themselves.`,
    };
  }
  if (action && input.previousClient?.talk === 'sustain') {
    return {
      strategy: 'reflect-then-ask',
      alternative: isGerund(action)
        ? `It sounds like that doesn't feel doable right now. What, if anything, would make ${action} easier?`
        : `It sounds like that doesn't feel doable right now. What, if anything, would make it easier to ${action}?`,
      why: `The client had just voiced doubts; advice at that moment invites more "yes, but". Reflecting the doubt first softens it, and asking what would help lets them find their own way to ${action}.`,
    };
  }
  if (action) {
    return {
      strategy: 'permission',
      alternative: `Would it be all right if I shared an idea? One option could be ${isGerund(action) ? '' : 'to '}${action}. What do you think — would that suit you, or would something else work better? It's your call.`,
      why: `Advice without permission triggers the righting reflex and invites push-back. Asking permission, offering it as one option and leaving the choice with the client keeps the topic (${action}) but lets them weigh it.`,
    };
  }
  return {
    strategy: 'elicit',
    alternative: `What do you already know about ${about}? If you like, I can add what I know — and you decide what fits for you.`,
    why: `Warning or telling without being asked puts you in the expert role. Asking what the client already knows about ${about}, then offering information with permission (ask–offer–ask), keeps them in charge.`,
  };
}

// ---- Dutch ----

const NL_STOP = new Set(
  'aan al alles als dan dat de deze die dit doen door een en er ga gaat gaan had heb hebben heeft het hier hij hoe ik in is je jij kan kun kunt maar me meer met mij mijn moet moeten na naar niet nog nu of om ook op over te tot u uw van veel voor was wat we wel wil wordt zal ze zich zijn zo zou zoals echt gewoon toch eigenlijk bent ben hebt kunt wilt doet doe moet zult weet vindt vind denkt denk zegt zeg maakt blijft lijkt krijgt'.split(
    ' ',
  ),
);

// "je/u moet/zou … moeten X" with the infinitive phrase X (Dutch puts the verb last, which lets
// X stand as a noun phrase: "elke dag wandelen", "stoppen met roken").
const NL_ACTION = /\b(?:je|jij|u)\s+(?:moet|moeten|hoort|hoeft|zou|zal)\s+(?:echt\s+|gewoon\s+|toch\s+|eigenlijk\s+|wel\s+|maar\s+|nu\s+|dan\s+|écht\s+)*(niet\s+|geen\s+)?(.+)/i;
const NL_CUT = /\s*(?:,|;|\s-\s|—)?\s+\b(?:anders|want|omdat|of|voordat|zodat|als je|als u)\b.*$/i;
const NL_IMPERATIVE: Record<string, string> = {
  stop: 'stoppen',
  ga: 'gaan',
  doe: 'doen',
  probeer: 'proberen',
  neem: 'nemen',
  eet: 'eten',
  drink: 'drinken',
  beweeg: 'bewegen',
  loop: 'lopen',
  begin: 'beginnen',
  hou: 'houden',
  houd: 'houden',
  oefen: 'oefenen',
  rook: 'roken',
  minder: 'minderen',
  wandel: 'wandelen',
  fiets: 'fietsen',
  zorg: 'zorgen',
};

// "Ik raad je/u aan om elke dag te wandelen" → "elke dag wandelen".
const NL_ADVISE = /\bik\s+(?:raad|adviseer)\s+(?:je|jou|u)\s+(?:echt\s+|sterk\s+)?(?:aan\s+)?om\s+(.+?)\s+te\s+([a-zà-ÿ]+en)\b/i;

function nlAction(text: string): string | null {
  const a = nlActionPhrase(text);
  return a !== null && NL_NOT_AN_ACTION.test(a) ? null : a;
}

function nlActionPhrase(text: string): string | null {
  const adv = NL_ADVISE.exec(text);
  if (adv) return `${adv[1]!.replace(/^(?:gewoon|echt|toch)\s+/i, '')} ${adv[2]!}`;
  const m = NL_ACTION.exec(text);
  if (m) {
    let a = cleanAction(m[2]!, NL_CUT);
    // "zou meer moeten bewegen" → "meer bewegen".
    a = a.replace(/\s+(?:moeten|gaan)(\s+\S+)$/i, '$1');
    if (m[1]?.trim().toLowerCase() === 'geen') a = `geen ${a}`;
    else if (m[1]) a = `niet ${a}`;
    if (a.length >= 2 && /\S+en$/i.test(a)) return a;
  }
  const imp = /^\s*(?:gewoon\s+|even\s+)?([a-zà-ÿ]+)\b(.*)$/i.exec(text);
  if (imp) {
    const verb = NL_IMPERATIVE[imp[1]!.toLowerCase()];
    if (verb) {
      // "Stop met roken" → "stoppen met roken"; "Beweeg meer" → "meer bewegen".
      const rest = cleanAction(imp[2]!, NL_CUT).replace(/^\s*(?:nou|nu|gewoon|eens|toch)\s+/i, '').trim();
      if (/^(met|op|naar|voor|aan|uit)\b/i.test(rest) || rest === '') return `${verb}${rest ? ` ${rest}` : ''}`;
      return `${rest} ${verb}`;
    }
  }
  return null;
}

const NL_FRONT_VERBS = new Set(Object.values(NL_IMPERATIVE));
const NL_SEPARABLE = /^(door|op|af|aan|uit|in|mee|terug|weg|bij|toe|na|vol|los|stil)([a-zà-ÿ]{3,}en)$/i;

/**
 * The "om … te …" form of an infinitive phrase: "meer bewegen" → "meer te bewegen", "stoppen met
 * roken" → "te stoppen met roken", "doorzetten" → "door te zetten". null when unsure.
 */
export function nlTeForm(action: string): string | null {
  const words = action.split(/\s+/);
  if (words.some((w) => w.toLowerCase() === 'te')) return null;
  const first = words[0]!.toLowerCase();
  if (NL_FRONT_VERBS.has(first) && words.length > 1) return `te ${action}`;
  const last = words[words.length - 1]!;
  // Infinitives end in -en, bar a few short ones (gaan, staan, slaan, zijn).
  if (!/(?:en|aan)$/i.test(last) && last.toLowerCase() !== 'zijn') return null;
  const sep = NL_SEPARABLE.exec(last);
  const verb = sep ? `${sep[1]} te ${sep[2]}` : `te ${last}`;
  return [...words.slice(0, -1), verb].join(' ');
}

const NL_NP = /\b(je|jouw|uw|mijn|de|die|deze)\s+([a-zà-ÿ][a-zà-ÿ'-]{2,})/gi;

function nl(input: SuggestInput, action: string | null, np: string | null): Alternative {
  // Keep the student's form of address: "u" or "je".
  const formal = /\b(u|uw)\b/i.test(input.text) || !/\b(je|jij|jou|jouw)\b/i.test(input.text);
  const U = formal ? { u: 'u', uw: 'uw', wilt: 'wilt', vindt: 'vindt', weet: 'weet', bepaalt: 'bepaalt' } : { u: 'je', uw: 'je', wilt: 'wil', vindt: 'vind', weet: 'weet', bepaalt: 'bepaalt' };
  const about = np ?? 'dit';
  // "over dit" is no Dutch: without a topic it is "hierover" / "er … over".
  const overAbout = np ? `over ${np}` : 'hierover';
  if (input.code === 'CON') {
    return {
      strategy: 'reflect',
      alternative: np
        ? `Als het om ${np} gaat, klinkt het alsof het niet makkelijk is voor ${U.u}. Wat maakt het lastig?`
        : `Het klinkt alsof het op dit moment niet makkelijk is voor ${U.u}. Wat maakt het lastig?`,
      why: `Discussiëren, verwijten of een etiket plakken zet de cliënt in de verdediging. Een reflectie van ${np ? `wat er lastig is aan ${np}` : 'wat er lastig aan is'} laat zien dat je het begrijpt; de open vraag laat de cliënt er zelf naar kijken.`,
    };
  }
  const te = action ? nlTeForm(action) : null;
  if (action && input.previousClient?.talk === 'sustain') {
    return {
      strategy: 'reflect-then-ask',
      alternative: te
        ? `Het klinkt alsof dat nu niet haalbaar voelt. Wat zou het voor ${U.u} makkelijker maken om ${te}?`
        : `Het klinkt alsof dat nu niet haalbaar voelt. Wat zou er moeten veranderen om ${action} haalbaar te maken voor ${U.u}?`,
      why: `De cliënt had net twijfel geuit; advies op dat moment lokt een "ja, maar" uit. Eerst de twijfel reflecteren verzacht die, en de open vraag laat de cliënt zelf een weg vinden (${action}).`,
    };
  }
  if (action) {
    return {
      strategy: 'permission',
      alternative: `Mag ik een idee met ${U.u} delen? Een mogelijkheid is ${te ? `om ${te}` : action}. Wat ${U.vindt} ${U.u} daarvan — past dat bij ${U.u}, of werkt iets anders beter? ${U.u === 'u' ? 'U' : 'Jij'} beslist.`,
      why: `Ongevraagd advies roept weerstand op (de reparatiereflex). Toestemming vragen, het als één mogelijkheid aanbieden en de keuze bij de cliënt laten houdt het onderwerp (${action}) vast, maar laat de cliënt het zelf afwegen.`,
    };
  }
  return {
    strategy: 'elicit',
    alternative: np
      ? `Wat ${U.weet} ${U.u} zelf al over ${np}? Als ${U.u} ${U.wilt}, vertel ik wat ik weet — en ${U.u} ${U.bepaalt} wat bij ${U.u} past.`
      : `Wat ${U.weet} ${U.u} er zelf al over? Als ${U.u} ${U.wilt}, vertel ik wat ik weet — en ${U.u} ${U.bepaalt} wat bij ${U.u} past.`,
    why: `Ongevraagd waarschuwen of informeren zet je in de rol van expert. Eerst vragen wat de cliënt ${overAbout} al weet en daarna met toestemming informatie geven (vragen–aanbieden–vragen) laat de regie bij de cliënt.`,
  };
}

/** "Smoking is …" / "Roken is …": a sentence that opens on an activity names the topic. */
function subjectActivity(text: string, language: Language): string | null {
  const re =
    language === 'nl'
      ? /^\s*([a-zà-ÿ]{3,}en)\s+(?:is|kan|maakt|zorgt|helpt|geeft|werkt|verhoogt|verergert)\b/i
      : /^\s*([a-z]{3,}ing)\s+(?:is|can|makes|will|helps|gives|causes|raises|damages)\b/i;
  const m = re.exec(text);
  return m ? m[1]!.toLowerCase() : null;
}

function joinTopic(a: string | null, b: string | null, and: string): string | null {
  if (a && b) return `${a} ${and} ${b}`;
  return a ?? b;
}

/** An MI-consistent alternative for one RR or CON utterance. */
export function suggestAlternative(input: SuggestInput): Alternative {
  const text = input.text.trim();
  if (input.language === 'nl') {
    const action = input.code === 'RR' ? nlAction(text) : null;
    const swap = /\b(u|uw)\b/i.test(text) || !/\b(je|jij|jouw)\b/i.test(text) ? { mijn: 'uw' } : { mijn: 'je' };
    const np = joinTopic(
      subjectActivity(text, 'nl'),
      nounPhrase(text, NL_NP, NL_STOP, swap) ?? (input.previousClient ? nounPhrase(input.previousClient.text, NL_NP, NL_STOP, swap, true) : null),
      'en',
    );
    return nl({ ...input, text }, action, np);
  }
  const action = input.code === 'RR' ? enAction(text) : null;
  const np = joinTopic(
    subjectActivity(text, 'en'),
    nounPhrase(text, EN_NP, EN_STOP, EN_SWAP) ?? (input.previousClient ? nounPhrase(input.previousClient.text, EN_NP, EN_STOP, EN_SWAP, true) : null),
    'and',
  );
  return en({ ...input, text }, action, np);
}

export interface TurnAlternative extends Alternative {
  turnIndex: number;
  code: 'RR' | 'CON';
  original: string;
}

/** One alternative per RR/CON utterance of a coded conversation (the report's "alternatives"). */
export function suggestAlternatives(turns: readonly CodedTurn[], language: Language): TurnAlternative[] {
  const out: TurnAlternative[] = [];
  let lastClient: CodedTurn | null = null;
  for (const t of turns) {
    if (t.speaker === 'client') {
      lastClient = t;
      continue;
    }
    for (const hit of t.codes) {
      if (hit.code !== 'RR' && hit.code !== 'CON') continue;
      const alt = suggestAlternative({
        code: hit.code,
        text: hit.text,
        language,
        previousClient: lastClient && lastClient.index === t.index - 1 ? { text: lastClient.text, talk: lastClient.talk } : null,
      });
      out.push({ turnIndex: t.index, code: hit.code, original: hit.text, ...alt });
    }
  }
  return out;
}
