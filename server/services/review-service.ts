import type { Coder } from '../coder/coder.ts';
import type { Scenario } from '../patient/index.ts';
import type { CompiledRubric } from '../rubric/index.ts';
import type { CodedTurn, PractitionerCode, TalkSubtype, TalkType } from '../rubric/schemas.ts';
import { scoreTranscript } from '../rubric/score-transcript.ts';
import { toScoreSummary, type Scores } from '../rubric/scores-schema.ts';
import { createCourseStore, type StoredOverride } from '../store/course-repositories.ts';
import type { StoredSession, StoredTurn, Store, User } from '../store/repositories.ts';
import { cohenKappa, perCodeAgreement } from './agreement.ts';
import { AppError } from './app-error.ts';
import { toCsv } from './course-service.ts';
import { importTranscript, type ImportInput } from './import-service.ts';
import { assertCanOverride, assertCanReadSession, canReadSession } from './session-access.ts';

// Reviewing a scored transcript: the engine's codes stay as coded; human overrides live beside
// them and the scores are computed twice, as coded and with the overrides applied. Also sharing,
// import and export, which all start from "may this user read this session".

export interface ReviewDeps {
  store: Store;
  rubric: CompiledRubric;
  coder: Coder;
  scenarios: readonly Scenario[];
}

export interface OverrideInput {
  primary?: PractitionerCode | undefined;
  talk?: TalkType | undefined;
  talkSubtype?: TalkSubtype | null | undefined;
  note?: string | undefined;
  clear?: boolean | undefined;
}

/** The turns as the reviewers coded them: each override replaces the engine's decision for its turn. */
export function applyOverrides(turns: readonly CodedTurn[], overrides: readonly Pick<StoredOverride, 'turnIndex' | 'primary' | 'talk' | 'talkSubtype' | 'note'>[]): CodedTurn[] {
  const by = new Map(overrides.map((o) => [o.turnIndex, o]));
  return turns.map((t) => {
    const o = by.get(t.index);
    if (!o) return t;
    if (t.speaker === 'practitioner' && o.primary) {
      const hit = { code: o.primary, text: t.text, span: [0, t.text.length] as [number, number], rule: 'human', confidence: 1, explanation: o.note ?? 'human override' };
      return { ...t, primary: o.primary, codes: [hit] };
    }
    if (t.speaker === 'client' && o.talk) {
      const subtype = o.talk === 'change' || o.talk === 'sustain' ? o.talkSubtype : null;
      const hit = { talk: o.talk, subtype, text: t.text, span: [0, t.text.length] as [number, number], rule: 'human', confidence: 1, explanation: o.note ?? 'human override' };
      return { ...t, talk: o.talk, talkSubtype: subtype, talkHits: [hit] };
    }
    return t;
  });
}

function codedOf(turns: readonly StoredTurn[]): CodedTurn[] {
  return turns.map((t) => ({ ...t.coded, index: t.index }));
}

export function createReviewService(deps: ReviewDeps) {
  const { store } = deps;
  const cs = createCourseStore(store.db);
  const scenarioById = new Map(deps.scenarios.map((s) => [s.id, s]));

  async function readable(user: User, sessionId: string): Promise<StoredSession> {
    await assertCanReadSession(store.db, user, sessionId);
    const s = await store.sessions.get(sessionId);
    if (!s) throw new AppError('not_found', 'no such session');
    return s;
  }

  async function sessionHeader(s: StoredSession) {
    const meta = await cs.sessionMeta.get(s.id);
    const owner = await store.users.findById(s.userId);
    return {
      id: s.id,
      ownerId: s.userId,
      ownerName: owner?.name ?? '',
      scenarioId: s.scenarioId === '' ? null : s.scenarioId,
      title: meta?.title ?? scenarioById.get(s.scenarioId)?.title ?? s.scenarioId,
      language: s.language,
      source: meta?.source ?? 'practice',
      status: s.status,
      createdAt: s.createdAt,
    };
  }

  async function payload(s: StoredSession) {
    const turns = await store.turns.list(s.id);
    const overrides = await cs.reviews.overrides(s.id);
    const comments = await cs.reviews.comments(s.id);
    const engine = codedOf(turns);
    const human = applyOverrides(engine, overrides);
    const oBy = new Map(overrides.map((o) => [o.turnIndex, o]));
    return {
      session: await sessionHeader(s),
      turns: engine.map((t) => {
        const o = oBy.get(t.index);
        return {
          index: t.index,
          speaker: t.speaker,
          text: t.text,
          engine: {
            codes: t.codes.map((c) => ({ code: c.code, text: c.text, rule: c.rule, confidence: c.confidence, explanation: c.explanation })),
            talkHits: t.talkHits.map((h) => ({ talk: h.talk, subtype: h.subtype, text: h.text, rule: h.rule, confidence: h.confidence, explanation: h.explanation })),
            primary: t.primary,
            talk: t.talk,
            talkSubtype: t.talkSubtype,
          },
          human: o
            ? { primary: o.primary, talk: o.talk, talkSubtype: o.talkSubtype, note: o.note, reviewerName: o.reviewerName ?? '', createdAt: o.createdAt }
            : null,
          comments: comments
            .filter((c) => c.turnIndex === t.index)
            .map((c) => ({ id: c.id, authorName: c.authorName, text: c.text, createdAt: c.createdAt })),
        };
      }),
      scores: { engine: scoreTranscript(engine, { language: s.language }), withOverrides: scoreTranscript(human, { language: s.language }) },
    };
  }

  async function turnAt(s: StoredSession, index: number): Promise<StoredTurn> {
    const t = (await store.turns.list(s.id)).find((x) => x.index === index);
    if (!t) throw new AppError('not_found', `no turn ${index} in this session`);
    return t;
  }

  /** Sessions with overrides the user may read. */
  async function reviewedSessions(user: User): Promise<string[]> {
    const all = await cs.reviews.sessionsWithOverrides();
    if (user.role === 'admin') return all;
    const out: string[] = [];
    for (const id of all) if (await canReadSession(store.db, user, id)) out.push(id);
    return out;
  }

  async function summary(s: StoredSession) {
    const meta = await cs.sessionMeta.get(s.id);
    const turns = await store.turns.list(s.id);
    const title = meta?.title ?? scenarioById.get(s.scenarioId)?.title ?? s.scenarioId;
    return {
      id: s.id,
      scenarioId: s.scenarioId,
      scenarioTitle: title,
      title,
      source: meta?.source ?? 'practice',
      language: s.language,
      status: s.status,
      parentId: s.parentId,
      createdAt: s.createdAt,
      endedAt: s.endedAt,
      practitionerTurns: turns.filter((t) => t.speaker === 'practitioner').length,
      scores: s.scores ? toScoreSummary(s.scores as Scores) : null,
    };
  }

  return {
    review: async (user: User, sessionId: string) => payload(await readable(user, sessionId)),

    async override(user: User, sessionId: string, index: number, input: OverrideInput) {
      const s = await readable(user, sessionId);
      assertCanOverride(user);
      const t = await turnAt(s, index);
      const empty = input.primary === undefined && input.talk === undefined && input.talkSubtype === undefined;
      if (input.clear || empty) {
        await cs.reviews.clearOverride(s.id, index);
        return payload(s);
      }
      if (t.speaker === 'practitioner') {
        if (!input.primary) throw new AppError('bad_request', 'primary: a practitioner turn takes a behaviour code');
        if (input.talk !== undefined) throw new AppError('bad_request', 'talk: only client turns have a talk type');
      } else {
        if (input.primary !== undefined) throw new AppError('bad_request', 'primary: only practitioner turns have behaviour codes');
        if (!input.talk && input.talkSubtype === undefined) throw new AppError('bad_request', 'talk: a client turn takes a talk type');
      }
      const talk = t.speaker === 'client' ? (input.talk ?? t.coded.talk ?? 'neutral') : null;
      const talkSubtype = talk === 'change' || talk === 'sustain' ? (input.talkSubtype ?? null) : null;
      await cs.reviews.setOverride({
        sessionId: s.id,
        turnIndex: index,
        reviewerId: user.id,
        primary: t.speaker === 'practitioner' ? input.primary! : null,
        talk,
        talkSubtype,
        note: input.note ?? null,
      });
      return payload(s);
    },

    async comment(user: User, sessionId: string, index: number, text: string) {
      const s = await readable(user, sessionId);
      await turnAt(s, index);
      const c = await cs.reviews.addComment({ sessionId: s.id, turnIndex: index, authorId: user.id, text });
      return { id: c.id, authorName: c.authorName, text: c.text, createdAt: c.createdAt };
    },

    /**
     * Agreement over every turn of the reviewed sessions the user may read: a turn without an
     * override counts as the reviewer agreeing with the engine.
     */
    async agreement(user: User) {
      const codePairs: [string, string][] = [];
      const talkPairs: [string, string][] = [];
      const reviewed = await reviewedSessions(user);
      for (const id of reviewed) {
        const engine = codedOf(await store.turns.list(id));
        const human = applyOverrides(engine, await cs.reviews.overrides(id));
        engine.forEach((e, i) => {
          const h = human[i]!;
          if (e.speaker === 'practitioner') codePairs.push([e.primary ?? 'NC', h.primary ?? 'NC']);
          else talkPairs.push([e.talk ?? 'neutral', h.talk ?? 'neutral']);
        });
      }
      return {
        sessions: reviewed.length,
        n: codePairs.length,
        nTalk: talkPairs.length,
        perCode: perCodeAgreement(codePairs),
        perTalk: perCodeAgreement(talkPairs),
        kappa: cohenKappa(codePairs),
        kappaTalk: cohenKappa(talkPairs),
      };
    },

    async overridesCsv(user: User): Promise<string> {
      const rows = await cs.reviews.overridesWithTurns(await reviewedSessions(user));
      return toCsv(
        ['session_id', 'turn_index', 'speaker', 'text', 'engine_code', 'human_code', 'engine_talk', 'human_talk', 'human_talk_subtype', 'reviewer', 'note', 'created_at'],
        rows.map((o) => {
          const c = o.coded as CodedTurn;
          return [o.sessionId, o.turnIndex, o.speaker, o.text, c.primary ?? '', o.primary ?? '', c.talk ?? '', o.talk ?? '', o.talkSubtype ?? '', o.reviewerName ?? '', o.note ?? '', o.createdAt];
        }),
      );
    },

    async share(user: User, sessionId: string, email: string) {
      const s = await readable(user, sessionId);
      if (s.userId !== user.id) throw new AppError('forbidden', 'only the owner can share a session');
      const found = await store.users.findByEmail(email);
      if (!found) throw new AppError('not_found', 'no user with this email');
      if (found.user.id === user.id) throw new AppError('bad_request', 'email: you cannot share with yourself');
      await cs.shares.add(s.id, found.user.id);
      return cs.shares.list(s.id);
    },

    async unshare(user: User, sessionId: string, userId: string) {
      const s = await readable(user, sessionId);
      if (s.userId !== user.id) throw new AppError('forbidden', 'only the owner can change who sees a session');
      await cs.shares.remove(s.id, userId);
      return cs.shares.list(s.id);
    },

    async shares(user: User, sessionId: string) {
      const s = await readable(user, sessionId);
      if (s.userId !== user.id) throw new AppError('forbidden', 'only the owner sees who a session is shared with');
      return cs.shares.list(s.id);
    },

    /** Sessions of others the user may read: shared with them, and for instructors their students' assignment sessions. */
    async shared(user: User) {
      const out = [];
      for (const v of await cs.sessionMeta.listVisible(user)) {
        const s = await store.sessions.get(v.id);
        if (s) out.push({ ...(await summary(s)), ownerName: v.ownerName });
      }
      return out;
    },

    async import(user: User, input: ImportInput) {
      const ids = await importTranscript({ store, coder: deps.coder }, user, input);
      const out = [];
      for (const id of ids) out.push(await summary((await store.sessions.get(id))!));
      return out;
    },

    async exportJson(user: User, sessionId: string) {
      return payload(await readable(user, sessionId));
    },

    async exportCsv(user: User, sessionId: string): Promise<string> {
      const { session, turns } = await payload(await readable(user, sessionId));
      return toCsv(
        ['transcript_id', 'utterance_id', 'interlocutor', 'utterance_text', 'code', 'codes', 'rule', 'confidence', 'talk', 'talk_subtype', 'human_code', 'human_talk', 'human_talk_subtype'],
        turns.map((t) => {
          const top = t.speaker === 'practitioner' ? t.engine.codes[0] : (t.engine.talkHits.find((h) => h.talk === t.engine.talk) ?? t.engine.talkHits[0]);
          return [
            session.id,
            t.index,
            t.speaker === 'practitioner' ? 'therapist' : 'client',
            t.text,
            t.engine.primary ?? '',
            t.engine.codes.map((c) => c.code).join(';'),
            top?.rule ?? '',
            top ? Math.round(top.confidence * 100) / 100 : '',
            t.engine.talk ?? '',
            t.engine.talkSubtype ?? '',
            t.human?.primary ?? '',
            t.human?.talk ?? '',
            t.human?.talkSubtype ?? '',
          ];
        }),
      );
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
