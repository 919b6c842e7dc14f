import { createHash } from 'node:crypto';
import { canonicalNoteText } from '@attune/domain';
import type { Response } from 'supertest';
import { stableId } from '../../common/stable-id.js';
import { SignedAddendaChain1764340000001 } from '../../database/migrations/1764340000001-signed-addenda-chain.js';
import { demoCaseId, demoClientId, demoUserId } from '../../seed/demo-seed.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CHEN = demoCaseId('chen');
const COUPLE = demoCaseId('couple');
/** The seed's first session with Chen Jing (signed) and her last one (not signed). */
const CHEN_FIRST = stableId('demo:session:chen:0');
const CHEN_LAST = stableId('demo:session:chen:5');
const HE_FIRST = stableId('demo:session:he:0');

const sha256 = (note: object) => createHash('sha256').update(canonicalNoteText(note)).digest('hex');
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

describe('sessions', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;

  /** The audit events one request wrote, without the actor. */
  const auditOf = async (res: Response) => (await auditEventsOf(t.dataSource, res)).map(({ actorId: _actor, ...event }) => event);
  const newSession = async (overrides: object = {}) => {
    const res = await therapist.post('/api/sessions', {
      caseId: CHEN, startsAt: hourAgo(), durationMinutes: 50, format: 'individual', attendeeIds: [demoClientId('chen')], stage: 6,
      note: { betterSinceLast: 'Slept better', freeText: 'Talked about the weekend' }, ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const ids = (res: Response) => res.body.map((s: { id: string }) => s.id);

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('sessions'));
  });
  afterAll(() => t.close());

  describe('GET /api/sessions', () => {
    it('lists the therapist\'s sixteen sessions newest first with Content-Range, auditing the list as a read of each case it returned', async () => {
      const res = await therapist.get('/api/sessions');
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBe('sessions 0-15/16');
      const starts = res.body.map((s: { startsAt: string }) => Date.parse(s.startsAt));
      expect(starts).toEqual([...starts].sort((a, b) => b - a));
      expect(await auditOf(res)).toEqual(expect.arrayContaining([CHEN, COUPLE, demoCaseId('liu')].map((caseId) => ({ action: 'list', entity: 'sessions', entityId: null, caseId }))));
      expect(await auditOf(res)).toHaveLength(3);
      const coachList = await coach.get('/api/sessions');
      expect(coachList.headers['content-range']).toBe('sessions 0-2/3');
    });

    it('filters by case (audited with the case), signed, stage, format, attendee and a startsAt range', async () => {
      const chen = await therapist.get(`/api/sessions?filter=${JSON.stringify({ caseId: CHEN })}&sort=["startsAt","ASC"]`);
      expect(chen.body).toHaveLength(6);
      expect(await auditOf(chen)).toEqual([{ action: 'list', entity: 'sessions', entityId: null, caseId: CHEN }]);
      const unsigned = await therapist.get('/api/sessions?filter={"signed":false}');
      expect(unsigned.headers['content-range']).toBe('sessions 0-2/3');
      expect(unsigned.body.every((s: { signedAt: string | null; integrity: string }) => s.signedAt === null && s.integrity === 'unsigned')).toBe(true);
      expect((await therapist.get('/api/sessions?filter={"signed":true}')).headers['content-range']).toBe('sessions 0-12/13');
      expect((await therapist.get(`/api/sessions?filter=${JSON.stringify({ caseId: CHEN, stage: 6 })}`)).body.map((s: { id: string }) => s.id)).toEqual([CHEN_LAST]);
      expect((await therapist.get('/api/sessions?filter={"format":"joint"}')).body).toHaveLength(4);
      expect((await therapist.get(`/api/sessions?filter=${JSON.stringify({ attendeeId: demoClientId('zhou') })}`)).body).toHaveLength(5);
      const [, second, , fourth] = chen.body as Array<{ id: string; startsAt: string }>;
      const range = await therapist.get(`/api/sessions?filter=${JSON.stringify({ caseId: CHEN, startsAt_gte: second!.startsAt, startsAt_lte: fourth!.startsAt })}&sort=["startsAt","ASC"]`);
      expect(range.body.map((s: { startsAt: string }) => s.startsAt)).toEqual(chen.body.slice(1, 4).map((s: { startsAt: string }) => s.startsAt));
      const lastDay = (chen.body as Array<{ startsAt: string }>)[5]!.startsAt.slice(0, 10);
      const byDate = await therapist.get(`/api/sessions?filter=${JSON.stringify({ caseId: CHEN, startsAt_gte: lastDay, startsAt_lte: lastDay })}`);
      expect(byDate.body.map((s: { id: string }) => s.id)).toEqual([CHEN_LAST]); // a calendar date means the whole UTC day
    });

    it('gets many by id, leaving out what the caller may not see', async () => {
      const res = await therapist.get(`/api/sessions?filter=${JSON.stringify({ id: [CHEN_FIRST, CHEN_LAST, HE_FIRST] })}`);
      expect(ids(res).sort()).toEqual([CHEN_FIRST, CHEN_LAST].sort());
    });

    it('answers 400 naming the field for an unknown sort or filter field, a bad value, or a page over 500 rows', async () => {
      const sort = await therapist.get('/api/sessions?sort=["note","ASC"]');
      expect(sort.status).toBe(400);
      expect(sort.body.errors).toHaveProperty('sort');
      const filter = await therapist.get('/api/sessions?filter={"note":"weekend"}');
      expect(filter.status).toBe(400);
      expect(filter.body.errors).toHaveProperty(['filter.note']);
      const signed = await therapist.get('/api/sessions?filter={"signed":"yes"}');
      expect(signed.status).toBe(400);
      expect(signed.body.errors).toHaveProperty(['filter.signed']);
      expect((await therapist.get('/api/sessions?filter={"q":"weekend"}')).status).toBe(400);
      expect((await therapist.get('/api/sessions?range=[0,600]')).status).toBe(400);
    });

    it('is closed to clients (403)', async () => {
      expect((await client.get('/api/sessions')).status).toBe(403);
    });
  });

  describe('GET /api/sessions/:id', () => {
    it('returns a signed seed note as verified, with its hash, and audits the read without clinical text', async () => {
      const res = await therapist.get(`/api/sessions/${CHEN_FIRST}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: CHEN_FIRST, caseId: CHEN, format: 'individual', attendeeIds: [demoClientId('chen')], stage: 1, durationMinutes: 50,
        signedBy: demoUserId('therapist'), integrity: 'verified', addenda: [],
      });
      expect(res.body.noteHash).toBe(sha256(res.body.note));
      expect(res.body.note.vision).toBe('Wants to feel steady rather than on thin ice.');
      const audit = await auditOf(res);
      expect(audit).toEqual([{ action: 'read', entity: 'sessions', entityId: CHEN_FIRST, caseId: CHEN }]);
      expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_events`))).not.toMatch(/thin ice/);
    });

    it('answers 404 for another practitioner\'s session or an unknown id, 400 for a malformed id, 403 for a client', async () => {
      expect((await coach.get(`/api/sessions/${CHEN_FIRST}`)).status).toBe(404);
      expect((await therapist.get(`/api/sessions/${HE_FIRST}`)).status).toBe(404);
      expect((await therapist.get('/api/sessions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await therapist.get('/api/sessions/nope')).status).toBe(400);
      expect((await client.get(`/api/sessions/${CHEN_FIRST}`)).status).toBe(403);
    });
  });

  describe('POST /api/sessions', () => {
    it('records a session with its note, audited as create', async () => {
      // a Monday since the case opened, at 09:30 in Shanghai
      const monday = new Date(Date.now() - 2 * 86_400_000);
      while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() - 1);
      const day = monday.toISOString().slice(0, 10);
      const res = await therapist.post('/api/sessions', {
        caseId: COUPLE, startsAt: `${day}T09:30:00+08:00`, durationMinutes: 75, format: 'joint',
        attendeeIds: [demoClientId('zhou'), demoClientId('zhao')], stage: 5, note: { vision: '  Talking again at breakfast  ' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        caseId: COUPLE, startsAt: `${day}T01:30:00.000Z`, durationMinutes: 75, format: 'joint', stage: 5,
        attendeeIds: [demoClientId('zhou'), demoClientId('zhao')], note: { vision: 'Talking again at breakfast' },
        signedAt: null, signedBy: null, noteHash: null, integrity: 'unsigned', addenda: [], version: 1, createdBy: demoUserId('therapist'),
      });
      expect(await auditOf(res)).toEqual([{ action: 'create', entity: 'sessions', entityId: res.body.id, caseId: COUPLE }]);
    });

    it('answers 400 naming the field for bad input', async () => {
      const base = { caseId: CHEN, startsAt: hourAgo(), durationMinutes: 50, format: 'individual', attendeeIds: [demoClientId('chen')], stage: 6 };
      const cases: Array<[object, string]> = [
        [{ startsAt: 'tomorrow at ten' }, 'startsAt'],
        [{ durationMinutes: 2 }, 'durationMinutes'],
        [{ stage: 0 }, 'stage'],
        [{ format: 'group' }, 'format'],
        [{ attendeeIds: [] }, 'attendeeIds'],
        [{ attendeeIds: [demoClientId('zhao')] }, 'attendeeIds'], // not a client of this case
        [{ format: 'joint', attendeeIds: [demoClientId('chen'), demoClientId('liu')] }, 'format'], // an individual case
        [{ caseId: demoCaseId('he') }, 'caseId'], // another practitioner's case
        [{ caseId: '00000000-0000-4000-8000-000000000000' }, 'caseId'],
        [{ note: { freeText: 'x'.repeat(10_001) } }, 'note.freeText'],
      ];
      for (const [override, field] of cases) {
        const res = await therapist.post('/api/sessions', { ...base, ...override });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toHaveProperty([field]);
      }
    });

    it("keeps a session's time within the case: not before it opened, at most a year ahead (400 naming startsAt or repeat), nothing written", async () => {
      const [{ opened_at: openedAt }] = await t.dataSource.query<[{ opened_at: Date }]>(`SELECT opened_at FROM cases WHERE id = $1`, [CHEN]);
      const base = { caseId: CHEN, durationMinutes: 50, format: 'individual', attendeeIds: [demoClientId('chen')], stage: 6, outsideWorkingHours: true };
      const count = async () => (await t.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM therapy_sessions WHERE case_id = $1`, [CHEN]))[0].n;
      const before = await count();
      const early = await therapist.post('/api/sessions', { ...base, startsAt: new Date(openedAt.getTime() - 3 * 86_400_000).toISOString() });
      expect(early.status).toBe(400);
      expect(early.body.errors).toEqual({ startsAt: `must not be before the case opened (${openedAt.toISOString().slice(0, 10)})` });
      const far = await therapist.post('/api/sessions', { ...base, startsAt: new Date(Date.now() + 400 * 86_400_000).toISOString() });
      expect(far.status).toBe(400);
      expect(far.body.errors).toEqual({ startsAt: 'must be within a year from now' });
      // a weekly series whose last appointments fall beyond the year
      const series = await therapist.post('/api/sessions', { ...base, startsAt: new Date(Date.now() + 330 * 86_400_000).toISOString(), repeat: { frequency: 'weekly', count: 10 } });
      expect(series.status).toBe(400);
      expect(series.body.errors.repeat).toMatch(/^appointment \d+ of the series must be within a year from now$/);
      expect(await count()).toBe(before);
      // moving a session is held to the same rule
      const session = await newSession();
      const moved = await therapist.put(`/api/sessions/${session.id}`, { ...session, startsAt: '1990-01-01T10:00:00.000Z' });
      expect(moved.status).toBe(400);
      expect(moved.body.errors).toHaveProperty('startsAt');
      expect((await therapist.get(`/api/sessions/${session.id}`)).body.startsAt).toBe(session.startsAt);
    });

    it('is closed to clients (403)', async () => {
      expect((await client.post('/api/sessions', { caseId: CHEN })).status).toBe(403);
    });
  });

  describe('PUT /api/sessions/:id', () => {
    it('changes an unsigned session from the whole record; the case stays fixed; audited as update', async () => {
      const session = await newSession();
      const res = await therapist.put(`/api/sessions/${session.id}`, {
        ...session, caseId: COUPLE, durationMinutes: 60, note: { ...session.note, nextSteps: 'Meet in two weeks' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ caseId: CHEN, durationMinutes: 60, version: 2, note: { betterSinceLast: 'Slept better', nextSteps: 'Meet in two weeks' } });
      expect(await auditOf(res)).toEqual([{ action: 'update', entity: 'sessions', entityId: session.id, caseId: CHEN }]);
    });

    it('answers 409 VERSION_CONFLICT when someone changed the session in between, and applies a body without version', async () => {
      const session = await newSession();
      expect((await therapist.put(`/api/sessions/${session.id}`, { ...session, durationMinutes: 55 })).status).toBe(200);
      const stale = await therapist.put(`/api/sessions/${session.id}`, { ...session, durationMinutes: 45 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect((await therapist.get(`/api/sessions/${session.id}`)).body.durationMinutes).toBe(55);
      const { version: _ignored, ...unversioned } = session;
      const forced = await therapist.put(`/api/sessions/${session.id}`, { ...unversioned, durationMinutes: 45 });
      expect(forced.body).toMatchObject({ durationMinutes: 45, version: 3 });
    });

    it('answers 400 naming the field, 404 for another practitioner and 403 for a client', async () => {
      const session = await newSession();
      const bad = await therapist.put(`/api/sessions/${session.id}`, { ...session, attendeeIds: [demoClientId('zhou')] });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveProperty('attendeeIds');
      const version = await therapist.put(`/api/sessions/${session.id}`, { ...session, version: 'latest' });
      expect(version.status).toBe(400);
      expect(version.body.errors).toHaveProperty('version');
      expect((await coach.put(`/api/sessions/${session.id}`, session)).status).toBe(404);
      expect((await client.put(`/api/sessions/${session.id}`, session)).status).toBe(403);
    });
  });

  describe('signing, addenda and integrity', () => {
    it('refuses to sign an empty note with a 400 naming the note, and leaves it unsigned', async () => {
      const session = await newSession({ note: { betterSinceLast: '  ', freeText: '' } });
      const res = await therapist.post(`/api/sessions/${session.id}/sign`, { version: session.version });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual({ note: 'is empty: write at least one section before signing' });
      expect((await therapist.get(`/api/sessions/${session.id}`)).body.signedAt).toBeNull();
    });

    it('signs a note with the SHA-256 of its canonical text; then the note is locked (409 NOTE_SIGNED)', async () => {
      const session = await newSession();
      const signed = await therapist.post(`/api/sessions/${session.id}/sign`, { version: session.version });
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({ signedBy: demoUserId('therapist'), integrity: 'verified', noteHash: sha256(session.note) });
      expect(Date.parse(signed.body.signedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(await auditOf(signed)).toEqual([{ action: 'sign', entity: 'sessions', entityId: session.id, caseId: CHEN }]);

      const edit = await therapist.put(`/api/sessions/${session.id}`, { ...signed.body, note: { freeText: 'Rewritten history' } });
      expect(edit.status).toBe(409);
      expect(edit.body.code).toBe('NOTE_SIGNED');
      const again = await therapist.post(`/api/sessions/${session.id}/sign`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('NOTE_SIGNED');
      const remove = await admin.delete(`/api/sessions/${session.id}`);
      expect(remove.status).toBe(409);
      expect(remove.body.code).toBe('NOTE_SIGNED');
      expect((await therapist.get(`/api/sessions/${session.id}`)).body.note).toEqual(session.note);
    });

    it('refuses to sign a stale version or a session that has not started (409)', async () => {
      const session = await newSession();
      await therapist.put(`/api/sessions/${session.id}`, { ...session, durationMinutes: 40 });
      const stale = await therapist.post(`/api/sessions/${session.id}/sign`, { version: session.version });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const future = await newSession({ startsAt: new Date(Date.now() + 86_400_000).toISOString() });
      expect((await therapist.post(`/api/sessions/${future.id}/sign`)).status).toBe(409);
      expect((await therapist.get(`/api/sessions/${future.id}`)).body.signedAt).toBeNull();
    });

    it('adds addenda to a signed note only, oldest first, each with id, author, text and time', async () => {
      const session = await newSession();
      const early = await therapist.post(`/api/sessions/${session.id}/addenda`, { text: 'Too early' });
      expect(early.status).toBe(409);
      await therapist.post(`/api/sessions/${session.id}/sign`);
      const first = await therapist.post(`/api/sessions/${session.id}/addenda`, { text: 'She called the next day: the weekend went well.' });
      expect(first.status).toBe(201);
      expect(first.body.addenda).toEqual([{
        id: expect.any(String), authorId: demoUserId('therapist'), authorName: 'Dr. Wang Fang', text: 'She called the next day: the weekend went well.',
        createdAt: expect.any(String), at: first.body.addenda[0].createdAt, integrity: 'verified',
      }]);
      expect(await auditOf(first)).toEqual([{ action: 'addendum', entity: 'sessions', entityId: session.id, caseId: CHEN }]);
      const second = await admin.post(`/api/sessions/${session.id}/addenda`, { text: 'Supervisor: reviewed.' });
      expect(second.body.addenda.map((a: { text: string; authorId: string }) => [a.authorId, a.text])).toEqual([
        [demoUserId('therapist'), 'She called the next day: the weekend went well.'], [demoUserId('admin'), 'Supervisor: reviewed.'],
      ]);
      expect(second.body.integrity).toBe('verified');
      const listed = await therapist.get(`/api/sessions?filter=${JSON.stringify({ id: [session.id] })}`);
      expect(listed.body[0].addenda).toHaveLength(2);

      const empty = await therapist.post(`/api/sessions/${session.id}/addenda`, { text: '   ' });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toHaveProperty('text');
      expect((await coach.post(`/api/sessions/${session.id}/addenda`, { text: 'Not mine' })).status).toBe(404);
      expect((await client.post(`/api/sessions/${session.id}/addenda`, { text: 'Mine?' })).status).toBe(403);
      expect((await coach.post(`/api/sessions/${CHEN_LAST}/sign`)).status).toBe(404);
      expect((await client.post(`/api/sessions/${CHEN_LAST}/sign`)).status).toBe(403);
    });

    it('chains addenda written before the chain existed (the migration\'s up after its down), oldest first', async () => {
      const session = await newSession();
      await therapist.post(`/api/sessions/${session.id}/sign`);
      await therapist.post(`/api/sessions/${session.id}/addenda`, { text: 'First, before the chain' });
      await admin.post(`/api/sessions/${session.id}/addenda`, { text: 'Second, before the chain' });
      const migration = new SignedAddendaChain1764340000001();
      const runner = t.owner.createQueryRunner();
      try {
        await runner.startTransaction();
        await migration.down(runner);
        await runner.query(`UPDATE session_addenda SET created_at = created_at + interval '123 microseconds' WHERE session_id = $1`, [session.id]);
        await migration.up(runner);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      const read = await therapist.get(`/api/sessions/${session.id}`);
      expect(read.body.integrity).toBe('verified');
      expect(read.body.addenda.map((a: { text: string; integrity: string }) => [a.text, a.integrity])).toEqual([
        ['First, before the chain', 'verified'], ['Second, before the chain', 'verified'],
      ]);
      await expect(t.dataSource.query(`DELETE FROM session_addenda WHERE session_id = $1`, [session.id])).rejects.toThrow(/addendum of a signed note/);
    });

    it('leaves the note unsigned when the signature cannot be audited, and serves no note whose read cannot be', async () => {
      const session = await newSession();
      const undoSign = await failAuditOf(t.dataSource, 'sessions', 'sign');
      try {
        expect((await therapist.post(`/api/sessions/${session.id}/sign`)).status).toBe(500);
      } finally {
        await undoSign();
      }
      const undoRead = await failAuditOf(t.dataSource, 'sessions', 'read');
      try {
        const res = await therapist.get(`/api/sessions/${session.id}`);
        expect(res.status).toBe(500);
        expect(res.body.note).toBeUndefined();
      } finally {
        await undoRead();
      }
      expect((await therapist.get(`/api/sessions/${session.id}`)).body).toMatchObject({ signedAt: null, integrity: 'unsigned' });
    });

    it('detects a signed note changed behind the API\'s back (integrity: mismatch)', async () => {
      const session = await newSession();
      await therapist.post(`/api/sessions/${session.id}/sign`);
      await t.owner.transaction(async (m) => {
        await m.query(`ALTER TABLE therapy_sessions DISABLE TRIGGER therapy_sessions_signed_locked`);
        await m.query(`UPDATE therapy_sessions SET note = jsonb_set(note, '{freeText}', '"Quietly rewritten"') WHERE id = $1`, [session.id]);
        await m.query(`ALTER TABLE therapy_sessions ENABLE TRIGGER therapy_sessions_signed_locked`);
      });
      const res = await therapist.get(`/api/sessions/${session.id}`);
      expect(res.body).toMatchObject({ integrity: 'mismatch', note: { freeText: 'Quietly rewritten' } });
      const listed = await therapist.get(`/api/sessions?filter=${JSON.stringify({ id: [session.id, CHEN_FIRST] })}`);
      expect(Object.fromEntries(listed.body.map((s: { id: string; integrity: string }) => [s.id, s.integrity]))).toEqual({
        [session.id]: 'mismatch', [CHEN_FIRST]: 'verified',
      });
    });
  });

  describe('DELETE /api/sessions/:id', () => {
    it('lets an admin delete an unsigned session, answering the deleted record, audited as delete', async () => {
      const session = await newSession();
      const res = await admin.delete(`/api/sessions/${session.id}`);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(session.id);
      expect(await auditOf(res)).toEqual([{ action: 'delete', entity: 'sessions', entityId: session.id, caseId: CHEN }]);
      expect((await therapist.get(`/api/sessions/${session.id}`)).status).toBe(404);
    });

    it('lets a practitioner delete their own unsigned session, but not another practitioner\'s (404) nor a client (403)', async () => {
      const session = await newSession();
      expect((await coach.delete(`/api/sessions/${session.id}`)).status).toBe(404);
      expect((await client.delete(`/api/sessions/${session.id}`)).status).toBe(403);
      expect((await therapist.get(`/api/sessions/${session.id}`)).status).toBe(200);
      const res = await therapist.delete(`/api/sessions/${session.id}`);
      expect(res.status).toBe(200);
      expect((await therapist.get(`/api/sessions/${session.id}`)).status).toBe(404);
      const signed = await therapist.delete(`/api/sessions/${CHEN_FIRST}`);
      expect(signed.status).toBe(409);
      expect(signed.body.code).toBe('NOTE_SIGNED');
    });
  });
});
