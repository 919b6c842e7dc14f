import { demoCaseId, demoClientId } from '../../seed/demo-seed.js';
import { createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CHEN_CASE = demoCaseId('chen');
const CHEN = demoClientId('chen');

/**
 * Two people edit the same record from the same version: one edit wins, the other gets 409
 * VERSION_CONFLICT instead of silently overwriting it, and the database holds the winner's value.
 */
describe('no lost updates: clients, scale scores and exceptions carry a version', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let admin: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, admin } = await createDemoTestApp('lost_updates'));
  });
  afterAll(() => t.close());

  const reasonsOf = async (entityId: string) =>
    (await t.dataSource.query(`SELECT reason FROM record_corrections WHERE entity_id = $1`, [entityId])).map((r: { reason: string }) => r.reason);

  /** Sends both edits at once; answers [winner's body, loser's status and code]. */
  async function race(url: string, first: SignedInClient, a: object, second: SignedInClient, b: object) {
    const [ra, rb] = await Promise.all([first.put(url, a), second.put(url, b)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const [winner, loser] = ra.status === 200 ? [ra, rb] : [rb, ra];
    expect(loser.body).toMatchObject({ code: 'VERSION_CONFLICT', message: expect.stringMatching(/Someone else changed this .* reload it/) });
    return { winner: winner.body as Record<string, unknown>, winnerIsFirst: winner === ra };
  }

  it('client record: of two concurrent phone changes from version 1, one is stored and the other answers 409', async () => {
    const read = await therapist.get(`/api/clients/${CHEN}`);
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(1);
    const { winner, winnerIsFirst } = await race(`/api/clients/${CHEN}`,
      therapist, { ...read.body, phone: '+86 21 5555 0101' }, admin, { ...read.body, phone: '+86 21 5555 0202' });
    const expected = winnerIsFirst ? '+86 21 5555 0101' : '+86 21 5555 0202';
    expect(winner).toMatchObject({ phone: expected, version: 2 });
    const [row] = await t.dataSource.query(`SELECT phone, version FROM clients WHERE id = $1`, [CHEN]);
    expect(row).toEqual({ phone: expected, version: 2 });
    expect((await therapist.get(`/api/clients/${CHEN}`)).body).toMatchObject({ phone: expected, version: 2 });
  });

  it('client record: a stale version afterwards is refused and changes nothing; no version is a 400 naming it', async () => {
    const current = (await therapist.get(`/api/clients/${CHEN}`)).body;
    const stale = await therapist.put(`/api/clients/${CHEN}`, { ...current, phone: '000', version: current.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const { version: _omitted, ...withoutVersion } = current;
    const missing = await therapist.put(`/api/clients/${CHEN}`, { ...withoutVersion, phone: '000' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual({ version: expect.stringMatching(/^is required/) });
    const [row] = await t.dataSource.query(`SELECT phone, version FROM clients WHERE id = $1`, [CHEN]);
    expect(row).toEqual({ phone: current.phone, version: current.version });
  });

  it('scale score: two concurrent corrections from the same version, one wins', async () => {
    const created = await therapist.post('/api/scale-scores', { caseId: CHEN_CASE, clientId: CHEN, score: 5 });
    expect(created.body.version).toBe(1);
    const url = `/api/scale-scores/${created.body.id}`;
    const { winner, winnerIsFirst } = await race(url, therapist, { ...created.body, score: 5.5, reason: 'Misheard: five and a half' }, admin, { ...created.body, score: 4.5, reason: 'Misheard: four and a half' });
    const [row] = await t.dataSource.query(`SELECT score::float AS score, version FROM scale_scores WHERE id = $1`, [created.body.id]);
    expect(row).toEqual({ score: winner['score'], version: 2 });
    // only the winner's reason is kept: the refused edit left nothing behind
    expect(await reasonsOf(created.body.id)).toEqual([winnerIsFirst ? 'Misheard: five and a half' : 'Misheard: four and a half']);
  });

  it('exception: two concurrent edits from the same version, one wins', async () => {
    const created = await therapist.post('/api/exceptions', { caseId: CHEN_CASE, clientId: CHEN, occurredAt: new Date(Date.now() - 3_600_000).toISOString(), context: 'A calm walk' });
    expect(created.body.version).toBe(1);
    const url = `/api/exceptions/${created.body.id}`;
    const { winner } = await race(url, therapist, { ...created.body, context: 'A calm walk by the river', reason: 'Place corrected' }, admin, { ...created.body, context: 'A calm walk in the rain', reason: 'Weather corrected' });
    const [row] = await t.dataSource.query(`SELECT context, version FROM case_exceptions WHERE id = $1`, [created.body.id]);
    expect(row).toEqual({ context: winner['context'], version: 2 });
    expect(await reasonsOf(created.body.id)).toHaveLength(1);
  });
});
