import 'reflect-metadata';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createApp,
  loadAppConfig,
  type AppConfig,
  startEmbeddedDatabase,
  migrate,
  syncBuiltInExercises,
  DEMO_ACCOUNTS,
  seedDemoData,
} from '@attune/api/testing';

export const DEMO_PASSWORD = 'attune-demo';
export type DemoKey = (typeof DEMO_ACCOUNTS)[number]['key'];
export const demoEmail = (key: DemoKey): string => DEMO_ACCOUNTS.find((a) => a.key === key)!.email;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

export interface TestDatabase {
  /** postgres:// URL of the database the app uses. */
  url: string;
  /** postgres:// URL of the server's maintenance database (for pg_terminate_backend and the like). */
  adminUrl: string;
  stop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A PostgreSQL database of this test file's own: on TEST_DATABASE_URL's server when set,
 * otherwise on an embedded PostgreSQL started for the file and removed afterwards.
 */
export async function startTestDatabase(label: string, options: { durable?: boolean } = {}): Promise<TestDatabase> {
  const name = `attune_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 30)}_${process.pid}`;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const admin = new Client({ connectionString: withDatabase(external, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return {
      url: withDatabase(external, name),
      adminUrl: withDatabase(external, 'postgres'),
      async stop() {
        const c = new Client({ connectionString: withDatabase(external, 'postgres') });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await c.end();
        }
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `attune-${label}-pg-`));
  const embedded = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: name, persistent: false });
  if (!options.durable) {
    // A throw-away server: commits need not wait for the disk (the fault tests keep it durable).
    const admin = new Client({ connectionString: withDatabase(embedded.url, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`ALTER SYSTEM SET synchronous_commit = off`);
      await admin.query(`SELECT pg_reload_conf()`);
    } finally {
      await admin.end();
    }
  }
  return {
    url: embedded.url,
    adminUrl: withDatabase(embedded.url, 'postgres'),
    async stop() {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SignedIn {
  email: string;
  userId: string;
  /** A request with the session cookie and the XSRF header. */
  req(method: HttpMethod, url: string): request.Test;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface DemoApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  config: AppConfig;
  database: TestDatabase;
  /** Base URL of the app, listening on a loopback port of its own. */
  server: string;
  anonymous(method: HttpMethod, url: string): request.Test;
  signIn(email: string, password?: string): Promise<SignedIn>;
  close(): Promise<void>;
}

/**
 * The whole API in this process (no web app), on a database of its own with the migrations and
 * the demo practice of `npm start`, reached over HTTP through supertest.
 */
export async function startDemoApp(label: string, env: Record<string, string> = {}, database?: TestDatabase, options: { logs?: boolean } = {}): Promise<DemoApp> {
  const db = database ?? (await startTestDatabase(label));
  const config = loadAppConfig({
    LOG_LEVEL: 'error', WEB_DIST_DIR: '/nonexistent', LOGIN_THROTTLE_LIMIT: '100000', API_RATE_LIMIT: '100000', DB_POOL_SIZE: '10',
    ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'), ...env,
  });
  const app = await createApp(config, db.url, options.logs ? {} : { logger: false });
  await app.init();
  const dataSource = app.get(DataSource);
  await migrate(dataSource);
  await syncBuiltInExercises(dataSource);
  await seedDemoData(dataSource, { password: DEMO_PASSWORD });
  // One listening socket for the whole file: supertest would otherwise listen and close per request.
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const server = `http://127.0.0.1:${address.port}`;
  return {
    app,
    dataSource,
    config,
    database: db,
    server,
    anonymous: (method, url) => request(server)[method](url),
    async signIn(email, password = DEMO_PASSWORD) {
      return signInOn(server, email, password);
    },
    async close() {
      await app.close();
      if (!database) await db.stop();
    },
  };
}

export async function signInOn(server: Parameters<typeof request>[0], email: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const res = await request(server).post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!);
  const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))!.split('=')[1]!;
  const cookie = cookies.join('; ');
  return {
    email,
    userId: res.body.id as string,
    req: (method, url) => request(server)[method](url).set('Cookie', cookie).set('X-XSRF-TOKEN', xsrf),
  };
}

