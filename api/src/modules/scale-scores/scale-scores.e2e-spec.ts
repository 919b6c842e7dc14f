import { stableId } from '../../common/stable-id.js';
import { demoCaseId, demoClientId, demoUserId } from '../../seed/demo-seed.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, type SignedInClient, type TestApp, listUrl } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN = demoClientId('chen');
const COUPLE_CASE = demoCaseId('couple');
const ZHAO = demoClientId('zhao');
const HE_CASE = demoCaseId('he');
const HE = demoClientId('he');
const chenScore = (i: number) => stableId(`demo:score:chen:chen:${i}`);
const heScore = (i: number) => stableId(`demo:score:he:he:${i}`);
/** The staff columns of a rating nobody has annotated, hidden or changed. */
const UNTOUCHED = { staffAnnotation: null, hidden: false, hiddenReason: null, version: 1 };
/** Two days ago to the minute, in +08:00: within the demo cases' life. */
const RECENT = new Date(Math.floor((Date.now() - 2 * 86_400_000) / 60_000) * 60_000);
/** Why a correction is made: every edit and removal of a rating carries one. */
const WHY = { reason: 'Entered for the wrong session' };
const RECENT_PLUS_8 = new Date(RECENT.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

describe('scale scores', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('scale_scores'));
  });
  afterAll(() => t.close());

  describe('list', () => {
    it('shows a case\'s ratings newest first with a Content-Range, and writes one audit event naming the case', async () => {
      const res = await therapist.get(listUrl('/api/scale-scores', { filter: { caseId: CHEN_CASE }, range: [0, 49] }));
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBe('scale-scores 0-9/10');
      expect(res.body).toHaveLength(10);
      expect(res.body[0]).toEqual({
        id: chenScore(9), caseId: CHEN_CASE, clientId: CHEN, score: 6.5, recordedAt: expect.any(String),
        source: 'client', keepsFromLower: null, onePointHigher: null, sessionId: null, ...UNTOUCHED,
      });
      const times = res.body.map((s: { recordedAt: string }) => Date.parse(s.recordedAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'list', entity: 'scale-scores', entityId: null, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
    });

    it('pages with range and sorts by score', async () => {
      const res = await therapist.get(listUrl('/api/scale-scores', { filter: { caseId: CHEN_CASE }, sort: ['score', 'ASC'], range: [0, 2] }));
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBe('scale-scores 0-2/10');
      expect(res.body.map((s: { score: number }) => s.score)).toEqual([2.5, 3, 3]);
    });

    it('filters by client, source and a recordedAt range (a plain date includes the whole day)', async () => {
      const couple = await therapist.get(listUrl('/api/scale-scores', { filter: { caseId: COUPLE_CASE, clientId: ZHAO, source: 'client' } }));
      expect(couple.status).toBe(200);
      expect(couple.body).toHaveLength(1);
      expect(couple.body[0]).toMatchObject({ clientId: ZHAO, source: 'client', score: 5 });

      const all = await therapist.get(listUrl('/api/scale-scores', { filter: { caseId: CHEN_CASE }, sort: ['recordedAt', 'ASC'], range: [0, 99] }));
      const first = all.body[0].recordedAt as string;
      const day = first.slice(0, 10);
      const sameDay = await therapist.get(listUrl('/api/scale-scores', { filter: { caseId: CHEN_CASE, recordedAt_gte: day, recordedAt_lte: day } }));
      expect(sameDay.body.map((s: { id: string }) => s.id)).toEqual([all.body[0].id]);
      const after = await therapist.get(listUrl('/api/scale-scores', { filter: { caseId: CHEN_CASE, recordedAt_gte: all.body[9].recordedAt } }));
      expect(after.body).toHaveLength(1);
    });

    it('gets many by an id array, leaving out ids the caller may not see', async () => {
      const res = await therapist.get(listUrl('/api/scale-scores', { filter: { id: [chenScore(0), chenScore(1), heScore(0)] } }));
      expect(res.status).toBe(200);
      expect(res.body.map((s: { id: string }) => s.id).sort()).toEqual([chenScore(0), chenScore(1)].sort());
      expect(res.headers['content-range']).toBe('scale-scores 0-1/2');
    });

    it('shows a practitioner only their own caseload, in rows and in the count; an admin sees the practice', async () => {
      const mine = await coach.get(listUrl('/api/scale-scores', { range: [0, 99] }));
      expect(mine.headers['content-range']).toBe('scale-scores 0-2/3');
      expect(mine.body.every((s: { caseId: string }) => [HE_CASE, demoCaseId('luo')].includes(s.caseId))).toBe(true);
      const foreign = await coach.get(listUrl('/api/scale-scores', { filter: { caseId: CHEN_CASE } }));
      expect(foreign.status).toBe(200);
      expect(foreign.body).toEqual([]);
      expect(foreign.headers['content-range']).toBe('scale-scores 0-0/0');
      const practice = await admin.get(listUrl('/api/scale-scores', { range: [0, 99] }));
      expect(practice.headers['content-range']).toBe('scale-scores 0-32/33');
    });

    it('refuses an unknown sort or filter field, a bad filter value and a page over 500 rows with a 400 naming it', async () => {
      const sort = await therapist.get(listUrl('/api/scale-scores', { sort: ['practiceId', 'ASC'] }));
      expect(sort.status).toBe(400);
      expect(sort.body.errors).toHaveProperty('sort');
      const filter = await therapist.get(listUrl('/api/scale-scores', { filter: { practiceId: CHEN_CASE } }));
      expect(filter.status).toBe(400);
      expect(filter.body.errors).toHaveProperty(['filter.practiceId']);
      const value = await therapist.get(listUrl('/api/scale-scores', { filter: { source: 'robot' } }));
      expect(value.status).toBe(400);
      expect(value.body.errors).toHaveProperty(['filter.source']);
      const search = await therapist.get(listUrl('/api/scale-scores', { filter: { q: 'thin ice' } }));
      expect(search.status).toBe(400);
      const page = await therapist.get(listUrl('/api/scale-scores', { range: [0, 500] }));
      expect(page.status).toBe(400);
      expect(page.body.errors).toHaveProperty('range');
    });
  });

  describe('get', () => {
    it('answers one rating and audits the read with the case', async () => {
      const res = await therapist.get(`/api/scale-scores/${chenScore(0)}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: chenScore(0), caseId: CHEN_CASE, clientId: CHEN, score: 2.5, source: 'practitioner' });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'read', entity: 'scale-scores', entityId: chenScore(0), caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
    });

    it('answers 404 for another practitioner\'s rating, for an unknown id, and 400 for a malformed id', async () => {
      expect((await coach.get(`/api/scale-scores/${chenScore(0)}`)).status).toBe(404);
      expect((await therapist.get(`/api/scale-scores/${heScore(0)}`)).status).toBe(404);
      expect((await therapist.get('/api/scale-scores/00000000-0000-0000-0000-000000000000')).status).toBe(404);
      const bad = await therapist.get('/api/scale-scores/not-an-id');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveProperty('id');
    });
  });

  describe('create', () => {
    const body = (over: Record<string, unknown> = {}) => ({
      caseId: CHEN_CASE, clientId: CHEN, score: 7, source: 'practitioner',
      keepsFromLower: '  The Sunday check-in  ', onePointHigher: 'Letting an evening apart be an evening', ...over,
    });

    it('records a rating as the practitioner\'s, whatever source the body names, and audits it', async () => {
      const res = await therapist.post('/api/scale-scores', body({ source: 'client', recordedAt: RECENT_PLUS_8 }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String), caseId: CHEN_CASE, clientId: CHEN, score: 7, recordedAt: RECENT.toISOString(),
        source: 'practitioner', keepsFromLower: 'The Sunday check-in', onePointHigher: 'Letting an evening apart be an evening', sessionId: null,
        ...UNTOUCHED,
      });
      const [row] = await t.dataSource.query(`SELECT recorded_by, practice_id FROM scale_scores WHERE id = $1`, [res.body.id]);
      expect(row.recorded_by).toBe(therapist.userId);
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'create', entity: 'scale-scores', entityId: res.body.id, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
      const read = await therapist.get(`/api/scale-scores/${res.body.id}`);
      expect(read.body).toEqual(res.body);
    });

    it('refuses a rating dated before the case opened (1990) or ahead of now with a 400 naming recordedAt, and stores nothing', async () => {
      const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM scale_scores WHERE case_id = $1`, [CHEN_CASE]))[0].n;
      const before = await count();
      const backdated = await therapist.post('/api/scale-scores', body({ recordedAt: '1990-01-01T09:00:00Z' }));
      expect(backdated.status).toBe(400);
      expect(backdated.body.errors).toEqual({ recordedAt: expect.stringMatching(/^must not be before the case opened \(\d{4}-\d{2}-\d{2}\)$/) });
      const ahead = await therapist.post('/api/scale-scores', body({ recordedAt: new Date(Date.now() + 86_400_000).toISOString() }));
      expect(ahead.status).toBe(400);
      expect(ahead.body.errors).toEqual({ recordedAt: 'must not be in the future' });
      expect(await count()).toBe(before);
    });

    it('defaults recordedAt to now and links a session of the same case', async () => {
      const session = stableId('demo:session:chen:5');
      const before = Date.now();
      const res = await therapist.post('/api/scale-scores', body({ source: undefined, sessionId: session, keepsFromLower: null, onePointHigher: '' }));
      expect(res.status).toBe(201);
      expect(Date.parse(res.body.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(res.body).toMatchObject({ sessionId: session, keepsFromLower: null, onePointHigher: null });
    });

    it.each([[10.5], [3.25], [0], [11], ['7']])('refuses score %p with a 400 naming the score', async (score) => {
      const res = await therapist.post('/api/scale-scores', body({ score }));
      expect(res.status).toBe(400);
      expect(res.body.errors.score).toBe('must be between 1 and 10 in steps of 0.5');
    });

    it('names each missing or malformed field', async () => {
      const res = await therapist.post('/api/scale-scores', { score: 5, caseId: 'nope', recordedAt: '2026-03-01 09:30', keepsFromLower: 'x'.repeat(4001) });
      expect(res.status).toBe(400);
      expect(res.body.errors).toMatchObject({
        caseId: 'must be a UUID',
        clientId: 'is required',
        recordedAt: expect.stringContaining('ISO 8601'),
        keepsFromLower: 'must be at most 4000 characters long',
      });
    });

    it('refuses a client who is not in the case, a case out of reach and a session of another case', async () => {
      const notInCase = await therapist.post('/api/scale-scores', body({ clientId: ZHAO }));
      expect(notInCase.status).toBe(400);
      expect(notInCase.body.errors).toEqual({ clientId: 'is not a client of this case' });
      const foreign = await coach.post('/api/scale-scores', body());
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors).toEqual({ caseId: 'is not a case you can reach' });
      const session = await therapist.post('/api/scale-scores', body({ sessionId: stableId('demo:session:liu:0') }));
      expect(session.status).toBe(400);
      expect(session.body.errors).toEqual({ sessionId: 'is not a session of this case' });
    });

    it('leaves nothing behind when the audit event cannot be written', async () => {
      const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM scale_scores WHERE case_id = $1`, [HE_CASE]))[0].n;
      const before = await count();
      const undo = await failAuditOf(t.dataSource, 'scale-scores', 'create');
      try {
        const res = await coach.post('/api/scale-scores', { caseId: HE_CASE, clientId: HE, score: 4 });
        expect(res.status).toBe(500);
        expect(res.body.correlationId).toEqual(expect.any(String));
      } finally {
        await undo();
      }
      expect(await count()).toBe(before);
    });
  });

  describe('update', () => {
    it('changes the score and the follow-ups only, ignoring the rest of the record', async () => {
      const created = await therapist.post('/api/scale-scores', { caseId: CHEN_CASE, clientId: CHEN, score: 5 });
      const sent = {
        ...created.body, score: 5.5, keepsFromLower: 'My friends', onePointHigher: 'Calm mornings',
        caseId: COUPLE_CASE, clientId: ZHAO, source: 'client', recordedAt: '2020-01-01T00:00:00Z', sessionId: stableId('demo:session:chen:0'), ...WHY,
      };
      const res = await therapist.put(`/api/scale-scores/${created.body.id}`, sent);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...created.body, score: 5.5, keepsFromLower: 'My friends', onePointHigher: 'Calm mornings', version: 2 });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'update', entity: 'scale-scores', entityId: created.body.id, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
    });

    it('refuses a score off the scale and answers 404 for another practitioner\'s rating', async () => {
      const bad = await therapist.put(`/api/scale-scores/${chenScore(2)}`, { score: 3.25, version: 1, ...WHY });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveProperty('score');
      const foreign = await coach.put(`/api/scale-scores/${chenScore(1)}`, { score: 9, version: 1, ...WHY });
      expect(foreign.status).toBe(404);
      const [row] = await t.dataSource.query(`SELECT score FROM scale_scores WHERE id = $1`, [chenScore(1)]);
      expect(Number(row.score)).toBe(3);
    });
  });

  describe('delete', () => {
    it('lets the practitioner remove a mistaken entry, audited, after which it is gone', async () => {
      const created = await therapist.post('/api/scale-scores', { caseId: CHEN_CASE, clientId: CHEN, score: 1 });
      const res = await therapist.delete(`/api/scale-scores/${created.body.id}`, WHY);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(created.body);
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'delete', entity: 'scale-scores', entityId: created.body.id, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
      expect((await therapist.get(`/api/scale-scores/${created.body.id}`)).status).toBe(404);
      expect((await therapist.delete(`/api/scale-scores/${created.body.id}`, WHY)).status).toBe(404);
    });

    it('lets a practitioner remove only ratings they entered (a colleague\'s is 403, an admin may); a client\'s self-rating nobody (409)', async () => {
      const selfRating = chenScore(9);
      const refused = await therapist.delete(`/api/scale-scores/${selfRating}`, WHY);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CLIENT_AUTHORED');
      expect((await admin.delete(`/api/scale-scores/${selfRating}`, WHY)).status).toBe(409);
      expect((await therapist.get(`/api/scale-scores/${selfRating}`)).status).toBe(200);
      const byColleague = await admin.post('/api/scale-scores', { caseId: CHEN_CASE, clientId: CHEN, score: 6 });
      expect((await therapist.delete(`/api/scale-scores/${byColleague.body.id}`, WHY)).status).toBe(403);
      expect((await admin.delete(`/api/scale-scores/${byColleague.body.id}`, WHY)).status).toBe(200);
      const byAdmin = await admin.delete(`/api/scale-scores/${chenScore(8)}`, WHY);
      expect(byAdmin.status).toBe(200);
      expect(await auditEventsOf(t.dataSource, byAdmin)).toEqual([
        { action: 'delete', entity: 'scale-scores', entityId: chenScore(8), caseId: CHEN_CASE, actorId: admin.userId },
      ]);
    });

    it('answers 404 to another practitioner and keeps the rating', async () => {
      expect((await coach.delete(`/api/scale-scores/${chenScore(2)}`, WHY)).status).toBe(404);
      expect((await therapist.get(`/api/scale-scores/${chenScore(2)}`)).status).toBe(200);
    });
  });

  it('keeps clients out of every staff route with 403', async () => {
    expect((await client.get('/api/scale-scores')).status).toBe(403);
    expect((await client.get(`/api/scale-scores/${chenScore(0)}`)).status).toBe(403);
    expect((await client.post('/api/scale-scores', { caseId: CHEN_CASE, clientId: CHEN, score: 9 })).status).toBe(403);
    expect((await client.put(`/api/scale-scores/${chenScore(0)}`, { score: 9 })).status).toBe(403);
    expect((await client.delete(`/api/scale-scores/${chenScore(0)}`)).status).toBe(403);
    expect(demoUserId('chen')).toBe(client.userId);
  });
});
