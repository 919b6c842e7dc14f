import request from 'supertest';
import { stableId } from '../../common/stable-id.js';
import { demoCaseId, demoClientId, demoUserId } from '../../seed/demo-seed.js';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, listUrl, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN_SESSION = stableId('demo:session:chen:0');

interface Event { actorId: string | null; action: string; entity: string; entityId: string | null; caseId: string | null; ip: string | null }

/**
 * Refused attempts leave a trace an admin can filter by: 401, 403, 404 and a wrong or missing XSRF
 * token on the API's routes, at most one event per (actor or address, kind) a minute, with the
 * route's resource and record id only.
 */
describe('refused attempts in the audit trail', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let coach: SignedInClient;
  let therapist: SignedInClient;
  let chen: SignedInClient;

  beforeAll(async () => {
    ({ t, admin, coach, therapist } = await createDemoTestApp('refused_attempts'));
    chen = await t.signIn('chen.jing@attune.test');
  });
  afterAll(() => t.close());

  async function adminSees(filter: Record<string, unknown>): Promise<Event[]> {
    const res = await admin.get(listUrl('/api/audit-events', { filter, range: [0, 499] }));
    expect(res.status).toBe(200);
    return res.body as Event[];
  }

  it('records a practitioner probing another caseload (404) once a minute, however often they try', async () => {
    const first = await coach.get(`/api/cases/${CHEN_CASE}`);
    expect(first.status).toBe(404);
    expect(await auditEventsOf(t.dataSource, first)).toEqual([{ action: 'not_found', entity: 'cases', entityId: CHEN_CASE, caseId: null, actorId: demoUserId('coach') }]);
    for (let i = 0; i < 30; i++) expect((await coach.get(`/api/sessions/${CHEN_SESSION}`)).status).toBe(404);
    const probing = await adminSees({ action: 'not_found', actorId: demoUserId('coach') });
    expect(probing).toHaveLength(1);
    expect(probing[0]).toMatchObject({ entity: 'cases', entityId: CHEN_CASE, ip: expect.any(String) });
  });

  it('records a client reaching for a practitioner route (403) and a change without the XSRF token', async () => {
    const denied = await chen.get('/api/sessions');
    expect(denied.status).toBe(403);
    expect(await auditEventsOf(t.dataSource, denied)).toEqual([{ action: 'denied', entity: 'sessions', entityId: null, caseId: null, actorId: demoUserId('chen') }]);

    // the session cookie alone, as a forged cross-site form would send it
    const login = await request(t.app.getHttpServer()).post('/api/auth/login').send({ email: 'therapist@attune.test', password: TEST_PASSWORD });
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');
    const forged = await request(t.app.getHttpServer()).post('/api/exceptions')
      .set('Cookie', cookie)
      .send({ caseId: CHEN_CASE, clientId: demoClientId('chen'), occurredAt: '2026-03-07T18:00:00Z', context: 'A forged request with private words' });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('XSRF_REJECTED');
    expect(await auditEventsOf(t.dataSource, forged)).toEqual([{ action: 'xsrf_rejected', entity: 'exceptions', entityId: null, caseId: null, actorId: demoUserId('therapist') }]);

    const refusals = await adminSees({ action: ['denied', 'not_found', 'xsrf_rejected'] });
    expect(refusals.map((e) => e.action).sort()).toEqual(['denied', 'not_found', 'xsrf_rejected']);
    expect(JSON.stringify(refusals)).not.toMatch(/private words/);
  });

  it('records a signed-out caller (401) by address, and keeps only the resource and a UUID of the path', async () => {
    const anonymous = await request(t.app.getHttpServer()).get('/api/cases/thin-ice-and-shopping');
    expect(anonymous.status).toBe(401);
    expect(await auditEventsOf(t.dataSource, anonymous)).toEqual([{ action: 'unauthenticated', entity: 'cases', entityId: null, caseId: null, actorId: null }]);
    // a route that does not exist is refused before anyone is signed in: it is kept by address
    const unknown = await therapist.get(`/api/secret-notes-of-chen/${CHEN_CASE}?about=thin-ice`);
    expect(unknown.status).toBe(404);
    expect(await auditEventsOf(t.dataSource, unknown)).toEqual([{ action: 'not_found', entity: 'unknown', entityId: CHEN_CASE, caseId: null, actorId: null }]);
    const rows: Array<{ text: string }> = await t.dataSource.query(`SELECT concat_ws(' ', action, entity, entity_id) AS text FROM audit_events WHERE action IN ('unauthenticated', 'not_found')`);
    expect(rows.map((r) => r.text).join(' ')).not.toMatch(/thin|shopping|secret/);
  });

  it('leaves sign-in and the account\'s own routes to their own trail', async () => {
    const me = await request(t.app.getHttpServer()).get('/api/auth/me');
    expect(me.status).toBe(401);
    expect(await auditEventsOf(t.dataSource, me)).toEqual([]);
  });
});
