import { randomBytes } from 'node:crypto';
import { type Client, escapeIdentifier, escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** The login role the application connects as; the owner of the tables only migrates. */
export const DEFAULT_APP_ROLE = 'attune_app';

/** The one table the application may only append to and read. */
const APPEND_ONLY_TABLES = new Set(['public.audit_events']);
/** Which migrations ran: the application may read it, never write it. */
const READ_ONLY_TABLES = new Set(['public.migrations']);

export function generateDatabasePassword(): string {
  return randomBytes(24).toString('base64url');
}

/** The role named in a postgres:// URL (percent-decoded). */
export function userOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** `url` with another user and password, same host, port, database and parameters. */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Creates the application's login role, or brings an existing one back to what it must be: able to
 * log in, not a superuser, unable to create roles, databases or replication connections, not
 * bypassing row security, and not a member of any role (so it inherits nobody's ownership).
 * `password` sets its password; undefined leaves an existing role's password as it is.
 * Runs as a role with CREATEROLE (the embedded superuser, or the admin of an external server).
 */
export async function ensureAppRole(admin: Client, role: string, password: string | undefined): Promise<{ created: boolean }> {
  const existing = await admin.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolreplication: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
    `SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1`, [role]);
  const name = escapeIdentifier(role);
  const withPassword = password === undefined ? '' : ` PASSWORD ${escapeLiteral(password)}`;
  const row = existing.rows[0];
  if (!row) {
    await admin.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${withPassword}`);
    return { created: true };
  }
  // Only the attributes that are wrong: a non-superuser admin may not even name SUPERUSER or REPLICATION.
  const fixes = [
    row.rolcanlogin ? '' : 'LOGIN', row.rolsuper ? 'NOSUPERUSER' : '', row.rolcreatedb ? 'NOCREATEDB' : '',
    row.rolcreaterole ? 'NOCREATEROLE' : '', row.rolreplication ? 'NOREPLICATION' : '', row.rolbypassrls ? 'NOBYPASSRLS' : '',
  ].filter(Boolean).join(' ');
  if (fixes || withPassword) await admin.query(`ALTER ROLE ${name}${fixes ? ` ${fixes}` : ''}${withPassword}`);
  const memberships = await admin.query<{ rolname: string }>(
    `SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1`, [role]);
  for (const { rolname } of memberships.rows) await admin.query(`REVOKE ${escapeIdentifier(rolname)} FROM ${name}`);
  return { created: false };
}

interface OwnedObject { schema: string; name: string; kind: string }

/**
 * Gives `appRole` exactly what the application needs on everything the current role (the owner
 * that just ran the migrations) owns in this database: USAGE on its schemas (never CREATE),
 * SELECT/INSERT/UPDATE/DELETE on its tables, USAGE on its sequences; on audit_events only INSERT
 * and SELECT, on the migrations table only SELECT. Never TRUNCATE, REFERENCES or TRIGGER, never
 * ownership, so the role can neither change the schema nor switch a trigger off. Re-run after
 * every migrate: it revokes and grants table by table in one transaction, so tables that later
 * migrations add (and schemas such as pg-boss's `pgboss`) are covered and stale grants go.
 */
export async function grantAppRole(owner: DataSource, appRole: string): Promise<void> {
  await owner.transaction(async (m) => {
    // Two instances starting at once would otherwise race on the same catalog rows ("tuple concurrently updated").
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('attune:grant-app-role'))`);
    const [me] = await m.query(`SELECT current_user AS name, current_database() AS database`) as Array<{ name: string; database: string }>;
    if (me!.name === appRole) throw new Error(`The app role ${appRole} cannot grant itself: run the migrations as the owner`);
    const memberOfOwner = await m.query(`SELECT pg_has_role($1, current_user, 'MEMBER') AS member`, [appRole]) as Array<{ member: boolean }>;
    if (memberOfOwner[0]!.member) throw new Error(`The app role ${appRole} is a member of ${me!.name}, the owner: it would own the tables too. REVOKE ${me!.name} FROM ${appRole}.`);
    const role = escapeIdentifier(appRole);
    await m.query(`GRANT CONNECT ON DATABASE ${escapeIdentifier(me!.database)} TO ${role}`);
    await m.query(`REVOKE CREATE ON DATABASE ${escapeIdentifier(me!.database)} FROM ${role}`);

    // PostgreSQL 15 made this the default; a database from an older version may still let everyone create tables.
    await m.query(`DO $$ BEGIN IF to_regnamespace('public') IS NOT NULL THEN REVOKE CREATE ON SCHEMA public FROM PUBLIC; END IF; END $$`);
    const schemas = await ownerSchemas(m);
    for (const schema of schemas) {
      const s = escapeIdentifier(schema);
      await m.query(`REVOKE CREATE ON SCHEMA ${s} FROM ${role}`);
      await m.query(`GRANT USAGE ON SCHEMA ${s} TO ${role}`);
      // Objects the owner creates outside a migrate (a job queue's runtime tables) are usable at once.
      await m.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`);
      await m.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE ON SEQUENCES TO ${role}`);
    }
    for (const object of await ownedObjects(m)) {
      const qualified = `${escapeIdentifier(object.schema)}.${escapeIdentifier(object.name)}`;
      const key = `${object.schema}.${object.name}`;
      if (object.kind === 'S') {
        await m.query(`REVOKE ALL ON SEQUENCE ${qualified} FROM ${role}`);
        await m.query(`GRANT USAGE ON SEQUENCE ${qualified} TO ${role}`);
        continue;
      }
      const privileges = APPEND_ONLY_TABLES.has(key) ? 'SELECT, INSERT'
        : READ_ONLY_TABLES.has(key) || object.kind === 'v' || object.kind === 'm' ? 'SELECT'
          : 'SELECT, INSERT, UPDATE, DELETE';
      await m.query(`REVOKE ALL ON TABLE ${qualified} FROM ${role}`);
      await m.query(`GRANT ${privileges} ON TABLE ${qualified} TO ${role}`);
    }
  });
}

const SYSTEM_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;
/** Not part of an extension (pg_stat_statements' view belongs to the superuser, not to the app). */
const NOT_EXTENSION = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

/** `public`, every schema the owner owns, and every schema holding something it owns. */
async function ownerSchemas(m: EntityManager): Promise<string[]> {
  const rows = await m.query(`
    SELECT n.nspname AS schema FROM pg_namespace n
     WHERE ${SYSTEM_SCHEMA}
       AND (n.nspname = 'public' OR n.nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
            OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)))
     ORDER BY 1`) as Array<{ schema: string }>;
  return rows.map((r) => r.schema);
}

/** Tables (plain and partitioned, with their partitions), views and sequences the owner owns. */
async function ownedObjects(m: EntityManager): Promise<OwnedObject[]> {
  return m.query(`
    SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${SYSTEM_SCHEMA} AND ${NOT_EXTENSION}
       AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
     ORDER BY 1, 2`) as Promise<OwnedObject[]>;
}
