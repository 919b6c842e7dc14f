import { deriveCaseAlerts } from '@attune/domain';
import type { Response } from 'supertest';
import { demoCaseId, demoClientId, seedDemoData } from '../../seed/demo-seed.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { createTestApp, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';

describe('case progress and exception patterns', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let client: SignedInClient;

  /** The audit events one request wrote, without the actor. */
  const auditOf = async (res: Response) => (await auditEventsOf(t.dataSource, res)).map(({ actorId: _actor, ...event }) => event);

  const openCase = async (title: string, names: string[]): Promise<{ caseId: string; clientIds: string[] }> => {
    const clientIds: string[] = [];
    for (const displayName of names) clientIds.push((await therapist.post('/api/clients', { displayName })).body.id);
    const res = await therapist.post('/api/cases', { title, kind: names.length === 2 ? 'couple' : 'individual', clientIds, openedAt: '2026-03-01T09:00:00Z' });
    expect(res.status).toBe(201);
    return { caseId: res.body.id, clientIds };
  };

  beforeAll(async () => {
    t = await createTestApp('progress');
    await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
    therapist = await t.signIn('therapist@attune.test');
    coach = await t.signIn('coach@attune.test');
    client = await t.signIn('chen.jing@attune.test');
  });
  afterAll(() => t.close());

  describe('GET /api/cases/:id/progress', () => {
    it('gives Chen Jing\'s series as the seed has it (2.5 rising to 6.5), six stage bands and six sessions', async () => {
      const res = await therapist.get(`/api/cases/${demoCaseId('chen')}/progress`);
      expect(res.status).toBe(200);
      expect(res.body.series).toHaveLength(1);
      const [chen] = res.body.series;
      expect(chen).toMatchObject({ clientId: demoClientId('chen'), displayName: 'Chen Jing (pseudonym)' });
      const scores = chen.points.map((p: { score: number }) => p.score);
      expect(scores).toEqual([2.5, 3, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5]);
      expect(chen.points[0].source).toBe('practitioner');
      expect(chen.points[1].source).toBe('client');
      const times = chen.points.map((p: { recordedAt: string }) => Date.parse(p.recordedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));

      expect(res.body.stageBands.map((b: { stage: number }) => b.stage)).toEqual([1, 2, 3, 4, 5, 6]);
      for (const [i, band] of res.body.stageBands.entries()) {
        expect(band.cycle).toBe(1);
        if (i < 5) expect(band.end).toBe(res.body.stageBands[i + 1].start);
      }
      expect(res.body.stageBands[5].end).toBeNull();
      expect(res.body.sessions).toHaveLength(6);
      expect(res.body.alerts).toEqual([]);
      expect(res.body).toMatchObject({ stage: 6, cycle: 1 });
      expect(await auditOf(res)).toEqual([{ action: 'read', entity: 'case-progress', entityId: demoCaseId('chen'), caseId: demoCaseId('chen') }]);
    });

    it('gives a couple one series per partner, and Liu Jia her setback alert', async () => {
      const couple = (await therapist.get(`/api/cases/${demoCaseId('couple')}/progress`)).body;
      expect(couple.series.map((s: { displayName: string; points: Array<{ score: number }> }) =>
        [s.displayName, s.points[0]!.score, s.points[s.points.length - 1]!.score])).toEqual([['Zhao Lei', 1.5, 5], ['Zhou Ting', 1, 5]]);
      const liu = (await therapist.get(`/api/cases/${demoCaseId('liu')}/progress`)).body;
      expect(liu.alerts[0]).toMatchObject({ kind: 'setback', severity: 'high', clientId: demoClientId('liu') });
    });

    it('ends the last stage band when the case is closed', async () => {
      const { caseId } = await openCase('Closing progress', ['Closing client']);
      const closed = await therapist.put(`/api/cases/${caseId}`, { status: 'closed' });
      const progress = (await therapist.get(`/api/cases/${caseId}/progress`)).body;
      expect(progress.stageBands).toEqual([{ stage: 1, cycle: 1, start: '2026-03-01T09:00:00.000Z', end: closed.body.closedAt }]);
      expect(progress.series).toEqual([expect.objectContaining({ points: [] })]);
    });

    it('raises the same alerts as libs\' rules over the full series, though only the latest three and the best rating are loaded', async () => {
      let seed = 7;
      const raised = new Set<string>();
      const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
      for (let n = 0; n < 4; n++) {
        const { caseId, clientIds } = await openCase(`Alert check ${n}`, ['First partner', 'Second partner']);
        for (const [c, clientId] of clientIds.entries()) {
          for (let i = 0; i < 12; i++) {
            // The first series is fixed: its best rating is the oldest and its last three do not rise.
            const score = n === 0 && c === 0 ? [8, 2, 3, 3.5, 4, 4, 4.5, 5, 5.5, 6, 6, 5.5][i]! : 1 + Math.round(random() * 18) / 2;
            await t.dataSource.query(
              `INSERT INTO scale_scores (practice_id, case_id, client_id, score, recorded_at, source)
               SELECT practice_id, id, $2, $3, now() - make_interval(days => $4), 'practitioner' FROM cases WHERE id = $1`,
              [caseId, clientId, score, 100 - i * 8 - Math.floor(random() * 3)]);
          }
        }
        const [progress, record] = await Promise.all([therapist.get(`/api/cases/${caseId}/progress`), therapist.get(`/api/cases/${caseId}`)]);
        const expected = deriveCaseAlerts({
          today: new Date(), stage: record.body.stage, stageEnteredAt: record.body.stageEnteredAt, cycleStartedAt: record.body.cycleStartedAt,
          clients: record.body.clients,
          scores: progress.body.series.flatMap((s: { clientId: string; points: Array<{ score: number; recordedAt: string }> }) =>
            s.points.map((p) => ({ clientId: s.clientId, score: p.score, recordedAt: p.recordedAt }))),
          overdueAssignments: 0,
        });
        expect(record.body.alerts).toEqual(expected);
        expect(progress.body.alerts).toEqual(expected);
        for (const alert of expected) raised.add(alert.kind);
      }
      expect([...raised].sort()).toEqual(expect.arrayContaining(['plateau', 'setback']));
    });

    it('serves no clinical content when the read cannot be audited', async () => {
      const undo = await failAuditOf(t.dataSource, 'case-progress', 'read');
      try {
        const res = await therapist.get(`/api/cases/${demoCaseId('chen')}/progress`);
        expect(res.status).toBe(500);
        expect(res.body.series).toBeUndefined();
      } finally {
        await undo();
      }
    });

    it('answers 404 for another practitioner\'s case, 400 for a malformed id and 403 for a client', async () => {
      expect((await coach.get(`/api/cases/${demoCaseId('chen')}/progress`)).status).toBe(404);
      expect((await therapist.get(`/api/cases/${demoCaseId('he')}/progress`)).status).toBe(404);
      expect((await therapist.get('/api/cases/123/progress')).status).toBe(400);
      expect((await client.get(`/api/cases/${demoCaseId('chen')}/progress`)).status).toBe(403);
    });
  });

  describe('GET /api/cases/:id/exception-patterns', () => {
    let caseId: string;
    let partnerA: string;
    let partnerB: string;

    beforeAll(async () => {
      const opened = await openCase('Pattern couple', ['Partner A', 'Partner B']);
      caseId = opened.caseId;
      partnerA = opened.clientIds[0]!;
      partnerB = opened.clientIds[1]!;
      const exceptions: Array<[string, string, string[], boolean]> = [
        [partnerA, '2026-03-07T10:00:00Z', ['shared activity', 'humour'], true], // Saturday morning (UTC)
        [partnerA, '2026-03-08T19:00:00Z', ['shared activity'], false], // Sunday evening
        [partnerB, '2026-03-04T13:00:00Z', ['kind gesture', 'shared activity'], true], // Wednesday afternoon
        [partnerB, '2026-03-05T23:30:00Z', [], false], // Thursday night, no tags
      ];
      for (const [clientId, occurredAt, tags, significant] of exceptions) {
        await t.dataSource.query(
          `INSERT INTO case_exceptions (practice_id, case_id, client_id, occurred_at, context, tags, significant)
           SELECT practice_id, id, $2, $3, 'A calmer moment', $4, $5 FROM cases WHERE id = $1`,
          [caseId, clientId, occurredAt, tags, significant]);
      }
    });

    it('counts tags, pairs and the conditions exceptions occurred under, and audits the read', async () => {
      const res = await therapist.get(`/api/cases/${caseId}/exception-patterns`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        total: 4, untagged: 1, significant: 2, significantShare: 0.5, timeZone: 'UTC',
        tags: [
          { tag: 'shared activity', count: 3, significant: 2 },
          { tag: 'humour', count: 1, significant: 1 },
          { tag: 'kind gesture', count: 1, significant: 1 },
        ],
        pairs: [{ tags: ['humour', 'shared activity'], count: 1 }, { tags: ['kind gesture', 'shared activity'], count: 1 }],
      });
      const conditions = res.body.conditions as Array<{ dimension: string; key: string; label: string; count: number; share: number; significant: number; tags: unknown[] }>;
      expect(conditions.filter((c) => c.dimension === 'client')).toEqual([
        { dimension: 'client', key: partnerA, label: 'Partner A', count: 2, share: 0.5, significant: 1, tags: [{ tag: 'shared activity', count: 2 }, { tag: 'humour', count: 1 }] },
        { dimension: 'client', key: partnerB, label: 'Partner B', count: 2, share: 0.5, significant: 1, tags: [{ tag: 'kind gesture', count: 1 }, { tag: 'shared activity', count: 1 }] },
      ]);
      expect(conditions.filter((c) => c.dimension === 'day_type').map((c) => [c.key, c.count, c.tags])).toEqual([
        ['weekend', 2, [{ tag: 'shared activity', count: 2 }, { tag: 'humour', count: 1 }]],
        ['weekday', 2, [{ tag: 'kind gesture', count: 1 }, { tag: 'shared activity', count: 1 }]],
      ]);
      expect(conditions.filter((c) => c.dimension === 'time_of_day').map((c) => [c.key, c.count]).sort()).toEqual(
        [['afternoon', 1], ['evening', 1], ['morning', 1], ['night', 1]]);
      expect(await auditOf(res)).toEqual([{ action: 'read', entity: 'exception-patterns', entityId: caseId, caseId: caseId }]);
    });

    it('reads weekdays and times of day in the time zone asked for', async () => {
      const res = await therapist.get(`/api/cases/${caseId}/exception-patterns?timeZone=Asia/Shanghai`);
      expect(res.status).toBe(200);
      expect(res.body.timeZone).toBe('Asia/Shanghai');
      const of = (dimension: string) => Object.fromEntries(
        (res.body.conditions as Array<{ dimension: string; key: string; count: number }>).filter((c) => c.dimension === dimension).map((c) => [c.key, c.count]));
      expect(of('day_type')).toEqual({ weekday: 3, weekend: 1 }); // Sunday 19:00 UTC is Monday 03:00 in Shanghai
      expect(of('time_of_day')).toEqual({ evening: 2, night: 1, morning: 1 });
    });

    it('answers an empty pattern for a case without exceptions', async () => {
      const { caseId: empty } = await openCase('No exceptions yet', ['Quiet client']);
      const res = await therapist.get(`/api/cases/${empty}/exception-patterns`);
      expect(res.body).toEqual({ total: 0, tags: [], pairs: [], untagged: 0, significant: 0, significantShare: null, timeZone: 'UTC', conditions: [] });
    });

    it('counts the seed\'s exceptions for Chen Jing: shared activity and routine three times each', async () => {
      const res = await therapist.get(`/api/cases/${demoCaseId('chen')}/exception-patterns`);
      expect(res.body.total).toBe(5);
      expect(res.body.tags.slice(0, 2)).toEqual([{ tag: 'routine', count: 3, significant: 2 }, { tag: 'shared activity', count: 3, significant: 2 }]);
      expect(res.body.pairs[0]).toEqual({ tags: ['routine', 'shared activity'], count: 2 });
      // an individual case: the client's own name is no condition
      const dimensions = (res.body.conditions as Array<{ dimension: string }>).map((c) => c.dimension);
      expect(dimensions).not.toContain('client');
      expect(dimensions).toContain('day_type');
    });

    it('answers 400 naming timeZone for a bad zone, 404 for another practitioner\'s case and 403 for a client', async () => {
      for (const zone of ['Mars/Olympus', '+08:00', 'x'.repeat(70)]) {
        const res = await therapist.get(`/api/cases/${caseId}/exception-patterns?timeZone=${encodeURIComponent(zone)}`);
        expect(res.status).toBe(400);
        expect(res.body.errors).toHaveProperty('timeZone');
      }
      expect((await coach.get(`/api/cases/${caseId}/exception-patterns`)).status).toBe(404);
      expect((await client.get(`/api/cases/${caseId}/exception-patterns`)).status).toBe(403);
    });
  });
});
