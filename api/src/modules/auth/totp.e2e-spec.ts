import { generate } from 'otplib';
import { buildPractice, buildUser, createTestApp, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const now = () => Math.floor(Date.now() / 1000);
const codeAt = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: now() + offsetSeconds });

describe('two-step sign-in (TOTP)', () => {
  let t: TestApp;
  let practiceId: string;
  let strictPracticeId: string;
  beforeAll(async () => {
    t = await createTestApp('totp', { LOGIN_THROTTLE_LIMIT: '1000', ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
    practiceId = await buildPractice(t.dataSource);
    strictPracticeId = await buildPractice(t.dataSource, 'Strict Practice');
    await t.dataSource.query(`UPDATE practices SET totp_required_for_staff = true WHERE id = $1`, [strictPracticeId]);
  });
  afterAll(() => t.close());

  async function enrolled(email: string, role: 'practitioner' | 'client' | 'admin' = 'practitioner', practice = practiceId):
    Promise<{ me: SignedInClient; secret: string; recoveryCodes: string[]; userId: string }> {
    const userId = await buildUser(t.dataSource, practice, role, email);
    const me = await t.signIn(email);
    const enrol = await me.post('/api/auth/totp/enrol');
    expect(enrol.status).toBe(200);
    const secret = enrol.body.secret as string;
    const confirm = await me.post('/api/auth/totp/confirm', { code: await codeAt(secret), password: TEST_PASSWORD });
    expect(confirm.status).toBe(200);
    return { me, secret, recoveryCodes: confirm.body.recoveryCodes, userId };
  }

  const login = (email: string, totp?: string) =>
    t.http.post('/api/auth/login').send({ email, password: TEST_PASSWORD, ...(totp === undefined ? {} : { totp }) });

  it('enrols with an otpauth URL and a QR code, and keeps the secret sealed in the database', async () => {
    const userId = await buildUser(t.dataSource, practiceId, 'practitioner', 'enrol@example.test');
    const me = await t.signIn('enrol@example.test');
    const res = await me.post('/api/auth/totp/enrol');
    expect(res.status).toBe(200);
    expect(res.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Attune:enrol%40example\.test\?secret=[A-Z2-7]+&issuer=Attune$/);
    expect(res.body.qrCode).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
    expect(Buffer.from(res.body.qrCode.split(',')[1], 'base64').subarray(1, 4).toString()).toBe('PNG');
    const [row] = await t.dataSource.query(`SELECT totp_secret, totp_enabled FROM users WHERE id = $1`, [userId]);
    expect(row.totp_enabled).toBe(false);
    expect(row.totp_secret).toMatch(/^v1:/);
    expect(row.totp_secret).not.toContain(res.body.secret);
    // still off until confirmed: sign-in needs no code yet
    expect((await login('enrol@example.test')).status).toBe(200);
  });

  it('refuses a wrong code at confirmation with a 400 naming the code field', async () => {
    await buildUser(t.dataSource, practiceId, 'practitioner', 'wrong.confirm@example.test');
    const me = await t.signIn('wrong.confirm@example.test');
    const enrol = await me.post('/api/auth/totp/enrol');
    const current = await codeAt(enrol.body.secret);
    const wrong = current === '000000' ? '111111' : '000000';
    const res = await me.post('/api/auth/totp/confirm', { code: wrong, password: TEST_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('code');
    const malformed = await me.post('/api/auth/totp/confirm', { code: '12ab', password: TEST_PASSWORD });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toHaveProperty('code');
  });

  it('turns on only with the account\'s password, and ends the account\'s other sessions', async () => {
    await buildUser(t.dataSource, practiceId, 'practitioner', 'password.first@example.test');
    const laptop = await t.signIn('password.first@example.test');
    const phone = await t.signIn('password.first@example.test');
    const enrol = await laptop.post('/api/auth/totp/enrol');
    const missing = await laptop.post('/api/auth/totp/confirm', { code: await codeAt(enrol.body.secret) });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual({ password: 'is required' });
    const wrong = await laptop.post('/api/auth/totp/confirm', { code: await codeAt(enrol.body.secret), password: 'someone else guessing' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual({ password: 'is not your current password' });
    expect((await laptop.get('/api/auth/totp')).body.enabled).toBe(false);
    expect((await phone.get('/api/auth/me')).status).toBe(200);
    const ok = await laptop.post('/api/auth/totp/confirm', { code: await codeAt(enrol.body.secret), password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
  });

  it('confirms with a current code, returns 10 recovery codes once and stores only their hashes', async () => {
    const { me, recoveryCodes, userId } = await enrolled('confirm@example.test');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
    const [row] = await t.dataSource.query(`SELECT totp_enabled, totp_recovery_hashes, totp_last_step FROM users WHERE id = $1`, [userId]);
    expect(row.totp_enabled).toBe(true);
    expect(row.totp_last_step).not.toBeNull();
    expect(row.totp_recovery_hashes).toHaveLength(10);
    for (const hash of row.totp_recovery_hashes as string[]) {
      expect(hash).toMatch(/^\$argon2id\$/);
      for (const code of recoveryCodes) expect(hash).not.toContain(code.replace('-', ''));
    }
    // the secret is never shown again: enrolling again is refused, /me and status show no secret
    const again = await me.post('/api/auth/totp/enrol');
    expect(again.status).toBe(409);
    const account = await me.get('/api/auth/me');
    expect(account.body).toMatchObject({ email: 'confirm@example.test', totpEnabled: true, totpEnrolmentRequired: false });
    expect(JSON.stringify(account.body)).not.toMatch(/secret/i);
    expect((await me.get('/api/auth/totp')).body).toEqual({ enabled: true, recoveryCodesLeft: 10 });
  });

  it('asks for the code at sign-in, accepts it once, and refuses the same or an earlier step', async () => {
    const { secret } = await enrolled('login@example.test');
    const missing = await login('login@example.test');
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('TOTP_REQUIRED');

    // the code of the next step (a phone clock 30 s ahead) is accepted: it is later than the one used at confirmation
    const ahead = await codeAt(secret, 30);
    const first = await login('login@example.test', ahead);
    expect(first.status).toBe(200);
    const replay = await login('login@example.test', ahead);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('TOTP_INVALID');
    // the current step is now earlier than the last one used: refused too
    const current = await codeAt(secret);
    if (current !== ahead) expect((await login('login@example.test', current)).status).toBe(401);
  });

  it('lets only one of two simultaneous sign-ins with the same code through', async () => {
    const { secret } = await enrolled('race@example.test');
    const code = await codeAt(secret, 30);
    const results = await Promise.all([login('race@example.test', code), login('race@example.test', code), login('race@example.test', code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('refuses a code two steps away and a code from another secret', async () => {
    const { secret } = await enrolled('window@example.test');
    const far = await codeAt(secret, 90);
    const ahead = await codeAt(secret, 30);
    const now0 = await codeAt(secret, 0);
    if (far !== ahead && far !== now0) expect((await login('window@example.test', far)).status).toBe(401);
    const other = await enrolled('window.other@example.test');
    const foreign = await codeAt(other.secret, 30);
    if (foreign !== ahead) expect((await login('window@example.test', foreign)).status).toBe(401);
  });

  it('accepts each recovery code once, with or without its hyphen, in any case', async () => {
    const { recoveryCodes, me } = await enrolled('recovery@example.test');
    const [a, b] = recoveryCodes as [string, string];
    expect((await login('recovery@example.test', a)).status).toBe(200);
    expect((await login('recovery@example.test', a)).status).toBe(401);
    expect((await login('recovery@example.test', b.replace('-', '').toUpperCase())).status).toBe(200);
    expect((await me.get('/api/auth/totp')).body.recoveryCodesLeft).toBe(8);
  });

  it('turns off only with the password and a current code', async () => {
    const { me, secret } = await enrolled('disable@example.test');
    const code = await codeAt(secret, 30);
    const wrongPassword = await me.post('/api/auth/totp/disable', { password: 'not it at all', code });
    expect(wrongPassword.status).toBe(401);
    const missing = await me.post('/api/auth/totp/disable', { password: TEST_PASSWORD });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toHaveProperty('code');
    const ok = await me.post('/api/auth/totp/disable', { password: TEST_PASSWORD, code: await codeAt(secret, 30) });
    // the first attempt above did not use the code up (its password was wrong)
    expect(ok.status).toBe(204);
    expect((await login('disable@example.test')).status).toBe(200);
    const [row] = await t.dataSource.query(`SELECT totp_secret, totp_recovery_hashes FROM users WHERE email = 'disable@example.test'`);
    expect(row).toEqual({ totp_secret: null, totp_recovery_hashes: [] });
  });

  it('does not open a sealed secret copied onto another account', async () => {
    const victim = await enrolled('victim@example.test');
    const thiefId = await buildUser(t.dataSource, practiceId, 'practitioner', 'thief@example.test');
    await t.dataSource.query(
      `UPDATE users SET totp_secret = v.totp_secret, totp_enabled = true FROM users v WHERE v.id = $1 AND users.id = $2`,
      [victim.userId, thiefId],
    );
    expect((await login('thief@example.test', await codeAt(victim.secret, 30))).status).toBe(401);
  });

  describe('when the practice requires it for staff', () => {
    it('lets staff without it reach only enrolment, confirmation, their account and sign-out', async () => {
      await buildUser(t.dataSource, strictPracticeId, 'practitioner', 'strict@example.test');
      const me = await t.signIn('strict@example.test');
      const blocked = await me.get('/api/clients');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('TOTP_ENROLMENT_REQUIRED');
      const password = await me.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a much longer passphrase' });
      expect(password.status).toBe(403);
      const account = await me.get('/api/auth/me');
      expect(account.status).toBe(200);
      expect(account.body.totpEnrolmentRequired).toBe(true);
      const enrol = await me.post('/api/auth/totp/enrol');
      expect(enrol.status).toBe(200);
      const confirm = await me.post('/api/auth/totp/confirm', { code: await codeAt(enrol.body.secret), password: TEST_PASSWORD });
      expect(confirm.status).toBe(200);
      expect((await me.get('/api/clients')).status).toBe(200);
      expect((await me.post('/api/auth/logout')).status).toBe(204);
    });

    it('applies to admins too, not to clients, and refuses turning it off', async () => {
      await buildUser(t.dataSource, strictPracticeId, 'admin', 'strict.admin@example.test');
      const admin = await t.signIn('strict.admin@example.test');
      expect((await admin.get('/api/clients')).body.code).toBe('TOTP_ENROLMENT_REQUIRED');
      await buildUser(t.dataSource, strictPracticeId, 'client', 'strict.client@example.test');
      const client = await t.signIn('strict.client@example.test');
      expect((await client.get('/api/auth/me')).body.totpEnrolmentRequired).toBe(false);
      expect((await client.get('/api/clients')).status).toBe(403);
      expect((await client.get('/api/clients')).body.code).toBe('FORBIDDEN'); // the role's refusal, not TOTP_ENROLMENT_REQUIRED

      const { me, secret } = await enrolled('strict.enrolled@example.test', 'practitioner', strictPracticeId);
      const off = await me.post('/api/auth/totp/disable', { password: TEST_PASSWORD, code: await codeAt(secret, 30) });
      expect(off.status).toBe(409);
      expect(off.body.code).toBe('TOTP_REQUIRED_BY_PRACTICE');
    });
  });
});
