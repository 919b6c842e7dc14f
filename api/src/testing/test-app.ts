import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '@attune/domain';
import { createApp } from '../app-factory.js';
import { loadAppConfig, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  /** The app's own connections: the app role, which may read and write rows and nothing more. */
  dataSource: DataSource;
  /** The owner's connection, for what a test does behind the app's back (a trigger, a disabled lock). */
  owner: DataSource;
  config: AppConfig;
  http: ReturnType<typeof request>;
  /** Signs in and returns a client that sends the session cookie and the XSRF header. */
  signIn(email: string, password?: string): Promise<SignedInClient>;
  close(): Promise<void>;
}

export interface SignedInClient {
  userId: string;
  get(url: string): request.Test;
  post(url: string, body?: object): request.Test;
  put(url: string, body?: object): request.Test;
  patch(url: string, body?: object): request.Test;
  /** A DELETE, with a JSON body when one is given (the reason of a correction). */
  delete(url: string, body?: object): request.Test;
}

export const TEST_PASSWORD = 'correct horse battery staple';

const OWNERS = new WeakMap<DataSource, DataSource>();

/** The owner's connection to the database of a test app's `dataSource` (itself when it has none). */
export function ownerOf(dataSource: DataSource): DataSource {
  return OWNERS.get(dataSource) ?? dataSource;
}

/** The whole application on a fresh database of its own, as a user reaches it over HTTP. */
export async function createTestApp(label: string, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(label);
  const config = loadAppConfig({ LOG_LEVEL: 'error', WEB_DIST_DIR: '/nonexistent', LOGIN_THROTTLE_LIMIT: '1000', API_RATE_LIMIT: '100000', DB_POOL_SIZE: '5', ...env });
  // The API under test connects as the app role, as `npm start` does: every test exercises its grants.
  const app = await createApp(config, database.appUrl, { logger: false });
  await app.init();
  const dataSource = app.get(DataSource);
  const owner = new DataSource(dataSourceOptions(database.url, 2));
  await owner.initialize();
  OWNERS.set(dataSource, owner);
  const http = request(app.getHttpServer());
  return {
    app,
    dataSource,
    owner,
    config,
    http,
    async signIn(email: string, password = TEST_PASSWORD) {
      const res = await request(app.getHttpServer()).post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!);
      const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))!.split('=')[1]!;
      const cookie = cookies.join('; ');
      const server = app.getHttpServer();
      const withAuth = (test: request.Test) => test.set('Cookie', cookie).set('X-XSRF-TOKEN', xsrf);
      return {
        userId: res.body.id as string,
        get: (url) => withAuth(request(server).get(url)),
        post: (url, body) => withAuth(request(server).post(url)).send(body ?? {}),
        put: (url, body) => withAuth(request(server).put(url)).send(body ?? {}),
        patch: (url, body) => withAuth(request(server).patch(url)).send(body ?? {}),
        delete: (url, body) => (body === undefined ? withAuth(request(server).delete(url)) : withAuth(request(server).delete(url)).send(body)),
      };
    },
    async close() {
      await app.close();
      await owner.destroy();
      await database.drop();
    },
  };
}

let passwordHash: Promise<string> | undefined;

/** Small builders for test data: a practice with users of the given roles. */
export async function buildPractice(dataSource: DataSource, name = 'Test Practice'): Promise<string> {
  const rows: Array<{ id: string }> = await dataSource.query(`INSERT INTO practices (name) VALUES ($1) RETURNING id`, [name]);
  return rows[0]!.id;
}

export async function buildUser(dataSource: DataSource, practiceId: string, role: Role, email: string, displayName = email.split('@')[0]!): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const rows: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO users (practice_id, email, role, display_name, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [practiceId, email, role, displayName, await passwordHash],
  );
  return rows[0]!.id;
}

export interface DemoTestApp {
  t: TestApp;
  therapist: SignedInClient;
  coach: SignedInClient;
  admin: SignedInClient;
  /** Chen Jing, a client with a portal account. */
  client: SignedInClient;
}

/** The app on a fresh database with the demo practice, and the usual people signed in. */
export async function createDemoTestApp(label: string, env: Record<string, string> = {}): Promise<DemoTestApp> {
  const t = await createTestApp(label, env);
  const { seedDemoData } = await import('../seed/demo-seed.js');
  await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
  return {
    t,
    therapist: await t.signIn('therapist@attune.test'),
    coach: await t.signIn('coach@attune.test'),
    admin: await t.signIn('admin@attune.test'),
    client: await t.signIn('chen.jing@attune.test'),
  };
}

/** A list URL as react-admin's simple REST sends it: each query value JSON-encoded. */
export function listUrl(path: string, query: Record<string, unknown> = {}): string {
  return `${path}?${new URLSearchParams(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)]))).toString()}`;
}
