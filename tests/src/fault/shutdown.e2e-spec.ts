import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, startAppServer, type AppServer } from '../support/app-server.js';
import { signInOverHttp } from '../support/api-session.js';
import { RestartableDatabase } from '../support/restartable-database.js';


/** Within `ms`, or the reason it did not come. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms); }),
  ]);
}

/**
 * SIGTERM, as a container runtime or systemd sends it: the API stops taking connections, lets the
 * requests it has started finish, closes its database pool and exits 0 — also after PostgreSQL was
 * restarted under it (it used to hang there). Runs the built API as `npm start` does, against a
 * PostgreSQL of the test's own.
 */
describe('stopping the API with SIGTERM', () => {
  let db: RestartableDatabase;
  let dataDir: string;
  let app: AppServer | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-shutdown-'));
    db = new RestartableDatabase(dataDir, await freePort(), 'attune_shutdown');
    await db.start();
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(async () => {
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes a request in flight, refuses new connections, and exits 0', async () => {
    app = await startAppServer({ DATABASE_URL: db.url, SEED_DEMO: '1' });
    const { cookie } = await signInOverHttp(app.url, 'therapist@attune.test');
    const locker = new Client({ connectionString: db.url });
    await locker.connect();
    try {
      // Hold the cases table, so the caseload request below is still running when the signal comes.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE cases IN ACCESS EXCLUSIVE MODE');
      const inFlight = fetch(`${app.url}/api/cases?range=[0,9]`, { headers: { Cookie: cookie } });
      await new Promise((r) => setTimeout(r, 500));
      app.signal('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      await expect(fetch(`${app.url}/api/health`)).rejects.toThrow();
      await locker.query('COMMIT');
      const answer = await within(inFlight, 10_000, 'the request in flight');
      expect(answer.status).toBe(200);
      expect((await answer.json()).length).toBeGreaterThan(0);
    } finally {
      await locker.end();
    }
    expect({ exit: await within(app.exited, 15_000, 'exit after SIGTERM'), output: app.output() }).toEqual({ exit: 0, output: expect.any(String) });
  });

  it('exits 0 on SIGTERM after PostgreSQL was restarted under it', async () => {
    app = await startAppServer({ DATABASE_URL: db.url, SEED_DEMO: '1' });
    const { cookie } = await signInOverHttp(app.url, 'therapist@attune.test');
    // Every pooled connection is busy once, so the restart breaks connections the pool holds.
    await Promise.all(Array.from({ length: 8 }, () => fetch(`${app!.url}/api/cases?range=[0,9]`, { headers: { Cookie: cookie } })));
    await db.restart();
    const afterRestart = await fetch(`${app.url}/api/cases?range=[0,9]`, { headers: { Cookie: cookie } });
    expect([200, 503]).toContain(afterRestart.status);
    app.signal('SIGTERM');
    expect({ exit: await within(app.exited, 15_000, 'exit after SIGTERM'), output: app.output() }).toEqual({ exit: 0, output: expect.any(String) });
  });
});
