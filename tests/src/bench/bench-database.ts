import { startEmbeddedDatabase } from '@attune/api/testing';
import { Client } from 'pg';

export interface BenchDatabase {
  /** The owner's URL: it loads the data and reads the statistics. */
  url: string;
  /** The app role's URL (embedded only): what the API connects as, as under `npm start`. */
  appUrl?: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The benchmark database: DATABASE_URL when given, otherwise an embedded PostgreSQL of its own
 * (data in `dataDir/pg`, kept between runs) on `port`, with pg_stat_statements loaded so the bench
 * can name the statements that cost the most time.
 */
export async function openBenchDatabase(options: { databaseUrl?: string | undefined; dataDir: string; port: number; log?: ((m: string) => void) | undefined }): Promise<BenchDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  }
  let db = await startEmbeddedDatabase({ dataDir: options.dataDir, port: options.port, log: options.log });
  // Settings for the statistics the bench reads; ALTER SYSTEM keeps them in postgresql.auto.conf,
  // so they need one restart the first time.
  const preload = await withClient(db.url, async (c) => (await c.query<{ setting: string }>(`SELECT setting FROM pg_settings WHERE name = 'shared_preload_libraries'`)).rows[0]?.setting ?? '');
  if (!preload.includes('pg_stat_statements')) {
    await withClient(db.url, async (c) => {
      await c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      await c.query(`ALTER SYSTEM SET pg_stat_statements.track = 'all'`);
      await c.query(`ALTER SYSTEM SET track_io_timing = on`);
    });
    await db.stop();
    db = await startEmbeddedDatabase({ dataDir: options.dataDir, port: options.port, log: options.log });
  }
  await withClient(db.url, (c) => c.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`));
  return { url: db.url, appUrl: db.appUrl, embedded: true, stop: () => db.stop() };
}

/** The database settings of an API (or the raw pg server) started on the bench database. */
export function apiDatabaseEnv(db: { url: string; appUrl?: string }): Record<string, string> {
  return db.appUrl ? { DATABASE_URL: db.appUrl, DATABASE_OWNER_URL: db.url } : { DATABASE_URL: db.url };
}

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
