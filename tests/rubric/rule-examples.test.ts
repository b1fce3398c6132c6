import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript, codeTurn, type CompiledRule, type RuleExample } from '../../server/rubric/index.ts';

// Every example of every rule file (both languages) must code as its rule's own code, and every
// counterexample must not. The rules are data; this table is what keeps them honest.

const rubric = loadRubrics();
const rules = [...rubric.byId.values()];

function codeExample(rule: CompiledRule, example: RuleExample) {
  const text = typeof example === 'string' ? example : example.text;
  const previous = typeof example === 'string' ? [] : example.previous;
  const before = codeTranscript(previous, { rubric, language: rule.language }).turns;
  return codeTurn(before, { speaker: rule.speaker, text }, { rubric, language: rule.language });
}

function expected(rule: CompiledRule): string {
  return rule.code ?? `${rule.talk}${rule.subtype ? `/${rule.subtype}` : ''}`;
}

function got(rule: CompiledRule, turn: ReturnType<typeof codeExample>): string {
  if (rule.speaker === 'practitioner') return turn.primary ?? 'none';
  if (!rule.subtype) return turn.talk ?? 'none';
  return `${turn.talk}${turn.talkSubtype ? `/${turn.talkSubtype}` : ''}`;
}

const exampleRows = rules.flatMap((rule) =>
  rule.source.examples.map((example) => ({
    rule,
    example,
    label: `${rule.id}: "${typeof example === 'string' ? example : example.text}" codes as ${expected(rule)}`,
  })),
);
const counterRows = rules.flatMap((rule) =>
  rule.source.counterexamples.map((example) => ({
    rule,
    example,
    label: `${rule.id}: "${typeof example === 'string' ? example : example.text}" does not code as ${expected(rule)}`,
  })),
);

describe('rule examples', () => {
  it('finds rules in both language folders', () => {
    expect(rules.some((r) => r.language === 'en')).toBe(true);
  });

  it('gives every rule at least one example', () => {
    for (const r of rules) expect(r.source.examples.length, r.id).toBeGreaterThan(0);
  });

  it.each(exampleRows)('$label', ({ rule, example }) => {
    const turn = codeExample(rule, example);
    expect(got(rule, turn), JSON.stringify(turn.codes.length ? turn.codes : turn.talkHits)).toBe(expected(rule));
  });

  it.each(counterRows)('$label', ({ rule, example }) => {
    const turn = codeExample(rule, example);
    expect(got(rule, turn)).not.toBe(expected(rule));
  });
});
