import { demoCaseId } from '../../seed/demo-seed.js';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, listUrl, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');
const COUPLE_CASE = demoCaseId('couple');
const LIU_CASE = demoCaseId('liu');
const CLINICAL_LISTS = ['sessions', 'scale-scores', 'exceptions', 'assignments'] as const;

interface Event { actorId: string; action: string; entity: string; entityId: string | null; caseId: string | null; correlationId: string }

/**
 * Every read of clinical content is tied to each case it returned rows of: lists, getMany and the
 * dashboard included, so the admin's "who opened Chen Jing's record" finds list reads too.
 */
describe('reads tied to the cases they returned', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let therapist: SignedInClient;
  let chen: SignedInClient;

  beforeAll(async () => {
    ({ t, admin, therapist } = await createDemoTestApp('case_reads'));
    chen = await t.signIn('chen.jing@attune.test');
  });
  afterAll(() => t.close());

  async function readsOfCase(caseId: string, correlationId: string): Promise<Event[]> {
    const res = await admin.get(listUrl('/api/audit-events', { filter: { caseId, correlationId }, range: [0, 499] }));
    expect(res.status).toBe(200);
    return res.body as Event[];
  }

  it.each(CLINICAL_LISTS)('records the therapist\'s unfiltered list of %s as a read of Chen Jing\'s case, found by the admin\'s query by case', async (resource) => {
    const list = await therapist.get(listUrl(`/api/${resource}`, { range: [0, 499] }));
    expect(list.status).toBe(200);
    const casesReturned = new Set((list.body as Array<{ caseId: string }>).map((row) => row.caseId));
    expect(casesReturned).toContain(CHEN_CASE);

    const correlationId = list.headers['x-correlation-id'] as string;
    const found = await admin.get(listUrl('/api/audit-events', { filter: { caseId: CHEN_CASE, actorId: therapist.userId, action: ['read', 'list'], entity: resource } }));
    expect(found.body).toContainEqual(expect.objectContaining({ action: 'list', entity: resource, caseId: CHEN_CASE, correlationId }));

    // one event per case returned, all of one request, and none for a case it did not return
    const written = await auditEventsOf(t.dataSource, list);
    expect(written.map((e) => e.caseId).sort()).toEqual([...casesReturned].sort());
    expect(written.every((e) => e.action === 'list' && e.entity === resource && e.actorId === therapist.userId)).toBe(true);
  });

  it('writes no case read for a filtered list that returned nothing', async () => {
    const empty = await therapist.get(listUrl('/api/scale-scores', { filter: { caseId: CHEN_CASE, recordedAt_gte: '2999-01-01' } }));
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual([]);
    expect(await auditEventsOf(t.dataSource, empty)).toEqual([{ action: 'list', entity: 'scale-scores', entityId: null, caseId: null, actorId: therapist.userId }]);
    expect(await readsOfCase(CHEN_CASE, empty.headers['x-correlation-id'] as string)).toEqual([]);
  });

  it('writes both cases for a list that returned the rows of two cases, and only the case of a one-row page', async () => {
    const two = await therapist.get(listUrl('/api/sessions', { filter: { caseId: [CHEN_CASE, LIU_CASE] }, range: [0, 499] }));
    expect(new Set(two.body.map((s: { caseId: string }) => s.caseId))).toEqual(new Set([CHEN_CASE, LIU_CASE]));
    expect((await auditEventsOf(t.dataSource, two)).map((e) => e.caseId).sort()).toEqual([CHEN_CASE, LIU_CASE].sort());
    expect(await readsOfCase(LIU_CASE, two.headers['x-correlation-id'] as string)).toHaveLength(1);

    const one = await therapist.get(listUrl('/api/sessions', { filter: { caseId: [CHEN_CASE, LIU_CASE] }, sort: ['startsAt', 'ASC'], range: [0, 0] }));
    expect(one.body).toHaveLength(1);
    expect((await auditEventsOf(t.dataSource, one)).map((e) => e.caseId)).toEqual([one.body[0].caseId]);
  });

  it('ties getMany, the case list and the client list to each case they returned', async () => {
    const sessions = (await therapist.get(listUrl('/api/sessions', { filter: { caseId: COUPLE_CASE }, range: [0, 1] }))).body as Array<{ id: string }>;
    const many = await therapist.get(listUrl('/api/sessions', { filter: { id: sessions.map((s) => s.id) } }));
    expect((await auditEventsOf(t.dataSource, many)).map((e) => e.caseId)).toEqual([COUPLE_CASE]);

    const cases = await therapist.get(listUrl('/api/cases', { range: [0, 499] }));
    const caseEvents = await auditEventsOf(t.dataSource, cases);
    expect(caseEvents.map((e) => e.caseId).sort()).toEqual(cases.body.map((k: { id: string }) => k.id).sort());
    expect(caseEvents.every((e) => e.action === 'list' && e.entity === 'cases' && e.entityId === e.caseId)).toBe(true);

    const clients = await therapist.get(listUrl('/api/clients', { filter: { q: 'Zhao' } }));
    expect(clients.body).toHaveLength(1);
    expect(await auditEventsOf(t.dataSource, clients)).toEqual([{ action: 'list', entity: 'clients', entityId: null, caseId: COUPLE_CASE, actorId: therapist.userId }]);
  });

  it('ties the dashboard to each case whose items it shows', async () => {
    const dashboard = await therapist.get('/api/dashboard');
    expect(dashboard.status).toBe(200);
    const shown = new Set<string>();
    for (const key of ['reviewQueue', 'overdueHomework', 'alerts', 'stageOverruns', 'unsignedSessions', 'sessionsThisWeek']) {
      for (const item of dashboard.body[key] as Array<{ caseId: string }>) shown.add(item.caseId);
    }
    expect(shown.size).toBeGreaterThan(0);
    const events = await auditEventsOf(t.dataSource, dashboard);
    expect(events.map((e) => e.caseId).sort()).toEqual([...shown].sort());
    expect(events.every((e) => e.action === 'read' && e.entity === 'dashboard')).toBe(true);
  });

  it('ties the client portal\'s homework list and progress to the client\'s own case', async () => {
    const homework = await chen.get('/api/me/assignments');
    expect(homework.body.length).toBeGreaterThan(0);
    expect(await auditEventsOf(t.dataSource, homework)).toEqual([{ action: 'list', entity: 'assignments', entityId: null, caseId: CHEN_CASE, actorId: chen.userId }]);
    const progress = await chen.get('/api/me/progress');
    const events = await auditEventsOf(t.dataSource, progress);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.caseId === CHEN_CASE)).toBe(true);
  });
});
