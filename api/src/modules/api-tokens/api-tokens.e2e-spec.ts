import { createHash } from 'node:crypto';
import request from 'supertest';
import { scopesForRole } from '@attune/domain';
import { demoCaseId, demoUserId } from '../../seed/demo-seed.js';
import { createDemoTestApp, type DemoTestApp } from '../../testing/test-app.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('personal API tokens', () => {
  let demo: DemoTestApp;
  const bearer = (token: string) => ({
    get: (url: string) => request(demo.t.app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) => request(demo.t.app.getHttpServer()).post(url).set('Authorization', `Bearer ${token}`).send(body),
  });

  beforeAll(async () => {
    demo = await createDemoTestApp('api_tokens');
  });
  afterAll(() => demo.t.close());

  it('is created with a name, scopes and an expiry, shown once and stored only as a hash', async () => {
    const res = await demo.therapist.post('/api/me/api-tokens', { name: 'Weekly report', scopes: ['cases:read'], expiresAt: inDays(30) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Weekly report', scopes: ['cases:read'], lastUsedAt: null, revokedAt: null });
    expect(res.body.token).toMatch(/^att_[A-Za-z0-9_-]{43}$/);
    expect(res.body.prefix).toBe(res.body.token.slice(0, 10));
    const [row] = await demo.t.owner.query(`SELECT token_hash, user_id, practice_id FROM api_tokens WHERE id = $1`, [res.body.id]);
    expect(row.token_hash).toBe(createHash('sha256').update(res.body.token).digest('hex'));
    expect(row.user_id).toBe(demoUserId('therapist'));
    const stored = JSON.stringify(await demo.t.owner.query(`SELECT * FROM api_tokens`));
    expect(stored).not.toContain(res.body.token);
    const listed = await demo.therapist.get('/api/me/api-tokens');
    expect(listed.body).toEqual([{ ...res.body, token: undefined }].map(({ token: _t, ...rest }) => rest));
  });

  it('works as Authorization: Bearer without cookies or XSRF, with the owner\'s access narrowed to its scopes', async () => {
    const { body: created } = await demo.therapist.post('/api/me/api-tokens', { name: 'Case reader', scopes: ['cases:read'], expiresAt: inDays(7) });
    const reader = bearer(created.token);
    const asSession = await demo.therapist.get('/api/cases?range=[0,49]');
    const asToken = await reader.get('/api/cases?range=[0,49]');
    expect(asToken.status).toBe(200);
    expect(asToken.body.map((c: { id: string }) => c.id)).toEqual(asSession.body.map((c: { id: string }) => c.id));
    expect((await reader.get(`/api/cases/${demoCaseId('he')}`)).status).toBe(404); // the coach's case: not the owner's
    expect((await reader.get('/api/auth/me')).body).toMatchObject({ id: demoUserId('therapist'), role: 'practitioner' });

    const write = await reader.post(`/api/cases/${demoCaseId('chen')}/transitions`, { toStage: 5, reason: 'Through a token' });
    expect([write.status, write.body.code]).toEqual([403, 'TOKEN_SCOPE']);
    const otherResource = await reader.get('/api/clients');
    expect([otherResource.status, otherResource.body.code]).toEqual([403, 'TOKEN_SCOPE']);
    const tokens = await reader.get('/api/me/api-tokens');
    expect([tokens.status, tokens.body.code]).toEqual([403, 'TOKEN_SCOPE']);
    const newToken = await reader.post('/api/me/api-tokens', { name: 'More', scopes: ['cases:write'], expiresAt: inDays(7) });
    expect([newToken.status, newToken.body.code]).toEqual([403, 'TOKEN_SCOPE']);

    const { body: writer } = await demo.therapist.post('/api/me/api-tokens', { name: 'Intake form', scopes: ['clients:write', 'clients:read'], expiresAt: inDays(7) });
    const created2 = await bearer(writer.token).post('/api/clients', { displayName: 'Ma Li (pseudonym)' });
    expect(created2.status).toBe(201);
    expect(created2.headers['set-cookie']).toBeUndefined();
  });

  it('is refused with every scope on each route the OpenAPI document gives the session cookie only, and taken where it gives a token', async () => {
    const { body: created } = await demo.therapist.post('/api/me/api-tokens', { name: 'Everything', scopes: scopesForRole('practitioner'), expiresAt: inDays(7) });
    const paths = (await demo.t.http.get('/api/docs-json')).body.paths as Record<string, Record<string, { security: Array<Record<string, string[]>> }>>;
    const routes = Object.entries(paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method, path, security: op.security })));
    const signedIn = routes.filter(({ path, security }) => security.length > 0 && path !== '/api/metrics');
    const cookieOnly = signedIn.filter(({ security }) => !security.some((s) => 'bearer' in s));
    expect(cookieOnly.length).toBeGreaterThanOrEqual(10);
    const server = request(demo.t.app.getHttpServer());
    for (const { method, path } of cookieOnly) {
      const url = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await server[method as 'get' | 'post' | 'put' | 'delete'](url).set('Authorization', `Bearer ${created.token}`).send({});
      expect([method, path, res.status, res.body.code]).toEqual([method, path, 403, 'TOKEN_SCOPE']);
    }
    // documented with the bearer scheme: the token is taken (its owner's account, a list its scopes cover)
    for (const path of ['/api/auth/me', '/api/cases']) {
      const route = signedIn.find((r) => r.path === path && r.method === 'get');
      expect([path, route?.security.some((s) => 'bearer' in s), (await bearer(created.token).get(path)).status]).toEqual([path, true, 200]);
    }
  });

  it('never gives more than the owner\'s role: scopes outside it are refused at creation and at use', async () => {
    const refused = await demo.therapist.post('/api/me/api-tokens', { name: 'Too much', scopes: ['users:read', 'audit-events:read'], expiresAt: inDays(7) });
    expect([refused.status, Object.keys(refused.body.errors)]).toEqual([400, ['scopes']]);
    const past = await demo.therapist.post('/api/me/api-tokens', { name: 'Old', scopes: ['cases:read'], expiresAt: inDays(-1) });
    expect([past.status, past.body.errors]).toEqual([400, { expiresAt: 'must be in the future' }]);
    const { body: client } = await demo.client.post('/api/me/api-tokens', { name: 'My journal app', scopes: ['me:read', 'me:write'], expiresAt: inDays(30) });
    expect((await bearer(client.token).get('/api/me/assignments')).status).toBe(200);
    expect((await bearer(client.token).get('/api/cases')).status).toBe(403);
  });

  it('audits every use as the token, and keeps its last use', async () => {
    const { body: created } = await demo.admin.post('/api/me/api-tokens', { name: 'Audit export', scopes: ['cases:read', 'audit-events:read'], expiresAt: inDays(7) });
    const res = await bearer(created.token).get(`/api/cases/${demoCaseId('chen')}`);
    expect(res.status).toBe(200);
    const rows = await demo.t.owner.query(
      `SELECT action, entity, entity_id, actor_id, api_token_id FROM audit_events WHERE correlation_id = $1 ORDER BY id`, [res.headers['x-correlation-id']]);
    expect(rows).toEqual([
      { action: 'use', entity: 'api-tokens', entity_id: created.id, actor_id: demoUserId('admin'), api_token_id: created.id },
      { action: 'read', entity: 'cases', entity_id: demoCaseId('chen'), actor_id: demoUserId('admin'), api_token_id: created.id },
    ]);
    const listed = await demo.admin.get('/api/me/api-tokens');
    expect(Date.parse(listed.body.find((t: { id: string }) => t.id === created.id).lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    const trail = await bearer(created.token).get('/api/audit-events?range=[0,4]');
    expect(trail.body.some((e: { apiTokenId: string | null }) => e.apiTokenId === created.id)).toBe(true);
  });

  it('stops working once revoked or expired; only its owner may revoke it', async () => {
    const { body: created } = await demo.therapist.post('/api/me/api-tokens', { name: 'Short lived', scopes: ['cases:read'], expiresAt: inDays(1) });
    expect((await demo.coach.delete(`/api/me/api-tokens/${created.id}`)).status).toBe(404);
    expect((await bearer(created.token).get('/api/cases')).status).toBe(200);
    const revoked = await demo.therapist.delete(`/api/me/api-tokens/${created.id}`);
    expect(revoked.status).toBe(200);
    expect(Date.parse(revoked.body.revokedAt)).toBeGreaterThan(Date.now() - 60_000);
    const after = await bearer(created.token).get('/api/cases');
    expect([after.status, after.body.code]).toEqual([401, 'UNAUTHENTICATED']);

    const { body: expiring } = await demo.therapist.post('/api/me/api-tokens', { name: 'Expiring', scopes: ['cases:read'], expiresAt: inDays(1) });
    await demo.t.owner.query(`UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
    expect((await bearer(expiring.token).get('/api/cases')).status).toBe(401);
    expect((await bearer('att_' + 'x'.repeat(43)).get('/api/cases')).status).toBe(401);
  });
});
