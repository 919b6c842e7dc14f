import type { Response } from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { stableId } from '../../common/stable-id.js';
import { demoCaseId, demoClientId, demoUserId } from '../../seed/demo-seed.js';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CHEN = demoCaseId('chen');
const COUPLE = demoCaseId('couple');
const LIU = demoCaseId('liu');
const HE = demoCaseId('he');
const LUO = demoCaseId('luo');

describe('dashboard', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;

  /** The audit events one request wrote, without the actor. */
  const auditOf = async (res: Response) => (await auditEventsOf(t.dataSource, res)).map(({ actorId: _actor, ...event }) => event);
  const byStage = (res: Response) => res.body.openCasesByStage.map((s: { count: number }) => s.count);

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('dashboard'));
  });
  afterAll(() => t.close());

  it('gives the therapist her caseload: three open cases, three to review, four overdue, three alerts, three unsigned notes, +3 on the scale', async () => {
    const res = await therapist.get('/api/dashboard');
    expect(res.status).toBe(200);
    expect(res.body.openCasesByStage).toEqual([1, 2, 3, 4, 5, 6].map((stage) => ({ stage, count: stage >= 4 ? 1 : 0 })));

    expect(res.body.reviewQueue.map((r: { caseId: string; clientName: string; exerciseTitle: string }) => [r.caseId, r.clientName, r.exerciseTitle])).toEqual([
      [LIU, 'Liu Jia', 'Exception log'],
      [COUPLE, 'Zhou Ting', 'Micro-experiment'],
      [CHEN, 'Chen Jing (pseudonym)', 'Progress narrative'],
    ]);
    expect(res.body.reviewQueue[0]).toEqual({
      assignmentId: stableId('demo:assignment:liu:1'), caseId: LIU, caseTitle: 'Liu Jia: from anxiety to safety',
      clientId: demoClientId('liu'), clientName: 'Liu Jia', exerciseKey: 'exception-log', exerciseTitle: 'Exception log', submittedAt: expect.any(String),
    });

    expect(res.body.overdueHomework.map((r: { clientName: string; exerciseTitle: string }) => `${r.clientName}: ${r.exerciseTitle}`)).toEqual([
      'Liu Jia: Strength exploration', 'Liu Jia: Scale positioning', expect.stringMatching(/Action menu$/), expect.stringMatching(/Action menu$/),
    ]);
    for (const item of res.body.overdueHomework) expect(Date.parse(item.dueAt)).toBeLessThan(Date.now());

    expect(res.body.alerts.map((a: { caseId: string; alert: { kind: string; severity: string } }) => [a.caseId, a.alert.kind, a.alert.severity])).toEqual([
      [LIU, 'setback', 'high'], [LIU, 'homework_piling_up', 'low'], [COUPLE, 'homework_piling_up', 'low'],
    ]);
    expect(res.body.alerts[0]).toEqual({
      caseId: LIU, caseTitle: 'Liu Jia: from anxiety to safety',
      alert: {
        kind: 'setback', severity: 'high', clientId: demoClientId('liu'), message: 'Liu Jia: latest 3.5 is 2 below best 5.5',
        params: { clientName: 'Liu Jia', latest: '3.5', best: '5.5', drop: '2' },
      },
    });
    expect(res.body.alertCounts).toEqual({ setback: 1, homework_piling_up: 2 });
    expect(res.body.stageOverruns).toEqual([]);

    expect(res.body.unsignedSessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([
      stableId('demo:session:chen:5'), stableId('demo:session:couple:5'), stableId('demo:session:liu:3'),
    ]);
    // Chen 2.5 → 6.5, Zhao 1.5 → 5, Zhou 1 → 5, Liu 3 → 3.5: (4 + 3.5 + 4 + 0.5) / 4
    expect(res.body).toMatchObject({ averageChangeSinceIntake: 3, averageChangeClients: 4 });
    expect(res.body.totals).toEqual({ reviewQueue: 3, overdueHomework: 4, unsignedSessions: 3, alerts: 3 });
    expect(await auditOf(res)).toEqual(expect.arrayContaining([CHEN, COUPLE, LIU].map((caseId) => ({ action: 'read', entity: 'dashboard', entityId: null, caseId }))));
    expect(await auditOf(res)).toHaveLength(3);
  });

  it('gives the coach only the coach\'s caseload', async () => {
    const res = await coach.get('/api/dashboard');
    expect(res.status).toBe(200);
    expect(byStage(res)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(res.body).toMatchObject({
      reviewQueue: [], overdueHomework: [], alerts: [], alertCounts: {}, stageOverruns: [],
      unsignedSessions: [{ sessionId: stableId('demo:session:luo:0'), caseId: LUO, caseTitle: 'Luo Bin: first steps', startsAt: expect.any(String) }],
      // He Yun 3 → 3.5; Luo Bin has a single rating, so no change yet
      averageChangeSinceIntake: 0.5, averageChangeClients: 1,
    });
    const text = JSON.stringify(res.body);
    for (const foreign of [CHEN, COUPLE, LIU, 'Chen Jing', 'Zhou Ting']) expect(text).not.toContain(foreign);
  });

  it('gives an admin the whole practice', async () => {
    const res = await admin.get('/api/dashboard');
    expect(byStage(res)).toEqual([1, 1, 0, 1, 1, 1]);
    expect(res.body).toMatchObject({ averageChangeSinceIntake: 2.5, averageChangeClients: 5 });
    expect(res.body.totals).toEqual({ reviewQueue: 3, overdueHomework: 4, unsignedSessions: 4, alerts: 3 });
  });

  it('counts this ISO week\'s sessions, in the time zone asked for', async () => {
    const before = (await therapist.get('/api/dashboard')).body;
    expect(before.week).toMatchObject({ isoWeek: expect.stringMatching(/^\d{4}-W\d{2}$/), timeZone: 'UTC' });
    expect(Date.parse(before.week.end) - Date.parse(before.week.start)).toBe(7 * 86_400_000);
    expect(new Date(before.week.start).getUTCDay()).toBe(1); // a Monday
    const now = Date.now();
    expect(Date.parse(before.week.start)).toBeLessThanOrEqual(now);
    expect(Date.parse(before.week.end)).toBeGreaterThan(now);
    expect(before.sessionsThisWeekCount).toBe(before.sessionsThisWeek.length);

    const session = { caseId: CHEN, durationMinutes: 50, format: 'individual', attendeeIds: [demoClientId('chen')], stage: 6 };
    const created = await therapist.post('/api/sessions', { ...session, startsAt: new Date(now).toISOString() });
    await therapist.post('/api/sessions', { ...session, startsAt: new Date(now + 8 * 86_400_000).toISOString() });
    const after = (await therapist.get('/api/dashboard')).body;
    expect(after.sessionsThisWeekCount).toBe(before.sessionsThisWeekCount + 1);
    expect(after.sessionsThisWeek).toContainEqual({
      sessionId: created.body.id, caseId: CHEN, caseTitle: 'Chen Jing: between two fears', startsAt: created.body.startsAt, durationMinutes: 50, signed: false,
    });
    expect((await coach.get('/api/dashboard')).body.sessionsThisWeek.map((s: { sessionId: string }) => s.sessionId)).not.toContain(created.body.id);

    const shanghai = (await therapist.get('/api/dashboard?timeZone=Asia/Shanghai')).body.week;
    expect(shanghai.timeZone).toBe('Asia/Shanghai');
    expect(new Date(shanghai.start).getUTCHours()).toBe(16); // Monday 00:00 in Shanghai is Sunday 16:00 UTC
    const bad = await therapist.get('/api/dashboard?timeZone=Nowhere/Special');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('timeZone');
  });

  it('leaves closed cases out of the caseload figures', async () => {
    await admin.put(`/api/cases/${LIU}`, { status: 'closed' });
    try {
      const res = await therapist.get('/api/dashboard');
      expect(byStage(res)).toEqual([0, 0, 0, 0, 1, 1]);
      expect(res.body.alerts.map((a: { caseId: string }) => a.caseId)).toEqual([COUPLE]);
      expect(res.body.totals).toMatchObject({ reviewQueue: 2, overdueHomework: 2 });
      expect(res.body.averageChangeSinceIntake).toBeCloseTo((4 + 3.5 + 4) / 3, 2);
      expect(res.body.unsignedSessions.map((s: { caseId: string }) => s.caseId)).toContain(LIU); // a note still to sign
    } finally {
      await admin.put(`/api/cases/${LIU}`, { status: 'open' });
    }
  });

  it('lists a stage overrun, with its alert, when a case stays in a stage past plan and grace', async () => {
    await t.dataSource.query(
      `UPDATE cases SET stage_entered_at = now() - interval '20 days', cycle_started_at = now() - interval '30 days' WHERE id = $1`, [HE]);
    const res = await coach.get('/api/dashboard');
    expect(res.body.stageOverruns).toEqual([{ caseId: HE, caseTitle: 'He Yun: rebuilding trust after a move', stage: 2, daysInStage: 21, daysOver: 7 }]);
    expect(res.body.alerts).toEqual([expect.objectContaining({ caseId: HE, alert: expect.objectContaining({ kind: 'stage_overrun', severity: 'medium' }) })]);
    expect((await therapist.get('/api/dashboard')).body.stageOverruns).toEqual([]);
  });

  it('is closed to clients (403) and to visitors (401)', async () => {
    expect((await client.get('/api/dashboard')).status).toBe(403);
    expect((await t.http.get('/api/dashboard')).status).toBe(401);
  });

  it('counts the whole caseload, not one page, in the same number of queries: forty more open cases all show up by stage', async () => {
    const queriesFor = async () => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        expect((await therapist.get('/api/dashboard')).status).toBe(200);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const before = await queriesFor();
    for (let i = 0; i < 40; i++) {
      const clientId = (await therapist.post('/api/clients', { displayName: `Bulk client ${i}` })).body.id;
      expect((await therapist.post('/api/cases', { title: `Bulk case ${i}`, kind: 'individual', clientIds: [clientId] })).status).toBe(201);
    }
    const res = await therapist.get('/api/dashboard');
    expect(byStage(res)).toEqual([40, 0, 0, 1, 1, 1]);
    expect(await queriesFor()).toBe(before);
    expect(demoUserId('therapist')).toBe(therapist.userId);
  });
});
