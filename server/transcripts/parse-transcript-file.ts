import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language, Speaker } from '../rubric/schemas.ts';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './parse-csv.ts';
import { decodeTranscriptBytes } from './decode-transcript-bytes.ts';
import { describeProblem, problem, type TranscriptProblem } from './transcript-problem.ts';

// Reads transcripts for `kier code`/`kier score` and for imports in the web app. Every input row
// becomes exactly one turn, in input order (two rows in a row from one speaker stay two turns);
// conversations keep the order in which their id first appears. Only the speaker, the text and
// the conversation id are read: any other column (e.g. annotation labels) is ignored and never
// passed on. Bad input throws a TranscriptParseError naming file, line and reason.
//
// Formats, by extension:
//   .csv   AnnoMI columns transcript_id, utterance_id, interlocutor (therapist|client),
//          utterance_text — or conversation, speaker, text.
//   .jsonl one {"conversation", "speaker", "text"} object per line.
//   .txt   one conversation (id: the file name) of lines with a speaker prefix; a line without a
//          prefix continues the previous turn; "# conversation: <id>" starts another conversation;
//          other lines starting with "#" are comments.
// Speaker prefixes: T = therapist (practitioner) and P = patient (client), the usual letters in
// Dutch physiotherapy notes; C = client. P never means practitioner.

export interface TranscriptTurn {
  speaker: Speaker;
  text: string;
  /** 1-based line in the input where the turn starts. */
  line: number;
}

export interface TranscriptConversation {
  id: string;
  turns: TranscriptTurn[];
  /**
   * The language the speaker labels are in ("Patiënt", "Behandelaar": nl; "Therapist", "Patient":
   * en), or null when they are neutral ("T", "P") or mixed: a fallback for language detection when
   * the turns are too short to tell.
   */
  labelLanguage: Language | null;
}

export type TranscriptFormat = 'csv' | 'jsonl' | 'txt';

/** Bad transcript input: which file, which line (null for the whole file), and why. */
export class TranscriptParseError extends Error {
  /** The problem in English (see describeProblem). */
  readonly reason: string;
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: TranscriptProblem,
  ) {
    const reason = describeProblem(problem);
    super(`${file}${line !== null ? `:${line}` : ''}: ${reason}`);
    this.reason = reason;
    this.name = 'TranscriptParseError';
  }
}

const MAX_TURN_CHARS = 20_000;

/** A value from the file as an error message quotes it: a long one (a text in the speaker column) is cut. */
function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

const SPEAKER_WORDS: Record<string, Speaker> = {
  therapist: 'practitioner',
  practitioner: 'practitioner',
  counsellor: 'practitioner',
  counselor: 'practitioner',
  clinician: 'practitioner',
  physiotherapist: 'practitioner',
  therapeut: 'practitioner',
  fysiotherapeut: 'practitioner',
  student: 'practitioner',
  interviewer: 'practitioner',
  behandelaar: 'practitioner',
  hulpverlener: 'practitioner',
  zorgverlener: 'practitioner',
  fysio: 'practitioner',
  t: 'practitioner',
  client: 'client',
  'cliënt': 'client',
  patient: 'client',
  'patiënt': 'client',
  p: 'client',
  c: 'client',
};

const DUTCH_LABELS = new Set(['therapeut', 'fysiotherapeut', 'fysio', 'behandelaar', 'hulpverlener', 'zorgverlener', 'cliënt', 'patiënt']);
const ENGLISH_LABELS = new Set(['therapist', 'practitioner', 'physiotherapist', 'counsellor', 'counselor', 'clinician', 'interviewer', 'client', 'patient']);

/** The language a speaker label is in, or null for the neutral ones (T, P, C, student). */
export function labelLanguage(label: string): Language | null {
  const l = label.normalize('NFC').trim().toLowerCase();
  return DUTCH_LABELS.has(l) ? 'nl' : ENGLISH_LABELS.has(l) ? 'en' : null;
}

/** The speaker a label names (case and accents as written in either language), or null. */
export function speakerFromLabel(label: string): Speaker | null {
  return SPEAKER_WORDS[label.normalize('NFC').trim().toLowerCase()] ?? null;
}

// Speaker prefixes of .txt lines; longest words first so "Patiënt:" is not read as "P".
const TXT_PREFIX =
  /^\s*(fysiotherapeut|physiotherapist|therapeut|therapist|practitioner|counsell?or|clinician|student|interviewer|behandelaar|hulpverlener|zorgverlener|fysio|patiënt|patient|cliënt|client|t|p|c)\s*:\s?/i;
// A line that starts like a speaker label we do not know ("Interviewee:", "Anna:"): one word of
// letters and a colon. Joining it to the previous turn would put one speaker's words in the
// other's mouth, so it is an error instead.
const TXT_LABEL_LIKE = /^\s*(\p{L}[\p{L}'.-]{0,24})\s*:\s/u;

export function formatOf(file: string): TranscriptFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.txt') return 'txt';
  return null;
}

/** Read and parse a transcript file; the format comes from its extension. */
export function parseTranscriptFile(file: string): TranscriptConversation[] {
  const format = formatOf(file);
  if (!format) {
    throw new TranscriptParseError(file, null, problem('unsupported_type', { ext: path.extname(file) || '(none)' }));
  }
  let text: string;
  try {
    text = decodeTranscriptBytes(readFileSync(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TranscriptParseError(file, null, code === 'ENOENT' ? problem('not_found') : problem('unreadable', { detail: code ?? String(err) }));
  }
  return parseTranscriptText(text, { file, format });
}

/** Parse transcript text already in memory (e.g. an upload). `file` is only used in errors and as the .txt id. */
export function parseTranscriptText(
  text: string,
  opts: { file: string; format: TranscriptFormat },
): TranscriptConversation[] {
  if (text.includes('\u0000')) throw new TranscriptParseError(opts.file, null, problem('binary'));
  let conversations: TranscriptConversation[];
  switch (opts.format) {
    case 'csv':
      conversations = parseCsvTranscript(text, opts.file);
      break;
    case 'jsonl':
      conversations = parseJsonlTranscript(text, opts.file);
      break;
    case 'txt':
      conversations = parseTxtTranscript(text, opts.file);
      break;
    default: {
      const never: never = opts.format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
  if (conversations.length === 0) throw new TranscriptParseError(opts.file, null, problem('empty'));
  return conversations;
}

/** Groups turns by conversation id in order of first appearance. */
class ConversationCollector {
  private readonly byId = new Map<string, TranscriptConversation>();
  private readonly labelLanguages = new Map<string, Set<Language>>();
  add(id: string, turn: TranscriptTurn, label: string): void {
    let c = this.byId.get(id);
    if (!c) {
      c = { id, turns: [], labelLanguage: null };
      this.byId.set(id, c);
      this.labelLanguages.set(id, new Set());
    }
    c.turns.push(turn);
    const lang = labelLanguage(label);
    if (lang) this.labelLanguages.get(id)!.add(lang);
  }
  result(): TranscriptConversation[] {
    for (const c of this.byId.values()) {
      const langs = this.labelLanguages.get(c.id)!;
      c.labelLanguage = langs.size === 1 ? [...langs][0]! : null;
    }
    return [...this.byId.values()];
  }
}

function checkText(file: string, line: number, text: string): string {
  if (text.length > MAX_TURN_CHARS) {
    throw new TranscriptParseError(file, line, problem('too_long', { length: text.length, max: MAX_TURN_CHARS }));
  }
  return text;
}

function parseCsvTranscript(text: string, file: string): TranscriptConversation[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new TranscriptParseError(file, err.line, err.problem);
    throw err;
  }
  const header = records[0];
  if (!header) return [];
  const names = header.fields.map((h) => h.trim().toLowerCase());
  if (names.length === 1 && names[0]!.includes(';')) throw new TranscriptParseError(file, header.line, problem('csv_semicolons'));
  const col = (name: string): number => names.indexOf(name);
  let idCol: number, speakerCol: number, textCol: number;
  let speakerField: string;
  if (col('transcript_id') >= 0 || col('utterance_text') >= 0 || col('interlocutor') >= 0) {
    const missing = ['transcript_id', 'utterance_id', 'interlocutor', 'utterance_text'].filter((c) => col(c) < 0);
    if (missing.length) {
      throw new TranscriptParseError(file, header.line, problem('csv_missing_columns', { columns: missing.join(', ') }));
    }
    [idCol, speakerCol, textCol] = [col('transcript_id'), col('interlocutor'), col('utterance_text')];
    speakerField = 'interlocutor';
  } else if (col('conversation') >= 0 && col('speaker') >= 0 && col('text') >= 0) {
    [idCol, speakerCol, textCol] = [col('conversation'), col('speaker'), col('text')];
    speakerField = 'speaker';
  } else {
    throw new TranscriptParseError(
      file,
      header.line,
      problem('csv_bad_header'),
    );
  }
  if (records.length === 1) throw new TranscriptParseError(file, null, problem('csv_no_rows'));
  const out = new ConversationCollector();
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.fields.length !== names.length) {
      throw new TranscriptParseError(file, rec.line, problem('csv_field_count', { expected: names.length, found: rec.fields.length }));
    }
    const id = rec.fields[idCol]!.trim();
    if (id === '') throw new TranscriptParseError(file, rec.line, problem('empty_conversation_id'));
    const label = rec.fields[speakerCol]!;
    const speaker = speakerFromLabel(label);
    if (!speaker) {
      throw new TranscriptParseError(file, rec.line, problem('unknown_speaker', { field: speakerField, label: shown(label) }));
    }
    out.add(id, { speaker, text: checkText(file, rec.line, rec.fields[textCol]!), line: rec.line }, label);
  }
  return out.result();
}

function parseJsonlTranscript(text: string, file: string): TranscriptConversation[] {
  const out = new ConversationCollector();
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (err) {
      throw new TranscriptParseError(file, lineNo, problem('jsonl_invalid_json', { detail: (err as Error).message }));
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new TranscriptParseError(file, lineNo, problem('jsonl_not_object'));
    }
    const o = obj as Record<string, unknown>;
    const conv = o.conversation;
    if (!((typeof conv === 'string' && conv.trim() !== '') || (typeof conv === 'number' && Number.isFinite(conv)))) {
      throw new TranscriptParseError(file, lineNo, problem('jsonl_conversation'));
    }
    if (typeof o.speaker !== 'string') throw new TranscriptParseError(file, lineNo, problem('jsonl_speaker_type'));
    const speaker = speakerFromLabel(o.speaker);
    if (!speaker) {
      throw new TranscriptParseError(file, lineNo, problem('unknown_speaker', { field: 'speaker', label: shown(o.speaker) }));
    }
    if (typeof o.text !== 'string') throw new TranscriptParseError(file, lineNo, problem('jsonl_text_type'));
    out.add(String(conv).trim(), { speaker, text: checkText(file, lineNo, o.text), line: lineNo }, o.speaker);
  }
  return out.result();
}

function parseTxtTranscript(text: string, file: string): TranscriptConversation[] {
  const out = new ConversationCollector();
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  let id = path.basename(file, path.extname(file)) || 'conversation';
  let current: TranscriptTurn | null = null;
  let currentId = id;
  let currentLabel = '';
  const flush = () => {
    if (current) out.add(currentId, { ...current, text: checkText(file, current.line, current.text.trim()) }, currentLabel);
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    // NFC so "Patiënt:" typed with a combining diaeresis still matches its prefix.
    const raw = lines[i]!.normalize('NFC');
    if (raw.trim() === '') continue;
    const header = /^\s*#\s*(?:conversation|gesprek)\s*:\s*(.+?)\s*$/i.exec(raw);
    if (header) {
      flush();
      id = header[1]!;
      continue;
    }
    if (/^\s*#/.test(raw)) continue;
    const m = TXT_PREFIX.exec(raw);
    if (m) {
      flush();
      current = { speaker: speakerFromLabel(m[1]!)!, text: raw.slice(m[0].length).trim(), line: lineNo };
      currentId = id;
      currentLabel = m[1]!;
      continue;
    }
    const unknown = TXT_LABEL_LIKE.exec(raw);
    if (unknown) throw new TranscriptParseError(file, lineNo, problem('txt_unknown_label', { label: shown(unknown[1]!) }));
    if (!current) {
      throw new TranscriptParseError(
        file,
        lineNo,
        problem('txt_no_prefix'),
      );
    }
    const cur: TranscriptTurn = current;
    cur.text = `${cur.text} ${raw.trim()}`;
  }
  flush();
  return out.result();
}
