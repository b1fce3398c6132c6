import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conversationLanguage } from '../../server/coder/coder.ts';
import {
  parseTranscriptFile,
  parseTranscriptText,
  speakerFromLabel,
  TranscriptParseError,
} from '../../server/transcripts/parse-transcript-file.ts';

const fixture = (name: string) => new URL(`../fixtures/transcripts/${name}`, import.meta.url).pathname;

describe('parseTranscriptFile', () => {
  it('reads conversation,speaker,text CSV with quotes, commas and newlines, one turn per row', () => {
    const convs = parseTranscriptFile(fixture('en-two-conversations.csv'));
    expect(convs.map((c) => c.id)).toEqual(['knee-1', 'shoulder-2']);
    expect(convs[0]!.turns.map((t) => t.speaker)).toEqual(['practitioner', 'client', 'practitioner', 'client', 'client', 'practitioner']);
    expect(convs[0]!.turns[1]!.text).toBe("My knee, mostly. It's been stiff since the surgery, and honestly, I'm not sure the exercises help.");
    expect(convs[1]!.turns[1]!.text).toBe('I know, I know. My wife says the same thing: "do your exercises".');
    expect(convs[1]!.turns[2]!.text).toBe("If you don't, the shoulder will freeze up.\nThat's just how it is.");
    expect(convs[1]!.turns.map((t) => t.line)).toEqual([8, 9, 10, 12]);
  });

  it('reads AnnoMI columns (BOM, CRLF), groups by id in order of first appearance, and passes no label on', () => {
    const convs = parseTranscriptFile(fixture('en-annomi-style.csv'));
    expect(convs.map((c) => c.id)).toEqual(['7', '3']);
    expect(convs[0]!.turns.map((t) => t.text)).toEqual([
      'How have things been with the walking plan?',
      'Better. I walked three times, even in the rain.',
      'You kept going even when the weather was against you.',
      'I think I can keep it up.',
    ]);
    for (const t of convs.flatMap((c) => c.turns)) expect(Object.keys(t).sort()).toEqual(['line', 'speaker', 'text']);
    expect(JSON.stringify(convs)).not.toMatch(/high|low|sustain|change/);
  });

  it('reads JSONL with string or number ids, skipping blank lines', () => {
    const convs = parseTranscriptFile(fixture('en-mixed.jsonl'));
    expect(convs.map((c) => [c.id, c.turns.length])).toEqual([['a', 3], ['12', 2]]);
    expect(convs[1]!.turns.map((t) => [t.speaker, t.line])).toEqual([['practitioner', 4], ['client', 5]]);
  });

  it('reads Dutch .txt prefixes, joins continuation lines and names the conversation after the file', () => {
    const [conv, ...rest] = parseTranscriptFile(fixture('nl-rugpijn.txt'));
    expect(rest).toEqual([]);
    expect(conv!.id).toBe('nl-rugpijn');
    expect(conv!.turns.map((t) => t.speaker)).toEqual([
      'practitioner', 'client', 'practitioner', 'client', 'practitioner', 'client', 'practitioner', 'client', 'practitioner',
    ]);
    expect(conv!.turns[1]!.text).toBe('Wisselend. Op slechte dagen kom ik amper uit bed, en dan laat ik de oefeningen maar zitten.');
    expect(conv!.turns[2]).toEqual({ speaker: 'practitioner', text: 'U merkt dat de pijn bepaalt of u oefent.', line: 5 });
  });

  it.each([
    ['bad-speaker.csv', 3, /unknown speaker "doctor"/],
    ['bad-unclosed-quote.csv', 2, /unterminated quoted field/],
    ['bad-header.csv', 1, /header must name the columns/],
    ['bad-field-count.csv', 3, /expected 3 fields/],
    ['bad-json.jsonl', 2, /invalid JSON/],
    ['bad-no-prefix.txt', 1, /no speaker prefix/],
  ])('rejects %s naming the file, line %i and the reason', (name, line, reason) => {
    try {
      parseTranscriptFile(fixture(name));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TranscriptParseError);
      const e = err as TranscriptParseError;
      expect(e.file).toBe(fixture(name));
      expect(e.line).toBe(line);
      expect(e.reason).toMatch(reason);
      expect(e.message).toBe(`${fixture(name)}:${line}: ${e.reason}`);
    }
  });

  it.each([
    ['missing.csv', /file not found/],
    ['notes.docx', /unsupported file type ".docx"/],
  ])('rejects %s for the whole file', (name, reason) => {
    expect(() => parseTranscriptFile(`/nonexistent/${name}`)).toThrow(reason);
  });
});

describe('file encodings', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kier-enc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, bytes: Buffer) => {
    const f = path.join(dir, name);
    writeFileSync(f, bytes);
    return f;
  };

  it('reads a Windows-1252 .txt (Dutch Word or Notepad) with its ë intact, turns not merged', () => {
    const f = write('cp1252.txt', Buffer.from('Fysiotherapeut: Hoe gaat het met uw knie?\r\nPati\xebnt: Het gaat wel, maar traplopen is lastig.\r\n', 'latin1'));
    const [conv] = parseTranscriptFile(f);
    expect(conv!.turns.map((t) => [t.speaker, t.text])).toEqual([
      ['practitioner', 'Hoe gaat het met uw knie?'],
      ['client', 'Het gaat wel, maar traplopen is lastig.'],
    ]);
  });

  it('reads UTF-8 as UTF-8, with or without a byte-order mark', () => {
    for (const bom of [Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf])]) {
      const f = write('utf8.txt', Buffer.concat([bom, Buffer.from('Cliënt: Ik wil weer fietsen.\n', 'utf8')]));
      expect(parseTranscriptFile(f)[0]!.turns[0]).toEqual({ speaker: 'client', text: 'Ik wil weer fietsen.', line: 1 });
    }
  });
});

describe('parseTranscriptText', () => {
  const txt = (text: string) => parseTranscriptText(text, { file: 'talk.txt', format: 'txt' });

  it('starts another conversation at a "# conversation:" line and skips other comments', () => {
    const convs = txt('# conversation: one\nT: Hi.\n# a comment\nC: Hello.\n# gesprek: twee\nPractitioner: Welcome.\n');
    expect(convs.map((c) => [c.id, c.turns.map((t) => t.text)])).toEqual([
      ['one', ['Hi.', 'Hello.']],
      ['twee', ['Welcome.']],
    ]);
  });

  it('keeps two rows from one speaker in a row as two turns', () => {
    expect(txt('T: One.\nT: Two.\nP: Three.').flatMap((c) => c.turns.map((t) => t.text))).toEqual(['One.', 'Two.', 'Three.']);
  });

  it('reads more Dutch and English practitioner labels', () => {
    const turns = txt('Behandelaar: Hoe gaat het?\nCliënt: Goed.\nInterviewer: Tell me more.\nHulpverlener: En verder?\nFysio: Mooi.')[0]!.turns;
    expect(turns.map((t) => t.speaker)).toEqual(['practitioner', 'client', 'practitioner', 'practitioner', 'practitioner']);
  });

  it.each([
    ['Interviewee: I walk most days.', 'Interviewee'],
    ['Anna: Nou, het gaat wel.', 'Anna'],
  ])('refuses a line that starts with an unknown label (%j) instead of joining it to the turn before', (line, label) => {
    try {
      txt(`T: Hoe gaat het?\n${line}\n`);
      expect.unreachable();
    } catch (e) {
      const err = e as TranscriptParseError;
      expect([err.line, err.problem.kind, err.problem.params.label]).toEqual([2, 'txt_unknown_label', label]);
      expect(err.message).toMatch(/^talk\.txt:2: "\S+:" is not a speaker label we know/);
    }
  });

  it('still joins a continuation line that merely contains a colon', () => {
    const turns = txt('T: Wat spreken we af?\nP: Drie dingen\nom 8:00 wandelen, dan: rekken.\n')[0]!.turns;
    expect(turns[1]!.text).toBe('Drie dingen om 8:00 wandelen, dan: rekken.');
  });

  it.each([
    ['conversation,speaker,text\n', null, 'csv_no_rows', /header is there but no rows/],
    ['conversation;speaker;text\na;client;Hoi\n', 1, 'csv_semicolons', /separated by semicolons/],
  ])('says what is wrong with CSV %j', (text, line, kind, reason) => {
    try {
      parseTranscriptText(text, { file: 'x.csv', format: 'csv' });
      expect.unreachable();
    } catch (e) {
      const err = e as TranscriptParseError;
      expect([err.line, err.problem.kind]).toEqual([line, kind]);
      expect(err.reason).toMatch(reason);
    }
  });

  it('says which language the speaker labels are in, for detection to fall back on', () => {
    expect(txt('Fysiotherapeut: Hm.\nPatiënt: Ok.')[0]!.labelLanguage).toBe('nl');
    expect(txt('Therapist: Hm.\nPatient: Ok.')[0]!.labelLanguage).toBe('en');
    expect(txt('T: Hm.\nP: Ok.')[0]!.labelLanguage).toBeNull();
    expect(txt('Therapeut: Hm.\nClient: Ok.')[0]!.labelLanguage).toBeNull();
    expect(parseTranscriptFile(fixture('en-two-conversations.csv')).map((c) => c.labelLanguage)).toEqual(['en', 'en']);
    // …and detection does: the turns alone say nothing.
    const [conv] = txt('Fysiotherapeut: Hm.\nPatiënt: Ok.');
    expect(conversationLanguage(conv!.turns, undefined, conv!.labelLanguage ?? undefined)).toBe('nl');
    expect(conversationLanguage(conv!.turns)).toBe('en');
  });

  it('reads "Patiënt:" written with a combining diaeresis', () => {
    expect(txt('Patie\u0308nt: Ja.')[0]!.turns[0]!.speaker).toBe('client');
  });

  it.each([
    ['', /no turns found/],
    ['{"conversation":"a","speaker":"client"}', /text: must be a string/],
    ['{"conversation":"","speaker":"client","text":"x"}', /conversation: must be a non-empty string/],
    ['[1,2]', /must be a JSON object/],
  ])('rejects JSONL %j', (text, reason) => {
    expect(() => parseTranscriptText(text, { file: 'in.jsonl', format: 'jsonl' })).toThrow(reason);
  });

  it('rejects an over-long turn with its line', () => {
    const text = `conversation,speaker,text\na,client,${'x'.repeat(20_001)}\n`;
    expect(() => parseTranscriptText(text, { file: 'long.csv', format: 'csv' })).toThrow(/^long\.csv:2: turn text is 20001 characters/);
  });

  it('quotes a long speaker value cut short: a text pasted into the speaker column is not echoed whole', () => {
    const text = `conversation,speaker,text\na,${'Therapist said '.repeat(1000)},hi\n`;
    try {
      parseTranscriptText(text, { file: 'swap.csv', format: 'csv' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TranscriptParseError);
      const err = e as TranscriptParseError;
      expect(err.problem.kind).toBe('unknown_speaker');
      expect(err.problem.params.label).toBe(`${'Therapist said '.repeat(3).slice(0, 40)}…`);
      expect(err.message.length).toBeLessThan(200);
    }
  });

  it('rejects AnnoMI headers that miss a column', () => {
    const text = 'transcript_id,interlocutor,utterance_text\n1,client,hi\n';
    expect(() => parseTranscriptText(text, { file: 'a.csv', format: 'csv' })).toThrow(/missing column\(s\): utterance_id/);
  });
});

describe('speakerFromLabel', () => {
  it.each([
    ['T', 'practitioner'], ['Therapeut', 'practitioner'], ['Fysiotherapeut', 'practitioner'], ['therapist', 'practitioner'],
    ['Practitioner', 'practitioner'], ['P', 'client'], ['C', 'client'], ['Patiënt', 'client'], ['Cliënt', 'client'],
    ['Client', 'client'], ['patient', 'client'],
  ] as const)('reads %s as %s', (label, speaker) => {
    expect(speakerFromLabel(label)).toBe(speaker);
  });

  it.each(['doctor', 'X', ''])('does not read %j as a speaker', (label) => {
    expect(speakerFromLabel(label)).toBeNull();
  });
});
