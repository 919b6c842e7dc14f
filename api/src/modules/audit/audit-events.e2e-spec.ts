import { stableId } from '../../common/stable-id.js';
import { demoCaseId, demoClientId, demoUserId, seedDemoData } from '../../seed/demo-seed.js';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { buildPractice, buildUser, createTestApp, TEST_PASSWORD, type SignedInClient, type TestApp, listUrl } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');
const chenScore = stableId('demo:score:chen:chen:0');

describe('audit events', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let therapist: SignedInClient;
  let client: SignedInClient;
  let otherAdmin: SignedInClient;
  let readCorrelation: string;
  let exceptionId: string;

  beforeAll(async () => {
    t = await createTestApp('audit_events');
    await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
    admin = await t.signIn('admin@attune.test');
    therapist = await t.signIn('therapist@attune.test');
    client = await t.signIn('chen.jing@attune.test');
    const elsewhere = await buildPractice(t.dataSource, 'Elsewhere');
    await buildUser(t.dataSource, elsewhere, 'admin', 'boss@elsewhere.test');
    otherAdmin = await t.signIn('boss@elsewhere.test');
    const read = await therapist.get(`/api/scale-scores/${chenScore}`);
    readCorrelation = read.headers['x-correlation-id'] as string;
    const created = await therapist.post('/api/exceptions', {
      caseId: CHEN_CASE, clientId: demoClientId('chen'), occurredAt: new Date(Date.now() - 3_600_000).toISOString(), context: 'A very private moment of calm', meaning: 'Secret meaning',
    });
    exceptionId = created.body.id;
  });
  afterAll(() => t.close());

  it('lists the practice\'s trail newest first: who did what to which record, from where, never clinical text', async () => {
    const res = await admin.get(listUrl('/api/audit-events', { range: [0, 499] }));
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toMatch(/^audit-events 0-\d+\/\d+$/);
    const times = res.body.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const created = res.body.find((e: { entity: string; action: string }) => e.entity === 'exceptions' && e.action === 'create');
    expect(created).toEqual({
      id: expect.stringMatching(/^\d+$/), at: expect.any(String), actorId: therapist.userId, action: 'create', entity: 'exceptions',
      entityId: exceptionId, caseId: CHEN_CASE, ip: expect.any(String), correlationId: expect.any(String), recordCount: null,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/private moment|Secret meaning/);
    expect(res.body.some((e: { action: string; actorId: string }) => e.action === 'login' && e.actorId === demoUserId('chen'))).toBe(true);
  });

  it('filters by actor, action, entity, record, case and a time range (at_gte / at_lte)', async () => {
    const reads = await admin.get(listUrl('/api/audit-events', { filter: { actorId: therapist.userId, action: 'read', entity: 'scale-scores', entityId: chenScore } }));
    expect(reads.body).toHaveLength(1);
    expect(reads.body[0]).toMatchObject({ caseId: CHEN_CASE, correlationId: readCorrelation });
    const inCase = await admin.get(listUrl('/api/audit-events', { filter: { caseId: CHEN_CASE }, sort: ['at', 'ASC'] }));
    expect(inCase.body.map((e: { entity: string }) => e.entity)).toEqual(['scale-scores', 'exceptions']);
    const at = reads.body[0].at as string;
    const window = await admin.get(listUrl('/api/audit-events', { filter: { at_gte: at, at_lte: at, entity: 'scale-scores' } }));
    expect(window.body.map((e: { id: string }) => e.id)).toEqual([reads.body[0].id]);
    const today = await admin.get(listUrl('/api/audit-events', { filter: { at_gte: new Date().toISOString().slice(0, 10), entity: 'exceptions' } }));
    expect(today.body).toHaveLength(1);
    const future = await admin.get(listUrl('/api/audit-events', { filter: { at_gte: '2999-01-01' } }));
    expect(future.headers['content-range']).toBe('audit-events 0-0/0');
  });

  it('gets one event and many by their numbers', async () => {
    const [first, second] = (await admin.get(listUrl('/api/audit-events', { range: [0, 1] }))).body;
    const one = await admin.get(`/api/audit-events/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(first);
    const many = await admin.get(listUrl('/api/audit-events', { filter: { id: [first.id, Number(second.id)] } }));
    expect(many.body.map((e: { id: string }) => e.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('does not audit reading the trail itself', async () => {
    const list = await admin.get('/api/audit-events');
    expect(await auditEventsOf(t.dataSource, list)).toEqual([]);
    const one = await admin.get(`/api/audit-events/${list.body[0].id}`);
    expect(await auditEventsOf(t.dataSource, one)).toEqual([]);
  });

  it('keeps each practice\'s trail to its own admins: another practice sees none of it (404 on get)', async () => {
    const [event] = (await admin.get('/api/audit-events')).body;
    expect((await otherAdmin.get(`/api/audit-events/${event.id}`)).status).toBe(404);
    const theirs = await otherAdmin.get(listUrl('/api/audit-events', { range: [0, 499] }));
    expect(theirs.body.every((e: { actorId: string }) => e.actorId === otherAdmin.userId)).toBe(true);
    expect((await otherAdmin.get(listUrl('/api/audit-events', { filter: { caseId: CHEN_CASE } }))).headers['content-range']).toBe('audit-events 0-0/0');
  });

  it('is for admins only and read-only', async () => {
    expect((await therapist.get('/api/audit-events')).status).toBe(403);
    expect((await client.get('/api/audit-events')).status).toBe(403);
    const [event] = (await admin.get('/api/audit-events')).body;
    expect((await therapist.get(`/api/audit-events/${event.id}`)).status).toBe(403);
    expect((await admin.put(`/api/audit-events/${event.id}`, { action: 'nothing' })).status).toBe(404);
    expect((await admin.delete(`/api/audit-events/${event.id}`)).status).toBe(404);
    expect((await admin.post('/api/audit-events', { action: 'forged' })).status).toBe(404);
  });

  it('refuses an unknown sort or filter, a malformed id and a page over 500 rows with a 400 naming it', async () => {
    const sort = await admin.get(listUrl('/api/audit-events', { sort: ['ip', 'ASC'] }));
    expect(sort.status).toBe(400);
    expect(sort.body.errors).toHaveProperty('sort');
    const filter = await admin.get(listUrl('/api/audit-events', { filter: { practiceId: CHEN_CASE } }));
    expect(filter.status).toBe(400);
    expect(filter.body.errors).toHaveProperty(['filter.practiceId']);
    const ids = await admin.get(listUrl('/api/audit-events', { filter: { id: ['abc'] } }));
    expect(ids.status).toBe(400);
    expect(ids.body.errors).toHaveProperty(['filter.id']);
    const dates = await admin.get(listUrl('/api/audit-events', { filter: { at_gte: 'last tuesday' } }));
    expect(dates.status).toBe(400);
    expect(dates.body.errors).toHaveProperty(['filter.at_gte']);
    const bad = await admin.get('/api/audit-events/not-a-number');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual({ id: 'must be an event number' });
    expect((await admin.get('/api/audit-events/999999999')).status).toBe(404);
    const page = await admin.get(listUrl('/api/audit-events', { range: [0, 500] }));
    expect(page.status).toBe(400);
  });
});
