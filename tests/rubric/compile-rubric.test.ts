import { describe, expect, it } from 'vitest';
import { compileRubric, RubricError, type RuleFile } from '../../server/rubric/index.ts';
import { regexFlags } from '../../server/rubric/rule-schema.ts';

// Rule files are data written by people: every mistake must come back naming the file and field.

const rule = (over: Record<string, unknown> = {}) => ({
  id: 'en.oq.test',
  code: 'OQ',
  patterns: ['^what\\b'],
  explanation: 'Asks what.',
  examples: ['What happened?'],
  ...over,
});
const file = (data: Record<string, unknown>, path = 'rubrics/en/test.yaml'): RuleFile => ({
  path,
  data: { language: 'en', speaker: 'practitioner', ...data },
});

function errorOf(files: RuleFile[]): RubricError {
  try {
    compileRubric(files);
  } catch (err) {
    if (err instanceof RubricError) return err;
    throw err;
  }
  throw new Error('expected compileRubric to throw');
}

describe('compileRubric', () => {
  it('compiles a valid file and sorts rules by priority', () => {
    const r = compileRubric([
      file({
        rules: [rule({ id: 'en.oq.low', priority: 10 }), rule({ id: 'en.cq.high', code: 'CQ', priority: 90 })],
      }),
    ]);
    expect(r.languages.en.practitioner.map((x) => x.id)).toEqual(['en.cq.high', 'en.oq.low']);
    expect(r.languages.nl.practitioner).toEqual([]);
    expect(r.byId.get('en.oq.low')?.file).toBe('rubrics/en/test.yaml');
  });

  it.each([
    ['a bad regular expression', { rules: [rule({ patterns: ['^what(('] })] }, 'rules[0].patterns[0]', /invalid regular expression/],
    ['an unknown code', { rules: [rule({ code: 'XX' })] }, 'rules[0].code', /./],
    ['a missing explanation', { rules: [rule({ explanation: undefined })] }, 'rules[0].explanation', /./],
    ['a rule without examples', { rules: [rule({ examples: [] })] }, 'rules[0].examples', /./],
    ['an id of the wrong language', { rules: [rule({ id: 'nl.oq.test' })] }, 'rules[0].id', /en\./],
    ['a client rule with a code', { speaker: 'client', rules: [rule({ talk: 'change' })] }, 'rules[0].code', /talk, not code/],
    ['an unknown field', { rules: [rule({ patern: ['x'] })] }, 'rules[0]', /patern/],
    ['an unknown macro', { rules: [rule({ patterns: ['{{NOPE}}'] })] }, 'rules[0].patterns[0]', /NOPE/],
    ['subtypeFrom on a practitioner rule', { rules: [rule({ subtypeFrom: 'previous-client' })] }, 'rules[0].talk', /not talk\/subtype/],
    [
      'subtypeFrom on a rule with a subtype',
      { speaker: 'client', rules: [rule({ id: 'en.change.x', code: undefined, talk: 'change', subtype: 'desire', subtypeFrom: 'previous-client' })] },
      'rules[0].subtypeFrom',
      /without a subtype/,
    ],
    ['a bad context regex', { rules: [rule({ context: { previousClient: { matches: ['(('] } } })] }, 'rules[0].context.previousClient.matches[0]', /invalid/],
  ])('names file and field for %s', (_what, data, field, reason) => {
    const err = errorOf([file(data)]);
    expect(err.file).toBe('rubrics/en/test.yaml');
    expect(err.message).toContain(`rubrics/en/test.yaml: ${field}`);
    expect(err.message).toMatch(reason);
  });

  it('rejects a rule id used twice, naming both files', () => {
    const err = errorOf([file({ rules: [rule()] }, 'a.yaml'), file({ rules: [rule()] }, 'b.yaml')]);
    expect(err.message).toMatch(/^b\.yaml: rules\[0\]\.id: duplicate rule id "en\.oq\.test" \(also in a\.yaml\)/);
  });

  it('expands macros from any file of the same language, also inside other macros', () => {
    const r = compileRubric([
      file({ macros: { LEAD: '(?:so,? )?', Q: '{{LEAD}}what' } }, 'macros.yaml'),
      file({ rules: [rule({ patterns: ['^{{Q}}\\b'] })] }),
    ]);
    expect(r.byId.get('en.oq.test')!.pattern.test('so, what now')).toBe(true);
  });

  it('refuses two different definitions of one macro', () => {
    const err = errorOf([file({ macros: { A: 'x' } }, 'one.yaml'), file({ macros: { A: 'y' } }, 'two.yaml')]);
    expect(err.message).toMatch(/two\.yaml: macros\.A: .*one\.yaml/);
  });

  it('records which rules open permission', () => {
    const r = compileRubric([file({ rules: [rule({ id: 'en.seek.ask', code: 'SEEK', setsPermission: true })] })]);
    expect([...r.permissionRules]).toEqual(['en.seek.ask']);
  });

  it('accepts a file that is not an object only with an error', () => {
    const err = errorOf([{ path: 'x.yaml', data: 'just text' }]);
    expect(err.message).toMatch(/^x\.yaml: \(file\): /);
  });
});

describe('regexFlags', () => {
  // Rules read lower-cased text: a lower-case pattern needs no `i` (and runs faster without it).
  it.each([
    ['\\bquit\\b', ''],
    ['\\bQuit\\b', 'i'],
    ['\\S+\\W\\B\\D', ''],
    ['\\p{Lu}\\p{L}+', 'u'],
    ['\\bÉén\\b', 'i'],
    ['\\u{1F600}', 'u'],
  ])('%s → "%s"', (source, flags) => {
    expect(regexFlags(source)).toBe(flags);
  });
});
