import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '@attune/api/testing';
import { DEMO_PASSWORD, freePort, startAppServer, type AppServer } from '../support/app-server.js';

const LEGACY_PASSWORD = 'attune-embedded';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function refusal(url: string): Promise<string> {
  return query(url, 'SELECT 1').then(() => 'connected', (error: unknown) => String(error));
}

/** The roles of the API's own connections to its database (the test's query excluded). */
async function apiRoles(server: AppServer): Promise<string[]> {
  const rows = await query<{ usename: string }>(server.databaseUrl, `
    SELECT DISTINCT usename FROM pg_stat_activity
     WHERE datname = 'attune' AND backend_type = 'client backend' AND pid <> pg_backend_pid() ORDER BY 1`);
  return rows.map((r) => r.usename);
}

async function signIn(server: AppServer): Promise<number> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'therapist@attune.test', password: DEMO_PASSWORD }),
  });
  return res.status;
}

/** `npm start` (the built api/dist/main.js) on the embedded PostgreSQL: its passwords and the role the API runs as. */
describe("the embedded database's roles, as `npm start` runs them", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-e2e-roles-'));
  let pgPort: number;
  beforeAll(async () => {
    pgPort = await freePort();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const start = () => startAppServer({ ATTUNE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) });
  const legacyUrl = () => `postgres://attune:${LEGACY_PASSWORD}@127.0.0.1:${pgPort}/attune`;

  it('keeps generated passwords in a file of mode 0600, refuses the old fixed one, and serves the API as the non-owner attune_app', async () => {
    const server = await start();
    try {
      expect(fs.statSync(path.join(dataDir, 'pg-credentials.json')).mode & 0o777).toBe(0o600);
      expect(await refusal(legacyUrl())).toMatch(/password authentication failed/);
      expect(await signIn(server)).toBe(200);
      expect(await apiRoles(server)).toEqual(['attune_app']);
      const [role] = await query<{ rolsuper: boolean; owned: number }>(server.databaseUrl, `
        SELECT rolsuper, (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned FROM pg_roles r WHERE rolname = 'attune_app'`);
      expect(role).toEqual({ rolsuper: false, owned: 0 });
    } finally {
      await server.stop();
    }
  });

  it('starts on a data folder of the old code (the fixed password, no app role, no credentials file), keeping its data', async () => {
    // Put the folder back as the code before generated passwords left it.
    const db = await startEmbeddedDatabase({ dataDir, port: pgPort });
    try {
      await query(db.url, `DROP OWNED BY attune_app; DROP ROLE attune_app; ALTER ROLE attune PASSWORD '${LEGACY_PASSWORD}'`);
    } finally {
      await db.stop();
    }
    fs.rmSync(path.join(dataDir, 'pg-credentials.json'));
    expect(await refusal(legacyUrl())).toMatch(/ECONNREFUSED/);

    const server = await start();
    try {
      expect(server.output()).not.toMatch(/error/i);
      expect(fs.statSync(path.join(dataDir, 'pg-credentials.json')).mode & 0o777).toBe(0o600);
      expect(await refusal(legacyUrl())).toMatch(/password authentication failed/);
      // The demo practice from the first start is still there: its therapist signs in.
      expect(await signIn(server)).toBe(200);
      expect(await apiRoles(server)).toEqual(['attune_app']);
    } finally {
      await server.stop();
    }
  });
});
