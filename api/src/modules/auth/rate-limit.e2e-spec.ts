import type { Response } from 'supertest';
import { seedDemoData } from '../../seed/demo-seed.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';

/** A signed-in user past API_RATE_LIMIT requests a minute gets 429 with Retry-After, and the refused requests write nothing but one trace. */
describe('the per-user rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('api_rate_limit', { API_RATE_LIMIT: '10' });
    await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the limit, writes no audit rows beyond it, and leaves other users alone', async () => {
    const therapist = await t.signIn('therapist@attune.test');
    const coach = await t.signIn('coach@attune.test');

    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await therapist.get('/api/scale-scores');
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    const allowed = statuses.filter((s) => s === 200).length;
    expect(allowed).toBeGreaterThanOrEqual(10);
    expect(allowed).toBeLessThanOrEqual(11); // a token may refill while the loop runs
    expect(statuses.slice(allowed).every((s) => s === 429)).toBe(true);
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused!.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });

    const written: Array<{ action: string; n: number }> = await t.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE actor_id = $1 GROUP BY action ORDER BY action`, [therapist.userId]);
    // one list read (of each case) per allowed request, and one trace of being limited: nothing for the 29 refused
    const lists: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(DISTINCT correlation_id)::int AS n FROM audit_events WHERE actor_id = $1 AND action = 'list'`, [therapist.userId]);
    expect(lists[0]!.n).toBe(allowed);
    expect(written.find((w) => w.action === 'rate_limited')?.n).toBe(1);
    expect(written.map((w) => w.action)).toEqual(['list', 'login', 'rate_limited']);

    expect((await coach.get('/api/scale-scores')).status).toBe(200);
  });
});
