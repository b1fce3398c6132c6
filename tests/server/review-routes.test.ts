import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/transcripts/parse-csv.ts';
import { describeProblem } from '../../server/transcripts/transcript-problem.ts';
import type { TestApp } from '../helpers/build-app.ts';
import { buildAppOn, person, practise, type Person } from './course-fixtures.ts';

// The same tests on both store backends; PostgreSQL runs when DATABASE_URL is set.
for (const backend of ['pglite', 'postgres'] as const) {
  describe.skipIf(backend === 'postgres' && !process.env.DATABASE_URL)(`on ${backend}`, () => {
    let t: TestApp;
    let ann: Person, rev: Person, rev2: Person, admin: Person, other: Person;
    let sessionId: string;

    const fixture = (name: string) => readFileSync(new URL(`../fixtures/transcripts/${name}`, import.meta.url), 'utf8');
    const req = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });

    beforeAll(async () => {
      t = (await buildAppOn(backend))!;
      ann = await person(t.app, 'ann@x.org', 'student', 'Ann');
      rev = await person(t.app, 'rev@x.org', 'reviewer', 'Rita');
      rev2 = await person(t.app, 'rev2@x.org', 'reviewer', 'Rob');
      admin = await person(t.app, 'admin@x.org', 'admin', 'Ada');
      other = await person(t.app, 'other@x.org', 'student', 'Otto');
      sessionId = await practise(t.app, ann.user, {
        texts: ['What brings you here today?', 'You should really just start running again, it is good for you.', 'Running means a lot to you.'],
      });
    });
    afterAll(async () => {
      await t.close();
    });

    describe('sharing', () => {
      it('lets the owner share with a reviewer by email and unshare; nobody else sees it', async () => {
        expect((await req(rev.cookie, 'GET', `/api/sessions/${sessionId}/review`)).statusCode).toBe(404);
        const res = await req(ann.cookie, 'POST', `/api/sessions/${sessionId}/shares`, { email: 'REV@x.org' });
        expect(res.statusCode).toBe(200);
        expect(res.json().shares).toEqual([{ userId: rev.user.id, name: 'Rita', email: 'rev@x.org' }]);
        expect((await req(rev.cookie, 'GET', `/api/sessions/${sessionId}/review`)).statusCode).toBe(200);
        expect((await req(rev.cookie, 'GET', '/api/shared')).json().sessions).toMatchObject([{ id: sessionId, ownerName: 'Ann', source: 'practice' }]);
        expect((await req(rev2.cookie, 'GET', `/api/sessions/${sessionId}/review`)).statusCode).toBe(404);
        expect((await req(rev2.cookie, 'GET', '/api/shared')).json().sessions).toEqual([]);
        // Only the owner manages shares.
        expect((await req(rev.cookie, 'POST', `/api/sessions/${sessionId}/shares`, { email: 'rev2@x.org' })).statusCode).toBe(403);
        expect((await req(other.cookie, 'POST', `/api/sessions/${sessionId}/shares`, { email: 'other@x.org' })).statusCode).toBe(404);
        expect((await req(ann.cookie, 'POST', `/api/sessions/${sessionId}/shares`, { email: 'nobody@x.org' })).statusCode).toBe(404);
        expect((await req(ann.cookie, 'POST', `/api/sessions/${sessionId}/shares`, { email: 'ann@x.org' })).statusCode).toBe(400);
        await req(ann.cookie, 'POST', `/api/sessions/${sessionId}/shares`, { email: 'rev2@x.org' });
        const after = await req(ann.cookie, 'DELETE', `/api/sessions/${sessionId}/shares/${rev2.user.id}`);
        expect(after.json().shares.map((s: { email: string }) => s.email)).toEqual(['rev@x.org']);
        expect((await req(rev2.cookie, 'GET', `/api/sessions/${sessionId}/review`)).statusCode).toBe(404);
        expect((await req(ann.cookie, 'GET', `/api/sessions/${sessionId}/shares`)).json().shares).toHaveLength(1);
      });
    });

    describe('review', () => {
      it('shows every turn with engine codes, rule and confidence, and both score sets', async () => {
        const res = await req(rev.cookie, 'GET', `/api/sessions/${sessionId}/review`);
        const p = res.json();
        expect(p.session).toMatchObject({ id: sessionId, ownerId: ann.user.id, ownerName: 'Ann', source: 'practice', language: 'en', status: 'ended' });
        expect(p.turns.length).toBeGreaterThanOrEqual(7);
        const prac = p.turns.find((x: { speaker: string }) => x.speaker === 'practitioner');
        expect(prac.engine.codes[0]).toMatchObject({ code: expect.any(String), rule: expect.any(String), confidence: expect.any(Number) });
        const client = p.turns.find((x: { speaker: string }) => x.speaker === 'client');
        expect(client.engine.talk).toMatch(/change|sustain|neutral/);
        expect(p.turns.every((x: { human: unknown }) => x.human === null)).toBe(true);
        expect(p.scores.withOverrides).toEqual(p.scores.engine);
      });

      it('recomputes the scores with an override and keeps the engine codes; clearing restores them', async () => {
        const before = (await req(rev.cookie, 'GET', `/api/sessions/${sessionId}/review`)).json();
        const target = before.turns.find((x: { speaker: string; engine: { primary: string } }) => x.speaker === 'practitioner' && x.engine.primary !== 'CR');
        const res = await req(rev.cookie, 'PUT', `/api/sessions/${sessionId}/turns/${target.index}/override`, { primary: 'CR', note: 'a complex reflection' });
        expect(res.statusCode).toBe(200);
        const after = res.json();
        const turn = after.turns.find((x: { index: number }) => x.index === target.index);
        expect(turn.engine.primary).toBe(target.engine.primary);
        expect(turn.human).toMatchObject({ primary: 'CR', note: 'a complex reflection', reviewerName: 'Rita' });
        expect(after.scores.engine).toEqual(before.scores.engine);
        expect(after.scores.withOverrides.counts.CR).toBe(before.scores.engine.counts.CR + 1);
        expect(after.scores.withOverrides).not.toEqual(after.scores.engine);

        const cleared = (await req(rev.cookie, 'PUT', `/api/sessions/${sessionId}/turns/${target.index}/override`, { clear: true })).json();
        expect(cleared.turns.find((x: { index: number }) => x.index === target.index).human).toBeNull();
        expect(cleared.scores.withOverrides).toEqual(cleared.scores.engine);
      });

      it('overrides a client talk type with a subtype', async () => {
        const p = (await req(rev.cookie, 'GET', `/api/sessions/${sessionId}/review`)).json();
        // A turn after the practitioner's first: the scenario's opening line does not count in %CT.
        const first = p.turns.findIndex((x: { speaker: string }) => x.speaker === 'practitioner');
        const client = p.turns.find((x: { index: number; speaker: string; engine: { talk: string } }) => x.index > first && x.speaker === 'client' && x.engine.talk !== 'change');
        const res = await req(rev.cookie, 'PUT', `/api/sessions/${sessionId}/turns/${client.index}/override`, { talk: 'change', talkSubtype: 'desire' });
        const after = res.json();
        expect(after.turns.find((x: { index: number }) => x.index === client.index).human).toMatchObject({ talk: 'change', talkSubtype: 'desire', primary: null });
        expect(after.scores.withOverrides.changeTalk).not.toEqual(after.scores.engine.changeTalk);
      });

      it.each([
        ['a talk type on a practitioner turn', 'practitioner', { talk: 'change' }],
        ['a code on a client turn', 'client', { primary: 'OQ' }],
        ['an unknown code', 'practitioner', { primary: 'XX' }],
      ])('refuses %s with 400', async (_name, speaker, body) => {
        const p = (await req(rev.cookie, 'GET', `/api/sessions/${sessionId}/review`)).json();
        const turn = p.turns.find((x: { speaker: string }) => x.speaker === speaker);
        expect((await req(rev.cookie, 'PUT', `/api/sessions/${sessionId}/turns/${turn.index}/override`, body)).statusCode).toBe(400);
      });

      it('answers 404 for a turn that does not exist', async () => {
        expect((await req(rev.cookie, 'PUT', `/api/sessions/${sessionId}/turns/999/override`, { primary: 'OQ' })).statusCode).toBe(404);
      });

      it('lets the owner comment but not override', async () => {
        expect((await req(ann.cookie, 'PUT', `/api/sessions/${sessionId}/turns/1/override`, { primary: 'OQ' })).json().error.code).toBe('forbidden');
        const res = await req(ann.cookie, 'POST', `/api/sessions/${sessionId}/turns/1/comments`, { text: 'I meant this as a reflection.' });
        expect(res.statusCode).toBe(201);
        expect(res.json().comment).toMatchObject({ authorName: 'Ann', text: 'I meant this as a reflection.' });
        await req(rev.cookie, 'POST', `/api/sessions/${sessionId}/turns/1/comments`, { text: 'It reads as a question.' });
        const p = (await req(ann.cookie, 'GET', `/api/sessions/${sessionId}/review`)).json();
        expect(p.turns.find((x: { index: number }) => x.index === 1).comments.map((c: { authorName: string }) => c.authorName)).toEqual(['Ann', 'Rita']);
        expect((await req(ann.cookie, 'POST', `/api/sessions/${sessionId}/turns/1/comments`, { text: '' })).statusCode).toBe(400);
        expect((await req(ann.cookie, 'POST', `/api/sessions/${sessionId}/turns/1/comments`, { text: 'x'.repeat(2001) })).statusCode).toBe(400);
        expect((await req(other.cookie, 'POST', `/api/sessions/${sessionId}/turns/1/comments`, { text: 'hi' })).statusCode).toBe(404);
      });

      it('reports agreement over the reviewed sessions the caller may read, and a CSV of the overrides', async () => {
        const p = (await req(rev.cookie, 'GET', `/api/sessions/${sessionId}/review`)).json();
        const prac = p.turns.filter((x: { speaker: string }) => x.speaker === 'practitioner');
        const t0 = prac[0];
        const flipped = t0.engine.primary === 'OQ' ? 'CQ' : 'OQ';
        await req(rev.cookie, 'PUT', `/api/sessions/${sessionId}/turns/${t0.index}/override`, { primary: flipped });
        const a = (await req(rev.cookie, 'GET', '/api/review/agreement')).json();
        expect(a.sessions).toBe(1);
        expect(a.n).toBe(prac.length);
        expect(a.perCode.find((r: { code: string }) => r.code === flipped)).toMatchObject({ n: 1, agree: 0, recall: 0 });
        expect(a.kappa).toBeLessThan(1);
        expect(a.nTalk).toBeGreaterThan(0);
        expect(a.kappaTalk).toBeLessThan(1);
        // Someone who cannot read the session sees nothing of it.
        expect((await req(rev2.cookie, 'GET', '/api/review/agreement')).json()).toMatchObject({ sessions: 0, n: 0, kappa: null });
        expect((await req(admin.cookie, 'GET', '/api/review/agreement')).json().sessions).toBe(1);

        const csv = await req(rev.cookie, 'GET', '/api/review/overrides.csv');
        expect(csv.headers['content-type']).toContain('text/csv');
        const rows = parseCsv(csv.body).map((r) => r.fields);
        expect(rows[0]!.slice(0, 8)).toEqual(['session_id', 'turn_index', 'speaker', 'text', 'engine_code', 'human_code', 'engine_talk', 'human_talk']);
        const row = rows.find((r) => r[1] === String(t0.index))!;
        expect(row).toEqual(expect.arrayContaining([sessionId, 'practitioner', t0.text, t0.engine.primary, flipped, 'Rita']));
        expect(parseCsv((await req(rev2.cookie, 'GET', '/api/review/overrides.csv')).body)).toHaveLength(1);
      });
    });

    describe('import', () => {
      it.each([
        ['a .txt with speaker prefixes', 'en-good-mi.txt', 1],
        ['a conversation,speaker,text .csv with two conversations', 'en-two-conversations.csv', 2],
        ['an AnnoMI .csv', 'en-annomi-style.csv', null],
        ['a .jsonl', 'en-mixed.jsonl', null],
        ['a Dutch .txt', 'nl-goed-mi.txt', 1],
      ])('imports %s as coded, scored, reviewable sessions', async (_name, file, count) => {
        const res = await req(rev.cookie, 'POST', '/api/imports', { filename: file, content: fixture(file), language: 'auto', title: 'Consult' });
        expect(res.statusCode).toBe(201);
        const sessions = res.json().sessions;
        if (count !== null) expect(sessions).toHaveLength(count);
        for (const s of sessions) {
          expect(s).toMatchObject({ source: 'import', status: 'ended', scores: { overall: expect.any(Number) } });
          expect(s.title).toContain('Consult');
          expect(s.language).toBe(file.startsWith('nl') ? 'nl' : 'en');
          const review = (await req(rev.cookie, 'GET', `/api/sessions/${s.id}/review`)).json();
          expect(review.session).toMatchObject({ source: 'import', scenarioId: null, ownerName: 'Rita' });
          expect(review.turns.length).toBeGreaterThan(1);
          expect((await req(rev2.cookie, 'GET', `/api/sessions/${s.id}/review`)).statusCode).toBe(404);
        }
      });

      it('imports pasted text (no extension) by sniffing its format', async () => {
        const res = await req(ann.cookie, 'POST', '/api/imports', {
          filename: 'pasted',
          content: 'T: How are you doing with the exercises?\nP: I want to do them, but I keep forgetting.\nT: You want to do them.',
        });
        expect(res.statusCode).toBe(201);
        const [s] = res.json().sessions;
        const review = (await req(ann.cookie, 'GET', `/api/sessions/${s.id}/review`)).json();
        expect(review.turns.map((x: { speaker: string }) => x.speaker)).toEqual(['practitioner', 'client', 'practitioner']);
        // A reviewer may override on their own import; a student on theirs may not.
        expect((await req(ann.cookie, 'PUT', `/api/sessions/${s.id}/turns/0/override`, { primary: 'CQ' })).statusCode).toBe(403);
      });

      it.each([
        ['a line without a speaker', 'bad-no-prefix.txt', 1, 'txt_no_prefix'],
        ['an unknown speaker label', 'bad-unknown-label.txt', 2, 'txt_unknown_label'],
        ['broken JSON', 'bad-json.jsonl', 2, 'jsonl_invalid_json'],
        ['an unknown speaker', 'bad-speaker.csv', 3, 'unknown_speaker'],
        ['a bad header', 'bad-header.csv', 1, 'csv_bad_header'],
        ['an unclosed quote', 'bad-unclosed-quote.csv', null, 'csv_unclosed_quote'],
        ['a wrong field count', 'bad-field-count.csv', null, 'csv_field_count'],
      ])('refuses %s naming the line and the kind of problem, and stores nothing', async (_name, file, line, kind) => {
        const count = async () => Number((await t.app.kier.store.db.query<{ n: unknown }>('SELECT count(*) AS n FROM practice_sessions'))[0]!.n);
        const before = await count();
        const res = await req(rev.cookie, 'POST', '/api/imports', { filename: file, content: fixture(file) });
        expect(res.statusCode).toBe(400);
        const err = res.json().error;
        expect(err.code).toBe('import_invalid');
        expect(typeof err.line).toBe('number');
        if (line !== null) expect(err.line).toBe(line);
        expect(err.message).toContain(`line ${err.line}`);
        // The kind and its facts let the browser say it in Dutch; the English message is built from them.
        expect(err.problem.kind).toBe(kind);
        expect(err.message).toBe(`line ${err.line}: ${describeProblem(err.problem)}`);
        expect(await count()).toBe(before);
      });

      it('refuses an empty body, a too-large file and a binary file', async () => {
        expect((await req(rev.cookie, 'POST', '/api/imports', { filename: 'a.txt', content: '' })).statusCode).toBe(400);
        const binary = (await req(rev.cookie, 'POST', '/api/imports', { filename: 'a.txt', content: 'T: hi\u0000' })).json().error;
        expect(binary).toMatchObject({ code: 'import_invalid', line: null, problem: { kind: 'binary', params: {} } });
        const big = await req(rev.cookie, 'POST', '/api/imports', { filename: 'a.txt', content: `T: ${'a'.repeat(2 * 1024 * 1024)}` });
        expect(big.statusCode).toBe(400);
      });

      it('names an empty turn with its line, its field and the facts of the problem', async () => {
        const err = (await req(rev.cookie, 'POST', '/api/imports', { filename: 'a.txt', content: 'T: Hoe gaat het?\nC:\nT: Fijn.' })).json().error;
        expect(err).toMatchObject({ code: 'import_invalid', line: 2, field: 'text', problem: { kind: 'empty_turn' } });
        const header = (await req(rev.cookie, 'POST', '/api/imports', { filename: 'a.csv', content: 'transcript_id,interlocutor\n1,client' })).json().error;
        expect(header.problem).toEqual({ kind: 'csv_missing_columns', params: { columns: 'utterance_id, utterance_text' } });
      });

      it('requires a login', async () => {
        expect((await t.app.inject({ method: 'POST', url: '/api/imports', payload: { filename: 'a.txt', content: 'T: hi' } })).statusCode).toBe(401);
      });
    });

    describe('export', () => {
      it('exports CSV with AnnoMI columns plus ours, and JSON with session, turns and scores', async () => {
        const csv = await req(rev.cookie, 'GET', `/api/sessions/${sessionId}/export.csv`);
        expect(csv.statusCode).toBe(200);
        expect(csv.headers['content-disposition']).toContain('attachment');
        const rows = parseCsv(csv.body).map((r) => r.fields);
        expect(rows[0]!.slice(0, 4)).toEqual(['transcript_id', 'utterance_id', 'interlocutor', 'utterance_text']);
        expect(rows[0]).toEqual(expect.arrayContaining(['code', 'codes', 'rule', 'confidence', 'talk', 'talk_subtype', 'human_code', 'human_talk']));
        const json = (await req(rev.cookie, 'GET', `/api/sessions/${sessionId}/export.json`)).json();
        expect(rows).toHaveLength(json.turns.length + 1);
        expect(rows[1]![2]).toMatch(/therapist|client/);
        expect(json.session.id).toBe(sessionId);
        expect(json.scores.engine.overall).toEqual(expect.any(Number));
        // The exported CSV imports again as the same transcript.
        const back = await req(rev.cookie, 'POST', '/api/imports', { filename: 'export.csv', content: csv.body });
        expect(back.statusCode).toBe(201);
        const again = (await req(rev.cookie, 'GET', `/api/sessions/${back.json().sessions[0].id}/review`)).json();
        expect(again.turns.map((x: { text: string }) => x.text)).toEqual(json.turns.map((x: { text: string }) => x.text));
        expect((await req(rev2.cookie, 'GET', `/api/sessions/${sessionId}/export.csv`)).statusCode).toBe(404);
      });
    });
  });
}
