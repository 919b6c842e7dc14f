import { SIGN_IN_FREE_FAILURES } from '@attune/domain';
import { generate } from 'otplib';
import { auditEventsOf } from '../../testing/audit-trail.js';
import { buildPractice, buildUser, createTestApp, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const codeAt = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

/** An admin helps a person back in: clearing failed sign-ins, or turning off two-step sign-in after a lost phone. */
describe('account recovery by an admin', () => {
  let t: TestApp;
  let practiceId: string;
  let admin: SignedInClient;
  let practitioner: SignedInClient;
  let otherAdmin: SignedInClient;
  beforeAll(async () => {
    t = await createTestApp('account_recovery', { ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') });
    practiceId = await buildPractice(t.dataSource);
    await buildUser(t.dataSource, practiceId, 'admin', 'admin@example.test');
    await buildUser(t.dataSource, practiceId, 'practitioner', 'colleague@example.test');
    admin = await t.signIn('admin@example.test');
    practitioner = await t.signIn('colleague@example.test');
    const elsewhere = await buildPractice(t.dataSource, 'Elsewhere');
    await buildUser(t.dataSource, elsewhere, 'admin', 'boss@elsewhere.test');
    otherAdmin = await t.signIn('boss@elsewhere.test');
  });
  afterAll(() => t.close());

  const login = (email: string, password = TEST_PASSWORD, totp?: string) =>
    t.http.post('/api/auth/login').send({ email, password, ...(totp === undefined ? {} : { totp }) });

  it('unlocks an account someone else slowed down with wrong passwords: the right password works at once; the reason is kept, the action audited', async () => {
    const userId = await buildUser(t.dataSource, practiceId, 'practitioner', 'slowed@example.test');
    for (let i = 0; i < SIGN_IN_FREE_FAILURES; i++) await login('slowed@example.test', `attacker guess ${i}`);
    expect((await login('slowed@example.test')).status).toBe(429);

    const res = await admin.post(`/api/users/${userId}/unlock`, { reason: 'Called the practice; identity checked by phone' });
    expect(res.status).toBe(204);
    expect((await login('slowed@example.test')).status).toBe(200);
    expect(await auditEventsOf(t.dataSource, res)).toEqual([{ action: 'unlock', entity: 'users', entityId: userId, caseId: null, actorId: admin.userId }]);
    const kept = await t.dataSource.query(`SELECT action, reason, actor_id FROM account_interventions WHERE user_id = $1`, [userId]);
    expect(kept).toEqual([{ action: 'unlock', reason: 'Called the practice; identity checked by phone', actor_id: admin.userId }]);
    const inAudit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events a WHERE a::text ILIKE '%identity checked%'`);
    expect(inAudit[0].n).toBe(0);
  });

  it('resets another account\'s two-step sign-in, ending its sessions, audited with the reason kept apart', async () => {
    const userId = await buildUser(t.dataSource, practiceId, 'practitioner', 'lost.phone@example.test');
    const me = await t.signIn('lost.phone@example.test');
    const { secret } = (await me.post('/api/auth/totp/enrol')).body as { secret: string };
    expect((await me.post('/api/auth/totp/confirm', { code: await codeAt(secret), password: TEST_PASSWORD })).status).toBe(200);
    expect((await login('lost.phone@example.test')).body.code).toBe('TOTP_REQUIRED');

    const res = await admin.post(`/api/users/${userId}/reset-two-step`, { reason: 'Lost phone, no recovery codes; seen in person' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: userId, totpEnabled: false });
    expect((await me.get('/api/auth/me')).status).toBe(401);
    expect(await t.dataSource.query(`SELECT 1 FROM login_sessions WHERE user_id = $1`, [userId])).toEqual([]);
    const [row] = await t.dataSource.query(`SELECT totp_enabled, totp_secret, totp_recovery_hashes FROM users WHERE id = $1`, [userId]);
    expect(row).toEqual({ totp_enabled: false, totp_secret: null, totp_recovery_hashes: [] });
    expect((await login('lost.phone@example.test')).status).toBe(200);
    expect(await auditEventsOf(t.dataSource, res)).toEqual([{ action: 'totp_reset', entity: 'users', entityId: userId, caseId: null, actorId: admin.userId }]);
    expect(await t.dataSource.query(`SELECT action, reason FROM account_interventions WHERE user_id = $1`, [userId]))
      .toEqual([{ action: 'totp_reset', reason: 'Lost phone, no recovery codes; seen in person' }]);

    // not on any more: a clear 409, nothing written
    const again = await admin.post(`/api/users/${userId}/reset-two-step`, { reason: 'Twice by mistake' });
    expect(again.status).toBe(409);
    expect(await t.dataSource.query(`SELECT 1 FROM account_interventions WHERE user_id = $1 AND reason = 'Twice by mistake'`, [userId])).toEqual([]);
  });

  it('keeps an admin from resetting their own two-step sign-in (My account asks for the password and a code)', async () => {
    const res = await admin.post(`/api/users/${admin.userId}/reset-two-step`, { reason: 'Shortcut' });
    expect(res.status).toBe(409);
  });

  it('needs a reason, names the field, and is for the practice\'s own admins only', async () => {
    const userId = await buildUser(t.dataSource, practiceId, 'client', 'someone@example.test');
    for (const route of ['unlock', 'reset-two-step']) {
      const missing = await admin.post(`/api/users/${userId}/${route}`, {});
      expect({ route, status: missing.status, errors: missing.body.errors }).toEqual({ route, status: 400, errors: { reason: 'is required' } });
      const short = await admin.post(`/api/users/${userId}/${route}`, { reason: ' x ' });
      expect(short.body.errors).toEqual({ reason: 'must be at least 3 characters long' });
      expect((await practitioner.post(`/api/users/${userId}/${route}`, { reason: 'Trying my luck' })).status).toBe(403);
      expect((await otherAdmin.post(`/api/users/${userId}/${route}`, { reason: 'Not my practice' })).status).toBe(404);
    }
    expect(await t.dataSource.query(`SELECT 1 FROM account_interventions WHERE user_id = $1`, [userId])).toEqual([]);
  });
  it('forces a password change: sessions end, the password then opens only the account until a new one is chosen; reason kept, audited, e-mailed', async () => {
    const userId = await buildUser(t.dataSource, practiceId, 'practitioner', 'leaked@example.test', 'Zhao Lei');
    const before = await t.signIn('leaked@example.test');
    const res = await admin.post(`/api/users/${userId}/force-password-change`, { reason: 'Password seen on a sticky note' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: userId, passwordChangeRequired: true });
    expect((await before.get('/api/auth/me')).status).toBe(401);
    expect(await auditEventsOf(t.dataSource, res)).toEqual([{ action: 'password_change_forced', entity: 'users', entityId: userId, caseId: null, actorId: admin.userId }]);
    expect(await t.dataSource.query(`SELECT action, reason FROM account_interventions WHERE user_id = $1`, [userId]))
      .toEqual([{ action: 'password_change_forced', reason: 'Password seen on a sticky note' }]);
    // the person is told by e-mail (kept in the outbox here: no SMTP server), without the reason
    const mails = await t.dataSource.query(`SELECT subject, text_body FROM outbox_messages WHERE recipient_user_id = $1`, [userId]);
    expect(mails).toEqual([{ subject: 'Choose a new password for your Attune account', text_body: expect.stringContaining('/#/login') }]);
    expect(JSON.stringify(mails)).not.toContain('sticky note');

    const me = await t.signIn('leaked@example.test');
    expect((await me.get('/api/auth/me')).body).toMatchObject({ passwordChangeRequired: true });
    const refused = await me.get('/api/cases');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await me.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'copper kettle at dawn' });
    expect(changed.status).toBe(204);
    const renewed = ([] as string[]).concat(changed.headers['set-cookie'] ?? []).find((c) => c.startsWith('attune_session='))!.split(';')[0]!;
    expect((await t.http.get('/api/auth/me').set('Cookie', renewed)).body).toMatchObject({ passwordChangeRequired: false });
    expect((await t.http.get('/api/cases').set('Cookie', renewed)).status).toBe(200);
    expect((await admin.get(`/api/users/${userId}`)).body.passwordChangeRequired).toBe(false);
  });

  it('a password change is not forced on one\'s own account, on another practice\'s, nor without a reason', async () => {
    const userId = await buildUser(t.dataSource, practiceId, 'practitioner', 'kept@example.test');
    expect((await admin.post(`/api/users/${admin.userId}/force-password-change`, { reason: 'Trying on myself' })).status).toBe(409);
    expect((await otherAdmin.post(`/api/users/${userId}/force-password-change`, { reason: 'Not my practice' })).status).toBe(404);
    const missing = await admin.post(`/api/users/${userId}/force-password-change`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toHaveProperty('reason');
    expect((await practitioner.post(`/api/users/${userId}/force-password-change`, { reason: 'Not an admin' })).status).toBe(403);
    expect(await t.dataSource.query(`SELECT password_change_required FROM users WHERE id = $1`, [userId])).toEqual([{ password_change_required: false }]);
  });
});
