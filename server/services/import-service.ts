import { randomUUID } from 'node:crypto';
import type { Coder } from '../coder/coder.ts';
import { detectLanguage } from '../rubric/index.ts';
import type { CodedTurn, Language } from '../rubric/schemas.ts';
import { scoreTranscript } from '../rubric/score-transcript.ts';
import { createSessionMetaRepository } from '../store/course-repositories.ts';
import { createPracticeSessionRepository, createTurnRepository, type Store, type User } from '../store/repositories.ts';
import {
  formatOf,
  parseTranscriptText,
  TranscriptParseError,
  type TranscriptConversation,
  type TranscriptFormat,
} from '../transcripts/parse-transcript-file.ts';
import { describeProblem, fieldOf, problem, type TranscriptProblem } from '../transcripts/transcript-problem.ts';
import { AppError } from './app-error.ts';

// Imports a transcript (pasted or uploaded) as ended, scored sessions owned by the importer, one
// per conversation. Everything is parsed and coded before anything is stored, and stored in one
// transaction: a bad file leaves nothing behind. Imported sessions have no scenario ('').

export interface ImportInput {
  filename: string;
  content: string;
  language?: Language | 'auto' | undefined;
  title?: string | undefined;
}

export const MAX_IMPORT_TURNS = 3000;
export const MAX_IMPORT_CONVERSATIONS = 100;

/** The format from the extension, else from the content: JSON lines, a CSV header, or prefixed text. */
export function sniffFormat(filename: string, content: string): TranscriptFormat {
  const byName = formatOf(filename);
  if (byName) return byName;
  const first = (content.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim().toLowerCase();
  if (first.startsWith('{')) return 'jsonl';
  if (/^"?(transcript_id|conversation)"?\s*,/.test(first) || (first.includes(',') && /\b(interlocutor|utterance_text|speaker)\b/.test(first))) return 'csv';
  return 'txt';
}

/** `problem` lets the browser word the error in the reader's language; `message` is English. */
function importError(p: TranscriptProblem, line: number | null): AppError {
  const field = fieldOf(p);
  const where = line !== null ? `line ${line}: ` : '';
  return new AppError('import_invalid', `${where}${describeProblem(p)}`, { line, ...(field ? { field } : {}), problem: p });
}

export async function importTranscript(deps: { store: Store; coder: Coder }, user: User, input: ImportInput): Promise<string[]> {
  const format = sniffFormat(input.filename, input.content);
  let conversations: TranscriptConversation[];
  try {
    conversations = parseTranscriptText(input.content, { file: input.filename, format });
  } catch (err) {
    if (err instanceof TranscriptParseError) throw importError(err.problem, err.line);
    throw err;
  }
  const total = conversations.reduce((n, c) => n + c.turns.length, 0);
  if (total > MAX_IMPORT_TURNS) throw importError(problem('too_many_turns', { count: total, max: MAX_IMPORT_TURNS }), null);
  if (conversations.length > MAX_IMPORT_CONVERSATIONS) {
    throw importError(problem('too_many_conversations', { count: conversations.length, max: MAX_IMPORT_CONVERSATIONS }), null);
  }
  for (const c of conversations) {
    const empty = c.turns.find((t) => t.text.trim() === '');
    if (empty) throw importError(problem('empty_turn'), empty.line);
  }

  const prepared: { title: string; language: Language; coded: CodedTurn[]; scores: ReturnType<typeof scoreTranscript> }[] = [];
  for (const c of conversations) {
    const language: Language =
      input.language && input.language !== 'auto' ? input.language : detectLanguage(c.turns.map((t) => t.text), c.labelLanguage ?? user.locale);
    const coded: CodedTurn[] = [];
    for (const t of c.turns) {
      const index = coded.length;
      const ct = await deps.coder.codeTurn(coded, { speaker: t.speaker, text: t.text }, { language });
      coded.push({ ...ct, index });
    }
    const title = conversations.length === 1 && input.title?.trim() ? input.title.trim() : input.title?.trim() ? `${input.title.trim()} — ${c.id}` : c.id;
    prepared.push({ title, language, coded, scores: scoreTranscript(coded, { language }) });
  }

  return deps.store.db.transaction(async (tx) => {
    const sessions = createPracticeSessionRepository(tx);
    const turns = createTurnRepository(tx);
    const meta = createSessionMetaRepository(tx);
    const ids: string[] = [];
    for (const p of prepared) {
      const id = randomUUID();
      await sessions.create({ id, userId: user.id, scenarioId: '', language: p.language, voice: 'offline', seed: 0 });
      for (const t of p.coded) await turns.insert({ sessionId: id, index: t.index, speaker: t.speaker, text: t.text, coded: t });
      await sessions.end(id, p.scores);
      await meta.set(id, { source: 'import', title: p.title });
      ids.push(id);
    }
    return ids;
  });
}
