import { describe, expect, it } from 'vitest';
import { describeProblem, fieldOf, problem, TranscriptProblemKindSchema, TranscriptProblemSchema } from '../../server/transcripts/transcript-problem.ts';

// Each kind of transcript problem has English words (the command line and the API message) that
// name every fact it carries; the browser's Dutch and English come from the client dictionaries,
// which the type checker holds to the same list of kinds.

const FACTS: Record<string, Record<string, string | number>> = {
  unsupported_type: { ext: '.docx' },
  unreadable: { detail: 'EACCES' },
  too_long: { length: 20_001, max: 20_000 },
  csv_text_after_quote: { text: '"x"' },
  csv_missing_columns: { columns: 'utterance_id, utterance_text' },
  csv_field_count: { expected: 4, found: 3 },
  unknown_speaker: { field: 'interlocutor', label: 'dokter' },
  txt_unknown_label: { label: 'Interviewee' },
  jsonl_invalid_json: { detail: 'Unexpected token n' },
  too_many_turns: { count: 3001, max: 3000 },
  too_many_conversations: { count: 101, max: 100 },
};

describe('transcript problems', () => {
  it.each(TranscriptProblemKindSchema.options)('%s: English that names every fact it carries', (kind) => {
    const p = problem(kind, FACTS[kind] ?? {});
    expect(TranscriptProblemSchema.parse(p)).toEqual(p);
    const text = describeProblem(p);
    expect(text.length).toBeGreaterThan(8);
    expect(text).not.toMatch(/undefined|\{\w+\}/);
    for (const v of Object.values(p.params)) expect(text).toContain(String(v));
  });

  it('refuses an unknown kind or a fact that is neither text nor number', () => {
    expect(TranscriptProblemSchema.safeParse({ kind: 'nonsense', params: {} }).success).toBe(false);
    expect(TranscriptProblemSchema.safeParse({ kind: 'empty', params: { x: null } }).success).toBe(false);
  });

  it('names the field a problem is about, as its English message starts with it', () => {
    for (const kind of TranscriptProblemKindSchema.options) {
      const p = problem(kind, FACTS[kind] ?? {});
      const named = /^(\w+):/.exec(describeProblem(p))?.[1] ?? null;
      if (named !== null) expect(fieldOf(p), kind).toBe(named);
    }
    expect(fieldOf(problem('empty_turn'))).toBe('text');
    expect(fieldOf(problem('csv_field_count', { expected: 4, found: 3 }))).toBeNull();
  });
});
