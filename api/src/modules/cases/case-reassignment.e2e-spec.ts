import { demoCaseId, demoClientId, demoUserId } from '../../seed/demo-seed.js';
import { builtInExerciseId } from '../exercises/built-in-exercises.sync.js';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const LIU_CASE = demoCaseId('liu');
const LIU = demoClientId('liu');
const CHEN = demoClientId('chen');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('reassigning a case (POST /api/cases/:id/reassignment)', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, coach, admin } = await createDemoTestApp('case-reassignment'));
  });
  afterAll(() => t.close());

  it('refuses a practitioner, a missing reason and a practitioner who is not one', async () => {
    expect((await therapist.post(`/api/cases/${LIU_CASE}/reassignment`, { practitionerId: demoUserId('coach'), reason: 'Going on leave' })).status).toBe(403);
    const noReason = await admin.post(`/api/cases/${LIU_CASE}/reassignment`, { practitionerId: demoUserId('coach') });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toHaveProperty('reason');
    const notPractitioner = await admin.post(`/api/cases/${LIU_CASE}/reassignment`, { practitionerId: demoUserId('admin'), reason: 'Going on leave' });
    expect(notPractitioner.status).toBe(400);
    expect(notPractitioner.body.errors).toHaveProperty('practitionerId');
    const same = await admin.post(`/api/cases/${LIU_CASE}/reassignment`, { practitionerId: demoUserId('therapist'), reason: 'Going on leave' });
    expect(same.status).toBe(400);
    expect((await coach.get(`/api/cases/${LIU_CASE}`)).status).toBe(404);
  });

  it('moves the case and its client: the new practitioner works it, the old one loses both; audited without the reason', async () => {
    const res = await admin.post(`/api/cases/${LIU_CASE}/reassignment`, { practitionerId: demoUserId('coach'), reason: 'Dr. Wang goes on parental leave' });
    expect(res.status).toBe(201);
    expect(res.body.practitionerId).toBe(demoUserId('coach'));

    const audit = await auditEventsOf(t.dataSource, res);
    expect(audit).toEqual([{ action: 'reassign', entity: 'cases', entityId: expect.any(String), caseId: LIU_CASE, actorId: demoUserId('admin') }]);
    const [kept] = await t.dataSource.query(`SELECT from_practitioner_id, to_practitioner_id, reason, actor_id FROM case_reassignments WHERE id = $1`, [audit[0]!.entityId]);
    expect(kept).toEqual({ from_practitioner_id: demoUserId('therapist'), to_practitioner_id: demoUserId('coach'), reason: 'Dr. Wang goes on parental leave', actor_id: demoUserId('admin') });

    expect((await coach.get(`/api/cases/${LIU_CASE}`)).status).toBe(200);
    expect((await coach.get(`/api/clients/${LIU}`)).body.practitionerId).toBe(demoUserId('coach'));
    const homework = await coach.post('/api/assignments', {
      caseId: LIU_CASE, clientId: LIU, exerciseId: builtInExerciseId('value-ranking'), dueAt: inDays(7),
    });
    expect(homework.status).toBe(201);

    expect((await therapist.get(`/api/cases/${LIU_CASE}`)).status).toBe(404);
    expect((await therapist.get(`/api/clients/${LIU}`)).status).toBe(404);
    const theirs = await therapist.get('/api/clients?range=[0,99]');
    expect(theirs.body.map((c: { id: string }) => c.id)).not.toContain(LIU);
    expect((await therapist.get(`/api/assignments/${homework.body.id}`)).status).toBe(404);
  });

  it('keeps a client with cases of two practitioners visible to both', async () => {
    const opened = await admin.post('/api/cases', { title: 'Chen Jing: coaching', kind: 'individual', clientIds: [CHEN], practitionerId: demoUserId('coach') });
    expect(opened.status).toBe(201);
    expect((await coach.get(`/api/clients/${CHEN}`)).status).toBe(200);
    expect((await therapist.get(`/api/clients/${CHEN}`)).status).toBe(200);
    const coachList = await coach.get('/api/clients?range=[0,99]');
    expect(coachList.body.map((c: { id: string }) => c.id)).toContain(CHEN);

    // handing the coach's case to the therapist leaves the record with the therapist, and the coach without the client
    const back = await admin.post(`/api/cases/${opened.body.id}/reassignment`, { practitionerId: demoUserId('therapist'), reason: 'One practitioner for Chen Jing' });
    expect(back.status).toBe(201);
    expect((await coach.get(`/api/clients/${CHEN}`)).status).toBe(404);
    expect((await therapist.get(`/api/clients/${CHEN}`)).body.practitionerId).toBe(demoUserId('therapist'));
  });
});
