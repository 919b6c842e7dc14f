import { buildPractice, buildUser, createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';

function sessionCookieOf(setCookie: string | string[] | undefined): string {
  return ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('attune_session='))!.split(';')[0]!;
}

describe('sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('auth', { LOGIN_THROTTLE_LIMIT: '1000' });
    const practiceId = await buildPractice(t.dataSource);
    await buildUser(t.dataSource, practiceId, 'practitioner', 'therapist@example.test', 'Dr. Test');
    await buildUser(t.dataSource, practiceId, 'client', 'lock.me@example.test');
  });
  afterAll(() => t.close());

  it('signs in with email and password and sets an httpOnly SameSite=Strict session cookie and a readable XSRF cookie', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'Therapist@Example.test', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String), email: 'therapist@example.test', role: 'practitioner', displayName: 'Dr. Test',
      clientId: null, totpEnabled: false, totpEnrolmentRequired: false, passwordChangeRequired: false,
    });
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('attune_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(Buffer.from(session.split(';')[0]!.split('=')[1]!, 'base64url').length).toBeGreaterThanOrEqual(16);
    const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))!;
    expect(xsrf).not.toMatch(/HttpOnly/);
  });

  it('answers an unknown email and a wrong password with the same 401', async () => {
    const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody@example.test', password: TEST_PASSWORD });
    const wrong = await t.http.post('/api/auth/login').send({ email: 'therapist@example.test', password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('names the missing field in a 400', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'therapist@example.test' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('password');
  });

  it('returns the signed-in user from /me and forgets them after logout', async () => {
    const me = await t.signIn('therapist@example.test');
    const before = await me.get('/api/auth/me');
    expect(before.status).toBe(200);
    expect(before.body.email).toBe('therapist@example.test');
    expect((await me.post('/api/auth/logout')).status).toBe(204);
    expect((await me.get('/api/auth/me')).status).toBe(401);
  });

  it('ends the browser\'s previous session when it signs in again (the cookie it still sends is deleted on the server)', async () => {
    const first = await t.http.post('/api/auth/login').send({ email: 'therapist@example.test', password: TEST_PASSWORD });
    const firstCookie = sessionCookieOf(first.headers['set-cookie']);
    expect((await t.http.get('/api/auth/me').set('Cookie', firstCookie)).status).toBe(200);
    const second = await t.http.post('/api/auth/login').set('Cookie', firstCookie).send({ email: 'therapist@example.test', password: TEST_PASSWORD });
    expect(second.status).toBe(200);
    const secondCookie = sessionCookieOf(second.headers['set-cookie']);
    expect(secondCookie).not.toBe(firstCookie);
    expect((await t.http.get('/api/auth/me').set('Cookie', firstCookie)).status).toBe(401);
    expect((await t.http.get('/api/auth/me').set('Cookie', secondCookie)).status).toBe(200);
  });

  it('audits a sign-out as the account\'s logout', async () => {
    const me = await t.signIn('therapist@example.test');
    const res = await me.post('/api/auth/logout');
    expect(res.status).toBe(204);
    const events = await t.dataSource.query(
      `SELECT action, entity, entity_id, actor_id, correlation_id FROM audit_events WHERE correlation_id = $1`, [res.headers['x-correlation-id']]);
    expect(events).toEqual([{ action: 'logout', entity: 'users', entity_id: me.userId, actor_id: me.userId, correlation_id: res.headers['x-correlation-id'] }]);
    // a second sign-out of the same (ended) session writes nothing
    const again = await me.post('/api/auth/logout');
    expect(await t.dataSource.query(`SELECT 1 FROM audit_events WHERE correlation_id = $1`, [again.headers['x-correlation-id']])).toEqual([]);
  });

  it('refuses a mutation without the X-XSRF-TOKEN header with 403', async () => {
    const me = await t.signIn('therapist@example.test');
    const res = await me.post('/api/auth/logout').set('X-XSRF-TOKEN', 'wrong');
    expect(res.status).toBe(204); // logout is public: it only ends the caller's own session
    const res2 = await t.signIn('therapist@example.test');
    const blocked = await res2.post('/api/clients', { displayName: 'X' }).set('X-XSRF-TOKEN', 'forged');
    expect(blocked.status).toBe(403);
  });

  it('slows an account down after repeated failures with 429 and Retry-After, then lets the right password in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await t.http.post('/api/auth/login').send({ email: 'lock.me@example.test', password: 'wrong password' })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const early = await t.http.post('/api/auth/login').send({ email: 'lock.me@example.test', password: TEST_PASSWORD });
    expect(early.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, Number(early.headers['retry-after']) * 1000 + 100));
    const right = await t.http.post('/api/auth/login').send({ email: 'lock.me@example.test', password: TEST_PASSWORD });
    expect(right.status).toBe(200);
  });

  it('ends a session that has been idle past its role\'s limit', async () => {
    const me = await t.signIn('therapist@example.test');
    await t.dataSource.query(`UPDATE login_sessions SET last_seen_at = now() - interval '16 minutes' WHERE user_id = $1`, [me.userId]);
    expect((await me.get('/api/auth/me')).status).toBe(401);
  });

  it('answers /api/health when the database is up', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.database).toBe('up');
  });
});
