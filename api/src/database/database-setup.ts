import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source.js';
import { ensureAppRole, grantAppRole, userOfUrl } from './database-roles.js';
import { startEmbeddedDatabase } from './embedded-database.js';
import { migrate } from './migrate.js';

export interface PreparedDatabase {
  /** What the API connects with: the app role, or the owner when only DATABASE_URL is set. */
  appUrl: string;
  /** The migrations applied at this start. */
  applied: string[];
  stop(): Promise<void>;
}

export interface SetupLog {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Starts or reaches the database, migrates it as the owner, grants the app role what the API
 * needs, and answers the app role's URL:
 * - DATABASE_URL unset: the embedded PostgreSQL, its passwords in `<dataDir>/pg-credentials.json`;
 * - DATABASE_URL and DATABASE_OWNER_URL: the owner migrates; the role of DATABASE_URL is created
 *   when missing (with DATABASE_URL's password) and granted; the API connects as that role;
 * - DATABASE_URL alone: today's single role, which migrates and runs the API (a warning says so
 *   when that role owns the tables or is a superuser).
 */
export async function prepareDatabase(config: AppConfig, out: SetupLog): Promise<PreparedDatabase> {
  if (!config.databaseUrl) {
    out.log(`DATABASE_URL is not set: starting the embedded PostgreSQL (data in ${config.dataDir})`);
    const embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPgPort, log: (m) => out.log(m) });
    try {
      const applied = await migrateAsOwner(embedded.url, userOfUrl(embedded.appUrl));
      return { appUrl: embedded.appUrl, applied, stop: () => embedded.stop() };
    } catch (error) {
      await embedded.stop().catch(() => undefined);
      throw error;
    }
  }
  const appUrl = config.databaseUrl;
  const ownerUrl = config.databaseOwnerUrl;
  if (ownerUrl && userOfUrl(ownerUrl) !== userOfUrl(appUrl)) {
    await createAppRoleIfMissing(ownerUrl, appUrl, out);
    return { appUrl, applied: await migrateAsOwner(ownerUrl, userOfUrl(appUrl)), stop: async () => undefined };
  }
  if (ownerUrl) out.warn('DATABASE_OWNER_URL names the same role as DATABASE_URL: the app runs as the owner of its tables.');
  const applied = await migrateAsOwner(appUrl, undefined, async (dataSource) => {
    const [me] = await dataSource.query(`
      SELECT r.rolsuper AS superuser, EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid AND c.relname = 'audit_events') AS owner
        FROM pg_roles r WHERE r.rolname = current_user`) as Array<{ superuser: boolean; owner: boolean }>;
    if (me?.superuser || me?.owner) {
      out.warn(`The app connects as ${me.superuser ? 'a superuser' : 'the owner of its tables'} (${userOfUrl(appUrl)}): it could alter the schema and switch off ` +
        'the audit trail\'s protections. Run `npm run db:roles` and set DATABASE_URL to the app role and DATABASE_OWNER_URL to the owner.');
    }
  });
  return { appUrl, applied, stop: async () => undefined };
}

/**
 * Applies pending migrations over a short-lived connection of `ownerUrl`, then (when `appRole` is
 * given) grants that role the application's privileges on everything the owner owns.
 */
export async function migrateAsOwner(ownerUrl: string, appRole: string | undefined, before?: (dataSource: DataSource) => Promise<void>): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(ownerUrl, 2));
  await dataSource.initialize();
  try {
    await before?.(dataSource);
    const applied = await migrate(dataSource).catch((error: unknown) => {
      if ((error as { code?: string }).code === '42501' || /must be owner/.test(String(error))) {
        throw new Error(`The migrations need the owner of the tables: ${String(error)}. Set DATABASE_OWNER_URL to the owner's URL.`);
      }
      throw error;
    });
    if (appRole) await grantAppRole(dataSource, appRole);
    return applied;
  } finally {
    await dataSource.destroy();
  }
}

/** Creates DATABASE_URL's role with DATABASE_URL's password when the server has no such role yet. */
async function createAppRoleIfMissing(ownerUrl: string, appUrl: string, out: SetupLog): Promise<void> {
  const role = userOfUrl(appUrl);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
    if (exists.rowCount) return;
    const password = decodeURIComponent(new URL(appUrl).password) || undefined;
    await ensureAppRole(client, role, password).catch((error: unknown) => {
      throw new Error(`The role ${role} of DATABASE_URL does not exist and the owner cannot create it (${String(error)}). Create it with \`npm run db:roles\`.`);
    });
    out.log(`Created the database role ${role} that the app connects as`);
  } finally {
    await client.end();
  }
}
