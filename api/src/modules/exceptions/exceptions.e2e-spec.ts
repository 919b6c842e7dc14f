import { stableId } from '../../common/stable-id.js';
import { demoCaseId, demoClientId } from '../../seed/demo-seed.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, type SignedInClient, type TestApp, listUrl } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN = demoClientId('chen');
const COUPLE_CASE = demoCaseId('couple');
const ZHAO = demoClientId('zhao');
const ZHOU = demoClientId('zhou');
const HE_CASE = demoCaseId('he');
const chenException = (i: number) => stableId(`demo:exception:chen:${i}`);
const heException = stableId('demo:exception:he:0');
const ids = (body: Array<{ id: string }>) => body.map((e) => e.id);
/** Two days ago to the minute: within every demo case's life (a moment before a case opened is refused). */
const OCCURRED_AT = new Date(Math.floor((Date.now() - 2 * 86_400_000) / 60_000) * 60_000).toISOString();
/** The staff columns of an entry nobody has annotated, hidden or changed. */
/** Why a correction is made: every edit and removal of an entry carries one. */
const WHY = { reason: 'Logged for the wrong partner' };
const UNTOUCHED = { staffAnnotation: null, hidden: false, hiddenReason: null, version: 1 };

describe('exceptions', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('exceptions'));
  });
  afterAll(() => t.close());

  const body = (over: Record<string, unknown> = {}) => ({
    caseId: CHEN_CASE,
    clientId: CHEN,
    occurredAt: OCCURRED_AT,
    context: 'Walked to the market together',
    behavior: 'Held hands without thinking about it',
    thoughts: null,
    emotions: 'Easy',
    meaning: 'Being side by side helps',
    tags: [' Shared Activity ', 'routine', 'shared activity'],
    deep: { bodily: 'Loose shoulders', capacity: null, ifMoreOften: '' },
    significant: true,
    ...over,
  });

  describe('list', () => {
    it('lists a case\'s entries newest first and audits the read with the case', async () => {
      const res = await therapist.get(listUrl('/api/exceptions', { filter: { caseId: CHEN_CASE } }));
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBe('exceptions 0-4/5');
      expect(ids(res.body)).toEqual([4, 3, 2, 1, 0].map(chenException));
      expect(res.body[4]).toEqual({
        id: chenException(0), caseId: CHEN_CASE, clientId: CHEN, occurredAt: expect.any(String),
        context: 'Saturday grocery shopping together', behavior: expect.any(String), thoughts: 'We are a team at this',
        emotions: 'Light, a bit playful', meaning: 'Doing ordinary things side by side calms the cycle',
        tags: ['shared activity', 'routine'],
        deep: { bodily: 'Shoulders down, breathing slower', capacity: 'I can be close without fear', ifMoreOften: 'We would have a calm base to return to' },
        significant: true, source: 'practitioner', ...UNTOUCHED,
      });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'list', entity: 'exceptions', entityId: null, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
    });

    it('filters by a tag the array contains, by significance, client and an occurredAt range', async () => {
      const tagged = await therapist.get(listUrl('/api/exceptions', { filter: { caseId: CHEN_CASE, tags: 'Shared Activity' } }));
      expect(ids(tagged.body).sort()).toEqual([chenException(0), chenException(1), chenException(4)].sort());
      const anyOf = await therapist.get(listUrl('/api/exceptions', { filter: { caseId: CHEN_CASE, tags: ['time apart', 'calm conversation'] } }));
      expect(ids(anyOf.body).sort()).toEqual([chenException(2), chenException(3)].sort());
      const significant = await therapist.get(listUrl('/api/exceptions', { filter: { caseId: CHEN_CASE, significant: true } }));
      expect(ids(significant.body).sort()).toEqual([chenException(0), chenException(1), chenException(3)].sort());
      const zhou = await therapist.get(listUrl('/api/exceptions', { filter: { caseId: COUPLE_CASE, clientId: ZHOU } }));
      expect(zhou.headers['content-range']).toBe('exceptions 0-2/3');
      const all = await therapist.get(listUrl('/api/exceptions', { filter: { caseId: CHEN_CASE }, sort: ['occurredAt', 'ASC'] }));
      const range = await therapist.get(listUrl('/api/exceptions', {
        filter: { caseId: CHEN_CASE, occurredAt_gte: all.body[1].occurredAt, occurredAt_lte: all.body[3].occurredAt.slice(0, 10) },
        sort: ['occurredAt', 'ASC'],
      }));
      expect(ids(range.body)).toEqual([1, 2, 3].map(chenException));
    });

    it('searches context and meaning with q', async () => {
      const context = await therapist.get(listUrl('/api/exceptions', { filter: { q: 'GROCERY' } }));
      expect(ids(context.body)).toEqual([chenException(0)]);
      const meaning = await therapist.get(listUrl('/api/exceptions', { filter: { q: 'calms the cycle' } }));
      expect(ids(meaning.body)).toEqual([chenException(0)]);
      const wildcard = await therapist.get(listUrl('/api/exceptions', { filter: { q: '%' } }));
      expect(wildcard.body).toEqual([]);
    });

    it('gets many by an id array and keeps other practitioners\' entries out of rows and counts', async () => {
      const many = await therapist.get(listUrl('/api/exceptions', { filter: { id: [chenException(0), chenException(3), heException] } }));
      expect(ids(many.body).sort()).toEqual([chenException(0), chenException(3)].sort());
      const coachList = await coach.get(listUrl('/api/exceptions', { range: [0, 99] }));
      expect(coachList.headers['content-range']).toBe('exceptions 0-0/1');
      expect(ids(coachList.body)).toEqual([heException]);
      const searched = await coach.get(listUrl('/api/exceptions', { filter: { q: 'grocery' } }));
      expect(searched.headers['content-range']).toBe('exceptions 0-0/0');
      const practice = await admin.get(listUrl('/api/exceptions', { range: [0, 99] }));
      expect(practice.headers['content-range']).toBe('exceptions 0-13/14');
    });

    it('refuses an unknown sort or filter with a 400 naming it', async () => {
      const sort = await therapist.get(listUrl('/api/exceptions', { sort: ['context', 'ASC'] }));
      expect(sort.status).toBe(400);
      expect(sort.body.errors).toHaveProperty('sort');
      const filter = await therapist.get(listUrl('/api/exceptions', { filter: { recordedBy: therapist.userId } }));
      expect(filter.status).toBe(400);
      expect(filter.body.errors).toHaveProperty(['filter.recordedBy']);
      const flag = await therapist.get(listUrl('/api/exceptions', { filter: { significant: 'yes' } }));
      expect(flag.status).toBe(400);
      expect(flag.body.errors).toHaveProperty(['filter.significant']);
    });
  });

  describe('get', () => {
    it('answers one entry and audits the read', async () => {
      const res = await therapist.get(`/api/exceptions/${chenException(2)}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: chenException(2), context: 'He said he needed an evening alone', deep: null, significant: false });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'read', entity: 'exceptions', entityId: chenException(2), caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
    });

    it('answers 404 for another practitioner\'s entry', async () => {
      expect((await coach.get(`/api/exceptions/${chenException(0)}`)).status).toBe(404);
      expect((await therapist.get(`/api/exceptions/${heException}`)).status).toBe(404);
    });
  });

  describe('create', () => {
    it('records an entry with tags trimmed, lower-cased and de-duplicated, and an empty deep part dropped', async () => {
      const res = await therapist.post('/api/exceptions', body());
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String), caseId: CHEN_CASE, clientId: CHEN, occurredAt: OCCURRED_AT,
        context: 'Walked to the market together', behavior: 'Held hands without thinking about it', thoughts: null,
        emotions: 'Easy', meaning: 'Being side by side helps', tags: ['shared activity', 'routine'],
        deep: { bodily: 'Loose shoulders', capacity: null, ifMoreOften: null }, significant: true, source: 'practitioner', ...UNTOUCHED,
      });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'create', entity: 'exceptions', entityId: res.body.id, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
      const minimal = await therapist.post('/api/exceptions', { caseId: CHEN_CASE, clientId: CHEN, occurredAt: OCCURRED_AT.replace('Z', '+00:00'), context: 'A calm breakfast' });
      expect(minimal.status).toBe(201);
      expect(minimal.body).toMatchObject({ tags: [], deep: null, significant: false, behavior: null });
    });

    it('names each rule the body breaks', async () => {
      const res = await therapist.post('/api/exceptions', {
        caseId: CHEN_CASE, clientId: 'x', occurredAt: '2026-03-07', context: '   ',
        tags: ['ok', 'x'.repeat(41)], deep: 'deep', significant: 'yes',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toMatchObject({
        clientId: 'must be a UUID',
        occurredAt: expect.stringContaining('time zone'),
        context: 'is required',
        'tags.1': 'must be at most 40 characters long',
        deep: expect.any(String),
        significant: 'must be true or false',
      });
      const tooMany = await therapist.post('/api/exceptions', body({ tags: Array.from({ length: 13 }, (_, i) => `t${i}`) }));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors).toEqual({ tags: 'must have at most 12 tags' });
    });

    it('refuses a moment before the case opened (1990) or ahead of now with a 400 naming occurredAt, on create and on edit', async () => {
      const backdated = await therapist.post('/api/exceptions', body({ occurredAt: '1990-06-01T12:00:00Z' }));
      expect(backdated.status).toBe(400);
      expect(backdated.body.errors).toEqual({ occurredAt: expect.stringMatching(/^must not be before the case opened/) });
      const ahead = await therapist.post('/api/exceptions', body({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }));
      expect(ahead.body.errors).toEqual({ occurredAt: 'must not be in the future' });
      const created = await therapist.post('/api/exceptions', body());
      const edit = await therapist.put(`/api/exceptions/${created.body.id}`, { ...created.body, occurredAt: '1990-06-01T12:00:00Z', ...WHY });
      expect(edit.status).toBe(400);
      expect(edit.body.errors).toEqual({ occurredAt: expect.stringMatching(/^must not be before the case opened/) });
      expect((await therapist.get(`/api/exceptions/${created.body.id}`)).body.occurredAt).toBe(OCCURRED_AT);
    });

    it('refuses a client outside the case and a case out of reach', async () => {
      const outside = await therapist.post('/api/exceptions', body({ clientId: ZHAO }));
      expect(outside.status).toBe(400);
      expect(outside.body.errors).toEqual({ clientId: 'is not a client of this case' });
      const foreign = await coach.post('/api/exceptions', body());
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors).toEqual({ caseId: 'is not a case you can reach' });
    });

    it('leaves nothing behind when the audit event cannot be written', async () => {
      const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM case_exceptions`))[0].n;
      const before = await count();
      const undo = await failAuditOf(t.dataSource, 'exceptions', 'create');
      try {
        expect((await therapist.post('/api/exceptions', body())).status).toBe(500);
      } finally {
        await undo();
      }
      expect(await count()).toBe(before);
    });
  });

  describe('update', () => {
    it('takes the record as GET returned it, keeps the case and lets the entry move to the other partner', async () => {
      const created = await therapist.post('/api/exceptions', body({ caseId: COUPLE_CASE, clientId: ZHAO }));
      const res = await therapist.put(`/api/exceptions/${created.body.id}`, {
        ...created.body, clientId: ZHOU, context: 'Tea on the table, again', tags: ['kind gesture'], significant: false, deep: null, source: 'client', ...WHY,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...created.body, clientId: ZHOU, context: 'Tea on the table, again', tags: ['kind gesture'], significant: false, deep: null, version: 2 });
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'update', entity: 'exceptions', entityId: created.body.id, caseId: COUPLE_CASE, actorId: therapist.userId },
      ]);
      const moved = await therapist.put(`/api/exceptions/${created.body.id}`, { ...res.body, caseId: CHEN_CASE, clientId: ZHOU, ...WHY });
      expect(moved.status).toBe(200);
      expect(moved.body.caseId).toBe(COUPLE_CASE);
      const outside = await therapist.put(`/api/exceptions/${created.body.id}`, { ...res.body, clientId: CHEN, ...WHY });
      expect(outside.status).toBe(400);
      expect(outside.body.errors).toEqual({ clientId: 'is not a client of this case' });
    });

    it('refuses bad input with a 400 and another practitioner\'s entry with a 404', async () => {
      const current = await therapist.get(`/api/exceptions/${chenException(1)}`);
      const bad = await therapist.put(`/api/exceptions/${chenException(1)}`, { ...current.body, context: '', ...WHY });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual({ context: 'is required' });
      const foreign = await coach.put(`/api/exceptions/${chenException(1)}`, { ...current.body, context: 'Overwritten', ...WHY });
      expect(foreign.status).toBe(404);
      expect((await therapist.get(`/api/exceptions/${chenException(1)}`)).body.context).toBe(current.body.context);
    });
  });

  describe('delete', () => {
    it('lets an admin remove an entry, audited', async () => {
      const created = await therapist.post('/api/exceptions', body());
      const res = await admin.delete(`/api/exceptions/${created.body.id}`, WHY);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(created.body);
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'delete', entity: 'exceptions', entityId: created.body.id, caseId: CHEN_CASE, actorId: expect.any(String) },
      ]);
      expect((await therapist.get(`/api/exceptions/${created.body.id}`)).status).toBe(404);
    });

    it('lets a practitioner remove an exception they entered themselves, audited, and nobody else\'s', async () => {
      const created = await therapist.post('/api/exceptions', body());
      expect((await coach.delete(`/api/exceptions/${created.body.id}`, WHY)).status).toBe(404);
      const res = await therapist.delete(`/api/exceptions/${created.body.id}`, WHY);
      expect(res.status).toBe(200);
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'delete', entity: 'exceptions', entityId: created.body.id, caseId: CHEN_CASE, actorId: therapist.userId },
      ]);
      // an entry another staff member recorded (the seed's, by the case's practitioner of record) stays
      await t.dataSource.query(`UPDATE case_exceptions SET recorded_by = $2 WHERE id = $1`, [chenException(4), admin.userId]);
      const other = await therapist.delete(`/api/exceptions/${chenException(4)}`, WHY);
      expect(other.status).toBe(403);
      expect(other.body.message).toBe('You can remove only a logged moment you entered yourself');
      expect((await therapist.get(`/api/exceptions/${chenException(4)}`)).status).toBe(200);
    });

    it('answers 404 for an entry that does not exist', async () => {
      expect((await admin.delete('/api/exceptions/00000000-0000-0000-0000-000000000000', WHY)).status).toBe(404);
    });
  });

  it('keeps clients out of every staff route with 403', async () => {
    expect((await client.get('/api/exceptions')).status).toBe(403);
    expect((await client.get(`/api/exceptions/${chenException(0)}`)).status).toBe(403);
    expect((await client.post('/api/exceptions', body())).status).toBe(403);
    expect((await client.put(`/api/exceptions/${chenException(0)}`, body())).status).toBe(403);
    expect((await client.delete(`/api/exceptions/${chenException(0)}`)).status).toBe(403);
  });

  it('keeps the coach\'s own case reachable to the coach', async () => {
    const res = await coach.get(listUrl('/api/exceptions', { filter: { caseId: HE_CASE } }));
    expect(ids(res.body)).toEqual([heException]);
  });
});
