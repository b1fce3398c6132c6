import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRubrics, RubricLoadError } from '../../server/coder/load-rubrics.ts';

// The loader is the only part that touches the disk: it must find both languages and turn a bad
// file into a message with file, line and field.

let dir: string;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function rubricDir(files: Record<string, string>): string {
  dir = mkdtempSync(path.join(tmpdir(), 'kier-rubrics-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const good = `language: en
speaker: practitioner
rules:
  - id: en.oq.what
    code: OQ
    patterns: ['^what\\b']
    explanation: Asks what.
    examples: ['What now?']
`;

function loadError(root: string): RubricLoadError {
  try {
    loadRubrics(root);
  } catch (err) {
    if (err instanceof RubricLoadError) return err;
    throw err;
  }
  throw new Error('expected loadRubrics to fail');
}

describe('loadRubrics', () => {
  it('loads the project rubrics in both languages', () => {
    const r = loadRubrics();
    expect(r.languages.en.practitioner.length).toBeGreaterThan(10);
    expect(r.languages.en.client.length).toBeGreaterThan(5);
    expect(r.languages.nl.practitioner.length).toBeGreaterThan(0);
  });

  it('loads a folder with only one language', () => {
    const r = loadRubrics(rubricDir({ 'en/a.yaml': good }));
    expect(r.byId.has('en.oq.what')).toBe(true);
    expect(r.languages.nl.practitioner).toEqual([]);
  });

  it('names file, line and field for a rule that breaks the schema', () => {
    const root = rubricDir({ 'en/a.yaml': good.replace('code: OQ', 'code: QQ') });
    const err = loadError(root);
    expect(err.file).toMatch(/en[/\\]a\.yaml$/);
    expect(err.line).toBe(5);
    expect(err.field).toBe('rules[0].code');
  });

  it('names file, line and field for a bad regular expression', () => {
    const err = loadError(rubricDir({ 'en/a.yaml': good.replace("'^what\\b'", "'^what(('") }));
    expect(err.line).toBe(6);
    expect(err.field).toBe('rules[0].patterns[0]');
    expect(err.message).toMatch(/invalid regular expression/);
  });

  it('names file and line for broken YAML', () => {
    const err = loadError(rubricDir({ 'en/a.yaml': 'language: en\nrules: [\n  - id: x\n' }));
    expect(err.file).toMatch(/a\.yaml$/);
    expect(err.line).toBeGreaterThan(0);
    expect(err.message).toMatch(/YAML/);
  });
});
