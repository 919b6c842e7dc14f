import request from 'supertest';
import { startDemoApp, startTestDatabase, type DemoApp, type TestDatabase } from './harness.js';

/** Headers and transport: what every answer of the API carries, with and without TLS settings. */
describe('security headers', () => {
  let database: TestDatabase;
  let plain: DemoApp;
  beforeAll(async () => {
    database = await startTestDatabase('headers');
    plain = await startDemoApp('headers', {}, database);
  });
  afterAll(async () => {
    await plain?.close();
    await database?.stop();
  });

  const probes = () => [
    { name: 'health (200)', test: plain.anonymous('get', '/api/health'), status: 200 },
    { name: 'me signed out (401)', test: plain.anonymous('get', '/api/auth/me'), status: 401 },
    { name: 'unknown route (404)', test: plain.anonymous('get', '/api/no-such-thing'), status: 404 },
    { name: 'bad sign-in body (400)', test: plain.anonymous('post', '/api/auth/login').send({ email: 1 }), status: 400 },
    { name: 'OpenAPI document (200)', test: plain.anonymous('get', '/api/docs-json'), status: 200 },
  ];

  it('sends Cache-Control: no-store and no X-Powered-By on every API answer, errors included', async () => {
    for (const probe of probes()) {
      const res = await probe.test;
      expect({ name: probe.name, status: res.status, cache: res.headers['cache-control'], poweredBy: res.headers['x-powered-by'] })
        .toEqual({ name: probe.name, status: probe.status, cache: 'no-store', poweredBy: undefined });
    }
  });

  it('sends a strict Content-Security-Policy: scripts only from the app itself, no framing, no plugins', async () => {
    const res = await plain.anonymous('get', '/api/health');
    const csp = parseCsp(res.headers['content-security-policy']);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    for (const directive of Object.values(csp)) {
      expect(directive).not.toContain("'unsafe-eval'");
      expect(directive.some((source) => source === '*' || source === 'http:' || source === 'https:')).toBe(false);
    }
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sets the session cookie httpOnly and SameSite=Strict, and not Secure without COOKIE_SECURE', async () => {
    const res = await plain.anonymous('post', '/api/auth/login').send({ email: 'therapist@attune.test', password: 'attune-demo' });
    const session = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('attune_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).not.toMatch(/Secure/);
    expect(session).not.toMatch(/Expires|Max-Age/i); // a browser-session cookie: gone when the browser closes
  });

  it('answers a cross-origin browser request without any CORS permission when CORS_ORIGIN is unset', async () => {
    const preflight = await plain.anonymous('options' as 'get', '/api/clients')
      .set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const simple = await plain.anonymous('get', '/api/health').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps clinical text out of URLs: every path parameter of every route is an id', async () => {
    const doc = (await plain.anonymous('get', '/api/docs-json')).body as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>> };
    const params = Object.entries(doc.paths).flatMap(([p, ops]) => Object.values(ops).flatMap((op) =>
      (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => `${p} ${x.name}`)));
    const pathParams = new Set(Object.keys(doc.paths).flatMap((p) => [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)));
    // the names that are not ids, none of them clinical: a practice's public slug, a questionnaire's
    // catalogue key (phq-9), a calendar feed's file name (its random token)
    const NOT_IDS = ['slug', 'key', 'file'];
    expect([...pathParams].filter((name) => !/^(id|[a-z]+Id)$/.test(name) && !NOT_IDS.includes(name))).toEqual([]);
    expect(params.length).toBeGreaterThanOrEqual(0);
  });

  describe('behind TLS (COOKIE_SECURE=1)', () => {
    let secure: DemoApp;
    beforeAll(async () => {
      secure = await startDemoApp('headers', { COOKIE_SECURE: '1' }, database);
    });
    afterAll(() => secure?.close());

    it('sends HSTS for a year with subdomains, upgrades insecure requests, and marks both cookies Secure', async () => {
      const res = await secure.anonymous('get', '/api/health');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(parseCsp(res.headers['content-security-policy'])['upgrade-insecure-requests']).toEqual([]);
      const login = await secure.anonymous('post', '/api/auth/login').send({ email: 'coach@attune.test', password: 'attune-demo' });
      const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
      expect(cookies.filter((c) => /^(attune_session|XSRF-TOKEN)=/.test(c))).toHaveLength(2);
      for (const c of cookies) expect(c).toMatch(/; Secure/);
    });
  });

  describe('with CORS_ORIGIN set', () => {
    let cors: DemoApp;
    beforeAll(async () => {
      cors = await startDemoApp('headers', { CORS_ORIGIN: 'https://app.example' }, database);
    });
    afterAll(() => cors?.close());

    it('allows exactly the named origin, with credentials, and no other', async () => {
      const allowed = await request(cors.server).options('/api/clients')
        .set('Origin', 'https://app.example').set('Access-Control-Request-Method', 'PUT');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const refused = await request(cors.server).options('/api/clients')
        .set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'PUT');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      const exposed = await request(cors.server).get('/api/health').set('Origin', 'https://app.example');
      expect(exposed.headers['access-control-expose-headers']).toMatch(/Content-Range/);
    });
  });
});

function parseCsp(header: string | undefined): Record<string, string[]> {
  expect(header).toBeDefined();
  return Object.fromEntries(header!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name!, sources];
  }));
}
