import { DEMO } from './fixtures.js';
import { startDemoApp, type DemoApp, type SignedIn } from './harness.js';

/** Accounts as an admin manages them: deactivation ends every session at once; new passwords follow the rules. */
describe('accounts', () => {
  let t: DemoApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await startDemoApp('accounts');
    admin = await t.signIn('admin@attune.test');
  });
  afterAll(() => t?.close());

  it('ends every session of a user the admin deactivates, and refuses their sign-in', async () => {
    const laptop = await t.signIn('liu.jia@attune.test');
    const phone = await t.signIn('liu.jia@attune.test');
    expect((await laptop.req('get', '/api/me/assignments')).status).toBe(200);
    const user = (await admin.req('get', `/api/users/${DEMO.users.liu}`)).body;
    const res = await admin.req('put', `/api/users/${DEMO.users.liu}`).send({ ...user, active: false });
    expect(res.status).toBe(200);
    expect(await t.dataSource.query(`SELECT 1 FROM login_sessions WHERE user_id = $1`, [DEMO.users.liu])).toHaveLength(0);
    expect((await laptop.req('get', '/api/me/assignments')).status).toBe(401);
    expect((await phone.req('get', '/api/auth/me')).status).toBe(401);
    const login = await t.anonymous('post', '/api/auth/login').send({ email: 'liu.jia@attune.test', password: 'attune-demo' });
    expect(login.status).toBe(401);
    // back on: signs in again
    expect((await admin.req('put', `/api/users/${DEMO.users.liu}`).send({ ...user, active: true })).status).toBe(200);
    expect((await t.anonymous('post', '/api/auth/login').send({ email: 'liu.jia@attune.test', password: 'attune-demo' })).status).toBe(200);
  });

  it('ends the sessions of a user whose role changes', async () => {
    const coach = await t.signIn('coach@attune.test');
    const user = (await admin.req('get', `/api/users/${DEMO.users.coach}`)).body;
    expect((await admin.req('put', `/api/users/${DEMO.users.coach}`).send({ ...user, role: 'admin' })).status).toBe(200);
    expect((await coach.req('get', '/api/auth/me')).status).toBe(401);
    expect((await admin.req('put', `/api/users/${DEMO.users.coach}`).send({ ...user, role: 'practitioner' })).status).toBe(200);
  });

  it('refuses a common, short or name-based password for a new account at its activation, naming the field', async () => {
    const created = await admin.req('post', '/api/users').send({ email: 'new.colleague@attune.test', displayName: 'New Colleague', role: 'practitioner' });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toMatch(/passwordHash|password_hash|totpSecret|recovery|argon2/i);
    const [mail] = await t.dataSource.query(`SELECT text_body FROM outbox_messages WHERE recipient_user_id = $1 AND kind = 'invitation'`, [created.body.id]);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text_body as string)![1];
    for (const password of ['password1', 'qwertyuiop', 'short', 'new.colleague2026']) {
      const res = await t.anonymous('post', '/api/auth/activate').send({ token, password });
      expect({ password, status: res.status, field: typeof res.body.errors?.password }).toEqual({ password, status: 400, field: 'string' });
    }
    expect((await t.anonymous('post', '/api/auth/activate').send({ token, password: 'lanterns over the harbour' })).status).toBe(204);
    await t.signIn('new.colleague@attune.test', 'lanterns over the harbour');
  });
});
