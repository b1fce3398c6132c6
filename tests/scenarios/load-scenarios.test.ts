import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatProblem, loadScenarios } from '../../server/scenarios/load-scenarios.ts';

// Lint on broken files of every kind: each row breaks a valid scenario in one way and names the
// field path and message the instructor must see.

const VALID = path.resolve('scenarios/nl-knie-artrose-oefeningen.yaml');
const validText = readFileSync(VALID, 'utf8');
type Doc = Record<string, any>;

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kier-lint-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
const mutated = (fn: (d: Doc) => void): string => {
  const d = parse(validText) as Doc;
  fn(d);
  return stringify(d);
};
const NAME = 'nl-knie-artrose-oefeningen.yaml';

describe('scenario lint', () => {
  it('accepts the valid scenario', () => {
    const { scenarios, problems } = loadScenarios(dirWith({ [NAME]: validText }));
    expect(problems).toEqual([]);
    expect(scenarios.map((s) => s.id)).toEqual(['nl-knie-artrose-oefeningen']);
  });

  it('every scenario in scenarios/ lints clean', () => {
    const { problems, scenarios } = loadScenarios(path.resolve('scenarios'));
    expect(problems.map(formatProblem)).toEqual([]);
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it.each<[string, string, string, RegExp]>([
    ['a YAML syntax error', 'id: [unclosed\n', '', /YAML syntax/],
    ['a missing field', mutated((d) => delete d.title), 'title', /expected string/i],
    ['a wrong type', mutated((d) => (d.persona.age = 'old')), 'persona.age', /expected number/i],
    ['importance out of range', mutated((d) => (d.start.importance = 12)), 'start.importance', /<=\s*10|too big/i],
    ['an unknown language', mutated((d) => (d.language = 'de')), 'language', /nl|en/],
    ['an unknown field', mutated((d) => (d.mood = 'happy')), '', /unrecognized key.*mood/i],
    ['too few sustain lines', mutated((d) => (d.lines.sustain = d.lines.sustain.slice(0, 2))), 'lines.sustain', /at least|>=\s*8|too small/i],
    ['an empty line', mutated((d) => (d.lines.neutral[0] = '')), 'lines.neutral[0]', /.+/],
    ['an unknown theme reference', mutated((d) => (d.lines.sustain[0].theme = 'geld')), 'lines.sustain[0].theme', /unknown theme "geld"/],
    ['a theme on the wrong side', mutated((d) => (d.lines.sustain[0].theme = 'kleinzoon')), 'lines.sustain[0].theme', /"for" theme/],
    ['a bad placeholder', mutated((d) => (d.lines.neutral[0] = 'Hallo {naam}')), 'lines.neutral[0]', /unknown placeholder \{naam\}/],
    ['a ruler line without {n}', mutated((d) => (d.lines.ruler.importance[0] = 'Best belangrijk.')), 'lines.ruler.importance[0]', /must contain \{n\}/],
    ['a duplicate line', mutated((d) => (d.lines.neutral[1] = d.lines.neutral[0])), 'lines.neutral[1]', /duplicate line/],
    ['an id that does not match the file', mutated((d) => (d.id = 'nl-iets-anders')), 'id', /must match the file name/],
    ['a "for" theme of an against kind', mutated((d) => (d.themes[0].kind = 'fear')), 'themes[0].kind', /"for" theme must be/],
    ['a bad slug', mutated((d) => (d.themes[0].id = 'Klein Zoon')), 'themes[0].id', /lower-case/],
    ['a wrong language for an nl- file', mutated((d) => (d.language = 'en')), 'language', /must have language nl/],
  ])('reports %s with the field path', (_name, text, fieldPath, message) => {
    const { scenarios, problems } = loadScenarios(dirWith({ [NAME]: text }));
    expect(scenarios).toEqual([]);
    const hit = problems.find((p) => p.path === fieldPath && message.test(p.message));
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(hit!.file).toContain(NAME);
    if (fieldPath) expect(hit!.line).toBeGreaterThan(0);
  });

  it('reports duplicate scenario ids across files and keeps the first', () => {
    const d = parse(validText) as Doc;
    d.id = 'nl-kopie';
    const dir = dirWith({ 'nl-kopie.yaml': stringify(d), [NAME]: validText });
    writeFileSync(path.join(dir, 'nl-kopie-2.yaml'), stringify({ ...d }));
    const { scenarios, problems } = loadScenarios(dir);
    expect(scenarios.map((s) => s.id).sort()).toEqual(['nl-knie-artrose-oefeningen', 'nl-kopie']);
    expect(problems.some((p) => p.file.endsWith('nl-kopie-2.yaml'))).toBe(true);
  });

  it('loads the valid files and reports the broken ones side by side', () => {
    const dir = dirWith({ [NAME]: validText, 'nl-kapot.yaml': 'id: nl-kapot\n' });
    const { scenarios, problems } = loadScenarios(dir);
    expect(scenarios).toHaveLength(1);
    expect(problems.every((p) => p.file.endsWith('nl-kapot.yaml'))).toBe(true);
  });

  it('reports a missing folder instead of throwing', () => {
    const { problems } = loadScenarios('/nonexistent/kier-scenarios');
    expect(problems[0]!.message).toMatch(/cannot read scenario folder/);
  });
});

describe('kier lint (command line)', () => {
  const kier = (args: string[]) =>
    spawnSync('npx', ['tsx', 'server/cli/kier.ts', 'lint', ...args], { encoding: 'utf8' });

  it('exits 0 on a clean folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kier-lint-ok-'));
    copyFileSync(VALID, path.join(dir, NAME));
    const r = kier([dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 scenario\(s\), no problems/);
  });

  it('exits 2 and prints file:line: field: message for each problem', () => {
    const dir = dirWith({ [NAME]: mutated((d) => (d.start.importance = 12)) });
    const r = kier([dir]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`${NAME}:\\d+: start\\.importance: `));
  });

  it('prints JSON with --json', () => {
    const dir = dirWith({ [NAME]: 'id: [' });
    const r = kier([dir, '--json']);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).problems[0].message).toMatch(/YAML syntax/);
  });
});
