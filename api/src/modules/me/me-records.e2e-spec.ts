import { stableId } from '../../common/stable-id.js';
import { DEMO_PRACTICE_ID, demoClientId, demoUserId, seedDemoData } from '../../seed/demo-seed.js';
import { createTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const PASSWORD = 'attune-demo';
const CHEN_CASE = stableId('demo:case:chen');

describe('client portal: log entries, self-ratings and progress', () => {
  let t: TestApp;
  let chen: SignedInClient;

  beforeAll(async () => {
    t = await createTestApp('me_records');
    await seedDemoData(t.dataSource, { password: PASSWORD });
    chen = await t.signIn('chen.jing@attune.test', PASSWORD);
  });
  afterAll(() => t.close());

  describe('POST /api/me/exceptions', () => {
    it('logs a good moment in the client\'s own open case, found by the server', async () => {
      const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
      const res = await chen.post('/api/me/exceptions', {
        occurredAt,
        context: 'Breakfast together before work',
        behavior: 'Asked about his day instead of checking my phone',
        tags: ['Shared activity', 'routine', 'routine'],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ caseId: CHEN_CASE, context: 'Breakfast together before work', tags: ['shared activity', 'routine'], thoughts: null });
      const rows: Array<{ client_id: string; source: string; recorded_by: string; occurred_at: Date }> = await t.dataSource.query(
        `SELECT client_id, source, recorded_by, occurred_at FROM case_exceptions WHERE id = $1`, [res.body.id]);
      expect(rows[0]).toMatchObject({ client_id: demoClientId('chen'), source: 'client', recorded_by: chen.userId });
      expect(rows[0]!.occurred_at.toISOString()).toBe(occurredAt);
    });

    it('names what is missing or wrong in a 400 and stores nothing', async () => {
      const before: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_exceptions WHERE case_id = $1`, [CHEN_CASE]);
      const res = await chen.post('/api/me/exceptions', { occurredAt: 'yesterday', tags: ['x'.repeat(41)] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toMatchObject({ occurredAt: expect.stringMatching(/ISO 8601/), context: 'is required', 'tags.0': expect.stringMatching(/40 characters/) });
      const future = await chen.post('/api/me/exceptions', { occurredAt: new Date(Date.now() + 86_400_000).toISOString(), context: 'Tomorrow' });
      expect(future.status).toBe(400);
      expect(future.body.errors).toEqual({ occurredAt: 'must not be in the future' });
      const after: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_exceptions WHERE case_id = $1`, [CHEN_CASE]);
      expect(after[0]!.n).toBe(before[0]!.n);
    });

    it('refuses a self-rating or a moment backdated before the case opened (1990), naming the field, and stores nothing', async () => {
      const count = async () => (await t.dataSource.query(
        `SELECT (SELECT count(*) FROM scale_scores WHERE case_id = $1) + (SELECT count(*) FROM case_exceptions WHERE case_id = $1) AS n`, [CHEN_CASE]))[0].n;
      const before = await count();
      const rating = await chen.post('/api/me/scale-scores', { score: 1, recordedAt: '1990-01-01T08:00:00Z' });
      expect(rating.status).toBe(400);
      expect(rating.body.errors).toEqual({ recordedAt: expect.stringMatching(/^must not be before the case opened \(\d{4}-\d{2}-\d{2}\)$/) });
      const moment = await chen.post('/api/me/exceptions', { occurredAt: '1990-01-01T08:00:00Z', context: 'Long ago' });
      expect(moment.status).toBe(400);
      expect(moment.body.errors).toEqual({ occurredAt: expect.stringMatching(/^must not be before the case opened/) });
      expect(await count()).toBe(before);
    });

    it('asks which case when the client has more than one open case, and takes the one named', async () => {
      const secondCase = stableId('test:case:chen-second');
      await t.dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO cases (id, practice_id, practitioner_id, title, kind) VALUES ($1, $2, $3, 'Second piece of work', 'individual')`,
          [secondCase, DEMO_PRACTICE_ID, demoUserId('therapist')]);
        await m.query(`INSERT INTO case_clients (case_id, client_id, practice_id, position) VALUES ($1, $2, $3, 1)`, [secondCase, demoClientId('chen'), DEMO_PRACTICE_ID]);
      });
      try {
        const ambiguous = await chen.post('/api/me/scale-scores', { score: 6 });
        expect(ambiguous.status).toBe(400);
        expect(ambiguous.body.errors).toEqual({ caseId: 'is required: you have more than one open case' });
        const named = await chen.post('/api/me/exceptions', { caseId: secondCase, occurredAt: new Date().toISOString(), context: 'A calm phone call' });
        expect(named.status).toBe(201);
        expect(named.body.caseId).toBe(secondCase);
      } finally {
        await t.dataSource.query(`DELETE FROM cases WHERE id = $1`, [secondCase]);
      }
    });
  });

  describe('POST /api/me/scale-scores', () => {
    it('records a self-rating with its two follow-up answers as the client\'s own', async () => {
      const res = await chen.post('/api/me/scale-scores', { score: 7, keepsFromLower: 'The Sunday check-in', onePointHigher: 'An evening apart would feel ordinary' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ caseId: CHEN_CASE, score: 7, keepsFromLower: 'The Sunday check-in' });
      const rows: Array<{ source: string; client_id: string; score: string }> = await t.dataSource.query(`SELECT source, client_id, score FROM scale_scores WHERE id = $1`, [res.body.id]);
      expect(rows[0]).toEqual({ source: 'client', client_id: demoClientId('chen'), score: '7.0' });
    });

    it('refuses a score off the scale (10.5, 0, 6.3) with a 400 naming the score', async () => {
      for (const score of [10.5, 0, 6.3]) {
        const res = await chen.post('/api/me/scale-scores', { score });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual({ score: 'must be between 1 and 10 in steps of 0.5' });
      }
    });

    it('ignores a source or session sent by the client: a self-rating is always the client\'s', async () => {
      const res = await chen.post('/api/me/scale-scores', { score: 6.5, source: 'practitioner', sessionId: stableId('demo:session:chen:0') });
      expect(res.status).toBe(201);
      const rows: Array<{ source: string; session_id: string | null }> = await t.dataSource.query(`SELECT source, session_id FROM scale_scores WHERE id = $1`, [res.body.id]);
      expect(rows[0]).toEqual({ source: 'client', session_id: null });
    });
  });

  describe('GET /api/me/progress', () => {
    it('gives the client their own score series, oldest first, and the feedback on reviewed homework', async () => {
      const res = await chen.get('/api/me/progress');
      expect(res.status).toBe(200);
      expect(res.body.cases).toHaveLength(1);
      const [own] = res.body.cases;
      expect(own).toMatchObject({ caseId: CHEN_CASE, kind: 'individual', stage: 6, status: 'open' });
      const scores = own.points.map((p: { score: number }) => p.score);
      expect(scores.slice(0, 10)).toEqual([2.5, 3, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5]);
      expect(scores).toEqual(expect.arrayContaining([7, 6.5]));
      const times = own.points.map((p: { recordedAt: string }) => Date.parse(p.recordedAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(res.body.feedback).toHaveLength(7);
      expect(res.body.feedback[0]).toEqual({
        assignmentId: expect.any(String), caseId: CHEN_CASE, exerciseKey: expect.any(String), exerciseTitle: expect.any(String), feedback: expect.any(String),
        submittedAt: expect.any(String), reviewedAt: expect.any(String),
      });
      expect(res.body.feedback.map((f: { feedback: string }) => f.feedback)).toContain('Small and concrete: exactly right.');
      expect(JSON.stringify(res.body)).not.toMatch(/"title"|presentingConcern|between two fears/);
    });
  });
});
