import { randomUUID } from 'node:crypto';
import { builtInExerciseId } from '../exercises/built-in-exercises.sync.js';
import { demoCaseId, demoClientId } from '../../seed/demo-seed.js';
import { createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN = demoClientId('chen');
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/**
 * Every create route takes an Idempotency-Key, as the portal's submit does: a retry with the same
 * key and body gets the first answer and creates nothing more, whether it comes after the first
 * answer or while the first is still running; the same key with another body is a 422.
 */
describe('Idempotency-Key on every create', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let admin: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, admin } = await createDemoTestApp('idempotency'));
  });
  afterAll(() => t.close());

  /** A new client of the therapist's, for a case of its own (a client has one open case). */
  const newClient = async (name: string) => {
    const res = await therapist.post('/api/clients', { displayName: name });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  interface CreateRoute {
    path: string;
    /** A body that stores `marker` where `count` finds it. */
    body(marker: string): Promise<object>;
    /** Rows that carry the marker. */
    count: string;
  }

  const routes: CreateRoute[] = [
    {
      path: '/api/sessions',
      body: async (marker) => ({ caseId: CHEN_CASE, startsAt: hourAgo(), durationMinutes: 50, format: 'individual', attendeeIds: [CHEN], stage: 6, note: { freeText: marker } }),
      count: `SELECT count(*)::int AS n FROM therapy_sessions WHERE note->>'freeText' = $1`,
    },
    {
      path: '/api/scale-scores',
      body: async (marker) => ({ caseId: CHEN_CASE, clientId: CHEN, score: 6.5, keepsFromLower: marker }),
      count: `SELECT count(*)::int AS n FROM scale_scores WHERE keeps_from_lower = $1`,
    },
    {
      path: '/api/exceptions',
      body: async (marker) => ({ caseId: CHEN_CASE, clientId: CHEN, occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(), context: marker }),
      count: `SELECT count(*)::int AS n FROM case_exceptions WHERE context = $1`,
    },
    {
      path: '/api/assignments',
      body: async (marker) => ({ caseId: CHEN_CASE, clientId: CHEN, exerciseId: builtInExerciseId('value-ranking'), dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), note: marker }),
      count: `SELECT count(*)::int AS n FROM assignments WHERE note = $1`,
    },
    {
      path: '/api/clients',
      body: async (marker) => ({ displayName: marker }),
      count: `SELECT count(*)::int AS n FROM clients WHERE display_name = $1`,
    },
    {
      path: '/api/cases',
      body: async (marker) => ({ title: marker, kind: 'individual', clientIds: [await newClient(`Client of ${marker}`)] }),
      count: `SELECT count(*)::int AS n FROM cases WHERE title = $1`,
    },
  ];

  const count = async (route: CreateRoute, marker: string) => ((await t.dataSource.query(route.count, [marker])) as Array<{ n: number }>)[0]!.n;
  const keysOf = async (userId: string, key: string) =>
    ((await t.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key])) as Array<{ n: number }>)[0]!.n;

  describe.each(routes.map((r) => [r.path, r] as const))('POST %s', (_path, route) => {
    it('answers a retry with the same key and body with the first answer, and stores one record', async () => {
      const key = randomUUID();
      const marker = `retry ${key}`;
      const body = await route.body(marker);
      const first = await therapist.post(route.path, body).set('Idempotency-Key', key);
      expect(first.status).toBe(201);
      const retry = await therapist.post(route.path, body).set('Idempotency-Key', key);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await count(route, marker)).toBe(1);
      expect(await keysOf(therapist.userId, key)).toBe(1);
      // without a key, or with a new one, the same body is a new record
      expect((await therapist.post(route.path, body).set('Idempotency-Key', randomUUID())).status).toBe(201);
      expect(await count(route, marker)).toBe(2);
    });

    it('stores one record for simultaneous duplicates, each answered with it', async () => {
      const key = randomUUID();
      const marker = `concurrent ${key}`;
      const body = await route.body(marker);
      const answers = await Promise.all([1, 2, 3].map(() => therapist.post(route.path, body).set('Idempotency-Key', key)));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await count(route, marker)).toBe(1);
    });

    it('refuses the same key with another body (422) and creates nothing for it', async () => {
      const key = randomUUID();
      const marker = `first ${key}`;
      expect((await therapist.post(route.path, await route.body(marker)).set('Idempotency-Key', key)).status).toBe(201);
      const other = await therapist.post(route.path, await route.body(`other ${key}`)).set('Idempotency-Key', key);
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', errors: { 'Idempotency-Key': expect.any(String) } });
      expect(await count(route, `other ${key}`)).toBe(0);
      expect(await count(route, marker)).toBe(1);
    });
  });

  it('refuses the key of one route on another (422)', async () => {
    const key = randomUUID();
    expect((await therapist.post('/api/clients', { displayName: `Route ${key}` }).set('Idempotency-Key', key)).status).toBe(201);
    const elsewhere = await therapist.post('/api/exceptions', { caseId: CHEN_CASE, clientId: CHEN, occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(), context: `Route ${key}` })
      .set('Idempotency-Key', key);
    expect(elsewhere.status).toBe(422);
  });

  it('scopes keys to the user: another user\'s same key is a new request of theirs, never a replay of someone else\'s answer', async () => {
    const key = randomUUID();
    const mine = await therapist.post('/api/clients', { displayName: `Scoped ${key}` }).set('Idempotency-Key', key);
    const theirs = await admin.post('/api/clients', { displayName: `Scoped ${key}`, practitionerId: mine.body.practitionerId }).set('Idempotency-Key', key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM clients WHERE display_name = $1`, [`Scoped ${key}`]))[0].n).toBe(2);
  });

  it('no longer replays a key stored more than 24 hours ago: the retry is a new request, and the key now holds its answer', async () => {
    const key = randomUUID();
    const body = { displayName: `Expired ${key}` };
    const first = await therapist.post('/api/clients', body).set('Idempotency-Key', key);
    await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '24 hours 1 minute' WHERE user_id = $1 AND key = $2`, [therapist.userId, key]);
    const late = await therapist.post('/api/clients', body).set('Idempotency-Key', key);
    expect(late.status).toBe(201);
    expect(late.body.id).not.toBe(first.body.id);
    // and an expired key may carry another body
    await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1 AND key = $2`, [therapist.userId, key]);
    expect((await therapist.post('/api/clients', { displayName: `Other ${key}` }).set('Idempotency-Key', key)).status).toBe(201);
    const again = await therapist.post('/api/clients', { displayName: `Other ${key}` }).set('Idempotency-Key', key);
    expect(again.status).toBe(201);
    expect(await keysOf(therapist.userId, key)).toBe(1);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM clients WHERE display_name = $1`, [`Other ${key}`]))[0].n).toBe(1);
  });

  it('stores no key for a refused request (400), so the corrected request goes through under the same key', async () => {
    const key = randomUUID();
    const bad = await therapist.post('/api/scale-scores', { caseId: CHEN_CASE, clientId: CHEN, score: 11 }).set('Idempotency-Key', key);
    expect(bad.status).toBe(400);
    expect(await keysOf(therapist.userId, key)).toBe(0);
    expect((await therapist.post('/api/scale-scores', { caseId: CHEN_CASE, clientId: CHEN, score: 7 }).set('Idempotency-Key', key)).status).toBe(201);
  });

  it('names the header in a 400 for a malformed key and documents it on every create in the OpenAPI document', async () => {
    const res = await therapist.post('/api/clients', { displayName: 'Bad key' }).set('Idempotency-Key', 'x'.repeat(201));
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(['Idempotency-Key']);
    const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, { post?: { parameters?: Array<{ name: string; in: string }> } }> };
    for (const route of routes) {
      expect(doc.paths[route.path]!.post!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    }
  });
});
