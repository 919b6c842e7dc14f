import { buildPractice, buildUser, createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';

describe('changing a password', () => {
  let t: TestApp;
  let practiceId: string;
  beforeAll(async () => {
    t = await createTestApp('password', { LOGIN_THROTTLE_LIMIT: '1000' });
    practiceId = await buildPractice(t.dataSource);
  });
  afterAll(() => t.close());

  it('needs a session', async () => {
    const res = await t.http.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'walnut lantern harbour' });
    expect(res.status).toBe(401);
  });

  it('refuses a wrong current password, a short, a common and a name-based new one, naming the field', async () => {
    await buildUser(t.dataSource, practiceId, 'practitioner', 'wang.fang@example.test', 'Wang Fang');
    const me = await t.signIn('wang.fang@example.test');
    const cases: Array<[object, string, RegExp]> = [
      [{ currentPassword: 'not my password', newPassword: 'walnut lantern harbour' }, 'currentPassword', /not your current password/],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'short7!' }, 'newPassword', /at least 8/],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'x'.repeat(129) }, 'newPassword', /at most 128/],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'password1' }, 'newPassword', /most commonly used/],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'Iloveyou1' }, 'newPassword', /most commonly used/],
      [{ currentPassword: TEST_PASSWORD, newPassword: 'wang.fang2026' }, 'newPassword', /too close/],
      [{ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }, 'newPassword', /same as your current/],
      [{ currentPassword: TEST_PASSWORD }, 'newPassword', /required/],
    ];
    for (const [body, field, message] of cases) {
      const res = await me.post('/api/auth/password', body);
      expect({ status: res.status, field: res.body.errors?.[field] }).toEqual({ status: 400, field: expect.stringMatching(message) });
    }
    // a long passphrase without digits or symbols is fine: no composition rules
    expect((await me.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'quiet river under the old bridge' })).status).toBe(204);
  });

  it('ends every other session of the account and keeps this one (under a new id)', async () => {
    await buildUser(t.dataSource, practiceId, 'client', 'two.browsers@example.test');
    const laptop = await t.signIn('two.browsers@example.test');
    const phone = await t.signIn('two.browsers@example.test');
    const res = await laptop.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'seven orange lanterns' });
    expect(res.status).toBe(204);
    const renewed = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('attune_session='))!.split(';')[0]!;
    expect((await t.http.get('/api/auth/me').set('Cookie', renewed)).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: 'two.browsers@example.test', password: TEST_PASSWORD })).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: 'two.browsers@example.test', password: 'seven orange lanterns' })).status).toBe(200);
    const events = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'password_change'`, [laptop.userId]);
    expect(events).toHaveLength(1);
  });

  it('gives this browser a new session id: the old cookie no longer works, the new one does', async () => {
    await buildUser(t.dataSource, practiceId, 'client', 'rotate@example.test');
    const login = await t.http.post('/api/auth/login').send({ email: 'rotate@example.test', password: TEST_PASSWORD });
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!);
    const oldSession = cookies.find((c) => c.startsWith('attune_session='))!;
    const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))!;
    const res = await t.http.post('/api/auth/password').set('Cookie', `${oldSession}; ${xsrf}`).set('X-XSRF-TOKEN', xsrf.split('=')[1]!)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'seven orange lanterns' });
    expect(res.status).toBe(204);
    const newSession = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('attune_session='))!;
    expect(newSession).toMatch(/HttpOnly/);
    expect(newSession).toMatch(/SameSite=Strict/);
    expect(newSession.split(';')[0]).not.toBe(oldSession);
    expect((await t.http.get('/api/auth/me').set('Cookie', oldSession)).status).toBe(401);
    expect((await t.http.get('/api/auth/me').set('Cookie', newSession.split(';')[0]!)).status).toBe(200);
    // the XSRF token stays that of the session, which keeps its age and its idle clock
    const again = await t.http.post('/api/auth/password').set('Cookie', `${newSession.split(';')[0]}; ${xsrf}`).set('X-XSRF-TOKEN', xsrf.split('=')[1]!)
      .send({ currentPassword: 'seven orange lanterns', newPassword: 'eight yellow lanterns' });
    expect(again.status).toBe(204);
  });

  it('counts wrong current passwords toward the account\'s sign-in delays', async () => {
    await buildUser(t.dataSource, practiceId, 'client', 'guesser@example.test');
    const me = await t.signIn('guesser@example.test');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await me.post('/api/auth/password', { currentPassword: `guess number ${i}`, newPassword: 'seven orange lanterns' })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});

describe('ending sessions', () => {
  let t: TestApp;
  let practiceId: string;
  beforeAll(async () => {
    t = await createTestApp('sessions_end', { LOGIN_THROTTLE_LIMIT: '3' });
    practiceId = await buildPractice(t.dataSource);
  });
  afterAll(() => t.close());

  it('throttles sign-in per address with 429, whatever the account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.http.post('/api/auth/login').send({ email: `nobody${i}@example.test`, password: 'whatever it is' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('refuses the session of a deactivated account at once, and endSessions removes them', async () => {
    // sign in before the address throttle of this file is used up: buildUser + direct session rows
    const userId = await buildUser(t.dataSource, practiceId, 'practitioner', 'leaving@example.test');
    const { AuthService } = await import('./auth.service.js');
    const auth = t.app.get(AuthService);
    const result = await auth.login({ email: 'leaving@example.test', password: TEST_PASSWORD }, { ip: null, userAgent: null });
    const cookie = `attune_session=${result.sessionToken}`;
    expect((await t.http.get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [userId]);
    expect((await t.http.get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    await t.dataSource.query(`UPDATE users SET active = true WHERE id = $1`, [userId]);
    const again = await auth.login({ email: 'leaving@example.test', password: TEST_PASSWORD }, { ip: null, userAgent: null });
    await auth.endSessions(userId);
    expect((await t.http.get('/api/auth/me').set('Cookie', `attune_session=${again.sessionToken}`)).status).toBe(401);
    expect(await t.dataSource.query(`SELECT 1 FROM login_sessions WHERE user_id = $1`, [userId])).toHaveLength(0);
  });
});
