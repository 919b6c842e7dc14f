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
    expect(chen.body).toEqual({ state: 'active', email: 'chen.jing@attune.test', createdAt: expect.any(String), lastSignInAt: expect.any(String), invitationExpiresAt: null });
    const he = await coach.get(`/api/clients/${demoClientId('he')}/portal-account`);
    expect(he.body).toEqual({ state: 'none', email: null, createdAt: null, lastSignInAt: null, invitationExpiresAt: null });
  });

  it('says never signed in for an account not used yet, deactivated for a switched-off one', async () => {
    const liu = await admin.get(`/api/clients/${demoClientId('liu')}/portal-account`);
    expect(liu.body.state).toBe('never_signed_in');
    await t.dataSource.query(`UPDATE users SET active = false WHERE email = 'zhao.lei@attune.test'`);
    expect((await admin.get(`/api/clients/${demoClientId('zhao')}/portal-account`)).body.state).toBe('deactivated');
  });

  it('says invited while the invitation link works, expired once it lapsed unused, never signed in once accepted', async () => {
    const url = `/api/clients/${demoClientId('he')}/portal-account`;
    const invited = await coach.post(`/api/clients/${demoClientId('he')}/portal-invitation`, { email: 'he.profile@attune.test' });
    expect(invited.status).toBe(201);
    expect((await coach.get(url)).body).toEqual({
      state: 'invited', email: 'he.profile@attune.test', createdAt: expect.any(String), lastSignInAt: null, invitationExpiresAt: invited.body.invitationExpiresAt,
    });
    const userId = invited.body.userId as string;
    await t.dataSource.query(`UPDATE account_tokens SET expires_at = now() - interval '1 hour' WHERE user_id = $1 AND purpose = 'invitation'`, [userId]);
    const expired = (await coach.get(url)).body;
    expect(expired).toMatchObject({ state: 'invitation_expired', invitationExpiresAt: expect.any(String) });
    expect(Date.parse(expired.invitationExpiresAt)).toBeLessThan(Date.now());
    await t.dataSource.query(`UPDATE account_tokens SET used_at = now() - interval '2 hours' WHERE user_id = $1 AND purpose = 'invitation'`, [userId]);
    expect((await coach.get(url)).body).toMatchObject({ state: 'never_signed_in', invitationExpiresAt: null });
  });

  it('answers 404 for a client who is not the caller\'s', async () => {
    expect((await coach.get(`/api/clients/${demoClientId('chen')}/portal-account`)).status).toBe(404);
  });
});
