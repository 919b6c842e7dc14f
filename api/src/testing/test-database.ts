import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source.js';
import { DEFAULT_APP_ROLE, ensureAppRole, generateDatabasePassword, grantAppRole, userOfUrl, withCredentials } from '../database/database-roles.js';
import { startEmbeddedDatabase } from '../database/embedded-database.js';
import { migrate } from '../database/migrate.js';
import { syncBuiltInExercises } from '../modules/exercises/built-in-exercises.sync.js';

export const TEMPLATE_DATABASE = 'attune_test_template';
const STATE_FILE = path.join(os.tmpdir(), 'attune-test-db.json');

interface TestDatabaseState {
  /** The owner's (a superuser's) URL of the server. */
  serverUrl: string;
  /** The app role's URL of the server: what the API under test connects with. */
  appServerUrl: string;
  pid: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Starts one PostgreSQL for the whole test run (embedded, or the server of
 * TEST_DATABASE_URL) and builds a migrated template database from which each
 * test file copies a fresh database of its own.
 */
export async function startTestDatabaseServer(): Promise<{ serverUrl: string; stop: () => Promise<void> }> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let appServerUrl: string | undefined;
  let stop = async () => undefined as void;
  if (!serverUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-test-pg-'));
    const embedded = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'postgres', persistent: false });
    serverUrl = embedded.url;
    appServerUrl = embedded.appUrl;
    stop = async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    if (!appServerUrl) {
      // Another server: the app role as `npm run db:roles` makes it, with a password of this run.
      const password = generateDatabasePassword();
      await ensureAppRole(admin, DEFAULT_APP_ROLE, password);
      appServerUrl = withCredentials(serverUrl, DEFAULT_APP_ROLE, password);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  // Migrated and granted as the owner, as the API's start does; each test file's copy keeps the grants.
  const dataSource = new DataSource(dataSourceOptions(withDatabase(serverUrl, TEMPLATE_DATABASE), 2));
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    await grantAppRole(dataSource, userOfUrl(appServerUrl));
    await syncBuiltInExercises(dataSource);
  } finally {
    await dataSource.destroy();
  }
  fs.writeFileSync(STATE_FILE, JSON.stringify({ serverUrl, appServerUrl, pid: process.pid } satisfies TestDatabaseState), { mode: 0o600 });
  process.env.ATTUNE_TEST_SERVER_URL = serverUrl;
  process.env.ATTUNE_TEST_APP_SERVER_URL = appServerUrl;
  return { serverUrl, stop };
}

function testServerState(): Omit<TestDatabaseState, 'pid'> {
  const serverUrl = process.env.ATTUNE_TEST_SERVER_URL;
  const appServerUrl = process.env.ATTUNE_TEST_APP_SERVER_URL;
  if (serverUrl && appServerUrl) return { serverUrl, appServerUrl };
  return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as TestDatabaseState;
}

let counter = 0;

/**
 * A fresh, migrated database for one test file, copied from the template: `url` is the owner's,
 * `appUrl` the app role's (what the API under test connects with).
 */
export async function createTestDatabase(label = 'test'): Promise<{ url: string; appUrl: string; drop: () => Promise<void> }> {
  const { serverUrl, appServerUrl } = testServerState();
  const name = `attune_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${process.pid}_${++counter}_${Date.now() % 100000}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    appUrl: withDatabase(appServerUrl, name),
    drop: async () => {
      const c = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
