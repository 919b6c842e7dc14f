import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO } from '../security/fixtures.js';
import { freePort, startDemoApp, type DemoApp, type SignedIn } from '../security/harness.js';
import { RestartableDatabase } from '../support/restartable-database.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * PostgreSQL stopped under a running API: every route answers 503 SERVICE_UNAVAILABLE with
 * Retry-After (an outage, not a bug: clients and proxies retry), and once PostgreSQL is back the
 * same process answers 200 again without a restart.
 */
describe('a database outage', () => {
  let db: RestartableDatabase;
  let dataDir: string;
  let t: DemoApp;
  let therapist: SignedIn;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-outage-pg-'));
    db = new RestartableDatabase(dataDir, await freePort(), 'attune_outage');
    await db.start();
    t = await startDemoApp('outage', { DB_POOL_SIZE: '4' }, db);
    therapist = await t.signIn('therapist@attune.test');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while PostgreSQL is down, then 200 again once it is back', async () => {
    expect((await therapist.req('get', `/api/cases/${DEMO.chen.caseId}`)).status).toBe(200);

    await db.stop();
    const requests: Array<[string, () => ReturnType<SignedIn['req']>]> = [
      ['a case', () => therapist.req('get', `/api/cases/${DEMO.chen.caseId}`)],
      ['a list', () => therapist.req('get', '/api/sessions')],
      ['a change', () => therapist.req('post', '/api/exceptions').send({ caseId: DEMO.chen.caseId, clientId: DEMO.chen.clientId, occurredAt: new Date(Date.now() - 3_600_000).toISOString(), context: 'During the outage' })],
      ['health', () => t.anonymous('get', '/api/health')],
    ];
    for (const [what, send] of requests) {
      const res = await send();
      expect({ what, status: res.status, retryAfter: res.headers['retry-after'], code: res.body.code }).toEqual({ what, status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });
      if (what !== 'health') expect(res.body).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/database.*try again/i), correlationId: res.headers['x-correlation-id'] });
    }

    await db.start();
    // the pool drops the connections PostgreSQL ended; within a few retries the same process answers
    const statuses: number[] = [];
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const status = (await therapist.req('get', `/api/cases/${DEMO.chen.caseId}`)).status;
      statuses.push(status);
      if (status === 200) break;
      await sleep(250);
    }
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect((await t.anonymous('get', '/api/health')).status).toBe(200);
  }, 90_000);
});
