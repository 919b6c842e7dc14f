import { toIsoDate } from '@attune/domain';
import { demoCaseId, demoClientId } from '../../seed/demo-seed.js';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { createDemoTestApp, listUrl, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';
import { builtInExerciseId } from '../exercises/built-in-exercises.sync.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN = demoClientId('chen');
const LIU_CASE = demoCaseId('liu');
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** What clients wrote reaches the practitioner, and the client can reread it. */
describe('captured and visible', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let chen: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, client: chen } = await createDemoTestApp('captured_visible'));
  });
  afterAll(() => t.close());

  it('the progress chart carries each rating\'s follow-ups, in the words written', async () => {
    const rated = await chen.post('/api/me/scale-scores', {
      score: 6.5, keepsFromLower: 'I know the panic passes', onePointHigher: 'An evening apart would be just an evening',
    });
    expect(rated.status).toBe(201);
    const res = await therapist.get(`/api/cases/${CHEN_CASE}/progress`);
    expect(res.status).toBe(200);
    const points = res.body.series.find((s: { clientId: string }) => s.clientId === CHEN).points;
    expect(points.find((p: { id: string }) => p.id === rated.body.id)).toEqual({
      id: rated.body.id, recordedAt: rated.body.recordedAt, score: 6.5, source: 'client',
      keepsFromLower: 'I know the panic passes', onePointHigher: 'An evening apart would be just an evening',
    });
    expect(points[0]).toMatchObject({ keepsFromLower: null, onePointHigher: null });
  });

  it('the practitioner reads the note of each daily check-in with the homework', async () => {
    const list = await therapist.get(listUrl('/api/assignments', { filter: { caseId: LIU_CASE }, range: [0, 49] }));
    expect(list.status).toBe(200);
    const daily = list.body.find((a: { exercise: { key: string } }) => a.exercise.key === 'micro-experiment');
    expect(daily.checkInNotes).toEqual([{ periodStart: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), note: 'He sent a heart before work', createdAt: expect.any(String) }]);
    expect(daily.checkIns.find((c: { start: string }) => c.start === daily.checkInNotes[0].periodStart).state).toBe('done');
    const once = list.body.find((a: { exercise: { key: string } }) => a.exercise.key === 'coping-list');
    expect(once.checkInNotes).toBeNull();
  });

  it('a client rereads the good moments they logged, never the ones staff logged nor another client\'s', async () => {
    const logged = await chen.post('/api/me/exceptions', { occurredAt: daysAgo(1).toISOString(), context: 'Tea on the balcony together', tags: ['shared activity'] });
    expect(logged.status).toBe(201);
    const res = await chen.get('/api/me/exceptions');
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ id: logged.body.id, caseId: CHEN_CASE, context: 'Tea on the balcony together', tags: ['shared activity'], deep: null });
    expect(JSON.stringify(res.body)).not.toContain('Saturday grocery shopping together'); // logged by the practitioner
    const liu = await t.signIn('liu.jia@attune.test', TEST_PASSWORD);
    const hers = await liu.get('/api/me/exceptions');
    expect(hers.status).toBe(200);
    expect(hers.body.map((e: { id: string }) => e.id)).not.toContain(logged.body.id);
    expect(await auditEventsOf(t.dataSource, res)).toEqual([{ action: 'list', entity: 'exceptions', entityId: null, caseId: CHEN_CASE, actorId: chen.userId }]);
    expect((await therapist.get('/api/me/exceptions')).status).toBe(403);
  });

  describe('the stage-4 deep description', () => {
    const giveDeepDescription = async () => {
      const res = await therapist.post('/api/assignments', {
        caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('exception-deep-description'), dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const answer = (occurredAt: string | undefined) => ({
      ...(occurredAt ? { occurredAt } : {}),
      context: 'Cooking together on Sunday', thoughts: 'We are a team', behavior: 'I left the phone in the other room',
      bodily: 'Shoulders down, slower breath', capacity: 'We can be playful', ifMoreOften: 'We would have a calm base',
    });

    it('lands on the exception of the day it describes and leaves that moment\'s own words as they were', async () => {
      // At noon UTC: nearest to the day's middle, so a demo moment logged the same day never outranks it.
      const day = daysAgo(3);
      day.setUTCHours(12, 0, 0, 0);
      const moment = await chen.post('/api/me/exceptions', { occurredAt: day.toISOString(), context: 'Sunday cooking', behavior: 'Stayed in the kitchen' });
      expect(moment.status).toBe(201);
      const before: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_exceptions WHERE case_id = $1`, [CHEN_CASE]);
      const id = await giveDeepDescription();
      const sent = await chen.post(`/api/me/assignments/${id}/submit`, { response: answer(toIsoDate(day)) });
      expect(sent.status).toBe(200);
      const staff = await therapist.get(`/api/exceptions/${moment.body.id}`);
      expect(staff.status).toBe(200);
      expect(staff.body).toMatchObject({
        context: 'Sunday cooking', behavior: 'Stayed in the kitchen',
        deep: { bodily: 'Shoulders down, slower breath', capacity: 'We can be playful', ifMoreOften: 'We would have a calm base' },
      });
      const after: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_exceptions WHERE case_id = $1`, [CHEN_CASE]);
      expect(after[0]!.n).toBe(before[0]!.n);
      expect(await auditEventsOf(t.dataSource, sent)).toEqual(expect.arrayContaining([
        { action: 'update', entity: 'exceptions', entityId: moment.body.id, caseId: CHEN_CASE, actorId: chen.userId },
      ]));
    });

    it('becomes a new significant moment with its deep description when no exception of that day is waiting for one', async () => {
      const id = await giveDeepDescription();
      // A recent day with no exception of Chen's within two days either side.
      const free: Array<{ day: string }> = await t.dataSource.query(
        `SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series(current_date - 20, current_date - 1, interval '1 day') d
          WHERE NOT EXISTS (SELECT 1 FROM case_exceptions x WHERE x.client_id = $1 AND x.occurred_at BETWEEN d - interval '2 days' AND d + interval '3 days')
          ORDER BY d DESC LIMIT 1`, [CHEN]);
      const day = free[0]!.day;
      const sent = await chen.post(`/api/me/assignments/${id}/submit`, { response: answer(day) });
      expect(sent.status).toBe(200);
      const rows: Array<{ context: string; deep: unknown; significant: boolean; source: string; assignment_id: string }> = await t.dataSource.query(
        `SELECT context, deep, significant, source, assignment_id FROM case_exceptions WHERE assignment_id = $1`, [id]);
      expect(rows).toEqual([{
        context: 'Cooking together on Sunday', significant: true, source: 'client', assignment_id: id,
        deep: { bodily: 'Shoulders down, slower breath', capacity: 'We can be playful', ifMoreOften: 'We would have a calm base' },
      }]);
    });
  });
});
