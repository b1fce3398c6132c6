import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { leadMatcher, topLevelAlternatives, type CompiledRule, type LeadMatcher } from '../../server/rubric/compile-rubric.ts';
import { normalize, segment } from '../../server/rubric/index.ts';

// Rules written `^{{LEAD}}rest` run as sticky `rest` expressions at the offsets where the
// discourse-marker LEAD can end. That is a speed-up only: for every utterance it must match exactly
// when the rule's full pattern does. Checked on every rule example of both languages and on
// utterances built to stress the LEAD (several markers, doubled spaces, punctuation, repeats).

const rubric = loadRubrics();

function splitMatches(rule: CompiledRule, lead: LeadMatcher | null, norm: string): boolean {
  if (rule.afterLead.length > 0) {
    const ends = lead!.ends(norm);
    for (const re of rule.afterLead) {
      for (const e of ends) {
        re.lastIndex = e;
        if (re.test(norm)) return true;
      }
    }
  }
  return rule.otherPattern !== null && rule.otherPattern.test(norm);
}

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
];

const texts: { language: 'nl' | 'en'; text: string }[] = [];
for (const rule of rubric.byId.values()) {
  for (const ex of [...rule.source.examples, ...rule.source.counterexamples]) {
    texts.push({ language: rule.language, text: typeof ex === 'string' ? ex : ex.text });
  }
}
for (const text of stress) texts.push({ language: 'en', text }, { language: 'nl', text });

describe('LEAD-split patterns', () => {
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
          if (rule.pattern.test(u.norm) !== splitMatches(rule, lang.lead, u.norm)) mismatches.push(`${rule.id}: ${u.norm}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
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
});
