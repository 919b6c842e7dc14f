import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/app-config.js';
import { seedDemoData } from '../seed/demo-seed.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.js';
import { freePort } from '../testing/test-database.js';
import { grantAppRole, userOfUrl, withCredentials } from './database-roles.js';
import { prepareDatabase } from './database-setup.js';
import { setUpAppRole } from './db-roles.js';
import { credentialsFile, LEGACY_EMBEDDED_PASSWORD, startEmbeddedDatabase, type EmbeddedCredentials } from './embedded-database.js';

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function canConnect(url: string): Promise<true | string> {
  try {
    await (await connect(url)).end();
    return true;
  } catch (error) {
    return String(error);
  }
}

function readCredentials(dataDir: string): EmbeddedCredentials {
  return JSON.parse(fs.readFileSync(credentialsFile(dataDir), 'utf8')) as EmbeddedCredentials;
}

function ownerUrlOf(dataSource: DataSource): string {
  return (dataSource.options as { url: string }).url;
}

describe('the embedded PostgreSQL keeps generated passwords, not the one in the source', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-roles-'));
  let port: number;

  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const legacyUrl = () => `postgres://attune:${LEGACY_EMBEDDED_PASSWORD}@127.0.0.1:${port}/attune`;

  it('makes a new data folder with random passwords in a file of mode 0600; the old fixed password does not connect', async () => {
    const db = await startEmbeddedDatabase({ dataDir, port });
    try {
      const file = credentialsFile(dataDir);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const credentials = readCredentials(dataDir);
      expect(credentials.owner.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(credentials.app.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(credentials.app.password).not.toBe(credentials.owner.password);
      expect(await canConnect(legacyUrl())).toMatch(/password authentication failed/);
      expect(await canConnect(db.url)).toBe(true);
      expect(await canConnect(db.appUrl)).toBe(true);
      expect(userOfUrl(db.appUrl)).toBe(credentials.app.user);
    } finally {
      await db.stop();
    }
    // A second start reuses the file: same passwords, still connecting.
    const before = fs.readFileSync(credentialsFile(dataDir), 'utf8');
    const again = await startEmbeddedDatabase({ dataDir, port });
    try {
      expect(fs.readFileSync(credentialsFile(dataDir), 'utf8')).toBe(before);
      expect(await canConnect(again.appUrl)).toBe(true);
    } finally {
      await again.stop();
    }
  });

  it('moves a data folder made with the old fixed password onto generated ones, keeping its data', async () => {
    // Turn the folder into one of the old code: the built-in password, no app role, no credentials file.
    const db = await startEmbeddedDatabase({ dataDir, port });
    const owner = await connect(db.url);
    try {
      await owner.query(`ALTER ROLE attune PASSWORD '${LEGACY_EMBEDDED_PASSWORD}'`);
      await owner.query(`DROP ROLE attune_app`);
      await owner.query(`CREATE TABLE kept (note text)`);
      await owner.query(`INSERT INTO kept VALUES ('from before the upgrade')`);
    } finally {
      await owner.end();
      await db.stop();
    }
    fs.rmSync(credentialsFile(dataDir));
    const messages: string[] = [];
    const upgraded = await startEmbeddedDatabase({ dataDir, port, log: (m) => messages.push(m) });
    try {
      expect(messages.join('\n')).toMatch(/Replacing the embedded PostgreSQL's built-in password/);
      expect(fs.statSync(credentialsFile(dataDir)).mode & 0o777).toBe(0o600);
      expect(await canConnect(legacyUrl())).toMatch(/password authentication failed/);
      const c = await connect(upgraded.url);
      try {
        expect((await c.query(`SELECT note FROM kept`)).rows).toEqual([{ note: 'from before the upgrade' }]);
      } finally {
        await c.end();
      }
      expect(await canConnect(upgraded.appUrl)).toBe(true);
    } finally {
      await upgraded.stop();
    }
  });
});

describe('the API connects as a role that may read and write rows and nothing more', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('database-roles');
    await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
  });
  afterAll(() => t.close());

  it('is not a superuser, owns nothing, and is a member of no role', async () => {
    const [me] = await t.dataSource.query(`
      SELECT r.rolname, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
             (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations,
             (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS schemas,
             (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) AS functions,
             (SELECT count(*)::int FROM pg_database WHERE datdba = r.oid) AS databases,
             (SELECT count(*)::int FROM pg_auth_members WHERE member = r.oid) AS memberships
        FROM pg_roles r WHERE r.rolname = current_user`);
    expect(me).toEqual({
      rolname: 'attune_app', rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false,
      relations: 0, schemas: 0, functions: 0, databases: 0, memberships: 0,
    });
  });

  it('cannot empty, alter, drop or create tables, switch triggers off, or change the audit trail', async () => {
    const refused: Array<[string, RegExp]> = [
      ['TRUNCATE cases', /permission denied/],
      ['TRUNCATE audit_events', /permission denied/],
      ['ALTER TABLE cases ADD COLUMN probe int', /must be owner/],
      ['ALTER TABLE audit_events DISABLE TRIGGER ALL', /must be owner/],
      ['ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only', /must be owner/],
      ['ALTER TABLE therapy_sessions DISABLE TRIGGER therapy_sessions_signed_locked', /must be owner/],
      ['SET session_replication_role = replica', /permission denied/],
      [`UPDATE audit_events SET action = 'changed'`, /permission denied/],
      ['DELETE FROM audit_events', /permission denied/],
      ['DROP TABLE cases', /must be owner/],
      ['DROP TABLE audit_events', /must be owner/],
      ['DROP FUNCTION refuse_audit_change()', /must be owner/],
      ['DROP SCHEMA public CASCADE', /must be owner/],
      ['CREATE TABLE probe (a int)', /permission denied for schema public/],
      [`CREATE FUNCTION probe() RETURNS int LANGUAGE sql AS 'SELECT 1'`, /permission denied for schema public/],
      ['CREATE SCHEMA probe', /permission denied for database/],
      ['CREATE TRIGGER probe BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()', /permission denied/],
      [`INSERT INTO migrations (timestamp, name) VALUES (1, 'Probe1')`, /permission denied/],
    ];
    const outcomes: Record<string, string> = {};
    for (const [sql] of refused) {
      outcomes[sql] = await t.dataSource.query(sql).then(() => 'ran', (error: unknown) => String(error));
    }
    for (const [sql, expected] of refused) expect({ sql, outcome: outcomes[sql] }).toEqual({ sql, outcome: expect.stringMatching(expected) });
    // Granting itself more is a no-op (PostgreSQL only warns): it holds no grant option.
    await t.dataSource.query(`GRANT DELETE ON audit_events TO attune_app`);
    expect(await t.dataSource.query(`SELECT has_table_privilege('audit_events', 'DELETE') AS d`)).toEqual([{ d: false }]);
  });

  it('holds no TRUNCATE, TRIGGER or REFERENCES on any table, and only INSERT and SELECT on audit_events', async () => {
    const rows: Array<{ table: string; privileges: string[] }> = await t.dataSource.query(`
      SELECT c.relname AS table,
             array_remove(ARRAY[
               CASE WHEN has_table_privilege(c.oid, 'SELECT') THEN 'SELECT' END,
               CASE WHEN has_table_privilege(c.oid, 'INSERT') THEN 'INSERT' END,
               CASE WHEN has_table_privilege(c.oid, 'UPDATE') THEN 'UPDATE' END,
               CASE WHEN has_table_privilege(c.oid, 'DELETE') THEN 'DELETE' END,
               CASE WHEN has_table_privilege(c.oid, 'TRUNCATE') THEN 'TRUNCATE' END,
               CASE WHEN has_table_privilege(c.oid, 'TRIGGER') THEN 'TRIGGER' END,
               CASE WHEN has_table_privilege(c.oid, 'REFERENCES') THEN 'REFERENCES' END], NULL) AS privileges
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`);
    const byTable = Object.fromEntries(rows.map((r) => [r.table, r.privileges]));
    expect(byTable.audit_events).toEqual(['SELECT', 'INSERT']);
    expect(byTable.migrations).toEqual(['SELECT']);
    for (const table of ['cases', 'therapy_sessions', 'users', 'login_sessions', 'assignments']) {
      expect({ table, privileges: byTable[table] }).toEqual({ table, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] });
    }
    expect(rows.filter((r) => r.privileges.some((p) => ['TRUNCATE', 'TRIGGER', 'REFERENCES'].includes(p)))).toEqual([]);
  });

  it('still signs people in and writes their audit trail', async () => {
    const therapist = await t.signIn('therapist@attune.test');
    const res = await therapist.get('/api/cases');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1`, [therapist.userId]);
    expect(n).toBeGreaterThan(0);
  });

  it('covers schemas and tables that later migrations add (a job queue\'s `pgboss`), except for audit_events', async () => {
    await t.owner.query(`CREATE SCHEMA probe_queue`);
    await t.owner.query(`CREATE TABLE probe_queue.job (id bigserial PRIMARY KEY, name text NOT NULL)`);
    await grantAppRole(t.owner, 'attune_app');
    await t.dataSource.query(`INSERT INTO probe_queue.job (name) VALUES ('send-reminder')`);
    await t.dataSource.query(`UPDATE probe_queue.job SET name = 'sent'`);
    expect(await t.dataSource.query(`SELECT name FROM probe_queue.job`)).toEqual([{ name: 'sent' }]);
    await t.dataSource.query(`DELETE FROM probe_queue.job`);
    await expect(t.dataSource.query(`TRUNCATE probe_queue.job`)).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`CREATE TABLE probe_queue.mine (a int)`)).rejects.toThrow(/permission denied for schema/);
    // A table the owner adds between migrations (a queue's runtime table) is usable at once.
    await t.owner.query(`CREATE TABLE probe_queue.archive (id bigserial PRIMARY KEY)`);
    await t.dataSource.query(`INSERT INTO probe_queue.archive DEFAULT VALUES`);
    // The grants are applied again after each migrate and leave audit_events append-only.
    await t.owner.query(`GRANT UPDATE, DELETE ON audit_events TO attune_app`);
    await grantAppRole(t.owner, 'attune_app');
    await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
  });
});

describe('an external PostgreSQL: the owner migrates, the app connects as its own role', () => {
  let t: TestApp;
  const suffix = `${process.pid}`;
  const roles: string[] = [];
  const databases: string[] = [];
  beforeAll(async () => {
    t = await createTestApp('database-roles-ext');
  });
  afterAll(async () => {
    for (const database of databases) await t.owner.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    for (const role of roles) {
      await t.owner.query(`DROP OWNED BY ${role}`);
      await t.owner.query(`DROP ROLE IF EXISTS ${role}`);
    }
    await t.close();
  });

  it('`npm run db:roles` creates the role, migrates, grants, and prints a DATABASE_URL that works; a second run rotates the password', async () => {
    const role = `attune_app_cli_${suffix}`;
    roles.push(role);
    const ownerUrl = ownerUrlOf(t.owner);
    const first = await setUpAppRole({ ownerUrl, role });
    expect(first).toMatchObject({ role, created: true, applied: [] });
    expect(userOfUrl(first.url)).toBe(role);
    const app = await connect(first.url);
    try {
      expect((await app.query(`SELECT count(*)::int AS n FROM exercises`)).rows[0].n).toBeGreaterThan(0);
      await expect(app.query(`TRUNCATE exercises`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    const second = await setUpAppRole({ ownerUrl, role, password: 'a given password, with a \' quote' });
    expect(second.created).toBe(false);
    expect(await canConnect(first.url)).toMatch(/password authentication failed/);
    expect(await canConnect(second.url)).toBe(true);
  });

  it('with DATABASE_URL and DATABASE_OWNER_URL, start-up creates the missing role, migrates an empty database as the owner, and answers the role\'s URL', async () => {
    const role = `attune_app_ext_${suffix}`;
    const database = `attune_roles_ext_${suffix}`;
    roles.push(role);
    databases.push(database);
    await t.owner.query(`CREATE DATABASE ${database}`);
    const ownerUrl = new URL(ownerUrlOf(t.owner));
    ownerUrl.pathname = `/${database}`;
    const appUrl = withCredentials(ownerUrl.toString(), role, 'app password from DATABASE_URL');
    const config = loadAppConfig({ DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl.toString(), WEB_DIST_DIR: '/nonexistent' });
    const warnings: string[] = [];
    const prepared = await prepareDatabase(config, { log: () => undefined, warn: (m) => warnings.push(m) });
    expect(prepared.appUrl).toBe(appUrl);
    expect(prepared.applied.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
    const app = await connect(appUrl);
    try {
      const owned = await app.query(`SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`);
      expect(owned.rows[0].n).toBe(0);
      await app.query(`INSERT INTO practices (name) VALUES ('Reached as the app role')`);
      await expect(app.query(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    } finally {
      await app.end();
    }
    // With only DATABASE_URL, as the app role (migrations applied by the owner): it starts, and does not warn.
    const appOnly = await prepareDatabase(loadAppConfig({ DATABASE_URL: appUrl, WEB_DIST_DIR: '/nonexistent' }), { log: () => undefined, warn: (m) => warnings.push(m) });
    expect(appOnly.applied).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('with DATABASE_URL alone naming the owner, it runs as today and warns that the app runs as the owner', async () => {
    const warnings: string[] = [];
    await prepareDatabase(loadAppConfig({ DATABASE_URL: ownerUrlOf(t.owner), WEB_DIST_DIR: '/nonexistent' }), { log: () => undefined, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(/app connects as (a superuser|the owner of its tables).*npm run db:roles/)]);
  });

  it('refuses DATABASE_OWNER_URL without DATABASE_URL', () => {
    expect(() => loadAppConfig({ DATABASE_OWNER_URL: ownerUrlOf(t.owner) })).toThrow(/DATABASE_URL: must be set/);
  });
});
