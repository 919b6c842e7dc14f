import type { Response } from 'supertest';
import { demoCaseId, demoUserId, seedDemoData } from '../../seed/demo-seed.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { createTestApp, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';

describe('stage transitions', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let client: SignedInClient;

  /** The audit events one request wrote, without the actor. */
  const auditOf = async (res: Response) => (await auditEventsOf(t.dataSource, res)).map(({ actorId: _actor, ...event }) => event);

  const openCase = async (title: string): Promise<string> => {
    const clientId = (await therapist.post('/api/clients', { displayName: `${title} client` })).body.id;
    const res = await therapist.post('/api/cases', { title, kind: 'individual', clientIds: [clientId], openedAt: '2026-01-05T09:00:00Z' });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const move = (caseId: string, body: object) => therapist.post(`/api/cases/${caseId}/transitions`, body);

  beforeAll(async () => {
    t = await createTestApp('transitions');
    await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
    therapist = await t.signIn('therapist@attune.test');
    coach = await t.signIn('coach@attune.test');
    client = await t.signIn('chen.jing@attune.test');
  });
  afterAll(() => t.close());

  it('moves forward, back and into a new cycle from stage 6, recording each move with its reason', async () => {
    const caseId = await openCase('Moving case');

    const forward = await move(caseId, { toStage: 2, reason: 'Alliance in place' });
    expect(forward.status).toBe(201);
    expect(forward.body).toMatchObject({ caseId, fromStage: 1, toStage: 2, cycle: 1, kind: 'forward', reason: 'Alliance in place', actorId: demoUserId('therapist') });
    expect(await auditOf(forward)).toEqual([{ action: 'transition', entity: 'cases', entityId: caseId, caseId: caseId }]);
    const afterForward = (await therapist.get(`/api/cases/${caseId}`)).body;
    expect(afterForward).toMatchObject({ stage: 2, cycle: 1, cycleStartedAt: '2026-01-05T09:00:00.000Z' });
    expect(afterForward.stageEnteredAt).toBe(forward.body.at);

    const back = await move(caseId, { toStage: 1, reason: 'Trust shaken after a hard week' });
    expect(back.body).toMatchObject({ fromStage: 2, toStage: 1, kind: 'back' });

    expect((await move(caseId, { toStage: 6, reason: 'Jumping ahead to consolidate' })).body.kind).toBe('forward');
    const cycle = await move(caseId, { toStage: 1, reason: 'A new concern: starting over', newCycle: true });
    expect(cycle.status).toBe(201);
    expect(cycle.body).toMatchObject({ fromStage: 6, toStage: 1, fromCycle: 1, cycle: 2, kind: 'new_cycle' });
    const afterCycle = (await therapist.get(`/api/cases/${caseId}`)).body;
    expect(afterCycle).toMatchObject({ stage: 1, cycle: 2, day: 1, plannedStage: 1, scheduleStatus: 'on_schedule' });
    expect(afterCycle.cycleStartedAt).toBe(cycle.body.at);
    expect(afterCycle.stageEnteredAt).toBe(cycle.body.at);

    const list = await therapist.get(`/api/cases/${caseId}/transitions`);
    expect(list.status).toBe(200);
    expect(list.body.map((m: { kind: string; toStage: number; cycle: number }) => [m.kind, m.toStage, m.cycle])).toEqual([
      ['start', 1, 1], ['forward', 2, 1], ['back', 1, 1], ['forward', 6, 1], ['new_cycle', 1, 2],
    ]);
    expect(list.body[2].reason).toBe('Trust shaken after a hard week');
    expect(await auditOf(list)).toEqual([{ action: 'list', entity: 'stage-transitions', entityId: null, caseId: caseId }]);

    const progress = (await therapist.get(`/api/cases/${caseId}/progress`)).body;
    expect(progress.stageBands.map((b: { stage: number; cycle: number; end: string | null }) => [b.stage, b.cycle, b.end === null])).toEqual([
      [1, 1, false], [2, 1, false], [1, 1, false], [6, 1, false], [1, 2, true],
    ]);
  });

  it('refuses a move to the current stage and a new cycle outside stage 6 (400 naming the field)', async () => {
    const caseId = await openCase('Rule case');
    const same = await move(caseId, { toStage: 1, reason: 'Staying put' });
    expect(same.status).toBe(400);
    expect(same.body).toMatchObject({ code: 'TRANSITION_SAME_STAGE', errors: { toStage: expect.any(String) } });
    const cycle = await move(caseId, { toStage: 1, reason: 'Too early', newCycle: true });
    expect(cycle.status).toBe(400);
    expect(cycle.body).toMatchObject({ code: 'TRANSITION_NEW_CYCLE_ONLY_FROM_6', errors: { newCycle: expect.any(String) } });
    expect((await therapist.get(`/api/cases/${caseId}/transitions`)).body).toHaveLength(1);
  });

  it('answers 400 naming the field for bad input', async () => {
    const caseId = await openCase('Input case');
    const stage = await move(caseId, { toStage: 7, reason: 'No such stage' });
    expect(stage.status).toBe(400);
    expect(stage.body.errors).toHaveProperty('toStage');
    const reason = await move(caseId, { toStage: 2, reason: 'ok' });
    expect(reason.status).toBe(400);
    expect(reason.body.errors).toHaveProperty('reason');
    const flag = await move(caseId, { toStage: 2, reason: 'Fine reason', newCycle: 'yes' });
    expect(flag.status).toBe(400);
    expect(flag.body.errors).toHaveProperty('newCycle');
  });

  it('moves nothing when the audit event cannot be written', async () => {
    const caseId = await openCase('Audit case');
    const undo = await failAuditOf(t.dataSource, 'cases', 'transition');
    try {
      expect((await move(caseId, { toStage: 2, reason: 'Unaudited move' })).status).toBe(500);
    } finally {
      await undo();
    }
    expect((await therapist.get(`/api/cases/${caseId}`)).body.stage).toBe(1);
    expect((await therapist.get(`/api/cases/${caseId}/transitions`)).body).toHaveLength(1);
  });

  it('refuses to move a closed case (409)', async () => {
    const caseId = await openCase('Closed case');
    await therapist.put(`/api/cases/${caseId}`, { status: 'closed' });
    const res = await move(caseId, { toStage: 2, reason: 'Should not happen' });
    expect(res.status).toBe(409);
  });

  it('locks the case: of two simultaneous identical moves exactly one is recorded', async () => {
    const caseId = await openCase('Race case');
    // Hold the case row so both requests are in flight at once, then let them go together.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    const pending = Promise.all([move(caseId, { toStage: 2, reason: 'First click' }), move(caseId, { toStage: 2, reason: 'Second click' })]);
    for (let i = 0; i < 100; i++) {
      const [{ waiting }] = await t.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (waiting >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await holder.commitTransaction();
    await holder.release();
    const results = await pending;
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    expect(results.find((r) => r.status === 400)!.body.code).toBe('TRANSITION_SAME_STAGE');
    expect((await therapist.get(`/api/cases/${caseId}/transitions`)).body).toHaveLength(2);
  });

  it('answers 404 for another practitioner\'s case and 403 for a client', async () => {
    const chen = demoCaseId('chen');
    expect((await coach.post(`/api/cases/${chen}/transitions`, { toStage: 5, reason: 'Not my case' })).status).toBe(404);
    expect((await coach.get(`/api/cases/${chen}/transitions`)).status).toBe(404);
    expect((await client.post(`/api/cases/${chen}/transitions`, { toStage: 5, reason: 'My own case' })).status).toBe(403);
    expect((await client.get(`/api/cases/${chen}/transitions`)).status).toBe(403);
    expect((await therapist.get(`/api/cases/${chen}`)).body.stage).toBe(6);
  });
});
