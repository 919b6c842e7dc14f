import { demoCaseId } from '../../seed/demo-seed.js';
import { createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');

/** A closed case takes nothing more from the portal: homework, drafts, self-ratings and logged moments answer 409 CASE_CLOSED. */
describe('client portal: a closed case', () => {
  let t: TestApp;
  let chen: SignedInClient;
  let openAssignment: string;

  beforeAll(async () => {
    let client: SignedInClient;
    ({ t, client } = await createDemoTestApp('me_closed_case'));
    chen = client;
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM assignments WHERE case_id = $1 AND status IN ('assigned', 'in_progress') ORDER BY due_at LIMIT 1`, [CHEN_CASE]);
    openAssignment = rows[0]!.id;
    await t.dataSource.query(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [CHEN_CASE]);
  });
  afterAll(() => t.close());

  const fingerprint = async () => (await t.dataSource.query(
    `SELECT (SELECT md5(string_agg(a::text, ',' ORDER BY a.id)) FROM assignments a WHERE a.case_id = $1) AS assignments,
            (SELECT count(*)::int FROM scale_scores WHERE case_id = $1) AS scores,
            (SELECT count(*)::int FROM case_exceptions WHERE case_id = $1) AS exceptions,
            (SELECT count(*)::int FROM assignment_check_ins) AS check_ins`, [CHEN_CASE]))[0];

  it('refuses a homework submission and a draft with 409 CASE_CLOSED and writes nothing', async () => {
    const before = await fingerprint();
    const submit = await chen.post(`/api/me/assignments/${openAssignment}/submit`, { response: {} }).set('Idempotency-Key', 'closed-case-1');
    expect(submit.status).toBe(409);
    expect(submit.body).toMatchObject({ code: 'CASE_CLOSED', message: expect.stringMatching(/case is closed/) });
    const draft = await chen.put(`/api/me/assignments/${openAssignment}/draft`, { response: {} });
    expect(draft.status).toBe(409);
    expect(draft.body.code).toBe('CASE_CLOSED');
    expect(await fingerprint()).toEqual(before);
    // Still readable: the client sees their homework, only it takes no more answers.
    expect((await chen.get(`/api/me/assignments/${openAssignment}`)).status).toBe(200);
  });

  it('refuses a self-rating and a logged moment in the closed case, named or not', async () => {
    const before = await fingerprint();
    for (const body of [{}, { caseId: CHEN_CASE }]) {
      const rating = await chen.post('/api/me/scale-scores', { ...body, score: 7 });
      expect(rating.status).toBe(409);
      expect(rating.body.code).toBe('CASE_CLOSED');
      const moment = await chen.post('/api/me/exceptions', { ...body, occurredAt: new Date().toISOString(), context: 'A calm evening' });
      expect(moment.status).toBe(409);
      expect(moment.body.code).toBe('CASE_CLOSED');
    }
    expect(await fingerprint()).toEqual(before);
  });
});
