import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Coder } from '../coder/coder.ts';
import type { LlmClient } from '../llm/index.ts';
import {
  createPatient,
  decide,
  hashSeed,
  mood,
  openingIntent,
  PatientStateSchema,
  speakOffline,
  createLlmVoice,
  type PatientState,
  type Scenario,
} from '../patient/index.ts';
import type { Meters, PatientMood, SessionView, TurnView } from '../realtime/events.ts';
import { codeTurn, otherLanguageOf, type CompiledRubric } from '../rubric/index.ts';
import type { CodedTurn, Language, TalkType } from '../rubric/schemas.ts';
import { scoreTranscript } from '../rubric/score-transcript.ts';
import { toMeters, toScoreSummary, type Scores } from '../rubric/scores-schema.ts';
import { suggestAlternatives } from '../rubric/suggest-alternative.ts';
import {
  createPracticeSessionRepository,
  createTurnRepository,
  UniqueViolationError,
  type StoredSession, type StoredTurn, type Store, type User } from '../store/index.ts';
import { createSessionMetaRepository } from '../store/course-repositories.ts';
import { AppError } from './app-error.ts';
import { canReadSession } from './session-access.ts';

// A practice session: the student's turns are coded and stored before they are acknowledged;
// the patient answers from its state machine (offline lines, or the LLM voice when configured).
// Everything needed to carry on lives in the store, so a restart in between loses nothing.

export interface PracticeDeps {
  store: Store;
  rubric: CompiledRubric;
  coder: Coder;
  scenarios: readonly Scenario[];
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Set when an LLM is configured and PATIENT_VOICE=llm: the patient may speak through it. */
  llm?: LlmClient | undefined;
}

export interface ReplyEvents {
  typing?: () => void;
  delta?: (text: string) => void;
}

const NEUTRAL_MOOD: PatientMood = { tone: 'neutral', discord: false };

export function createPracticeService(deps: PracticeDeps) {
  const { store, rubric, coder, log } = deps;
  const byId = new Map(deps.scenarios.map((s) => [s.id, s]));
  // One operation at a time per session: turn indexes are taken in order, replies never overlap.
  const locks = new Map<string, Promise<unknown>>();

  function serial<T>(sessionId: string, fn: () => Promise<T>): Promise<T> {
    const prev = locks.get(sessionId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => {});
    locks.set(sessionId, tail);
    void tail.then(() => {
      if (locks.get(sessionId) === tail) locks.delete(sessionId);
    });
    return next;
  }

  // Sessions in play, kept in memory so a turn costs one insert instead of re-reading the session
  // and its turns. Only a cache: every turn is still written before it is acknowledged, entries are
  // updated only after a write succeeded, and a restart simply reads the store again. Valid because
  // one server process owns its store (PGlite is in-process; with PostgreSQL run one instance per
  // database, as socket.io rooms need anyway).
  const LIVE_MAX = 5000;
  const live = new Map<string, { session: StoredSession; turns: StoredTurn[] }>();

  async function liveSession(sessionId: string): Promise<{ session: StoredSession; turns: StoredTurn[] } | null> {
    const hit = live.get(sessionId);
    if (hit) {
      // Most recently used last, so eviction drops the least recently used.
      live.delete(sessionId);
      live.set(sessionId, hit);
      return hit;
    }
    const session = await store.sessions.get(sessionId);
    if (!session) return null;
    const entry = { session, turns: await store.turns.list(sessionId) };
    if (session.status === 'active') {
      live.set(sessionId, entry);
      if (live.size > LIVE_MAX) live.delete(live.keys().next().value!);
    }
    return entry;
  }

  /** The live entry of a session the user owns and may write; otherwise the same errors as before. */
  async function liveForWriting(user: User, sessionId: string): Promise<{ session: StoredSession; turns: StoredTurn[] }> {
    const entry = await liveSession(sessionId);
    if (!entry || entry.session.userId !== user.id) {
      await ownedForWriting(user, sessionId);
      throw new AppError('not_found', 'no such session');
    }
    return entry;
  }

  function scenarioOf(id: string): Scenario {
    const s = byId.get(id);
    if (!s) throw new AppError('not_found', `no scenario ${id}`);
    return s;
  }

  async function owned(user: User, sessionId: string): Promise<StoredSession> {
    const s = await store.sessions.get(sessionId);
    // Other people's sessions look exactly like missing ones unless session-access allows them.
    if (!s || (s.userId !== user.id && !(await canReadSession(store.db, user, s.id)))) throw new AppError('not_found', 'no such session');
    return s;
  }

  async function ownedForWriting(user: User, sessionId: string): Promise<StoredSession> {
    const s = await owned(user, sessionId);
    if (s.userId !== user.id) throw new AppError('forbidden', 'only the student who owns a session can change it');
    return s;
  }

  function codedTurns(turns: readonly StoredTurn[]): CodedTurn[] {
    return turns.map((t) => ({ ...t.coded, index: t.index }));
  }

  function meters(session: StoredSession, turns: readonly StoredTurn[]): Meters {
    return toMeters(scoreTranscript(codedTurns(turns), { language: session.language }));
  }

  function turnView(t: StoredTurn, prev: StoredTurn | undefined, language: Language): TurnView {
    const drawnOutBy =
      t.speaker === 'client' && t.coded.talk === 'change' && prev && prev.speaker === 'practitioner' ? prev.index : null;
    return {
      ...t.coded,
      index: t.index,
      id: t.id,
      sessionId: t.sessionId,
      createdAt: t.createdAt,
      voice: t.voice,
      mood: (t.mood as PatientMood | null) ?? null,
      drawnOutBy,
      otherLanguage: t.speaker === 'practitioner' ? otherLanguageOf(t.text, language) : null,
    };
  }

  function lastMood(turns: readonly StoredTurn[]): PatientMood {
    for (let i = turns.length - 1; i >= 0; i--) if (turns[i]!.mood) return turns[i]!.mood as PatientMood;
    return NEUTRAL_MOOD;
  }

  function sessionView(session: StoredSession, turns: readonly StoredTurn[]): SessionView {
    const scenario = byId.get(session.scenarioId);
    return {
      id: session.id,
      scenarioId: session.scenarioId,
      scenarioTitle: scenario?.title ?? session.scenarioId,
      language: session.language,
      status: session.status,
      parentId: session.parentId,
      branchedAtTurn: session.branchedAtTurn,
      voice: session.voice,
      createdAt: session.createdAt,
      endedAt: session.endedAt,
      turns: turns.map((t, i) => turnView(t, turns[i - 1], session.language)),
      meters: meters(session, turns),
      mood: lastMood(turns),
    };
  }

  function lastState(scenario: Scenario, session: StoredSession, turns: readonly StoredTurn[]): PatientState {
    for (let i = turns.length - 1; i >= 0; i--) {
      const raw = turns[i]!.patientState;
      if (raw) {
        const parsed = PatientStateSchema.safeParse(raw);
        if (parsed.success) return parsed.data;
        log.warn({ sessionId: session.id, turn: turns[i]!.index }, 'stored patient state is invalid; starting afresh');
        break;
      }
    }
    return createPatient(scenario, { seed: session.seed });
  }

  /** Generates, codes and stores the patient's answer to the last practitioner turn. */
  async function generateReply(
    entry: { session: StoredSession; turns: StoredTurn[] },
    events: ReplyEvents = {},
  ): Promise<{ turn: StoredTurn; all: StoredTurn[] } | null> {
    const { session, turns } = entry;
    const last = turns[turns.length - 1];
    if (!last || last.speaker !== 'practitioner') return null;
    const scenario = scenarioOf(session.scenarioId);
    const language = session.language;
    const history = codedTurns(turns);
    events.typing?.();
    const d = decide(lastState(scenario, session, turns), scenario, last.coded);
    const accept = (candidate: string, talk: TalkType) =>
      codeTurn(history, { speaker: 'client', text: candidate }, { rubric, language }).talk === talk;
    const spoken = speakOffline(scenario, d.state, d.intent, { accept });
    let text = spoken.text;
    let voice: StoredTurn['voice'] = 'offline';
    if (session.voice === 'llm' && deps.llm) {
      try {
        const llmVoice = createLlmVoice({
          llm: deps.llm,
          checkTalk: (candidate) => codeTurn(history, { speaker: 'client', text: candidate }, { rubric, language }).talk,
        });
        const said = await llmVoice.speak({
          scenario,
          state: spoken.state,
          intent: d.intent,
          history: turns.map((t) => ({ speaker: t.speaker, text: t.text })),
          ...(events.delta ? { onDelta: events.delta } : {}),
        });
        if (said.voice === 'llm') {
          text = said.text;
          voice = 'llm';
        } else {
          voice = 'offline-fallback';
          log.warn({ sessionId: session.id, reason: said.fallbackReason }, 'LLM voice fell back to the offline line');
        }
      } catch (err) {
        voice = 'offline-fallback';
        log.warn({ sessionId: session.id, err }, 'LLM voice failed; offline line used');
      }
    }
    const coded = await coder.codeTurn(history, { speaker: 'client', text }, { language });
    const turn = await store.turns.insert({
      sessionId: session.id,
      index: last.index + 1,
      speaker: 'client',
      text,
      coded: { ...coded, index: last.index + 1 },
      patientState: spoken.state,
      mood: mood(spoken.state),
      voice,
    });
    entry.turns = [...turns, turn];
    return { turn, all: entry.turns };
  }

  return {
    scenarios: () => deps.scenarios,
    scenario: scenarioOf,
    /** The patient voices this server can speak: the LLM only when one is configured. */
    voices: (): ('offline' | 'llm')[] => (deps.llm ? ['offline', 'llm'] : ['offline']),

    /**
     * A new session with the patient's opening line. The session, its first turn and (when
     * practising for an assignment) the link to the assignment are written in one transaction, so
     * a failure leaves nothing half made: no session without its opening, none outside its assignment.
     */
    async start(
      user: User,
      input: { scenarioId: string; voice?: 'offline' | 'llm' | undefined; assignmentId?: string | undefined },
    ): Promise<SessionView> {
      const scenario = scenarioOf(input.scenarioId);
      const id = randomUUID();
      const seed = hashSeed(id);
      const voice = input.voice !== 'offline' && deps.llm ? 'llm' : 'offline';
      const opening = speakOffline(scenario, createPatient(scenario, { seed }), openingIntent());
      const coded = await coder.codeTurn([], { speaker: 'client', text: opening.text }, { language: scenario.language });
      const { session, turn } = await store.db.transaction(async (tx) => {
        const session = await createPracticeSessionRepository(tx).create({ id, userId: user.id, scenarioId: scenario.id, language: scenario.language, voice, seed });
        const turn = await createTurnRepository(tx).insert({
          sessionId: id,
          index: 0,
          speaker: 'client',
          text: opening.text,
          coded: { ...coded, index: 0 },
          patientState: opening.state,
          mood: mood(opening.state),
          voice: 'offline',
        });
        if (input.assignmentId) await createSessionMetaRepository(tx).set(id, { assignmentId: input.assignmentId });
        return { session, turn };
      });
      live.set(id, { session, turns: [turn] });
      if (live.size > LIVE_MAX) live.delete(live.keys().next().value!);
      return sessionView(session, [turn]);
    },

    /** The session as stored; `needsReply` when a practitioner turn is still unanswered. */
    async view(user: User, sessionId: string): Promise<{ view: SessionView; needsReply: boolean }> {
      const session = await owned(user, sessionId);
      const turns = await store.turns.list(sessionId);
      const last = turns[turns.length - 1];
      return {
        view: sessionView(session, turns),
        needsReply: session.status === 'active' && last?.speaker === 'practitioner' && session.userId === user.id,
      };
    },

    /** Stores a practitioner turn (once per clientTurnId) and returns it coded, with the meters. */
    async send(
      user: User,
      input: { sessionId: string; text: string; clientTurnId: string },
    ): Promise<{ turn: TurnView; meters: Meters; needsReply: boolean }> {
      // One session read and one turn list per send (the hot path): both are read inside the
      // session's queue, so the status and the turns are current when the turn is stored.
      return serial(input.sessionId, async () => {
        const entry = await liveForWriting(user, input.sessionId);
        const session = entry.session;
        let turns = entry.turns;
        const pos = turns.findIndex((t) => t.clientTurnId === input.clientTurnId);
        if (pos >= 0) {
          const isLast = pos === turns.length - 1;
          return { turn: turnView(turns[pos]!, turns[pos - 1], session.language), meters: meters(session, turns), needsReply: isLast && session.status === 'active' };
        }
        if (session.status !== 'active') throw new AppError('conflict', 'this session has ended');
        // A crash may have left the previous turn unanswered: answer it first, keep the alternation.
        if (turns[turns.length - 1]?.speaker === 'practitioner') {
          const r = await generateReply(entry);
          if (r) turns = r.all;
        }
        const index = (turns[turns.length - 1]?.index ?? -1) + 1;
        const coded = await coder.codeTurn(codedTurns(turns), { speaker: 'practitioner', text: input.text }, { language: session.language });
        let stored: StoredTurn;
        try {
          stored = await store.turns.insert({
            sessionId: session.id,
            index,
            speaker: 'practitioner',
            text: input.text,
            coded: { ...coded, index },
            clientTurnId: input.clientTurnId,
          });
        } catch (err) {
          if (err instanceof UniqueViolationError) throw new AppError('conflict', 'turn already stored; rejoin the session');
          throw err;
        }
        const all = [...turns, stored];
        entry.turns = all;
        return { turn: turnView(stored, turns[turns.length - 1], session.language), meters: meters(session, all), needsReply: true };
      });
    },

    /** The patient answers the last practitioner turn if it is unanswered; null otherwise. */
    async reply(
      user: User,
      sessionId: string,
      events: ReplyEvents = {},
    ): Promise<{ turn: TurnView; meters: Meters; mood: PatientMood } | null> {
      return serial(sessionId, async () => {
        const entry = await liveForWriting(user, sessionId);
        const session = entry.session;
        const r = await generateReply(entry, events);
        if (!r) return null;
        const prev = r.all[r.all.length - 2];
        return { turn: turnView(r.turn, prev, session.language), meters: meters(session, r.all), mood: (r.turn.mood as PatientMood) ?? NEUTRAL_MOOD };
      });
    },

    async end(user: User, sessionId: string): Promise<SessionView> {
      const session = await ownedForWriting(user, sessionId);
      return serial(session.id, async () => {
        const turns = await store.turns.list(sessionId);
        const scores = scoreTranscript(codedTurns(turns), { language: session.language });
        const ended = await store.sessions.end(sessionId, scores);
        live.delete(sessionId);
        return sessionView(ended ?? session, turns);
      });
    },

    async branch(user: User, input: { sessionId: string; atTurn: number }): Promise<SessionView> {
      const parent = await ownedForWriting(user, input.sessionId);
      const turns = await store.turns.list(parent.id);
      const at = turns.find((t) => t.index === input.atTurn);
      if (!at || at.speaker !== 'practitioner') throw new AppError('bad_request', 'atTurn must be the index of one of your turns');
      const id = randomUUID();
      const kept = turns.filter((t) => t.index < input.atTurn);
      await store.db.transaction(async (tx) => {
        const txStore = { sessions: createPracticeSessionRepository(tx), turns: createTurnRepository(tx) };
        await txStore.sessions.create({
          id,
          userId: user.id,
          scenarioId: parent.scenarioId,
          language: parent.language,
          voice: parent.voice,
          seed: hashSeed(id),
          parentId: parent.id,
          branchedAtTurn: input.atTurn,
        });
        for (const t of kept) {
          await txStore.turns.insert({
            sessionId: id,
            index: t.index,
            speaker: t.speaker,
            text: t.text,
            coded: t.coded,
            patientState: t.patientState,
            mood: t.mood,
            voice: t.voice,
            clientTurnId: t.clientTurnId,
          });
        }
      });
      const session = await store.sessions.get(id);
      return sessionView(session!, await store.turns.list(id));
    },

    async list(user: User) {
      const rows = await store.sessions.listByUser(user.id);
      return rows.map((s) => ({
        id: s.id,
        scenarioId: s.scenarioId,
        scenarioTitle: byId.get(s.scenarioId)?.title ?? s.scenarioId,
        language: s.language,
        status: s.status,
        parentId: s.parentId,
        createdAt: s.createdAt,
        endedAt: s.endedAt,
        practitionerTurns: s.practitionerTurns,
        scores: s.scores ? toScoreSummary(s.scores as Scores) : null,
      }));
    },

    async report(user: User, sessionId: string) {
      const session = await owned(user, sessionId);
      const turns = await store.turns.list(sessionId);
      const coded = codedTurns(turns);
      const scores = scoreTranscript(coded, { language: session.language });
      const alternatives = suggestAlternatives(coded, session.language).map((a) => ({
        turnIndex: a.turnIndex,
        original: a.original,
        alternative: a.alternative,
        why: a.why,
      }));
      return { session: sessionView(session, turns), scores, alternatives };
    },
  };
}

export type PracticeService = ReturnType<typeof createPracticeService>;
