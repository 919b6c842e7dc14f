import { demoClientId } from '../../seed/demo-seed.js';
import { createDemoTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.js';

describe('a client profile\'s portal account (GET /api/clients/:id/portal-account)', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, coach, admin } = await createDemoTestApp('client-profile'));
  });
  afterAll(() => t.close());

  it('says active with the last sign-in for a client who signed in, none for one without an account', async () => {
    const chen = await therapist.get(`/api/clients/${demoClientId('chen')}/portal-account`);
    expect(chen.status).toBe(200);
    expect(chen.body).toEqual({ state: 'active', email: 'chen.jing@attune.test', createdAt: expect.any(String), lastSignInAt: expect.any(String) });
    const he = await coach.get(`/api/clients/${demoClientId('he')}/portal-account`);
    expect(he.body).toEqual({ state: 'none', email: null, createdAt: null, lastSignInAt: null });
  });

  it('says never signed in for an account not used yet, deactivated for a switched-off one', async () => {
    const liu = await admin.get(`/api/clients/${demoClientId('liu')}/portal-account`);
    expect(liu.body.state).toBe('never_signed_in');
    await t.dataSource.query(`UPDATE users SET active = false WHERE email = 'zhao.lei@attune.test'`);
    expect((await admin.get(`/api/clients/${demoClientId('zhao')}/portal-account`)).body.state).toBe('deactivated');
  });

  it('answers 404 for a client who is not the caller\'s', async () => {
    expect((await coach.get(`/api/clients/${demoClientId('chen')}/portal-account`)).status).toBe(404);
  });
});
