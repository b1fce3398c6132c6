import { z } from 'zod';

// What is wrong with a transcript file, as a stable kind plus the facts that fill in a message.
// The kind travels with an import error so the browser can say it in the reader's language; the
// command line and the API's `message` use the English wording below.

export const TranscriptProblemKindSchema = z.enum([
  'unsupported_type',
  'not_found',
  'unreadable',
  'binary',
  'empty',
  'too_long',
  'csv_unclosed_quote',
  'csv_text_after_quote',
  'csv_missing_columns',
  'csv_bad_header',
  'csv_field_count',
  'empty_conversation_id',
  'unknown_speaker',
  'jsonl_invalid_json',
  'jsonl_not_object',
  'jsonl_conversation',
  'jsonl_speaker_type',
  'jsonl_text_type',
  'txt_no_prefix',
  'txt_unknown_label',
  'csv_no_rows',
  'csv_semicolons',
  'too_many_turns',
  'too_many_conversations',
  'empty_turn',
]);
export type TranscriptProblemKind = z.infer<typeof TranscriptProblemKindSchema>;

export const TranscriptProblemSchema = z.object({
  kind: TranscriptProblemKindSchema,
  /** The facts a message names: a column, a speaker label, a count. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type TranscriptProblem = z.infer<typeof TranscriptProblemSchema>;

type Params = TranscriptProblem['params'];

const ENGLISH: Record<TranscriptProblemKind, (p: Params) => string> = {
  unsupported_type: (p) => `unsupported file type "${p.ext}": use .csv, .jsonl or .txt`,
  not_found: () => 'file not found',
  unreadable: (p) => `cannot read file (${p.detail})`,
  binary: () => 'this is a binary file, not a text transcript',
  empty: () => 'no turns found (the file is empty)',
  too_long: (p) => `turn text is ${p.length} characters; at most ${p.max} are allowed`,
  csv_unclosed_quote: () => 'unterminated quoted field (a " is never closed)',
  csv_text_after_quote: (p) => `unexpected text after a closing quote: ${p.text}`,
  csv_missing_columns: (p) => `AnnoMI-style header is missing column(s): ${p.columns}`,
  csv_bad_header: () =>
    'header must name the columns transcript_id, utterance_id, interlocutor, utterance_text (AnnoMI) or conversation, speaker, text',
  csv_field_count: (p) => `expected ${p.expected} fields as in the header, found ${p.found}`,
  empty_conversation_id: () => 'empty conversation id',
  unknown_speaker: (p) => `${p.field}: unknown speaker "${p.label}" (use therapist/practitioner or client/patient)`,
  jsonl_invalid_json: (p) => `invalid JSON (${p.detail})`,
  jsonl_not_object: () => 'each line must be a JSON object {"conversation","speaker","text"}',
  jsonl_conversation: () => 'conversation: must be a non-empty string or a number',
  jsonl_speaker_type: () => 'speaker: must be a string',
  jsonl_text_type: () => 'text: must be a string',
  txt_no_prefix: () =>
    'line has no speaker prefix and there is no turn to continue (start turns with e.g. "T:", "P:", "Therapeut:", "Client:")',
  txt_unknown_label: (p) =>
    `"${p.label}:" is not a speaker label we know (use e.g. "T:", "P:", "Therapeut:", "Fysiotherapeut:", "Patiënt:", "Cliënt:", "Practitioner:", "Client:")`,
  csv_no_rows: () => 'the header is there but no rows follow it',
  csv_semicolons: () => 'the columns are separated by semicolons (as Excel saves CSV in some languages); save the file with commas between the columns',
  too_many_turns: (p) => `${p.count} turns; at most ${p.max} can be imported at once`,
  too_many_conversations: (p) => `${p.count} conversations; at most ${p.max} can be imported at once`,
  empty_turn: () => 'empty turn text',
};

/** The input field a problem is about, for clients that point at it; null when it is not one field. */
export function fieldOf(problem: TranscriptProblem): string | null {
  switch (problem.kind) {
    case 'unknown_speaker':
      return String(problem.params.field);
    case 'jsonl_conversation':
      return 'conversation';
    case 'jsonl_speaker_type':
      return 'speaker';
    case 'jsonl_text_type':
    case 'empty_turn':
      return 'text';
    default:
      return null;
  }
}

/** The problem in English, as the command line prints it. */
export function describeProblem(problem: TranscriptProblem): string {
  return ENGLISH[problem.kind](problem.params);
}

export function problem(kind: TranscriptProblemKind, params: Params = {}): TranscriptProblem {
  return { kind, params };
}
