import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, migrate, UniqueViolationError, type Db, type Store } from '../../server/store/index.ts';
import type { CodedTurn } from '../../server/rubric/schemas.ts';

// The same behaviour on both backends: each backend file calls this with its own Db factory.

export function coded(index: number, speaker: 'practitioner' | 'client', text: string): CodedTurn {
  return {
    index,
    speaker,
    text,
    codes: [],
    primary: speaker === 'practitioner' ? 'NC' : null,
    talk: speaker === 'client' ? 'neutral' : null,
    talkSubtype: null,
    talkHits: [],
    source: 'rules',
    fallbackReason: null,
  };
}

export function storeSuite(name: string, open: () => Promise<{ db: Db; cleanup: () => Promise<void> } | undefined>): void {
  describe(name, () => {
    let store: Store | undefined;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const opened = await open();
      if (!opened) return;
      store = createStore(opened.db);
      cleanup = opened.cleanup;
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it('applies each migration once', async (ctx) => {
      if (!store) return ctx.skip();
      expect(await migrate(store.db)).toEqual([]);
      const rows = await store.db.query<{ id: number }>('SELECT id FROM migrations ORDER BY id');
      expect(rows.map((r) => Number(r.id))).toEqual([1, 2]);
    });

    it('stores users with lower-case unique emails', async (ctx) => {
      if (!store) return ctx.skip();
      const u = await store.users.create({ email: 'Ann@Example.org', name: 'Ann', passwordHash: 'h', role: 'student', locale: 'nl' });
      expect(u).toMatchObject({ email: 'ann@example.org', name: 'Ann', role: 'student', locale: 'nl' });
      await expect(
        store.users.create({ email: 'ann@example.ORG', name: 'Other', passwordHash: 'h', role: 'student', locale: 'en' }),
      ).rejects.toBeInstanceOf(UniqueViolationError);
      expect((await store.users.findByEmail(' ANN@example.org '))?.user.id).toBe(u.id);
      expect(await store.users.countByRole('student')).toBeGreaterThanOrEqual(1);
    });

    it('finds the user of an unexpired auth session only', async (ctx) => {
      if (!store) return ctx.skip();
      const u = await store.users.create({ email: 'bo@example.org', name: 'Bo', passwordHash: 'h', role: 'student', locale: 'en' });
      await store.authSessions.create('live', u.id, new Date(Date.now() + 60_000));
      await store.authSessions.create('old', u.id, new Date(Date.now() - 60_000));
      expect((await store.authSessions.findUser('live'))?.id).toBe(u.id);
      expect(await store.authSessions.findUser('old')).toBeNull();
      await store.authSessions.delete('live');
      expect(await store.authSessions.findUser('live')).toBeNull();
    });

    it('keeps turns in order, unique by index and by client turn id', async (ctx) => {
      if (!store) return ctx.skip();
      const u = await store.users.create({ email: 'cy@example.org', name: 'Cy', passwordHash: 'h', role: 'student', locale: 'en' });
      const s = await store.sessions.create({ userId: u.id, scenarioId: 'sc', language: 'en', voice: 'offline', seed: 123456789 });
      expect(s).toMatchObject({ status: 'active', parentId: null, seed: 123456789, endedAt: null });
      await store.turns.insert({ sessionId: s.id, index: 0, speaker: 'client', text: 'hi', coded: coded(0, 'client', 'hi'), patientState: { a: 1 }, mood: { tone: 'neutral', discord: false }, voice: 'offline' });
      await store.turns.insert({ sessionId: s.id, index: 1, speaker: 'practitioner', text: 'How are you?', coded: coded(1, 'practitioner', 'How are you?'), clientTurnId: 'c1' });
      await expect(
        store.turns.insert({ sessionId: s.id, index: 1, speaker: 'practitioner', text: 'again', coded: coded(1, 'practitioner', 'again') }),
      ).rejects.toBeInstanceOf(UniqueViolationError);
      await expect(
        store.turns.insert({ sessionId: s.id, index: 2, speaker: 'practitioner', text: 'again', coded: coded(2, 'practitioner', 'again'), clientTurnId: 'c1' }),
      ).rejects.toBeInstanceOf(UniqueViolationError);
      const turns = await store.turns.list(s.id);
      expect(turns.map((t) => [t.index, t.speaker, t.text])).toEqual([
        [0, 'client', 'hi'],
        [1, 'practitioner', 'How are you?'],
      ]);
      expect(turns[0]!.patientState).toEqual({ a: 1 });
      expect(turns[1]!.coded.primary).toBe('NC');
      expect((await store.turns.findByClientTurnId(s.id, 'c1'))?.index).toBe(1);

      const listed = await store.sessions.listByUser(u.id);
      expect(listed).toHaveLength(1);
      expect(listed[0]!.practitionerTurns).toBe(1);

      const ended = await store.sessions.end(s.id, { overall: 42 });
      expect(ended).toMatchObject({ status: 'ended', scores: { overall: 42 } });
      expect(ended!.endedAt).not.toBeNull();

      const branch = await store.sessions.create({ userId: u.id, scenarioId: 'sc', language: 'en', voice: 'offline', seed: 1, parentId: s.id, branchedAtTurn: 1 });
      expect(branch).toMatchObject({ parentId: s.id, branchedAtTurn: 1 });
    });

    it('answers a ping', async (ctx) => {
      if (!store) return ctx.skip();
      expect(await store.ping()).toBe(true);
    });
  });
}
