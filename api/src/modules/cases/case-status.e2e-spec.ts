import { demoCaseId } from '../../seed/demo-seed.js';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const LIU_CASE = demoCaseId('liu');

describe('closing and reopening a case, with a reason', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let client: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, coach, client } = await createDemoTestApp('case_status'));
  });
  afterAll(() => t.close());

  const reasonsOf = async () => (await t.dataSource.query(
    `SELECT to_status, reason FROM case_status_changes WHERE case_id = $1 ORDER BY at, id`, [LIU_CASE])) as Array<{ to_status: string; reason: string }>;

  it('closes the case with the reason kept beside it, audits the action without the words, and refuses a second close', async () => {
    const res = await therapist.post(`/api/cases/${LIU_CASE}/close`, { reason: 'Goals reached; she asked to end here' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: LIU_CASE, status: 'closed', closedAt: expect.any(String) });
    expect(await reasonsOf()).toEqual([{ to_status: 'closed', reason: 'Goals reached; she asked to end here' }]);
    const audit = await auditEventsOf(t.dataSource, res);
    expect(audit).toEqual([{ action: 'close', entity: 'cases', entityId: LIU_CASE, caseId: LIU_CASE, actorId: therapist.userId }]);
    expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_events WHERE case_id = $1`, [LIU_CASE]))).not.toContain('Goals reached');

    const again = await therapist.post(`/api/cases/${LIU_CASE}/close`, { reason: 'Twice' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATUS_TRANSITION');
    expect(await reasonsOf()).toHaveLength(1);
  });

  it('reopens it with a reason; the list of changes reads both, oldest first', async () => {
    const res = await therapist.post(`/api/cases/${LIU_CASE}/reopen`, { reason: 'She came back after a setback' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'open', closedAt: null });
    const list = await therapist.get(`/api/cases/${LIU_CASE}/status-changes`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { id: expect.any(String), caseId: LIU_CASE, toStatus: 'closed', reason: 'Goals reached; she asked to end here', actorId: therapist.userId, at: expect.any(String) },
      { id: expect.any(String), caseId: LIU_CASE, toStatus: 'open', reason: 'She came back after a setback', actorId: therapist.userId, at: expect.any(String) },
    ]);
  });

  it('asks for the reason, naming the field, and changes nothing without it', async () => {
    const res = await therapist.post(`/api/cases/${LIU_CASE}/close`, { reason: '' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('reason');
    expect((await therapist.get(`/api/cases/${LIU_CASE}`)).body.status).toBe('open');
  });

  it('answers 404 to a practitioner who does not hold the case and 403 to a client', async () => {
    expect((await coach.post(`/api/cases/${LIU_CASE}/close`, { reason: 'Not mine' })).status).toBe(404);
    expect((await coach.get(`/api/cases/${LIU_CASE}/status-changes`)).status).toBe(404);
    expect((await client.post(`/api/cases/${LIU_CASE}/close`, { reason: 'x' })).status).toBe(403);
    expect(await reasonsOf()).toHaveLength(2);
  });
});
