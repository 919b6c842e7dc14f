import { DEMO } from './fixtures.js';
import { startDemoApp, type DemoApp } from './harness.js';

/**
 * What the API prints: errors with a correlation id, never a request body, a password, a note or
 * any other clinical text, and never a value of a failed query, even when PostgreSQL's own error
 * message would quote it.
 */
describe('logs', () => {
  let t: DemoApp;
  let captured = '';
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

  beforeAll(async () => {
    const capture = (chunk: unknown, ...rest: unknown[]) => {
      captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
    process.stdout.write = capture;
    process.stderr.write = capture;
    t = await startDemoApp('logs', { LOG_LEVEL: 'debug' }, undefined, { logs: true });
  });
  afterAll(async () => {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
    await t?.close();
  });

  const CANARY = 'CANARY-7f3a: she said the panic comes at night';

  it('prints no body, password or clinical text on sign-in, writes, rejected input, database refusals and server errors', async () => {
    // a wrong password
    await t.anonymous('post', '/api/auth/login').send({ email: 'therapist@attune.test', password: `${CANARY} as a password` });
    const therapist = await t.signIn('therapist@attune.test');
    // an accepted write with clinical text
    const created = await therapist.req('post', '/api/exceptions').send({
      caseId: DEMO.chen.caseId, clientId: DEMO.chen.clientId, occurredAt: new Date().toISOString(), context: CANARY, tags: [],
    });
    expect(created.status).toBe(201);
    // rejected input carrying it
    expect((await therapist.req('post', '/api/exceptions').send({ caseId: 'not-a-uuid', context: CANARY })).status).toBe(400);
    // the database refuses it (a check constraint added for the test)
    await t.dataSource.query(`ALTER TABLE case_exceptions ADD CONSTRAINT logs_probe CHECK (context NOT LIKE 'CANARY-7f3a: refused%')`);
    // and a trigger fails with the text in PostgreSQL's own message: an unexpected error (500)
    await t.dataSource.query(`
      CREATE FUNCTION logs_probe_raise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.context LIKE 'CANARY-7f3a: boom%' THEN RAISE EXCEPTION 'could not store %', NEW.context; END IF;
        RETURN NEW;
      END $$`);
    await t.dataSource.query(`CREATE TRIGGER logs_probe_raise BEFORE INSERT ON case_exceptions FOR EACH ROW EXECUTE FUNCTION logs_probe_raise()`);
    try {
      const refused = await therapist.req('post', '/api/exceptions').send({
        caseId: DEMO.chen.caseId, clientId: DEMO.chen.clientId, occurredAt: new Date().toISOString(), context: `CANARY-7f3a: refused ${CANARY}`, tags: [],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toBeDefined();
      const boom = await therapist.req('post', '/api/exceptions').send({
        caseId: DEMO.chen.caseId, clientId: DEMO.chen.clientId, occurredAt: new Date().toISOString(), context: `CANARY-7f3a: boom ${CANARY}`, tags: [],
      });
      expect(boom.status).toBe(500);
      expect(boom.text).not.toContain('CANARY');
      expect(boom.body.correlationId).toEqual(expect.any(String));
      // the error is in the log, findable by its correlation id, without the text
      expect(captured).toContain(boom.body.correlationId);
    } finally {
      await t.dataSource.query(`DROP TRIGGER logs_probe_raise ON case_exceptions`);
      await t.dataSource.query(`DROP FUNCTION logs_probe_raise()`);
      await t.dataSource.query(`ALTER TABLE case_exceptions DROP CONSTRAINT logs_probe`);
    }
    // reads of the record
    expect((await therapist.req('get', `/api/exceptions/${created.body.id}`)).status).toBe(200);
    expect((await therapist.req('get', `/api/exceptions?filter=${encodeURIComponent(JSON.stringify({ q: 'CANARY' }))}`)).status).toBe(200);

    expect(captured).toContain('query failed');
    expect(captured).toContain('parameters withheld');
    expect(captured).not.toContain('CANARY');
    expect(captured).not.toContain('panic comes at night');
    expect(captured).not.toContain('attune-demo');
  });

  it('gives every error body the correlation id of its X-Correlation-Id header and its log line', async () => {
    const therapist = await t.signIn('therapist@attune.test');
    const invalid = await therapist.req('post', '/api/exceptions').send({ caseId: 'not-a-uuid', tags: [] });
    const unreadable = await therapist.req('post', '/api/exceptions').set('Content-Type', 'application/json').send('{"caseId":');
    const missing = await therapist.req('get', '/api/exceptions/00000000-0000-4000-8000-000000000001');
    await new Promise((r) => setTimeout(r, 100));
    const lines = captured.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const [res, status] of [[invalid, 400], [unreadable, 400], [missing, 404]] as const) {
      expect({ status: res.status, correlationId: res.body.correlationId }).toEqual({ status, correlationId: res.headers['x-correlation-id'] });
    }
    const logged = (res: typeof invalid) => lines.some((l) => l.correlationId === res.headers['x-correlation-id'] && l.status === res.status);
    // (a body the parser cannot read is answered before the request logger's middleware runs: no line of its own yet)
    expect({ invalid: logged(invalid), missing: logged(missing) }).toEqual({ invalid: true, missing: true });
    expect(new Set([invalid, unreadable, missing].map((r) => r.body.correlationId)).size).toBe(3);
  });

  it('writes one JSON line per API request: correlation id, method, route template, status, duration and user, no URL', async () => {
    const therapist = await t.signIn('therapist@attune.test');
    const search = encodeURIComponent(JSON.stringify({ q: 'CANARY-7f3a' }));
    const read = await therapist.req('get', `/api/exceptions/${DEMO.chen.caseId}?filter=${search}`);
    expect(read.status).toBe(404);
    const correlationId = read.headers['x-correlation-id'];
    await new Promise((r) => setTimeout(r, 100));
    const lines = captured.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = lines.find((l) => l.correlationId === correlationId);
    expect(line).toEqual({
      level: 30, time: expect.any(String), correlationId, msg: 'GET /api/exceptions/:id 404',
      method: 'GET', route: '/api/exceptions/:id', status: 404, durationMs: expect.any(Number), userId: therapist.userId,
    });
    // Nest's own messages are JSON lines too, and the error of a 500 carries its request's correlation id
    const error = lines.find((l) => l.level === 50 && typeof l.msg === 'string' && l.msg.startsWith('Unexpected error'));
    expect(error).toMatchObject({ correlationId: expect.any(String), context: 'ApiError' });
    expect(captured).not.toContain(DEMO.chen.caseId);
    expect(captured).not.toContain('CANARY');
  });
});
