import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import {
  CodedTurnSchema,
  type CodedTurn,
  codeTranscript,
  codeTurn,
  compileRubric,
  detectLanguage,
  PERMISSION_WINDOW,
  type TurnInput,
} from '../../server/rubric/index.ts';

// The engine's contract, checked on a tiny hand-made rubric (so each condition is isolated) and on
// the project's rubric (so the real rules obey it too).

const tiny = compileRubric([
  {
    path: 'tiny-practitioner.yaml',
    data: {
      language: 'en',
      speaker: 'practitioner',
      rules: [
        { id: 'en.seek.ask', code: 'SEEK', setsPermission: true, patterns: ['^may i\\b'], explanation: 'asks', examples: ['May I?'] },
        { id: 'en.pwp.advice', code: 'PWP', priority: 60, context: { permission: true }, patterns: ['\\byou should\\b'], explanation: 'advice with permission', examples: ['x'] },
        { id: 'en.rr.advice', code: 'RR', priority: 59, context: { permission: false }, patterns: ['\\byou should\\b'], explanation: 'advice', examples: ['x'] },
        { id: 'en.oq.what', code: 'OQ', patterns: ['^what\\b'], explanation: 'open', examples: ['What?'] },
        { id: 'en.sr.echo', code: 'SR', priority: 5, context: { overlap: { min: 0.5 } }, patterns: ['[^?]$'], explanation: 'echo', examples: ['x'] },
        { id: 'en.cr.long', code: 'CR', priority: 4, context: { turnWords: { min: 6 } }, patterns: ['^you\\b'], explanation: 'long', examples: ['x'] },
      ],
    },
  },
  {
    path: 'tiny-client.yaml',
    data: {
      language: 'en',
      speaker: 'client',
      rules: [
        { id: 'en.sustain.cant', talk: 'sustain', subtype: 'ability', patterns: ["\\bi can't\\b"], explanation: 'cannot', examples: ["I can't"] },
        { id: 'en.change.want', talk: 'change', subtype: 'desire', confidence: 0.9, patterns: ['\\bi want to\\b'], explanation: 'wants', examples: ['I want to'] },
        {
          id: 'en.change.yes',
          talk: 'change',
          subtype: 'desire',
          context: { previousPractitioner: { codes: ['OQ', 'CQ'], matches: ['\\bchange\\b'] } },
          patterns: ['^yeah\\b'],
          explanation: 'agrees to change',
          examples: ['Yeah'],
        },
        { id: 'en.change.more', talk: 'change', subtypeFrom: 'previous-client', priority: 10, context: { continuation: true, previousClient: { talk: ['change'] } }, patterns: ['\\w'], explanation: 'continues', examples: ['-more'] },
        { id: 'en.change.busy-but', talk: 'change', priority: 80, patterns: ['^busy, but\\b'], explanation: 'but', examples: ['Busy, but I want to.'] },
      ],
    },
  },
]);

const P = (text: string): TurnInput => ({ speaker: 'practitioner', text });
const C = (text: string): TurnInput => ({ speaker: 'client', text });
const code = (turns: TurnInput[]) => codeTranscript(turns, { rubric: tiny, language: 'en' }).turns;

describe('codeTurn / codeTranscript', () => {
  it('codes advice as PWP while permission is open and as RR once it has lapsed', () => {
    const turns = code([P('May I share an idea?'), C('Sure.'), P('You should walk more.')]);
    expect(turns[2]!.primary).toBe('PWP');
    const later: TurnInput[] = [P('May I share an idea?')];
    for (let i = 0; i < PERMISSION_WINDOW; i++) later.push(i % 2 ? P('Mm.') : C('Okay.'));
    later.push(P('You should walk more.'));
    expect(code(later).at(-1)!.primary).toBe('RR');
  });

  it('lets permission asked earlier in the same turn cover advice later in it', () => {
    const [t] = code([P('May I say something? You should walk more.')]);
    expect(t!.codes.map((c) => c.code)).toEqual(['SEEK', 'PWP']);
  });

  it('codes "yeah" as change talk only after a question about change', () => {
    expect(code([P('What would you change?'), C('Yeah.')])[1]!.talk).toBe('change');
    expect(code([P('What did you eat?'), C('Yeah.')])[1]!.talk).toBe('neutral');
  });

  it('lets a client finish interrupted change talk', () => {
    const turns = code([C('I want to run again'), P('Mm.'), C('-with my brother.')]);
    expect(turns[2]!.talk).toBe('change');
    expect(code([C('I want to run again'), P('Mm.'), C('With my brother.')])[2]!.talk).toBe('neutral');
  });

  it('reads a lower-case start as a continuation only when the same speaker broke off', () => {
    // Broke off without a full stop: "with my brother" finishes that sentence.
    expect(code([C('I want to run again'), P('Mm.'), C('with my brother.')])[2]!.talk).toBe('change');
    // Finished the sentence: a chat message typed without capitals is a new one.
    expect(code([C('I want to run again.'), P('Mm.'), C('with my brother.')])[2]!.talk).toBe('neutral');
    expect(code([C('I want to run again!'), P('Mm.'), C('-with my brother.')])[2]!.talk).toBe('change');
    // Trailing off is breaking off.
    expect(code([C('I want to run again...'), P('Mm.'), C('with my brother.')])[2]!.talk).toBe('change');
    expect(code([C('I want to run again\u2026'), P('Mm.'), C('with my brother.')])[2]!.talk).toBe('change');
  });

  it('takes a subtype from a subtyped rule that also matches, else from the client\'s previous turn where the rule says so', () => {
    const [but] = code([C('Busy, but I want to.')]);
    expect(but!.talkHits[0]).toMatchObject({ rule: 'en.change.busy-but', talk: 'change', subtype: 'desire', subtypeFrom: 'en.change.want' });
    expect(but!.talkSubtype).toBe('desire');
    // Nothing else matches and the rule does not look back: change talk without a subtype.
    const [bare] = code([C('Busy, but okay.')]);
    expect([bare!.talk, bare!.talkSubtype, bare!.talkHits[0]!.subtypeFrom]).toEqual(['change', null, undefined]);
    const more = code([C('I want to run again'), P('Mm.'), C('-with my brother.')])[2]!;
    expect(more.talkHits[0]).toMatchObject({ rule: 'en.change.more', subtype: 'desire', subtypeFrom: 'previous-client' });
    // A rule with a subtype of its own keeps it and says nothing more.
    expect(code([C('I want to run.')])[0]!.talkHits[0]!.subtypeFrom).toBeUndefined();
  });

  it('picks the more confident of change and sustain talk in one turn', () => {
    const [t] = code([C("I want to stop. But I can't right now.")]);
    expect(t!.talkHits.map((h) => h.talk)).toEqual(['change', 'sustain']);
    expect(t!.talk).toBe('change');
    expect(t!.talkSubtype).toBe('desire');
  });

  it('lets the higher-priority rule decide when two rules match one utterance', () => {
    // Both rules have the default priority; the sustain rule comes first in its file.
    expect(code([C("I want to stop, but I can't.")])[0]!.talk).toBe('sustain');
  });

  it('measures overlap with the client to recognise an echo', () => {
    const turns = code([C('My knees ache after football.'), P('Knees ache after football.'), P('Lovely weather today.')]);
    expect(turns[1]!.primary).toBe('SR');
    expect(turns[2]!.primary).toBe('NC');
  });

  it('applies turnWords to the whole turn', () => {
    expect(code([P('You run.')])[0]!.primary).toBe('NC');
    expect(code([P('You run on most days of the week.')])[0]!.primary).toBe('CR');
  });

  it('records rule, span, confidence and explanation on every code', () => {
    const text = 'Okay. What would you like?';
    const [t] = code([P(text)]);
    expect(t!.codes).toEqual([
      { code: 'OQ', text: 'What would you like?', span: [6, 26], rule: 'en.oq.what', confidence: 0.7, explanation: 'open' },
    ]);
    expect(text.slice(...t!.codes[0]!.span)).toBe(t!.codes[0]!.text);
  });

  it('codes NC with a named rule when nothing matches, and an empty turn too', () => {
    const [a, b] = code([P('Lovely weather.'), P('')]);
    expect(a!.codes[0]).toMatchObject({ code: 'NC', rule: 'en.nc.no-rule' });
    expect(b!.primary).toBe('NC');
    expect(b!.codes).toHaveLength(1);
  });

  it('gives client turns a talk type and no codes, practitioner turns codes and no talk type', () => {
    const [p, c] = code([P('What now?'), C('No idea.')]);
    expect(p).toMatchObject({ speaker: 'practitioner', talk: null, talkSubtype: null, talkHits: [], source: 'rules' });
    expect(c).toMatchObject({ speaker: 'client', primary: null, codes: [], talk: 'neutral' });
    for (const t of [p, c]) expect(CodedTurnSchema.safeParse(t).success).toBe(true);
  });
});

describe('the project rubric', () => {
  const rubric = loadRubrics();
  const conversation: TurnInput[] = [
    P('Hi, thanks for coming in.'),
    C('My back has been bad and I know I should move more.'),
    P('So you know moving more would help your back. What makes it hard?'),
    C("Honestly I don't have time with two jobs."),
    P('Would it be okay if I shared something that helped other people?'),
    C('Sure.'),
    P('Some people find a ten-minute walk at lunch fits in.'),
    C("Maybe. I guess I could try that on Mondays."),
  ];

  it('codes a conversation the same way turn by turn as all at once', () => {
    const all = codeTranscript(conversation, { rubric, language: 'en' }).turns;
    const live: CodedTurn[] = [];
    for (const t of conversation) live.push(codeTurn(live, t, { rubric, language: 'en' }));
    expect(live).toEqual(all);
  });

  it('is deterministic', () => {
    const a = codeTranscript(conversation, { rubric });
    const b = codeTranscript(conversation, { rubric });
    expect(a).toEqual(b);
    expect(a.language).toBe('en');
  });

  // Rules that name the talk type but not the subtype ("..., maar het lukt me wel", "Ja, precies."
  // after a reflection of one's own change talk) still feed the DARN-CAT breakdown.
  it.each([
    ['nl', ['Het doet pijn, maar het lukt me wel.'], 'change', 'ability', 'nl.change.but-change', 'nl.change.ability'],
    ['nl', ['Ik zou het wel willen, maar ik heb gewoon geen tijd.'], 'sustain', 'reasons', 'nl.sustain.but-sustain', 'nl.sustain.no-problem'],
    ['nl', ['Ik wil gewoon weer kunnen fietsen.', 'Fietsen betekent vrijheid voor je.', 'Ja, precies.'], 'change', 'desire', 'nl.change.agree-to-reflected-change', 'previous-client'],
    ['nl', ['Ik heb er geen tijd voor.', 'Je agenda zit vol.', 'Klopt.'], 'sustain', 'reasons', 'nl.sustain.agree-to-reflected-sustain', 'previous-client'],
  ] as const)('%s: %j gets %s / %s from its rule %s via %s', (language, texts, talk, subtype, rule, from) => {
    const turns = texts.map((text, i) => ((texts.length - 1 - i) % 2 === 0 ? C(text) : P(text)));
    const last = codeTranscript(turns, { rubric, language }).turns.at(-1)!;
    expect([last.talk, last.talkSubtype]).toEqual([talk, subtype]);
    expect(last.talkHits.find((h) => h.talk === talk)).toMatchObject({ rule, subtypeFrom: from });
  });

  // MITI 4.2.1: advice after the client declined the offer is given without permission.
  it.each([
    ['en', 'Can I share some ideas about that?', "No, I'd rather not hear it right now.", 'You should really start walking every day.', 'RR'],
    ['en', 'Would it be okay if I told you what has helped others?', 'Not right now, thanks.', 'You should really start walking every day.', 'RR'],
    ['en', 'Can I share some ideas about that?', 'Sure.', 'You should really start walking every day.', 'PWP'],
    // "No" to "Do you mind…?" grants permission.
    ['en', 'Do you mind if I share something?', 'No, go ahead.', 'You should really start walking every day.', 'PWP'],
    ['en', 'Do you mind if I share something?', 'No.', 'You should really start walking every day.', 'PWP'],
    ['nl', 'Mag ik je iets vertellen over wat andere mensen doen?', 'Nee, liever niet nu.', 'Je moet echt elke dag gaan wandelen.', 'RR'],
    ['nl', 'Zal ik uitleggen wat er in je knie gebeurt?', 'Daar heb ik nu even geen behoefte aan.', 'Je moet echt elke dag gaan wandelen.', 'RR'],
    ['nl', 'Mag ik je iets vertellen over wat andere mensen doen?', 'Ja hoor.', 'Je moet echt elke dag gaan wandelen.', 'PWP'],
    ['nl', 'Vind je het erg als ik iets vertel over de oefeningen?', 'Nee hoor, ga je gang.', 'Je moet echt elke dag gaan wandelen.', 'PWP'],
  ] as const)('%s: after "%s" / "%s", advice is %s', (language, ask, answer, advice, expected) => {
    const turns = codeTranscript([P(ask), C(answer), P(advice)], { rubric, language }).turns;
    expect(turns[2]!.primary).toBe(expected);
  });

  it('lets a later permission request reopen what a refusal closed', () => {
    const turns = codeTranscript(
      [P('Can I share some ideas?'), C('Not now.'), P('Okay. Maybe later, then?'), C('Maybe.'), P('Can I tell you one thing that helped others?'), C('Okay.'), P('You should walk every day.')],
      { rubric, language: 'en' },
    ).turns;
    expect(turns.at(-1)!.primary).toBe('PWP');
  });

  it('leaves discord without a DARN-CAT subtype', () => {
    const [t] = codeTranscript([C('Jullie zeggen allemaal hetzelfde.')], { rubric, language: 'nl' }).turns;
    expect([t!.talk, t!.talkSubtype]).toEqual(['sustain', null]);
  });

  it('gives every practitioner turn exactly one primary among its codes', () => {
    for (const t of codeTranscript(conversation, { rubric }).turns) {
      if (t.speaker === 'practitioner') expect(t.codes.map((c) => c.code)).toContain(t.primary);
    }
  });
});

describe('detectLanguage', () => {
  it.each([
    [['Hoe gaat het nu met je knie?', 'Het gaat wel, maar traplopen blijft lastig voor mij.'], 'nl'],
    [['How is your knee doing now?', 'It is fine, but climbing the stairs is still hard for me.'], 'en'],
    [['Ok.'], 'en'],
    // Too short for the statistical detector: common words decide.
    [['Oké.', 'Nee.'], 'nl'],
    [['Okay.', 'No.'], 'en'],
    [['Ja, goed.'], 'nl'],
    [['Yes, fine.'], 'en'],
  ] as const)('reads %j as %s', (texts, lang) => {
    expect(detectLanguage([...texts])).toBe(lang);
  });

  it('falls back to the given language when unsure', () => {
    expect(detectLanguage(['Ok.'], 'nl')).toBe('nl');
  });

  it('is overridden by an explicit language', () => {
    const rubric = loadRubrics();
    expect(codeTranscript([P('How are you?')], { rubric, language: 'nl' }).language).toBe('nl');
  });
});

describe('server/rubric purity', () => {
  const dir = new URL('../../server/rubric/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  it.each(files)('%s imports nothing from fastify, socket.io, openai, fs or pino', (f) => {
    const src = readFileSync(new URL(f, dir), 'utf8');
    const imports = [...src.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    for (const i of imports) expect(i, `${f} imports ${i}`).not.toMatch(/^(?:fastify|@fastify\/|socket\.io|openai|pino|(?:node:)?fs(?:\/|$))/);
  });
});
