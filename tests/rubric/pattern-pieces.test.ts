import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { ruleMatches } from '../../server/rubric/classify.ts';
import { leadMatcher, soleGroupInside, topLevelAlternatives } from '../../server/rubric/compile-rubric.ts';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLanguage, normalize, segment } from '../../server/rubric/index.ts';
import { parseTranscriptFile } from '../../server/transcripts/parse-transcript-file.ts';
import { fillCodeUnits } from '../../server/rubric/char-code.ts';
import { ANNOMI_DEV, hasAnnomi } from '../helpers/requirements.ts';

// Rules run as pieces: `^{{LEAD}}rest` patterns as sticky `rest` expressions at the offsets where
// the discourse-marker LEAD can end, every other top-level alternative on its own behind the
// required-keys gate. That is a speed-up only: for every utterance a rule must match exactly when
// its full pattern does. Checked on every rule example and counterexample of both languages, our
// fixture transcripts, the AnnoMI development set where it is present, and utterances built to
// stress the LEAD (several markers, doubled spaces, punctuation, repeats) and the gate (words cut
// off by punctuation, digits, characters whose case folding reaches ASCII).

const rubric = loadRubrics();

const stress = [
  'So, well, okay what would you like to do?',
  'and then  so   how does that sound?',
  'Okay. Alright, so you feel stuck.',
  'Mm-hmm, mm-hmm. You want to stop.',
  'hmmm so, you know, I mean, what else?',
  'so so so so what',
  'well!  you could try walking',
  'and so and then and so it sounds like you are worried',
  'okayish so what',
  'Nou, ja, oké dan, wat zou je willen?',
  'Hmmm, mmm. Je wilt eigenlijk stoppen.',
  'En dan, kijk, je zou kunnen beginnen met wandelen.',
  'ja ja, weet je, hoe gaat het?',
  'Ehm, oké, dus je maakt je zorgen.',
  "I don't wanna stop, it's not a problem, is it?",
  'You ſhould ſtop ſmoking, you know that.',
  'Doing 30 minutes a day, 3 times a week? That\'s a lot.',
  'so_you want to quit',
  'Het is geen probleem, ik rook gewoon 10 sigaretten per dag.',
  'wil-je stoppen?',
];

const texts: { language: 'nl' | 'en'; text: string }[] = [];
for (const rule of rubric.byId.values()) {
  for (const ex of [...rule.source.examples, ...rule.source.counterexamples]) {
    texts.push({ language: rule.language, text: typeof ex === 'string' ? ex : ex.text });
  }
}
for (const text of stress) texts.push({ language: 'en', text }, { language: 'nl', text });
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/transcripts');
const corpora = readdirSync(fixtures)
  .filter((f) => !f.startsWith('bad-') && f !== 'README.md')
  .map((f) => path.join(fixtures, f));
if (hasAnnomi()) corpora.push(ANNOMI_DEV);
for (const file of corpora) {
  for (const c of parseTranscriptFile(file)) {
    const language = detectLanguage(c.turns.map((t) => t.text));
    for (const t of c.turns) texts.push({ language, text: t.text });
  }
}

describe('pattern pieces (LEAD split, required-keys gate)', () => {
  it('are used for both languages (the LEAD macros have the supported shape)', () => {
    for (const language of ['en', 'nl'] as const) {
      expect(rubric.languages[language].lead).not.toBeNull();
      expect(rubric.languages[language].practitioner.some((r) => r.afterLead.length > 0)).toBe(true);
    }
  });

  it('match exactly when the full pattern matches, for every rule and utterance', () => {
    const mismatches: string[] = [];
    for (const { language, text } of texts) {
      const lang = rubric.languages[language];
      for (const u of segment(normalize(text))) {
        for (const rule of [...lang.practitioner, ...lang.client]) {
          if (rule.pattern.test(u.norm) !== ruleMatches(rule, lang, u.norm)) mismatches.push(`${rule.id}: ${u.norm}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('gate the same whether an utterance is loaded as a string or as its span of the turn', () => {
    // Coding loads each utterance from the turn's code units (see fillCodeUnits); an utterance's
    // own string differs from its span only in squeezed spaces, which hold no word.
    const differing: string[] = [];
    let codes: Uint16Array = new Uint16Array(16);
    for (const { language, text } of texts) {
      const gate = rubric.languages[language].gate;
      const norm = normalize(text);
      codes = fillCodeUnits(norm, codes);
      for (const u of segment(norm)) {
        gate.load(u.norm);
        const fromString = Array.from({ length: gate.pieceCount }, (_, p) => gate.passes(p));
        gate.loadCodes(codes, u.start, u.end);
        for (let p = 0; p < gate.pieceCount; p++) if (gate.passes(p) !== fromString[p]) differing.push(`piece ${p}: ${u.norm}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('lists every offset where a run of markers can end', () => {
    const lead = leadMatcher('(?:(?:and|so|and then|hm+)[,.!]?\\s+)*')!;
    expect(lead.ends('so what')).toEqual([0, 3]);
    expect(lead.ends('and then  what')).toEqual([0, 4, 9, 10]);
    expect(lead.ends('hmmm, so what')).toEqual([0, 6, 9]);
    expect(lead.ends('sort of')).toEqual([0]);
  });

  it('leave a LEAD of another shape to the full pattern', () => {
    expect(leadMatcher('(?:(?:and|so)\\s+)*')).toBeNull();
    expect(leadMatcher('(?:(?:and|s[oa])[,.!]?\\s+)*')).toBeNull();
    expect(leadMatcher(undefined)).toBeNull();
  });

  it('split only top-level alternatives', () => {
    expect(topLevelAlternatives('^a(?:b|c)|d[|]|\\|e')).toEqual(['^a(?:b|c)', 'd[|]', '\\|e']);
  });

  it('open a pattern that is one group and nothing else, so its alternatives are gated one by one', () => {
    expect(soleGroupInside('(?:\\bquit\\b|\\bstop\\b)')).toBe('\\bquit\\b|\\bstop\\b');
    expect(soleGroupInside('(?:a[)]|b\\))')).toBe('a[)]|b\\)');
    expect(soleGroupInside('(?:a|b)c')).toBeNull();
    expect(soleGroupInside('(?:a|b)+')).toBeNull();
    expect(soleGroupInside('(?:a)|(?:b)')).toBeNull();
    expect(soleGroupInside('(a|b)')).toBeNull();
  });
});
