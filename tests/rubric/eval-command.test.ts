import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EvalInputError, evaluateAnnotated, readAnnotatedCsv } from '../../server/cli/commands/eval-command.ts';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';

// `kier eval` end to end on a small annotated file of our own, plus the reader's error messages.

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'kier-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = 'transcript_id,mi_quality,topic,utterance_id,interlocutor,utterance_text,main_therapist_behaviour,question_subtype,reflection_subtype,therapist_input_subtype,client_talk_type';
const csv = [
  header,
  // Rows out of order on purpose: the reader sorts by utterance_id.
  '1,high,activity,1,client,"My knee hurts, so I stopped cycling.",n/a,n/a,n/a,n/a,neutral',
  '1,high,activity,0,therapist,"What brings you in today?",question,open,n/a,n/a,n/a',
  '1,high,activity,2,therapist,"It sounds like the pain took away something you enjoy.",reflection,n/a,complex,n/a,n/a',
  '1,high,activity,3,client,"I really want to get back on my bike.",n/a,n/a,n/a,n/a,change',
  '2,low,activity,0,therapist,"You need to do your exercises every day.",therapist_input,n/a,n/a,advice,n/a',
  '2,low,activity,1,client,"I don\'t have time for that.",n/a,n/a,n/a,n/a,sustain',
  '2,low,activity,2,therapist,"Do you do them at all?",question,closed,n/a,n/a,n/a',
  '2,low,activity,3,client,"Not really.",n/a,n/a,n/a,n/a,neutral',
].join('\n');
const file = path.join(dir, 'annotated.csv');
writeFileSync(file, csv);

describe('readAnnotatedCsv', () => {
  it('groups rows into conversations in utterance order with their labels', () => {
    const convs = readAnnotatedCsv(csv, 'x.csv');
    expect(convs.map((c) => [c.id, c.quality, c.turns.length])).toEqual([
      ['1', 'high', 4],
      ['2', 'low', 4],
    ]);
    expect(convs[0]!.turns[0]).toEqual({
      speaker: 'practitioner',
      text: 'What brings you in today?',
      gold: { main: 'question', questionSubtype: 'open', reflectionSubtype: null, talk: null },
    });
  });

  it('reads column names and labels in any case, as kier code does', () => {
    const upper = csv.replace(header, header.toUpperCase()).replace(/,therapist,/g, ',Therapist,').replace(/,client,/g, ',CLIENT,').replace(/,high,/g, ',High,');
    expect(readAnnotatedCsv(upper, 'x.csv')).toEqual(readAnnotatedCsv(csv, 'x.csv'));
  });

  it.each([
    ['a missing column', 'transcript_id,utterance_id,interlocutor\n1,0,client', /x\.csv:1: missing column "utterance_text"/],
    ['an unknown speaker', `${header}\n1,high,t,0,coach,hi,other,n/a,n/a,n/a,n/a`, /x\.csv:2: interlocutor must be therapist or client, not "coach"/],
    ['a row with too few fields', `${header}\n1,high,t,0,client`, /x\.csv:2: expected 11 fields, found 5/],
    ['a bad utterance id', `${header}\n1,high,t,zero,client,hi,n/a,n/a,n/a,n/a,neutral`, /x\.csv:2: utterance_id is not a number/],
    ['an unterminated quote', `${header}\n1,high,t,0,client,"hi,n/a`, /x\.csv:2: unterminated/],
  ])('rejects %s with file, line and reason', (_what, text, message) => {
    expect(() => readAnnotatedCsv(text, 'x.csv')).toThrow(EvalInputError);
    expect(() => readAnnotatedCsv(text, 'x.csv')).toThrow(message);
  });
});

describe('evaluateAnnotated', () => {
  it('never hands a label to the engine: relabelling the file does not change the coding', () => {
    const rubric = loadRubrics();
    const a = evaluateAnnotated(readAnnotatedCsv(csv, 'a.csv'), { rubric });
    const flipped = csv.replace(/,question,open,/g, ',reflection,n/a,').replace(/,change$/m, ',sustain');
    const b = evaluateAnnotated(readAnnotatedCsv(flipped, 'b.csv'), { rubric });
    // Predictions are the confusion matrices' column sums: identical when only labels changed.
    const colSums = (m: number[][]) => m[0]!.map((_, j) => m.reduce((s, row) => s + row[j]!, 0));
    expect(colSums(b.therapist.confusion)).toEqual(colSums(a.therapist.confusion));
    expect(colSums(b.client.confusion)).toEqual(colSums(a.client.confusion));
  });
});

describe('kier eval', () => {
  const kier = ['tsx', 'server/cli/kier.ts', 'eval'];
  const cwd = new URL('../../', import.meta.url).pathname;

  it('prints tables with per-class figures, macro-F1, kappa, subtype accuracy and AUC', async () => {
    const { stdout } = await run('npx', [...kier, file], { cwd });
    expect(stdout).toContain('Therapist main behaviour (primary code) (n=4)');
    expect(stdout).toContain('Client talk type (n=4)');
    expect(stdout).toMatch(/macro-F1 \d\.\d{3} {3}accuracy \d\.\d{3} {3}Cohen's kappa -?\d\.\d{3}/);
    expect(stdout).toMatch(/Open\/closed accuracy: \d\.\d{3} on 2 rows/);
    expect(stdout).toMatch(/Simple\/complex accuracy: \d\.\d{3} on 1 rows/);
    expect(stdout).toMatch(/AUC of overall \(high vs low MI quality\): \d\.\d{3}/);
  });

  it('prints the same report as JSON with --json', async () => {
    const { stdout } = await run('npx', [...kier, file, '--json'], { cwd });
    const r = JSON.parse(stdout);
    expect(r.conversations).toBe(2);
    expect(r.therapist.labels).toEqual(['question', 'reflection', 'therapist_input', 'other']);
    expect(r.client.labels).toEqual(['change', 'neutral', 'sustain']);
    expect(r.therapist.n).toBe(4);
    expect(typeof r.auc).toBe('number');
  });

  it('exits with code 2 and names file and line for a bad file', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, `${header}\n1,high,t,0,coach,hi,other,n/a,n/a,n/a,n/a\n`);
    const err = await run('npx', [...kier, bad], { cwd }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toContain(`${bad}:2: interlocutor must be therapist or client`);
  });

  it('codes in the language given with --language and refuses an unknown one', async () => {
    const { stdout } = await run('npx', [...kier, file, '--json', '--language', 'en'], { cwd });
    expect(JSON.parse(stdout).conversations).toBe(2);
    const err = await run('npx', [...kier, file, '--language', 'de'], { cwd }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toContain('--language must be nl or en, not "de"');
  });

  it('exits with code 2 for a file that does not exist', async () => {
    const err = await run('npx', [...kier, path.join(dir, 'nope.csv')], { cwd }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/nope\.csv: cannot read \(ENOENT\)/);
  });
});
